"""What the sources say, indexed for the claim check: sentences, values, words, negations.

The sources are the flier's text (every sentence, and each feature's own text) and, when
given, the facts of a comparison file. Values are read with the same recognisers as the
draft (``benefitkit.extract.values``), so "$35,000 a year" and "$35,000/year" agree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence

import attrs

from benefitkit.extract.values import find_values
from benefitkit.lint._lexicon import LEX
from benefitkit.lint._text import split_sentences, stem_sequence
from benefitkit.model import Flier, Value
from benefitkit.vocab import ValueKind

__all__ = ["SourceFact", "SourceIndex", "clauses", "pairs", "scopes", "subject_scopes"]

_NAME_WORD = re.compile(r"[a-z0-9]+")
_CLAUSE_BREAK = re.compile(
    r"\s*[;:—–()]\s*|,\s+(?=(?:which|whose|so|while)\b)"
    # "and" joins clauses only before a new subject: "11ty, Hugo, and Jekyll" is one list
    r"|,?\s+(?=(?:and|but|or|plus)\s+(?:we|it|they|you|your|our|the|this|that|these|those"
    r"|there|he|she|i|its|their|his|her)\b)"
)


@attrs.frozen
class SourceFact:
    """One sentence a claim may rest on.

    Attributes:
        text: the sentence.
        origin: ``flier`` or ``comparison``.
        ref: a feature id, or the source a comparison fact cites.
        seq: its content stems, in order.
        values: the values read from it.
    """

    text: str
    origin: str
    ref: str | None
    seq: tuple[str, ...]
    values: tuple[Value, ...]
    negated: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = ()
    required: tuple[tuple[str, ...], ...] = ()

    @property
    def stems(self) -> frozenset[str]:
        """The set of its content stems."""
        return frozenset(self.seq)


def clauses(text: str) -> list[tuple[int, int]]:
    """Offsets of the clauses of a sentence: split at ``;``, ``:``, dashes, brackets and
    ", and"/", but"/", which"... so each part states one thing."""
    out = []
    pos = 0
    for m in _CLAUSE_BREAK.finditer(text):
        if text[pos:m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def pairs(seq: Sequence[str], reach: int = 2) -> set[tuple[str, str]]:
    """Ordered pairs of stems at most ``reach`` apart: "custom domain", "meet ... IAL2"."""
    return {(seq[i], seq[j]) for i in range(len(seq))
            for j in range(i + 1, min(i + reach + 1, len(seq))) if seq[i] != seq[j]}


def scopes(text: str, cue: re.Pattern[str]) -> Iterator[tuple[str, ...]]:
    """The stems each ``cue`` governs: from the cue to the end of its clause."""
    for _, seq in subject_scopes(text, cue):
        yield seq


def subject_scopes(text: str, cue: re.Pattern[str]
                   ) -> Iterator[tuple[frozenset[str], tuple[str, ...]]]:
    """(what the clause is about, what ``cue`` governs) for each cue: the stems before the
    cue in its clause, and the stems from the cue to the end of the clause."""
    for a, b in clauses(text):
        part = text[a:b]
        for m in cue.finditer(part):
            seq = tuple(stem_sequence(part[m.end():]))
            if seq:
                yield frozenset(stem_sequence(part[:m.start()])), seq


def _fact(text: str, origin: str, ref: str | None, ref_date: dt.date) -> SourceFact:
    text = text.replace("’", "'")
    conditional = bool(LEX.condition.search(text))
    negated = () if conditional else tuple(subject_scopes(text, LEX.negation))
    affirmative = not LEX.negation.search(text)
    required = tuple(scopes(text, LEX.requirement)) if affirmative else ()
    return SourceFact(text, origin, ref, tuple(stem_sequence(text)),
                      tuple(find_values(text, ref_date=ref_date)), negated, required)


class SourceIndex:
    """All source facts, with the questions the claim finders ask of them."""

    def __init__(self, facts: Iterable[SourceFact]) -> None:
        self.facts: tuple[SourceFact, ...] = tuple(facts)
        self.words: frozenset[str] = frozenset(
            w for f in self.facts for w in _NAME_WORD.findall(f.text.lower()))
        self.blob = "\n".join(f.text for f in self.facts)
        affirmed: set[tuple[str, str]] = set()
        for f in self.facts:
            if not f.negated:
                affirmed |= pairs(f.seq)
        self.affirmed = frozenset(affirmed)

    @classmethod
    def build(cls, flier: Flier | None, facts: Iterable[tuple[str, str | None]] = (),
              *, ref_date: dt.date) -> SourceIndex:
        """Index a flier and extra facts (``(claim, source)`` pairs from a comparison)."""
        out: dict[str, SourceFact] = {}
        if flier is not None:
            for s in split_sentences(flier.text, wrapped=False):
                out.setdefault(s.text, _fact(s.text, "flier", None, ref_date))
            for feature in flier.features:
                for s in split_sentences(feature.text):
                    out[s.text] = _fact(s.text, "flier", feature.id, ref_date)
        for claim, source in facts:
            for s in split_sentences(claim) or ():
                out[s.text] = _fact(s.text, "comparison", source, ref_date)
        return cls(out.values())

    def closest(self, text: str) -> SourceFact | None:
        """The fact sharing most content words with ``text`` (None when none shares any)."""
        wanted = frozenset(stem_sequence(text))
        best = max(self.facts, key=lambda f: (len(wanted & f.stems), -len(f.seq)), default=None)
        return best if best is not None and wanted & best.stems else None

    def matching(self, pattern: re.Pattern[str]) -> Iterator[tuple[SourceFact, re.Match[str]]]:
        """Every (fact, match) of ``pattern`` in the sources."""
        for f in self.facts:
            for m in pattern.finditer(f.text):
                yield f, m

    def has_words(self, name: str) -> bool:
        """Whether every word of ``name`` occurs in the sources."""
        found = _NAME_WORD.findall(name.lower())
        return bool(found) and all(w in self.words for w in found)

    def value(self, v: Value) -> tuple[SourceFact | None, SourceFact | None]:
        """(a fact stating ``v``, a fact with the same figure in other terms)."""
        near = None
        for f in self.facts:
            for s in f.values:
                if _same_figure(v, s):
                    if _same_terms(v, s):
                        return f, None
                    # only money has other terms worth naming: "$21,000" beside "/year"
                    if v.kind is ValueKind.MONEY:
                        near = near or f
        return None, near


def _same_figure(a: Value, b: Value) -> bool:
    if a.kind is ValueKind.DATE or b.kind is ValueKind.DATE:
        return a.date is not None and a.date == b.date
    return a.amount is not None and a.amount == b.amount and (
        (a.kind is ValueKind.MONEY) == (b.kind is ValueKind.MONEY))


def _same_terms(a: Value, b: Value) -> bool:
    """Same unit, currency and period: "$21,000" is not "$21,000/year"."""
    if a.kind is ValueKind.MONEY:
        return a.period == b.period and (a.currency == b.currency or None in (a.currency,
                                                                           b.currency))
    if a.kind is ValueKind.PERCENT or a.kind is ValueKind.DATE:
        return a.kind == b.kind
    if a.unit == b.unit:
        return True
    # counts name their thing: "five custom domains" and "5 domains" count the same thing
    return bool(a.unit and b.unit and a.unit.split()[-1] == b.unit.split()[-1])
