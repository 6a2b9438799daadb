"""The provenance check: every fact in generated text must come from the flier or the profile.

A *fact* is anything a reader could take as a claim about the world (see
``benefitkit.render.facts``): a number, an amount of money, a percentage, a date, a web
address, a code such as ``IP54``, a capitalised name or acronym in mid-sentence, and claim
words (discount, guarantee, free, best...). ``Sources`` holds what the inputs say; ``check``
finds each fact in a generated text and raises ``ProvenanceError`` for the first one the
sources do not support. Discounts, guarantees and other offers count only when the flier
states them: a buyer asking for a guarantee does not make one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from benefitkit.errors import ProvenanceError
from benefitkit.model import Value
from benefitkit.render.facts import (
    SENTENCE_MARKS,
    Fact,
    claim_forms,
    extract_facts,
    number_parts,
    source_words,
    strip_markup,
)

__all__ = ["Fact", "Sources", "check", "check_facts", "extract_facts", "unsupported"]

_MIN_VERBATIM = 8
_CLAUSE_END = ".;:!? "
_NEEDS_FACTS = frozenset({"number", "money", "percent", "date", "code"})
_EMPTY: frozenset[Any] = frozenset()


class Sources:
    """What the inputs say: the numbers, dates and words a generated text may use.

    Build one per profile and one per feature, then ``combine`` them per statement; a
    combination only chains the parts, so it costs nothing to make. Texts are indexed on the
    first question asked, so sources that are never consulted cost almost nothing.
    """

    __slots__ = ("_blob", "_dates", "_lengths", "_mask_only", "_numbers", "_parts", "_pending",
                 "_pending_facts", "_percents", "_sorted", "_verbatim", "_words", "offers")

    def __init__(self, texts: Iterable[str] = (), values: Iterable[Value] = (),
                 numbers: Iterable[Any] = (), dates: Iterable[dt.date] = (), *,
                 offers: bool = True) -> None:
        #: Whether these sources may state offers and claims (the flier may; a profile may
        #: not: a buyer asking for a guarantee does not make one).
        self.offers = offers
        self._mask_only = False
        self._parts: tuple[Sources, ...] = ()
        self._numbers: set[Decimal] = set()
        # what the sources state as a percentage: "85% off" needs one, not 85 employees
        self._percents: set[Decimal] = set()
        self._dates: set[dt.date] = set()
        self._words: set[str] = set()
        self._blob = ""
        self._pending_facts: list[str] = []
        self._sorted: tuple[tuple[str, str, str], ...] | None = None
        self._lengths: tuple[int, ...] = ()
        # what ``add_text`` does, for many texts at once
        self._pending = [t for t in texts if t]
        self._verbatim = [c for t in self._pending
                          if len(c := t.rstrip(_CLAUSE_END)) >= _MIN_VERBATIM]
        for v in values:
            self.add_value(v)
        for n in numbers:
            self._numbers.add(Decimal(str(n)).normalize())
        self._dates.update(dates)

    @classmethod
    def combine(cls, *parts: Sources) -> Sources:
        """All of ``parts`` at once, without copying them."""
        # Built per statement, so it skips __init__ and shares empty containers it never
        # fills (a combination has no texts of its own).
        out = cls.__new__(cls)
        out.offers = True
        out._mask_only = False
        out._parts = parts
        out._numbers = out._dates = out._words = out._percents = _EMPTY  # type: ignore[assignment]
        out._blob = ""
        out._pending = out._pending_facts = out._verbatim = ()  # type: ignore[assignment]
        out._sorted = out._lengths = ()
        return out

    @classmethod
    def checked(cls, texts: Iterable[str]) -> Sources:
        """Texts that already passed the check: quoted whole they are supported, but they
        support nothing else (a fact copied out of them still needs a source of its own)."""
        out = cls(texts)
        out._mask_only = True
        return out

    def add_text(self, text: str) -> None:
        """Everything a source text states: its words, numbers, dates and addresses."""
        if not text:
            return
        self._pending.append(text)
        self._sorted = None
        # without its full stop (which then stays in place); found with its first letter
        # in either case, as the ``sentence`` filter may capitalise it
        clause = text.rstrip(_CLAUSE_END)
        if len(clause) >= _MIN_VERBATIM:
            self._verbatim.append(clause)

    def _index(self) -> None:
        # Words first (names and claims need only these); the numbers and dates a text
        # states are read when a number or date is first asked about.
        pending, self._pending = self._pending, []
        for text in pending:
            self._blob += "\n" + text.lower()
            self._words |= source_words(text)
        self._pending_facts.extend(pending)

    def _index_facts(self) -> None:
        pending, self._pending_facts = self._pending_facts, []
        for text in pending:
            for fact in extract_facts(text, names=False):
                for key in fact.keys:
                    if isinstance(key, dt.date):
                        self._dates.add(key)
                    elif isinstance(key, Decimal):
                        self._numbers.add(key)
                if fact.kind == "date":  # "31 March 2027" also states 31 and 2027
                    self._numbers.update(number_parts(fact.text))
                elif fact.kind == "percent":
                    self._percents.update(k for k in fact.keys if isinstance(k, Decimal))

    def add_value(self, value: Value) -> None:
        """A normalised value: its amount or date, and its own words."""
        if value.amount is not None:
            self._numbers.add(value.amount.normalize())
        if value.date is not None:
            self._dates.add(value.date)
        self.add_text(value.text)

    def mask(self, text: str) -> str:
        """``text`` with every source text it quotes word for word taken out.

        What is quoted whole is supported by definition, so only the rest needs reading.
        Each quote becomes ``x``: a plain word, so a capital after it still counts as
        mid-sentence.
        """
        if self._sorted is None:
            # longest first (a quote inside a longer one goes with it), then by text, so
            # the order never depends on the process; each as (all but its first letter,
            # that letter in the cases it may take, what replaces it)
            quotes = sorted(sorted(set(self._verbatim)), key=len, reverse=True)  # stable
            self._sorted = tuple(map(_quote_form, quotes))
            self._lengths = tuple(-len(q) for q in quotes)  # ascending
        # a quote longer than the text cannot be in it
        first = bisect.bisect_left(self._lengths, -len(text)) if self._lengths else 0
        for body, heads, stand_in in self._sorted[first:] if first else self._sorted:
            i = text.find(body, 1)
            if i > 0:
                text = _replace_whole(text, body, heads, stand_in, i)
        for p in self._parts:
            text = p.mask(text)
        return text

    def add_data(self, data: Any) -> None:
        """Any nested mapping/list of strings, numbers and dates (a profile's ``custom``)."""
        kind = type(data)  # the common leaves first, without the ABC checks below
        if kind is Value:
            self.add_value(data)
        elif kind is int or kind is Decimal:
            self._numbers.add(Decimal(data).normalize())
        elif kind is dt.date:
            self._dates.add(data)
            self.add_text(data.isoformat())
        elif isinstance(data, str):
            self.add_text(data)
        elif isinstance(data, Mapping):
            for k, v in data.items():
                self.add_text(str(k))
                self.add_data(v)
        elif isinstance(data, list | tuple | set | frozenset):
            for v in data:
                self.add_data(v)
        elif isinstance(data, dt.date):
            self._dates.add(data)
            self.add_text(data.isoformat())
        elif isinstance(data, bool) or data is None:
            return
        elif isinstance(data, int | Decimal):
            self._numbers.add(Decimal(data).normalize())
        elif isinstance(data, Value):
            self.add_value(data)
        else:
            self.add_text(str(data))

    def supports(self, fact: Fact, text: str = "") -> bool:
        """Whether any part of these sources states ``fact``.

        Args:
            fact: the fact.
            text: the generated text it came from; a claim word from a profile is allowed
                only where the text quotes that profile sentence word for word.
        """
        if self._mask_only:
            return False
        if self._pending:
            self._index()
        if fact.kind == "claim" and not self.offers:
            return bool(text) and self._quoted(fact.keys[0], text.lower())
        if self._supports_here(fact):
            return True
        return any(p.supports(fact, text) for p in self._parts)

    def _quoted(self, word: str, text: str) -> bool:
        # Every use of the word must lie inside a quote of a line that has it: quoting the
        # buyer's "money-back guarantee" does not let the text offer one a clause later.
        from benefitkit.render.filters import second_person

        pattern = _whole_word(word)
        rest, found = text, False
        for line in self._blob.split("\n"):
            quoted = line.rstrip(".;:!? ")
            if not quoted or pattern.search(quoted) is None:
                continue
            for form in (quoted, second_person(quoted)):
                if form in rest:
                    rest, found = rest.replace(form, " "), True
        return found and pattern.search(rest) is None

    def _supports_here(self, fact: Fact) -> bool:
        kind = fact.kind
        if self._pending_facts and kind in _NEEDS_FACTS:
            self._index_facts()
        if kind == "percent":
            return any(k in self._percents for k in fact.keys)
        if kind in ("number", "money"):
            return any(k in self._numbers for k in fact.keys)
        if kind == "date":
            return any(k in self._dates for k in fact.keys)
        if kind in ("url", "code"):
            key = fact.keys[0]
            return key in self._blob or (kind == "code" and self._code_parts(key))
        if kind == "claim":
            return not self._words.isdisjoint(claim_forms(fact.keys[0]))
        return fact.keys[0] in self._words

    def _code_parts(self, code: str) -> bool:
        # "2GB" is supported by "2 GB"; "21st" by "21".
        parts = re.findall(r"\d+|[a-z]+", code)
        return all(
            (Decimal(p) in self._numbers) if p.isdigit() else (
                p in self._words or p in ("st", "nd", "rd", "th"))
            for p in parts
        )


@functools.lru_cache(maxsize=256)
def _whole_word(word: str) -> re.Pattern[str]:
    # a word, whole or as a part of a hyphenated compound ("money-back" in
    # "money-back-guarantee"), never inside a longer word ("free" in "freedom")
    return re.compile(rf"(?<![a-z]){re.escape(word)}(?![a-z])")


@functools.lru_cache(maxsize=4096)
def _quote_form(quote: str) -> tuple[str, str, str]:
    # Profiles in a batch repeat their needs, roles and industries: worked out once each
    # (bounded: account names are new every row).
    letter = quote[0]
    upper = letter.upper()
    heads = letter + upper if len(upper) == 1 and upper != letter else letter
    # the stand-in keeps what the quote ends with that decides whether the next word
    # starts a sentence, so taking a quote out never turns that word into a name
    return quote[1:], heads, "x" + quote[len(quote.rstrip(SENTENCE_MARKS)):]


def _replace_whole(text: str, body: str, heads: str, stand_in: str, i: int) -> str:
    """``text`` with each whole-word quote replaced by ``stand_in``: a letter of ``heads``
    followed by ``body``, the first ``body`` found at ``i``.

    ``stand_in`` is ``x`` plus the stops and marks the quote ends with: what follows a
    quoted sentence still starts a new one.
    """
    out: list[str] = []
    start, size, end = 0, len(body), len(text)
    while i > 0:
        j = i + size
        head = i - 1
        if (text[head] in heads and (head == 0 or not text[head - 1].isalnum())
                and (j == end or not text[j].isalnum())):
            out.append(text[start:head])
            out.append(stand_in)
            start = j
        i = text.find(body, j + 1)
    if not out:  # found only inside longer words
        return text
    out.append(text[start:])
    return "".join(out)


@functools.lru_cache(maxsize=16384)
def _facts_of(rest: str) -> tuple[Fact, ...]:
    # After masking, what is left is mostly template wording, which repeats from one
    # statement to the next: reading it once is enough.
    return tuple(extract_facts(rest))


def unsupported(text: str, sources: Sources, *, html: bool = False) -> list[Fact]:
    """The facts in ``text`` that ``sources`` do not support, in order."""
    if html:
        text = strip_markup(text)
    return [f for f in _facts_of(sources.mask(text)) if not sources.supports(f, text)]


def check(text: str, sources: Sources, *, template: str, html: bool = False) -> None:
    """Raise if ``text`` states a fact the sources do not support.

    Args:
        text: the generated text.
        sources: what the flier features used and the profile say.
        template: the template that wrote ``text``, for the error.
        html: the text is HTML (tags are not facts).

    Raises:
        ProvenanceError: code ``fact-without-source``, naming the template and the fact.
    """
    if html:
        text = strip_markup(text)
    check_facts(_facts_of(sources.mask(text)), text, sources, template=template)


def check_facts(facts: Iterable[Fact], text: str, sources: Sources, *, template: str) -> None:
    """Raise for the first of ``facts`` (read out of ``text``) that ``sources`` do not support.

    Raises:
        ProvenanceError: code ``fact-without-source``, naming the template and the fact.
    """
    for fact in facts:
        if not sources.supports(fact, text):
            raise ProvenanceError(
                f"the text states {fact.kind} {fact.text!r}, which neither the flier features "
                "used nor the profile state",
                path=template, value=fact.text, field=fact.kind,
                hint="take the fact from a template variable (feature text, values, profile "
                "fields) or remove it from the template",
            )
