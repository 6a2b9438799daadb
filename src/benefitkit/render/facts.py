"""Reading facts out of text: numbers, money, percentages, dates, addresses, codes, names and
claim words, each in a comparable form (``ten`` and ``10``, ``$1,499.00`` and ``1499``,
``2027-03-31`` and ``31 March 2027`` read the same).

Known gaps, on purpose: a capitalised word at the start of a sentence is not read as a name
(it is usually an ordinary word), and ``one`` is not read as a number (it is usually a
pronoun).
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

__all__ = ["CLAIM_WORDS", "SENTENCE_MARKS", "Fact", "claim_forms", "extract_facts",
           "facts_across_lines", "source_words", "strip_markup"]

_MONTHS = {m: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for m in names}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_UNITS = ("zero", "_", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen", "twenty")
_TENS = ("_", "_", "_", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_NUMBERS = {w: i for i, w in enumerate(_UNITS) if w != "_"}
_WORD_NUMBERS.update({w: 10 * i for i, w in enumerate(_TENS) if w != "_"})
_WORD_NUMBERS.update({"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
                      "dozen": 12})
_MULTIPLIERS = {"k": 1000, "thousand": 1000, "m": 10**6, "million": 10**6, "mn": 10**6,
                "bn": 10**9, "billion": 10**9}
#: Words that make an offer or a claim; they may appear only if a source uses them.
CLAIM_WORDS = (
    "discount", "rebate", "coupon", "promo", "free", "guarantee", "money-back", "risk-free",
    "warranty", "deadline", "expire", "expires", "expired", "limited-time", "best", "fastest",
    "cheapest", "cheaper", "faster", "leading", "unbeatable", "unmatched", "unlimited",
    "certified", "award", "bonus", "no-cost", "complimentary", "refund", "refundable",
    "lifetime", "cashback", "top-rated", "zero-fee", "fee-free",
)
# Besides "," and ".", amounts are grouped by thousands with a space (fr, sv, pl, nb: a
# no-break, narrow no-break or thin space) or an apostrophe (de_CH); such a mark groups only
# when exactly three digits follow. A plain space never groups: "$29 300 GB" is two numbers.
_GROUP = r"[\u00a0\u202f\u2009'’](?=\d{3}(?!\d))"
_GROUP_RE = re.compile(_GROUP)
_NUM = rf"\d(?:[\d,]|{_GROUP})*(?:\.\d+)?"
# money in any locale: 1,299.50, 1.299,50, 1 299,50 or 1'299.50
_ANYNUM = rf"\d(?:(?:[\d.,]|{_GROUP})*\d)?"
_CUR_CODES = (r"(?:USD|EUR|GBP|CAD|AUD|NZD|JPY|CNY|INR|CHF|SEK|NOK|DKK|PLN|CZK|HUF|SGD|HKD"
              r"|ZAR|MXN|BRL|US\$|CA\$|A\$)")
_DOMAIN_HINT = re.compile(r"@|://|\.(?:gov|com|org|net|io|edu|mil|example|co|us|uk|eu|dev|app)\b")
_URL_RE = re.compile(
    r"(?:https?://)?[\w.+-]++@[\w-]+(?:\.[\w-]+)+|https?://[^\s<>\"”)]+"
    r"|\b[a-z0-9][a-z0-9-]*+(?:\.[a-z0-9-]++)*\.(?:gov|com|org|net|io|edu|mil|example|co|us|uk|eu|dev|app)\b"
    r"(?:/[^\s<>\"”)]*[^\s<>\"”).,;:])?",
    re.IGNORECASE,
)
# Facts start at a digit, a currency sign or a capital (or a lower-case code such as "x86"),
# never mid-word: the guard lets the engine reject most positions at once.
_FACT_RE = re.compile(
    rf"""
    (?<![\w.])(?=[0-9$€£¥₹A-Z]|[a-z]+\d)
    (?:
     (?P<iso>\d{{4}}-\d{{2}}-\d{{2}}\b)
    |(?P<dmy>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\s*,?\s+\d{{4}}\b)
    |(?P<mdy>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s+\d{{4}}\b)
    |(?P<money>(?:[$€£¥₹]|{_CUR_CODES}\s?)\s?{_ANYNUM}(?:\s?(?:k|K|m|M|mn|bn|million|billion|thousand)\b)?
        |{_ANYNUM}\s?(?:£GB|[€£₹]|\$US|US\$|\$(?!\d)|(?:{_CUR_CODES}|dollars|euros|pounds|zł|[DNS]?kr)\b))
    |(?P<percent>{_NUM}\s?(?:%|percent\b|per\s+cent\b))
    |(?P<code>[A-Za-z]++\d[A-Za-z0-9]*\b|\d++[A-Za-z]+[A-Za-z0-9]*\b)
    |(?P<number>{_NUM})
    |(?P<name>[A-Z][\w&]*+(?:[.'’-][A-Za-z0-9]+)*)
    )
    """,
    re.VERBOSE,
)
_LOWER_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
# A fact may run over a line break ("31 March" / "2027", "$5" / "M", "5" / "%"): Markdown
# and HTML show a line break as a space. Such a break has, after it, what can go on with a
# fact (a digit, a month, "%", "million"...) and, before it (past spaces and commas), what
# a fact can stop at to let a space in (a digit, a month, a currency, "of", "per"). Both
# are loose on purpose: a break found needlessly costs one more reading, never a fact.
_BREAK_HEAD = re.compile(
    rf"\n\s*(?=[\d%€£$¥₹,]|(?:of|per|cent|percent|k|K|m|M|mn|bn|million|billion|thousand|"
    rf"dollars|euros|pounds|{_MONTH}|{_CUR_CODES})(?![A-Za-z]))")
_BREAK_TAIL = re.compile(rf"(?:\d(?:st|nd|rd|th)?|[$€£¥₹]|\b(?:of|per|{_MONTH}|{_CUR_CODES}))$")
# How much text before a break is stripped of spaces and commas at a time, and how much
# of what is left is looked at ("September" and the character before it fit).
_TAIL_SPAN = 48
_TAIL_WORD = 16


def _inflections(base: str) -> frozenset[str]:
    """``base`` with each inflectional ending: discount, discounts, discounted, discounting."""
    forms = {base + end for end in ("", "s", "es", "d", "ed", "ing")}
    if base.endswith("e"):
        forms.add(base[:-1] + "ing")
    if base.endswith("y"):
        forms.update((base[:-1] + "ies", base[:-1] + "ied"))
    return frozenset(forms)


# Each written form of a claim word, with every form of the claim words it can be
# ("expires" is "expire" inflected and a claim word of its own): the words a source may
# use to state that claim. A different word that merely starts the same ("freezer",
# "discover", "lead" for "leading") states nothing.
def _claim_forms_table() -> dict[str, frozenset[str]]:
    table: dict[str, frozenset[str]] = {}
    for base in CLAIM_WORDS:
        forms = _inflections(base)
        for form in forms:
            table[form] = table.get(form, frozenset()) | forms
    return table


_CLAIM_FORMS = _claim_forms_table()
_CLAIMS = frozenset(_CLAIM_FORMS)
_WORD_FACTS = _CLAIMS | frozenset(_WORD_NUMBERS)
_WORD_RE = re.compile(r"[A-Za-z0-9][\w&]*(?:[.'’-][A-Za-z0-9]+)*")
_TAG_RE = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]+>", re.IGNORECASE | re.DOTALL)
_LEAD_IN = frozenset(" \t\"“‘'(*_#>-•[")
_STOPS = frozenset(".!?:;\n|—–")
#: What decides whether the next word starts a sentence: stops, and what may sit between a
#: stop and the word.
SENTENCE_MARKS = "".join(sorted(_STOPS | _LEAD_IN))
_OPEN_QUOTES = frozenset("“‘\"")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_INNER_MARKS = re.compile(r"[-/.’']")


@attrs.frozen
class Fact:
    """One fact found in a text.

    Attributes:
        kind: ``number``, ``money``, ``percent``, ``date``, ``url``, ``code``, ``name`` or
            ``claim``.
        text: the words as written.
        keys: what it means, in comparable forms (several when the spelling is ambiguous,
            such as ``1.299`` in a German-formatted amount).
    """

    kind: str
    text: str
    keys: tuple[Any, ...]


def _decimals(raw: str, *, european: bool = False) -> tuple[Decimal, ...]:
    """The numbers a written amount can be: US grouping, then (for money) European; an
    amount grouped by spaces or apostrophes ("1 234,50", "1'234.50") has one reading."""
    out: list[Decimal] = []
    bare = _GROUP_RE.sub("", raw)
    if bare != raw:
        # grouped by spaces or an apostrophe: the comma or point left is the decimal mark
        spellings = [bare.replace(",", ".")] if "." not in bare else [bare.replace(",", "")]
    else:
        spellings = [raw.replace(",", "")]
        if european:
            spellings.append(raw.replace(".", "").replace(",", "."))
    for text in spellings:
        try:
            out.append(Decimal(text).normalize())
        except InvalidOperation:
            continue
    return tuple(dict.fromkeys(out))


def _date(kind: str, text: str) -> dt.date | None:
    try:
        if kind == "iso":
            return dt.date.fromisoformat(text)
        words = re.findall(r"[A-Za-z]+|\d+", text)
        nums = [int(w) for w in words if w.isdigit()]
        month = next(_MONTHS[w.lower()] for w in words if w.lower() in _MONTHS)
        return dt.date(nums[-1], month, nums[0])
    except (ValueError, StopIteration, IndexError):
        return None


def _money_keys(text: str) -> tuple[Decimal, ...]:
    m = re.search(_ANYNUM, text)
    if m is None:
        return ()
    rest = text[m.end():].strip().lower()
    factor = next((v for k, v in _MULTIPLIERS.items() if rest == k), 1)
    return tuple((d * factor).normalize() for d in _decimals(m.group(), european=True))


def _numword(text: str) -> Decimal:
    parts = text.lower().split("-")
    return Decimal(sum(_WORD_NUMBERS[p] for p in parts))


def _at_sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in _LEAD_IN:
        if text[i] in _OPEN_QUOTES:
            return True  # quoted speech starts a sentence of its own
        i -= 1
    return i < 0 or text[i] in _STOPS


def strip_markup(text: str) -> str:
    """Visible text of an HTML page: tags, scripts and styles removed, entities decoded."""
    return html_lib.unescape(_TAG_RE.sub(" ", text))


def extract_facts(text: str, *, html: bool = False, names: bool = True) -> Iterator[Fact]:
    """Every fact-like token in ``text``, in order.

    Args:
        text: generated text (Markdown, plain text or HTML).
        html: strip tags first.
        names: also yield mid-sentence capitalised names and acronyms.
    """
    if html:
        text = strip_markup(text)
    found: list[tuple[int, Fact]] = []
    covered: list[tuple[int, int]] = []
    if _DOMAIN_HINT.search(text):
        for m in _URL_RE.finditer(text):
            raw = m.group()
            found.append((m.start(), Fact("url", raw, (raw.lower().rstrip("."),))))
            covered.append(m.span())

    def inside(pos: int) -> bool:
        return any(a <= pos < b for a, b in covered)

    for m in _FACT_RE.finditer(text):
        if covered and inside(m.start()):
            continue
        fact = _classify(m, text, names)
        if fact is not None:
            found.append((m.start(), fact))
    lowered = text.lower()
    tokens = set(_LOWER_WORD.findall(lowered))
    for word in tokens & _WORD_FACTS or ():
        if covered and any(word in lowered[a:b] for a, b in covered):
            continue
        pos = lowered.find(word)
        raw = text[pos:pos + len(word)]
        if word in _CLAIMS:
            found.append((pos, Fact("claim", raw, (word,))))
        else:
            found.append((pos, Fact("number", raw, (_numword(word),))))
    for word in tokens:
        if "-" not in word:
            continue
        if all(part in _WORD_NUMBERS for part in word.split("-")):
            pos = lowered.find(word)
            found.append((pos, Fact("number", text[pos:pos + len(word)], (_numword(word),))))
        elif word not in _CLAIMS:
            for at, claim in _claims_inside(word):
                if covered and any(word in lowered[a:b] for a, b in covered):
                    break
                pos = lowered.find(word) + at
                found.append((pos, Fact("claim", text[pos:pos + len(claim)], (claim,))))
    found.sort(key=lambda item: item[0])
    return iter([fact for _, fact in found])


def _claims_inside(compound: str) -> list[tuple[int, str]]:
    """The claim words a hyphenated compound is made with ("free-shipping", "zero-fee-card",
    "money-back-guarantee"), longest first, each with where it starts in the compound."""
    parts = compound.split("-")
    starts = [0]
    for part in parts:
        starts.append(starts[-1] + len(part) + 1)
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            joined = "-".join(parts[i:j])
            if joined in _CLAIMS:
                out.append((starts[i], joined))
                i = j
                break
        else:
            i += 1
    return out


def claim_forms(word: str) -> frozenset[str]:
    """The words that state claim word ``word``: its claim word in each inflected form
    ("discounted" is stated by discount, discounts, discounted or discounting)."""
    return _CLAIM_FORMS.get(word, frozenset((word,)))


def _classify(m: re.Match[str], text: str, names: bool) -> Fact | None:
    kind = m.lastgroup
    raw = m.group()
    if kind in ("iso", "dmy", "mdy"):
        day = _date(kind, raw)
        if day is not None:
            return Fact("date", raw, (day,))
        return Fact("number", raw, tuple(d for n in re.findall(_NUM, raw) for d in _decimals(n)))
    if kind == "money":
        return Fact("money", raw, _money_keys(raw))
    if kind == "percent":
        return Fact("percent", raw, _decimals(re.search(_NUM, raw).group()))  # type: ignore[union-attr]
    if kind == "code":
        return Fact("code", raw, (raw.lower(),))
    if kind == "number":
        return Fact("number", raw, _decimals(raw))
    if not names:
        return None
    word = _POSSESSIVE.sub("", raw)
    low = word.lower()
    if low in _WORD_FACTS:
        return None  # the word pass reads it
    acronym = len(word) > 1 and word.isupper()
    if word == "I" or (not acronym and _at_sentence_start(text, m.start())):
        return None
    return Fact("name", raw, (low,))


def facts_across_lines(text: str) -> list[Fact]:
    """The facts of ``text`` that run over one of its line breaks ("$5" / "M").

    The text is read whole, as a reader sees it, but only when it has a break a fact
    could run over: most documents have none.
    """
    for m in _BREAK_HEAD.finditer(text):
        end = m.start()
        while True:  # back past the spaces and commas before the break, however many
            start = max(0, end - _TAIL_SPAN)
            kept = text[start:end].rstrip().rstrip(".,").rstrip()
            if kept or start == 0:
                break
            end = start
        end = start + len(kept)
        if _BREAK_TAIL.search(text, max(0, end - _TAIL_WORD), end):
            return [f for f in extract_facts(text, names=False) if "\n" in f.text]
    return []


def source_words(text: str) -> set[str]:
    """The lower-cased words of a source text, whole and split at hyphens and dots."""
    words: set[str] = set()
    for w in _WORD_RE.findall(text):
        low = (_POSSESSIVE.sub("", w) if w[-1] in "s'’" else w).lower()
        words.add(low)
        if _INNER_MARKS.search(low):
            words.update(p for p in _INNER_MARKS.split(low) if p)
    return words


def number_parts(text: str) -> list[Decimal]:
    """Every run of digits in ``text`` ("31 March 2027" gives 31 and 2027)."""
    return [Decimal(n) for n in re.findall(r"\d+", text)]
