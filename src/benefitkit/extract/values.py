"""Money, percent, date, duration and quantity values in short texts.

The recognisers are regular expressions compiled once at import; the unit, currency and
count-noun lexicons live in ``data/units.yml``. ``find_values`` runs them all over one text
(a feature line, a need sentence) and keeps a non-overlapping set, preferring money over
percent over date over duration over quantity over counts, and longer matches within a kind.

Before anything is matched, URLs, e-mail addresses, phone numbers, part/model codes
(``541-25F18``, ``WH18DSAL``), dotted version numbers, ``4G``/``5G`` and ``24/7`` are masked
out, so their digits never become values. Offsets always index the caller's text.

Canonical units are lower-case singular names or the usual abbreviation (``inch``, ``foot``,
``pound``, ``kilogram``, ``cm``, ``ml``, ``v``, ``mph``...), except the byte units, which are
``KB``, ``MB``, ``GB`` and ``TB``. Durations use ``second``, ``minute``, ``hour``, ``day``,
``week``, ``month`` and ``year``. A count ("5 production sites") is a quantity whose unit is
the singular head noun (``site``). Nothing here reads the clock: dates without a year and
relative phrases are resolved against the ``ref_date`` the caller passes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import itertools
import math
import re
import string
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NamedTuple

import attrs
import yaml
from price_parser import Price

from benefitkit._yaml import safe_load
from benefitkit.errors import BenefitkitError
from benefitkit.model import Value
from benefitkit.vocab import ValueKind

__all__ = [
    "find_values", "parse_date", "parse_money", "relative_span_unit", "resolve_date_phrase",
    "unit_names",
]

_DATA_FILE = Path(__file__).parent / "data" / "units.yml"


# --------------------------------------------------------------------------- lexicons


class _Tables(NamedTuple):
    unit_of: dict[str, str]  # lower-case alias -> canonical unit
    kind_of: dict[str, ValueKind]  # canonical unit -> QUANTITY | DURATION
    strict: frozenset[str]
    case_sensitive: frozenset[str]
    spellings: frozenset[str]  # strict aliases written so are units wherever they stand
    currency_of: dict[str, str]  # symbol (as written) or lower-case word -> ISO code
    codes: tuple[str, ...]
    symbols: tuple[str, ...]
    words: tuple[str, ...]
    stop_words: frozenset[str]
    invariant: frozenset[str]
    not_plural: frozenset[str]
    compound_heads: frozenset[str]
    qualifiers: frozenset[str]  # "more", "extra": may stand between a count and its noun
    model_prefixes: frozenset[str]
    dimensions: frozenset[str]  # length units, the ones a "15 x 8 x 12" list shares
    signed: frozenset[str]  # units whose amounts may be below zero ("-20 °C")


def _table_error(message: str, value: Any = None) -> BenefitkitError:
    return BenefitkitError(
        message,
        code="bad-unit-table",
        path=_DATA_FILE,
        value=value,
        hint="Fix the entry in the units data file",
    )


def _str_list(raw: Any, where: str) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(x, str | int | float) for x in raw):
        raise _table_error(f"{where} must be a list of strings", raw)
    if any(isinstance(x, bool) for x in raw):  # YAML reads a bare yes, no, on or off as a bool
        raise _table_error(f"{where}: quote the words YAML reads as true or false", raw)
    return [str(x) for x in raw]


def _load_tables(path: Path) -> _Tables:
    """Read and check the lexicon file once, so a typo fails at import, not mid-batch."""
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise _table_error(f"cannot read the unit table: {exc}") from exc
    if not isinstance(data, dict):
        raise _table_error("the unit table must be a mapping")

    unit_of: dict[str, str] = {}
    kind_of: dict[str, ValueKind] = {}
    dimensions: set[str] = set()
    signed: set[str] = set()
    for canonical, spec in (data.get("units") or {}).items():
        if not isinstance(spec, dict) or spec.get("kind") not in ("quantity", "duration"):
            raise _table_error(f"unit {canonical!r} needs kind: quantity or duration", spec)
        kind_of[str(canonical)] = ValueKind(spec["kind"])
        if spec.get("dimension"):
            dimensions.add(str(canonical))
        if spec.get("signed"):
            signed.add(str(canonical))
        for alias in _str_list(spec.get("aliases", []), f"units.{canonical}.aliases"):
            key = alias.lower()
            if key in unit_of and unit_of[key] != canonical:
                raise _table_error(f"alias {alias!r} names two units", [unit_of[key], canonical])
            unit_of[key] = str(canonical)

    currency_of: dict[str, str] = {}
    symbols: list[str] = []
    words: list[str] = []
    codes: list[str] = []
    for code, spec in (data.get("currencies") or {}).items():
        if not (isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code)):
            raise _table_error("currency keys must be ISO 4217 codes", code)
        spec = spec or {}
        if spec.get("code_in_text", True):
            codes.append(code)
        for sym in _str_list(spec.get("symbols", []), f"currencies.{code}.symbols"):
            currency_of[sym] = code
            symbols.append(sym)
        for word in _str_list(spec.get("words", []), f"currencies.{code}.words"):
            currency_of[word.lower()] = code
            words.append(word.lower())

    count = data.get("count") or {}

    def words_of(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in _str_list(count.get(key, []), f"count.{key}"))

    return _Tables(
        unit_of=unit_of,
        kind_of=kind_of,
        strict=frozenset(a.lower() for a in _str_list(data.get("strict_aliases", []), "strict")),
        case_sensitive=frozenset(_str_list(data.get("case_sensitive_aliases", []), "case")),
        spellings=frozenset(_str_list(data.get("unit_spellings", []), "unit_spellings")),
        currency_of=currency_of,
        codes=tuple(codes),
        symbols=tuple(symbols),
        words=tuple(words),
        stop_words=words_of("stop_words"),
        invariant=words_of("invariant_nouns"),
        not_plural=words_of("not_plural"),
        compound_heads=words_of("compound_heads"),
        qualifiers=words_of("qualifiers"),
        model_prefixes=words_of("model_prefixes"),
        dimensions=frozenset(dimensions),
        signed=frozenset(signed),
    )


_T = _load_tables(_DATA_FILE)


def _trie(items: Iterable[str]) -> str:
    """A regex matching any of ``items``, as a trie so each position tries few branches.

    Longer items win (greedy), a space matches any run of white space, and backtracking
    still reaches a shorter item when what follows the longer one does not fit.
    """
    root: dict[str, Any] = {}
    for item in items:
        node = root
        for ch in item:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = []
        for ch in sorted(k for k in node if k):
            atom = r"[ \t\u00a0]+" if ch == " " else re.escape(ch)
            branches.append(atom + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return emit(root)


def _alternation(items: Iterable[str]) -> str:
    """A regex alternation that tries longer items first (so "inches" beats "in")."""
    parts = sorted(set(items), key=lambda s: (-len(s), s))
    return "|".join(re.escape(p).replace(r"\ ", r"[ \t\u00a0]+") for p in parts)


# --------------------------------------------------------------------------- numbers

_SMALL_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUE: dict[str, int] = {w: i for i, w in enumerate(_SMALL_WORDS)}
_WORD_VALUE.update({w: 20 + 10 * i for i, w in enumerate(_TENS_WORDS)})
_WORD_VALUE["hundred"] = 100

_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "|".join(_TENS_WORDS)
# An amount of money in words, however long: "fifteen hundred", "two thousand five hundred",
# "one hundred and fifty" (read by _words_amount).
_WORD_ATOM = rf"(?:{_TEENS}|{_ONES}|{_TENS}|hundred|thousand|million)"
_WORD_AMOUNT = (
    # "and" only after a hundred or a scale ("one hundred and fifty"), so "between five and ten
    # thousand" is ten thousand; not after "half" ("one and a half thousand" is no amount here)
    rf"(?<!half )(?<!quarter ){_WORD_ATOM}"
    rf"(?:(?:[ -]+|(?:(?<=hundred)|(?<=thousand)|(?<=million))[ ]+and[ ]+){_WORD_ATOM})*\b"
)
# "a"/"an" are deliberately not numbers: "a 4-hour window" must not read as 1 hour.
_NUMWORD = rf"(?:(?:{_ONES})[ -]hundred|hundred|(?:{_TENS})(?:[ -](?:{_ONES}))?|{_TEENS}|{_ONES})\b"
# Thousands grouped by a mark no list or sentence uses: a no-break, narrow no-break or thin
# space ("1 900,50 €", as fr_FR, sv and nb write it) or an apostrophe ("CHF 1'234.50")
_GROUP_MARKS = "\u00a0\u202f\u2009'\u2019"
# 1 900,50 | 1.299,50 | 1,299.50 / 35,000 | 440.00 / 11,00 / 2027 | .5
_DIGITS = (
    rf"(?:[0-9]{{1,3}}(?:[{_GROUP_MARKS}][0-9]{{3}})+(?:[.,][0-9]{{1,2}})?"
    r"|[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]{1,2}"
    r"|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"
    r"|[0-9]+(?:\.[0-9]+|,[0-9]{1,2}(?![0-9]))?"
    r"|\.[0-9]+)(?![0-9])"
)
_SP = r"[ \t\u00a0]"
# "3/4", "1 5/16"; one that is no fraction ("50/60 Hz") is read as a list by _numbers_in
_FRACTION = r"(?:[0-9]+[ \u00a0]+[0-9]+/[0-9]+|[0-9]+/[0-9]+)(?![/0-9])"
_NUM = rf"(?:{_FRACTION}|{_DIGITS}|{_NUMWORD})"
# Next to a currency, a plain space groups thousands too ("1 900 €", "CHF 2 400"): a price
# is not a list of numbers. Elsewhere "3 500 ml" stays ambiguous and is read as 500 ml.
_MONEY_DIGITS = rf"(?:[0-9]{{1,3}}(?: [0-9]{{3}})+(?:,[0-9]{{1,2}})?(?![0-9])|{_DIGITS})"
# a mark between thousands, taken out before a grouped number is read
_GROUPING_RE = re.compile(rf"(?<=[0-9])[ {_GROUP_MARKS}](?=[0-9]{{3}}(?![0-9]))")
# "60 / 90 seconds": a slash between spaces lists ("1 / 2 inch" is a fraction, see _units);
# so does one with none that is no fraction ("50/60 Hz", "10/100/1000 Mbps")
_SEP = rf"(?:{_SP}*[x×\-–—]{_SP}*|{_SP}+(?:by|to|or|and|through|thru|/){_SP}+|/)"
_NUMLIST = rf"{_NUM}(?:{_SEP}{_NUM}){{0,5}}"
# A list before a unit may sign its later numbers: "-20 to +60 °C", "-20 to -10 °C" (the
# sign is read only for units that go below zero)
_SIGNED_LIST = rf"{_NUM}(?:{_SEP}[+\u2212-]?{_NUM}){{0,5}}"
# Not in the middle of a word, a number, a ratio, a time or a "#5".
_START = r"(?<![\w.,/:#])"
_FLAGS = re.IGNORECASE | re.ASCII
# The hot recognisers run on an ASCII-lower-cased copy of the text without IGNORECASE: sre
# skips a branch on its first literal only when matching case-sensitively, which made the
# unit alternation several times faster. Case matters only in a few checks, made on the
# original text at the same offsets.
_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)

_NUM_RE = re.compile(_NUM, re.ASCII)
_ANY_NUMBER_RE = re.compile(rf"[0-9]|\b(?:{_TEENS}|{_TENS}|{_ONES}|hundred)\b", _FLAGS)


def _to_decimal(raw: str) -> Decimal | None:
    """A number as written (digits, separators, fraction or words) as a Decimal."""
    s = raw.strip().lower()
    try:
        if s.isascii() and s.replace(".", "", 1).isdigit():
            return Decimal(s)  # the common case: "12", "34.04"
        if "/" in s:
            whole, _, frac = s.rpartition(" ")
            num, _, den = frac.partition("/")
            if int(den) == 0:
                return None
            value = Decimal(int(num)) / Decimal(int(den))
            return value + Decimal(int(whole)) if whole.strip() else value
        if s[:1].isalpha():
            return _words_amount(s)
        s = _GROUPING_RE.sub("", s)
        if "," in s and "." in s:
            if s.rfind(",") > s.rfind("."):
                s = s.replace(".", "").replace(",", ".")
            else:
                s = s.replace(",", "")
        elif "," in s:
            thousands = re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+", s)
            s = s.replace(",", "") if thousands else s.replace(",", ".")
        elif s.count(".") > 1:
            s = s.replace(".", "")
        return Decimal(s)
    except (InvalidOperation, ValueError):
        return None


_SCALES = {"thousand": 1000, "million": 10**6}


def _words_amount(s: str) -> Decimal | None:
    """A whole number in words: "fifteen hundred" 1500, "two thousand five hundred" 2500,
    "one hundred and fifty" 150; ``None`` unless the words follow place value ("nineteen
    ninety-nine" is a price read as two numbers, "five ten" no number at all)."""
    total = current = 0
    last = ""  # the kind of the word before: ones, teen, tens, hundred, scale
    scale_seen = 10**12
    for w in re.split(r"[ \-]+", s.lower()):
        if w == "and":
            continue
        if w == "hundred":
            if last not in ("", "ones", "teen") or current >= 100:
                return None  # "twenty hundred", "three hundred five hundred"
            current = (current or 1) * 100
            last = "hundred"
        elif w in _SCALES:
            if _SCALES[w] >= scale_seen:
                return None  # "a thousand million" is not how amounts are written here
            scale_seen = _SCALES[w]
            total += (current or 1) * _SCALES[w]
            current, last = 0, "scale"
        elif w in _WORD_VALUE:
            value = _WORD_VALUE[w]
            kind = "tens" if value >= 20 else "teen" if value >= 10 else "ones"
            if last in ("ones", "teen") or (last == "tens" and kind != "ones"):
                return None
            current += value
            last = kind
        else:
            return None
    return Decimal(total + current)


_MULTIPLIER = {
    "k": 1000,
    "thousand": 1000,
    "grand": 1000,
    "m": 10**6,
    "mm": 10**6,
    "mn": 10**6,
    "million": 10**6,
    "b": 10**9,
    "bn": 10**9,
    "billion": 10**9,
}


def _multiply(amount: Decimal, mult: str | None) -> Decimal:
    if not mult:
        return amount
    result = amount * _MULTIPLIER.get(mult.strip().lower(), 1)
    # "$1.2M" should read back as 1200000, not 1200000.0
    return result.quantize(Decimal(1)) if result == result.to_integral_value() else result


# --------------------------------------------------------------------------- masking

_NETWORK_WORDS = (
    "lte|hspa|network|networks|cellular|connectivity|data|modem|nr|sim|band|bands|mobile|"
    "wi-?fi|ready|enabled|compatible|support|phone|smartphone|speeds?|signal|service|coverage"
)
_TLDS = "com|net|org|gov|edu|io|co|uk|de|fr|eu|us|ca|au|info|biz|ai|app|dev|me|tv"


def _has(pattern: str) -> Callable[[str], bool]:
    rx = re.compile(pattern, _FLAGS)
    return lambda text: rx.search(text) is not None


# Each masker is a cheap trigger and the pattern it guards: most lines trigger none of them,
# and running one big alternation at every position cost more than all recognisers together.
_MASKERS: tuple[tuple[Callable[[str], bool], re.Pattern[str]], ...] = tuple(
    (trigger, re.compile(pattern, _FLAGS))
    for trigger, pattern in [
        (
            lambda t: "://" in t or "www." in t.lower() or "mailto:" in t.lower(),
            r"(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)[^\s<>\"']+",
        ),
        # URL-encoded fragments ("What%27s%20your%20name")
        (
            lambda t: "%" in t,
            r"[^\s<>\"']*%[0-9a-f]{2}[^\s<>\"']*%[0-9a-f]{2}[^\s<>\"']*",
        ),
        (lambda t: "@" in t, r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
        (
            _has(rf"\.(?:{_TLDS})\b"),
            rf"(?<![\w@.-])[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:{_TLDS})\b(?:/[^\s<>\"']*)?",
        ),
        # phone numbers: 1-800-555-0150, (555) 123-4567, +44 20 7946 0958
        (
            _has(r"[0-9]{3}[ .-][0-9]{4}|\+[0-9]"),
            r"(?<![\w/.,-])(?:\+[0-9]{1,3}[ .-]?|1[ .-])?(?:\([0-9]{3}\)[ .-]?|[0-9]{3}[ .-])"
            r"[0-9]{3}[ .-][0-9]{4}(?![\w/-])"
            r"|(?<![\w/.,-])\+[0-9]{1,3}(?:[ .-]?[0-9]{1,4}){2,5}(?![\w/-])",
        ),
        # codes: any token with a letter running into a digit (WH18DSAL, 541-25F18,
        # COVID-19, v2.3); "x" between digits is a dimension, not a code (10x12), and a
        # currency code glued to an amount is a price (USD37.49).
        (
            _has(r"[a-z][-.]?[0-9]"),
            r"(?<![\w.-])(?=[\w.-]*?(?:[a-wyz]|(?<![0-9])x)[-.]?[0-9])"
            rf"(?!(?-i:{'|'.join(_T.codes)})[0-9][0-9.,]*(?![\w-]|\.[0-9]))"
            r"[a-z0-9]+(?:[-._][a-z0-9]+)*",
        ),
        # dotted versions (4.0.1), but not dotted dates (26.04.2027, 2027.04.26)
        (
            _has(r"[0-9]\.[0-9]+\.[0-9]"),
            r"(?<![\w.])(?![0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}(?![\w.]))"
            r"(?![0-9]{4}\.[0-9]{1,2}\.[0-9]{1,2}(?![\w.]))[0-9]+(?:\.[0-9]+){2,}(?![\w.])",
        ),
        # 4G/5G networks, not grams
        (
            _has(r"[2-6]g"),
            r"(?<![\w.])[2-6](?-i:G)(?![\w])"
            rf"|(?<![\w.])[2-6]g(?=[ /+-]*(?:(?:{_NETWORK_WORDS})\b|/|\+))",
        ),
        (
            lambda t: "24" in t,
            r"(?<![0-9/])24 ?/ ?7(?![0-9/])|(?<![0-9])24x7(?![0-9])",
        ),
    ]
)


def _mask(text: str) -> str:
    """The text with non-value digits (URLs, phones, codes...) blanked, offsets unchanged."""
    spans: list[tuple[int, int]] = []
    for trigger, rx in _MASKERS:
        if trigger(text):
            spans.extend(m.span() for m in rx.finditer(text))
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = "\x00" * (end - start)
    return "".join(chars)


# --------------------------------------------------------------------------- candidates

_PRIORITY = {
    "money": 0,
    "percent": 1,
    "date": 2,
    "duration": 3,
    "quantity": 4,
    "count": 5,
}


class _Cand(NamedTuple):
    priority: int
    start: int
    end: int
    kind: ValueKind
    amount: Decimal | None = None
    unit: str | None = None
    currency: str | None = None
    period: str | None = None
    date: dt.date | None = None


def _numbers_in(nums: str, offset: int) -> Iterator[tuple[int, int, Decimal]]:
    """Each number of a matched list ("15 x 8 x 12", "two to three") with its span.

    A slash between two numbers is a fraction only in lowest terms and below one ("3/4",
    "5/16"); otherwise it lists them ("8/16 GB", "4/8 ports").
    """
    for m in _NUM_RE.finditer(nums):
        raw = m.group()
        head, slash, bottom = raw.partition("/")
        top = head.split()[-1] if slash else ""
        if slash and (int(top) >= int(bottom) or math.gcd(int(top), int(bottom)) != 1):
            # "50/60 Hz", and "2 10/100 Mbps" (two ports of 10/100): the slash lists
            start = offset + m.start() + len(head) - len(top)
            yield start, start + len(top), Decimal(top)
            yield start + len(top) + 1, offset + m.end(), Decimal(bottom)
            continue
        value = _to_decimal(raw)
        if value is not None:
            yield offset + m.start(), offset + m.end(), value


# ----- money

_ISO = "|".join(_T.codes)
_SYMBOLS = _alternation(_T.symbols)
_MONEY_MULT = (
    rf"(?:{_SP}?(?i:thousand|million|billion|mn|bn)\b|(?:k|K|m|M|MM|bn|BN|B)(?![A-Za-z0-9])"
    # "30 grand", "£2 grand a month", in lower case and not naming a thing ("grand prize")
    rf"|{_SP}grand\b(?!{_SP}+(?!(?:sterling|quid|dollars?|pounds?|euros?|a|an|per|each|all|in|"
    rf"for|or|and|to|max|tops)\b)[A-Za-z]))"
)
_PERIOD = (
    # "$2 more per device per month": a qualifier may stand between the amount and its period
    rf"(?:(?:{_SP}+(?i:more|extra)(?=\s+(?i:per|a|an|every|each)\b))?"
    rf"{_SP}*(?i:/|\bper\b|\ba\b|\ban\b|\bevery\b|\beach\b){_SP}*"
    rf"(?:[A-Za-z]+(?:{_SP}+[A-Za-z]+)?{_SP}*(?i:/|\bper\b){_SP}*)?"
    r"(?P<per>(?i:years?|yrs?|annum|months?|mos?|mths?|weeks?|wks?|days?|hours?|hrs?|h))\b"
    rf"|{_SP}*\(?(?P<adv>(?i:annually|yearly|monthly|weekly|daily|hourly|p\.a\.|pcm))\)?"
    r"(?![A-Za-z]))?"
)
_CUR = rf"(?:(?<![A-Za-z])(?:{_ISO})(?![A-Za-z])|(?<![A-Za-z])(?:{_SYMBOLS}))"
_MONEY_PRE_RE = re.compile(
    rf"(?P<pre>{_CUR}){_SP}?(?P<num>{_MONEY_DIGITS})(?P<mult>{_MONEY_MULT})?"
    rf"(?:{_SP}?(?P<post>(?:{_ISO})(?![A-Za-z])))?"
    # a range: "$10-20", "$10 to $20", "$10 - $20"; a spaced dash alone is punctuation
    rf"(?:(?:(?:[-–]|{_SP}+to{_SP}+)(?P<pre2>{_CUR})?|{_SP}*[-–]{_SP}*(?P<pre3>{_CUR})){_SP}?"
    rf"(?P<num2>{_MONEY_DIGITS})(?P<mult2>{_MONEY_MULT})?(?!{_SP}*%))?"
    rf"{_PERIOD}",
    re.ASCII,
)
_MONEY_POST_RE = re.compile(
    # an amount in words names its currency in words too: "twelve thousand dollars"
    rf"{_START}(?P<num>{_MONEY_DIGITS}|(?i:{_WORD_AMOUNT}))(?P<mult>{_MONEY_MULT})?{_SP}?"
    rf"(?P<cur>(?:{_ISO}|(?:{_SYMBOLS}))(?![A-Za-z]|{_SP}?[0-9])"  # not "two $50 vouchers"
    # "925 sterling silver" is a metal, not money
    rf"|(?i:{_alternation(_T.words)}|cents?|¢)\b(?!{_SP}+(?i:silver)\b)|¢)"
    rf"{_PERIOD}",
    re.ASCII,
)
# Anything that could start or end a price: a symbol, an upper-case code, a currency word.
_SYMBOL_CHARS = "".join(
    sorted({ch for sym in _T.symbols for ch in sym if not ch.isalnum() and ch != "."})
)
_MONEY_TRIGGER_RE = re.compile(
    rf"[{re.escape(_SYMBOL_CHARS)}¢]|(?<![A-Za-z])[A-Z]{{3}}(?![A-Za-z])"
    rf"|(?<![A-Za-z])(?i:{_alternation(_T.words)}|cents?|"
    rf"{_alternation(s for s in _T.symbols if s.isalpha())})"
)
_PERIOD_NAME = {
    "y": "year",
    "a": "year",
    "m": "month",
    "w": "week",
    "d": "day",
    "h": "hour",
    "p": "year",
}


def _period(m: re.Match[str]) -> str | None:
    word = m.group("per") or m.group("adv")
    if not word:
        return None
    word = word.lower()
    if word.startswith(("mo", "mth", "pcm")):
        return "month"
    return _PERIOD_NAME.get(word[0])


def _currency(token: str) -> str | None:
    token = token.strip()
    if token in _T.codes:
        return token
    return _T.currency_of.get(token) or _T.currency_of.get(token.lower())


def _money_amount(num: str, currency: str | None) -> Decimal | None:
    # price_parser knows decimal separators ("11,00", "1.299,50"); we only hand it a span
    # already known to be a price, never a whole line.
    price = Price.fromstring(_GROUPING_RE.sub("", num), currency_hint=currency)
    return price.amount


def _money(masked: str, lowered: str) -> Iterator[_Cand]:
    if not _MONEY_TRIGGER_RE.search(masked):
        return
    for m in _MONEY_PRE_RE.finditer(masked):
        currency = _currency(m.group("post") or m.group("pre"))
        amount = _money_amount(m.group("num"), currency)
        if currency is None or amount is None:
            continue
        period = _period(m)
        if m.group("num2"):
            second = _money_amount(m.group("num2"), currency)
            yield _Cand(
                0,
                m.start(),
                m.end("mult") if m.group("mult") else m.end("num"),
                ValueKind.MONEY,
                _multiply(amount, m.group("mult")),
                currency=currency,
                period=period,
            )
            if second is not None:
                second_start = min(m.start(g) for g in ("pre2", "pre3", "num2") if m.group(g))
                yield _Cand(
                    0,
                    second_start,
                    m.end(),
                    ValueKind.MONEY,
                    _multiply(second, m.group("mult2")),
                    currency=currency,
                    period=period,
                )
            continue
        yield _Cand(
            0,
            m.start(),
            m.end(),
            ValueKind.MONEY,
            _multiply(amount, m.group("mult")),
            currency=currency,
            period=period,
        )
    for m in _MONEY_POST_RE.finditer(masked):
        word = m.group("cur")
        cents = word.lower().startswith("cent") or word == "¢"
        currency = "USD" if cents else _currency(word)
        if word.lower() == "sterling" and not m.group("mult") and not m.group("num")[:1].isalpha():
            continue  # "925 sterling" is silver; "thirty grand sterling" is money
        num = m.group("num")
        amount = _words_amount(num) if num[:1].isalpha() else _money_amount(num, currency)
        if currency is None or amount is None:
            continue
        amount = _multiply(amount, m.group("mult"))
        if cents:
            amount = amount / 100
        yield _Cand(
            0, m.start(), m.end(), ValueKind.MONEY, amount, currency=currency, period=_period(m)
        )


# ----- percent

_PERCENT_RE = re.compile(
    rf"{_START}(?P<nums>{_NUMLIST}){_SP}*(?:%|percent\b|per{_SP}cent\b|pct\b)", re.ASCII
)


_PERCENT_WORD_RE = re.compile(r"per ?cent|pct", re.ASCII)


def _percents(masked: str, lowered: str) -> Iterator[_Cand]:
    if "%" not in lowered and not _PERCENT_WORD_RE.search(lowered):
        return
    for m in _PERCENT_RE.finditer(lowered):
        spans = list(_numbers_in(m.group("nums"), m.start("nums")))
        for i, (s, e, value) in enumerate(spans):
            end = m.end() if i == len(spans) - 1 else e
            yield _Cand(1, s, end, ValueKind.PERCENT, value)


# ----- dates

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            (),
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for name in names
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])"
)
_WEEKDAY = (
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
    rf"{_SP}+)?"
)
_ORD = r"(?:st|nd|rd|th)?"
# the dash or word between the days of a range in one month: "8–10 June", "June 8 to 10"
# (a word after the last day makes it a count: "June 8 to 10 people")
_COUNT_AFTER_RE = re.compile(r"[ \t\u00a0]+[a-z]", re.ASCII)
_DAY_TO = rf"(?:-|{_SP}*–{_SP}*|{_SP}+(?:to|until|through|thru){_SP}+)"
_DATE_RE = re.compile(
    rf"(?<![\w.,/:#-])(?:"
    r"(?P<iso_y>[0-9]{4})(?P<iso_s>[-/.])(?P<iso_m>[0-9]{1,2})(?P=iso_s)(?P<iso_d>[0-9]{1,2})"
    r"(?![0-9])"
    r"|(?P<n_a>[0-9]{1,2})(?P<n_s>[-/.])(?P<n_b>[0-9]{1,2})(?P=n_s)(?P<n_y>[0-9]{4}|[0-9]{2})"
    r"(?![0-9]|[/.-][0-9]))"
    rf"|(?<!\w){_WEEKDAY}(?:"
    rf"(?P<mdy_m>{_MONTH})\.?{_SP}+(?P<mdy_d>[0-9]{{1,2}}){_ORD}(?![0-9a-z])"
    rf"(?:{_DAY_TO}(?P<mdy_d2>[0-9]{{1,2}}){_ORD}(?![0-9a-z]))?"
    rf"(?:,?{_SP}*(?P<mdy_y>[0-9]{{4}})(?![0-9]))?"
    rf"|(?:(?P<dmy_d0>[0-9]{{1,2}}){_ORD}{_DAY_TO})?"
    rf"(?P<dmy_d>[0-9]{{1,2}}){_ORD}{_SP}+(?:of{_SP}+)?(?P<dmy_m>{_MONTH})\.?"
    rf"(?:,?{_SP}*(?P<dmy_y>[0-9]{{4}})(?![0-9]))?)",
    re.ASCII,
)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _next_date(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The first month/day on or after ``ref`` (Feb 29 waits for a leap year)."""
    for year in range(ref.year, ref.year + 9):
        d = _safe_date(year, month, day)
        if d is not None and d >= ref:
            return d
    return None


def _year(raw: str) -> int:
    y = int(raw)
    if len(raw) == 2:
        return 2000 + y if y < 70 else 1900 + y
    return y


def _dates(
    masked: str, lowered: str, ref: dt.date, day_first: bool | None, any_case: bool = False
) -> Iterator[_Cand]:
    for m in _DATE_RE.finditer(lowered):
        g = m.group
        start, end = m.start(), m.end()
        date: dt.date | None
        if g("iso_y"):
            date = _safe_date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
        elif g("n_a"):
            a, b = int(g("n_a")), int(g("n_b"))
            if a > 12 >= b:
                day, month = a, b
            elif b > 12 >= a or day_first is False:
                month, day = a, b
            else:
                day, month = a, b
            date = _safe_date(_year(g("n_y")), month, day)
        else:
            group = "mdy_m" if g("mdy_m") else "dmy_m"
            month = _MONTHS[g(group)]
            day = int(g("mdy_d") or g("dmy_d"))
            year = g("mdy_y") or g("dmy_y")
            if not (year or any_case or masked[m.start(group)].isupper()):
                # Without a year only a capitalised month counts ("may 5" is rarely a date),
                # unless the text is already known to name a date ("by march 15").
                continue
            # A range of days in one month ("8–10 June 2027", "June 8-10") is two dates: the
            # first day's reaches to its number, the last day's from its number on.
            first = g("dmy_d0") if group == "dmy_m" else g("mdy_d") if g("mdy_d2") else None
            if first is not None:
                last = int(g("dmy_d") or g("mdy_d2"))
                split = m.start("dmy_d") if group == "dmy_m" else m.start("mdy_d2")
                cut = m.end("dmy_d0") if group == "dmy_m" else m.end("mdy_d")
                head = _day_of(year, month, int(first), ref)
                tail = None if head is None else _safe_date(head.year, month, last)
                dashed = group == "mdy_m" and not lowered[cut:split].strip(" \t\u00a0-–")
                if head is not None and tail is not None and head < tail and (
                        dashed or group == "dmy_m"
                        or not _COUNT_AFTER_RE.match(lowered, m.end("mdy_d2"))):
                    yield _Cand(2, start, cut, ValueKind.DATE, date=head)
                    yield _Cand(2, split, end, ValueKind.DATE, date=tail)
                    continue
                # Not a range after all: "June 8 to 10 people" is June 8, "30-2 June" June 2.
                if group == "mdy_m":
                    day, end = int(first), cut
                else:
                    start = split
            date = _day_of(year, month, day, ref)
        if date is not None:
            yield _Cand(2, start, end, ValueKind.DATE, date=date)


def _day_of(year: str | None, month: int, day: int, ref: dt.date) -> dt.date | None:
    """The day in that year, or without one the next such day on or after ``ref``."""
    return _safe_date(int(year), month, day) if year else _next_date(month, day, ref)


# ----- durations and quantities with a unit

_UNIT_RE = re.compile(
    rf"{_START}(?P<nums>{_SIGNED_LIST})(?P<gap>\+?{_SP}*-?{_SP}*)"
    rf"(?:(?P<qual>working|business|calendar|full|whole|free|extra|additional|more){_SP}+)?"
    rf"(?P<unit>{_trie(_T.unit_of)})"
    r"(?:(?<=[a-z0-9.²³])(?![a-z0-9])|(?<![a-z0-9.²³]))",
    re.ASCII,
)
_AGE_RE = re.compile(r"[- ]old\b", re.ASCII)
_MINUS_SIGNS = "-\u2212"
_BEFORE_MINUS = " \t\n\u00a0([:/~"


def _minus_before(text: str, start: int) -> bool:
    """Whether a minus sign is glued to the number at ``start`` and joins it to no word or
    number before it: "-20 °C" and "(−40 °F", not "10-20 °C", "A-12" or "IP-65"."""
    return (start > 0 and text[start - 1] in _MINUS_SIGNS
            and (start == 1 or text[start - 2] in _BEFORE_MINUS))


# the lower-case forms of the aliases matched only as written ("m", "mm", "Nm")
_CASE_SENSITIVE = frozenset(a.lower() for a in _T.case_sensitive)
_TIMES_RE = re.compile(r"[x×]|\bby\b", re.ASCII)
# numbers multiplied by "x" ("20 x 20", "25.4x29.1"), not "24 x 7" (round the clock)
_DIMENSION_LIST_RE = re.compile(r"(?<![0-9])(?!24\s*[x×]\s*7(?![0-9]))[0-9.]+\s*[x×]\s*[0-9]")
# what may follow an alias that is also a word ("2 in 1"): the end, punctuation, a bracket
# opening the same measure in other units ("18.5 in (470 mm)"), another "x NUMBER" or the
# dimension it measures ("60 in wide")
_STRICT_FOLLOW_RE = re.compile(
    rf"{_SP}*(?:$|[.,;:)\]!?/|]|\({_SP}*[0-9]|[x×]{_SP}*[0-9]"
    r"|(?:wide|long|tall|deep|thick|across)\b)", re.ASCII)


def _unit_ok(masked: str, m: re.Match[str], alias: str, kind: ValueKind) -> bool:
    written = masked[m.start("unit") : m.end("unit")]
    gap = m.group("gap")
    if alias in _CASE_SENSITIVE and written not in _T.case_sensitive:
        return False
    if m.group("qual") in ("working", "business", "calendar") and kind is not ValueKind.DURATION:
        return False
    # quote-like symbols only count glued to the number: 9" but not 'Model 5 "Pro"' or "90's"
    if not alias[-1].isalnum() and (
        gap or (alias in ("'", "′") and masked[m.end() : m.end() + 1].isalpha())
    ):
        return False
    if alias == "w" and masked[m.end() : m.end() + 1] == "/":
        return False  # "2 w/ case" is "with"
    if written == "G" and masked[m.end() : m.end() + 1] == "-":
        return False  # "12G-SDI", "5G-ready": a generation or a standard, not grams
    if alias in _T.strict and gap.strip(" \t\u00a0") != "-" and gap and written not in _T.spellings:
        # after a list of dimensions a length is meant ("20 x 20 in racks")
        if _T.unit_of[alias] in _T.dimensions and _DIMENSION_LIST_RE.search(m.group("nums")):
            return True
        return _STRICT_FOLLOW_RE.match(masked, m.end()) is not None
    return True


_FRACTION_DENOMINATORS = frozenset({2, 4, 8, 16})
_IMPERIAL = frozenset({"inch", "foot", "yard", "mile", "pound", "ounce", "fluid ounce", "cup",
                       "quart", "pint", "gallon"})


# the name of a standard or port that a version number follows ("HDMI 2.0", "Wi-Fi 6"); not
# any word in capitals: "DC 12 or 24 V" and "PoE 15 or 30 W" are lists of one unit
_VERSION_BEFORE = re.compile(
    r"\b(?:Wi-?Fi|WiFi|Bluetooth|USB|HDMI|DisplayPort|Thunderbolt|PCIe|SATA|NVMe|Gen|HDCP|"
    r"OCPP|LTE|DDR|LPDDR|iOS|Android|Windows|macOS)[ \t]?$")


def _units(masked: str, lowered: str) -> Iterator[_Cand]:
    for m in _UNIT_RE.finditer(lowered):
        alias = m.group("unit")
        if " " in alias or "\t" in alias or "\u00a0" in alias:
            alias = " ".join(alias.split())
        unit = _T.unit_of.get(alias)
        if unit is None:
            continue
        kind = _T.kind_of[unit]
        if not _unit_ok(masked, m, alias, kind):
            continue
        if kind is ValueKind.DURATION and _AGE_RE.match(lowered, m.end()):
            continue  # "a 60-year-old volunteer" is an age, not a duration
        priority = _PRIORITY["duration" if kind is ValueKind.DURATION else "quantity"]
        spans = list(_numbers_in(m.group("nums"), m.start("nums")))
        if len(spans) == 2 and "/" in lowered[spans[0][1]:spans[1][0]]:
            (_, _, a), (_, _, b) = spans
            if unit in _IMPERIAL and a < b and b in _FRACTION_DENOMINATORS:
                continue  # "1 / 2 inch", "3 / 4 in." are fractions; "8 / 16 GB" a list
            if a >= 1000 and b < 10:
                spans = spans[-1:]  # "4431 / 2 mm": a part number, then the measure
        if len(spans) > 1:
            # "HDMI 2.0, DisplayPort 1.2 and 12G", "Wi-Fi 6 and 2.4 GHz": a number right after
            # a standard's name is its version, and takes no unit from the numbers after it
            versions = [i for i, (s, _, _) in enumerate(spans[:-1])
                        if _VERSION_BEFORE.search(masked, max(0, s - 16), s)]
            if versions:
                spans = spans[versions[-1] + 1:]
        if unit not in _T.dimensions and any(
            _TIMES_RE.search(lowered, a[1], b[0]) for a, b in itertools.pairwise(spans)
        ):
            # "2 x 500mg", "4 x 100 ml": "x" multiplies unless the unit is a length, as in
            # "15 x 8 x 12 inches"
            spans = spans[-1:]
        for i, (s, e, value) in enumerate(spans):
            end = m.end() if i == len(spans) - 1 else e
            if unit in _T.signed and _minus_before(masked, s):
                s, value = s - 1, -value  # "-20 °C": the sign is part of the amount
            yield _Cand(priority, s, end, kind, value, unit=unit)


# ----- counts: "5 production sites", "2 million residents"

_COUNT_SEP = rf"(?:{_SP}*[-–]{_SP}*|{_SP}+(?:to|or|and){_SP}+)"
_COUNT_NUM = rf"(?:[0-9]{{1,3}}(?:[,{_GROUP_MARKS}][0-9]{{3}})+|[0-9]+(?:\.[0-9]+)?|{_NUMWORD})(?![0-9,.]?[0-9])"
_COUNT_RE = re.compile(
    rf"(?<![\w.,/:#$€£¥₹-])(?P<nums>{_COUNT_NUM}(?:{_COUNT_SEP}{_COUNT_NUM}){{0,3}})"
    rf"(?:{_SP}+(?P<mult>thousand|million|billion))?\+?(?={_SP}+[a-z])",
    re.ASCII,
)
_WORD_RE = re.compile(rf"{_SP}+([a-z](?:[a-z'-]*[a-z])?)(?![\w'-])", re.ASCII)
_OR_MORE_RE = re.compile(rf"{_SP}+(?:or|and){_SP}+(?:more|fewer|less|over|above|up)(?![\w'-])")
# "all 23 of our hotels", "12 of these gazebos": the noun comes after "of" and a determiner
_PARTITIVE_RE = re.compile(rf"{_SP}+of{_SP}+(?:our|these|those|the|your|my|their|its){_SP}")
_YEARISH_RE = re.compile(r"(?<![0-9,])(?:19|20)[0-9]{2}(?![0-9,])")
_IRREGULAR_PLURALS = frozenset(
    {"people", "men", "women", "children", "teeth", "mice", "geese", "feet", "dice", "oxen"}
)


@functools.cache
def _inflect_engine() -> Any:
    # imported on first use: only a count needs it
    from benefitkit._inflect import inflect_engine

    return inflect_engine()


@functools.lru_cache(maxsize=8192)
def _singular(word: str) -> str | None:
    """The singular of a plural noun (lower case), or None if ``word`` is not one."""
    if word in _T.not_plural:
        return None
    if word not in _IRREGULAR_PLURALS and (
        not word.endswith("s") or word.endswith(("ss", "us", "is", "'s"))
    ):
        return None
    single = _inflect_engine().singular_noun(word)
    if not isinstance(single, str) or len(single) < 3 or single == word:
        return None
    return single


def _model_number_before(masked: str, start: int) -> bool:
    """Whether the number at ``start`` follows a name that makes it a model or version."""
    before = masked[max(0, start - 40) : start]
    if not before or before[-1] not in " \t\u00a0":
        return False
    parts = before.split()
    if not parts:
        return False
    word = parts[-1]
    lower = word.lower()
    if lower in _T.model_prefixes or lower.rstrip(".:") in _T.model_prefixes:
        return True
    if not word.isalpha():
        return False
    # "ISO 9001 standards", "iPhone 15 cases"; an all-caps line ("ONLY 5 UNITS") is fine.
    if len(word) > 1 and word.isupper():
        after = masked[start:].lstrip("0123456789,. \t\u00a0").split(" ", 1)[0]
        return not after.isupper()
    return any(a.islower() and b.isupper() for a, b in itertools.pairwise(word))


def _counts(masked: str, lowered: str) -> Iterator[_Cand]:
    for m in _COUNT_RE.finditer(lowered):
        mult = m.group("mult")
        raw = m.group("nums")
        if not mult and ("." in raw or _YEARISH_RE.search(raw)):
            # "Bluetooth 5.0 headphones" is a version, "our 2009 mainframe screens" a year
            continue
        head = _count_head(lowered, m.end(), masked)
        if head is None or _model_number_before(masked, m.start()):
            continue
        unit, end = head
        spans = list(_numbers_in(raw, m.start("nums")))
        for i, (s, e, value) in enumerate(spans):
            amount = _multiply(value, mult)
            if amount == 1 or amount == 0:
                continue
            stop = end if i == len(spans) - 1 else e
            yield _Cand(5, s, stop, ValueKind.QUANTITY, amount, unit=unit)


# units named only with capitals ("Pa", "MPa"): in other cases they are words ("PA speakers")
_CAPITAL_UNITS = frozenset(a.lower() for a in _T.case_sensitive if a != a.lower())
_MONEY_WORDS = frozenset(
    form for w in _T.words for form in (w.lower(), w.lower().rstrip("s"))) | {"cent", "cents"}


def _count_head(lowered: str, pos: int, text: str) -> tuple[str, int] | None:
    """The singular head noun after a count and where it ends, within four words (``text``:
    the same text in its own case, for units named only in one case: "PA speakers")."""
    words: list[str] = []
    more = _OR_MORE_RE.match(lowered, pos)
    if more is not None:
        pos = more.end()  # "50 or more bikes"
    else:
        partitive = _PARTITIVE_RE.match(lowered, pos)
        if partitive is not None:
            pos = partitive.end() - 1
    for i in range(4):
        w = _WORD_RE.match(lowered, pos)
        if w is None:
            return None
        lw = w.group(1)
        if i == 0 and lw in _T.qualifiers:
            pos = w.end()  # "6 more campuses": the noun is the next word
            continue
        unit = lw in _T.unit_of and (lw not in _CAPITAL_UNITS
                                     or text[w.start(1):w.end(1)] in _T.case_sensitive)
        if lw in _T.stop_words or lw in _WORD_VALUE or unit or lw in _MONEY_WORDS:
            return None  # a unit word is the unit recogniser's call ("5 years old"), a
            # currency the money recogniser's ("five and ten dollar bundles")
        pos = w.end()
        single = lw if lw in _T.invariant else _singular(lw)
        if single is not None:
            if single in _T.compound_heads and words:
                single = f"{words[-1]} {single}"
            return single, w.end(1)
        words.append(lw)
    return None


# ----- choosing


def _choose(cands: Iterable[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates: higher priority first, then longer, then earlier."""
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (c.priority, c.start - c.end, c.start)):
        if c.end <= c.start:
            continue
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _to_value(text: str, c: _Cand) -> Value:
    return Value(
        kind=c.kind,
        text=text[c.start : c.end],
        amount=c.amount,
        unit=c.unit,
        currency=c.currency,
        period=c.period,
        date=c.date,
        start=c.start,
        end=c.end,
    )


_Recogniser = Callable[[str, str], Iterator[_Cand]]
_RECOGNISERS: tuple[_Recogniser, ...] = (_money, _percents, _units, _counts)


# --------------------------------------------------------------------------- public API


def find_values(text: str, *, ref_date: dt.date, day_first: bool | None = None) -> list[Value]:
    """All money, percent, date, duration and quantity values in ``text``.

    Args:
        text: a feature line, need sentence or any short text.
        ref_date: the date that dates without a year are resolved against (the next such
            day on or after it).
        day_first: how to read an ambiguous numeric date such as ``03/04/2027``; ``None``
            guesses day first. A part above 12 always decides.

    Returns:
        The values in text order, never overlapping; ``text[v.start:v.end] == v.text``.
        Counts ("5 production sites") are quantities whose unit is the singular noun.
    """
    if not _ANY_NUMBER_RE.search(text):
        return []
    if _LONG_GAP_RE.search(text):
        # No value spans a long run of blanks; reading the pieces apart keeps the
        # recognisers, which try the blanks after each position, from going quadratic.
        gaps = list(_LONG_GAP_RE.finditer(text))
        pieces = zip([0] + [g.end() for g in gaps], [g.start() for g in gaps] + [len(text)],
                     strict=True)
        return [attrs.evolve(v, start=v.start + a, end=v.end + a)
                for a, b in pieces
                for v in find_values(text[a:b], ref_date=ref_date, day_first=day_first)]
    masked = _mask(text)
    lowered = masked.translate(_LOWER)
    cands: list[_Cand] = []
    for recognise in _RECOGNISERS:
        cands.extend(recognise(masked, lowered))
    cands.extend(_dates(masked, lowered, ref_date, day_first))
    return [_to_value(text, c) for c in _choose(cands)]


_LONG_GAP_RE = re.compile(r"[ \t\u00a0]{32,}")


_BARE_AMOUNT_RE = re.compile(
    rf"{_SP}*(?P<num>{_DIGITS})(?P<mult>(?:k|m|mm|bn|b)(?![a-z])|{_SP}?(?:thousand|million|billion)\b)?{_SP}*",
    _FLAGS,
)


# The shapes most budget cells take ("$60,000", "USD 250000", "€30,000.50", "95,000 CAD"):
# read directly, since a CRM export can hold a hundred thousand of them.
_PLAIN_MONEY_RE = re.compile(
    r"\s*(?:(?P<sym>[$€£¥₹])\s?|(?P<pre>[A-Z]{3})\s)?"
    r"(?P<num>[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d{1,2}))?"
    r"(?:\s(?P<post>[A-Z]{3}))?\s*"
)


def _plain_money(text: str) -> Value | None:
    """``text`` as money when it is just a number with one currency marker, else None."""
    m = _PLAIN_MONEY_RE.fullmatch(text)
    if m is None:
        return None
    markers = [g for g in (m.group("sym"), m.group("pre"), m.group("post")) if g]
    if len(markers) != 1:
        return None
    marker = markers[0]
    currency = _T.currency_of.get(marker) if m.group("sym") else marker
    if currency is None or currency not in _T.codes:
        return None
    digits = m.group("num").replace(",", "") + (f".{m.group('frac')}" if m.group("frac") else "")
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return Value(kind=ValueKind.MONEY, text=text[start:end], amount=Decimal(digits),
                 currency=currency, start=start, end=end)


def parse_money(text: str) -> Value | None:
    """The first money value in ``text``.

    Understands currency symbols and ISO codes before or after the number ("$60,000",
    "USD 250000", "€30,000", "CAD 95,000", "25k USD", "$1.2M", "1.299,50 €") and a period
    ("$35,000/year"). A text that is only a number ("0", "60000", "60k") is read as an amount
    without a currency (``currency`` is None), so a budget field can be typed bare.

    Args:
        text: the text to read, e.g. a budget field.

    Returns:
        A money ``Value`` with offsets into ``text``, or None when there is no amount.
    """
    fast = _plain_money(text)
    if fast is not None:
        return fast
    masked = _mask(text)
    found = _choose(_money(masked, masked))
    if found:
        return _to_value(text, found[0])
    m = _BARE_AMOUNT_RE.fullmatch(masked)
    if m is None:
        return None
    amount = _to_decimal(m.group("num"))
    if amount is None:
        return None
    return Value(
        kind=ValueKind.MONEY,
        text=text[m.start("num") : m.end("mult") if m.group("mult") else m.end("num")],
        amount=_multiply(amount, m.group("mult")),
        start=m.start("num"),
        end=m.end("mult") if m.group("mult") else m.end("num"),
    )


def parse_date(
    text: str, *, ref_date: dt.date, day_first: bool | None = None, any_case: bool = False
) -> dt.date | None:
    """The first exact date in ``text``.

    Reads ISO dates, "May 28, 2013", "6 December 2026", "Sunday, 29 August 2027",
    "Jun. 11, 2027", "28 Apr 2027" and numeric dates ("26/04/2027", "01/17/2027"). A month
    and year alone ("Dec 2026") is not an exact date. Impossible dates are skipped.

    Args:
        text: the text to read.
        ref_date: resolves a date without a year to the next such day on or after it.
        day_first: how to read an ambiguous numeric date; ``None`` guesses day first.
        any_case: read a month and day without a year in lower case too ("by march 15");
            off by default, as "may 5" in running text is rarely a date.

    Returns:
        The date, or None.
    """
    masked = _mask(text)
    for c in sorted(
        _dates(masked, masked.translate(_LOWER), ref_date, day_first, any_case),
        key=lambda c: c.start,
    ):
        return c.date
    return None


# ----- deadline phrases

_QUARTER_RE = re.compile(
    r"\b(?:q(?P<q>[1-4])|(?P<q2>[1-4])q|(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th|last"
    r"|final)\s+quarter)\b"
    r"(?:[\s/-]*(?:of\s+)?(?:(?:fy|cy|')\s?(?P<yy>[0-9]{2})\b|(?:fy|cy)?\s?(?P<y>[0-9]{4})\b))?",
    _FLAGS,
)
_HALF_RE = re.compile(
    r"\b(?:h(?P<h>[12])|(?P<hw>first|second|1st|2nd)\s+half)\b"
    r"(?:[\s/-]*(?:of\s+)?(?:(?:fy|cy|')\s?(?P<yy>[0-9]{2})\b|(?:fy|cy)?\s?(?P<y>[0-9]{4})\b))?",
    _FLAGS,
)
_MONTH_PHRASE_RE = re.compile(
    r"(?<![\w-])(?:(?P<mod>early|beginning\s+of|start\s+of|mid|middle\s+of|late|end\s+of)"
    r"[\s-]+(?:the\s+)?)?"
    rf"(?P<mon>{_MONTH})\.?(?:,?\s*(?:of\s+)?(?P<y>[0-9]{{4}})(?![0-9]))?",
    _FLAGS,
)
_SEASON_RE = re.compile(
    r"\b(?:by|before|in|until|till|for|this|next|the|of|over|during)\s+(?:the\s+)?"
    r"(?:(?:early|mid|late|end\s+of)[\s-]+)?(?P<s>spring|summer|fall|autumn|winter)\b"
    r"(?:\s+(?:of\s+)?(?P<y>[0-9]{4})\b)?",
    _FLAGS,
)
_RELATIVE_RE = re.compile(
    r"\b(?:(?P<cue>within|in|inside(?:\s+of)?|under|less\s+than|no\s+later\s+than)"
    r"(?:\s+(?:the\s+)?(?:next|coming))?\s+)?"
    rf"(?P<n>{_DIGITS}|{_NUMWORD}|a|an)[\s-]+(?P<qual>working\s+|business\s+|calendar\s+)?"
    r"(?P<u>hours?|days?|weeks?|months?|years?)\b"
    r"(?P<after>(?:'s|')?\s+(?:time|from\s+(?:now|today)))?",
    _FLAGS,
)
_NAMED_RE = re.compile(
    r"\b(?:(?P<which>this|next|the\s+following|current|coming)\s+(?P<p>week|month|quarter|year)"
    r"|end\s+of\s+(?:the\s+|this\s+)?(?P<p2>week|month|quarter|year)"
    r"|(?P<p3>week|month|quarter|year)[\s-]end"
    r"|(?P<eo>eo[wmqy])"
    # "today" alone is mostly not a deadline ("what we pay today")
    r"|(?:by|before|until|till)\s+(?:the\s+end\s+of\s+|end\s+of\s+)?(?P<day>tomorrow|today|tonight)"
    r"|(?P<day2>tomorrow|eod|end\s+of\s+(?:the\s+)?(?:business\s+)?day))\b",
    _FLAGS,
)
_WEEKDAY_RE = re.compile(
    r"\b(?:by|before|on|until|till|this|next|coming|closes|due)\s+"
    r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    _FLAGS,
)
# a bare year counts only after a deadline word ("in 2027", "by the end of 2027"), so
# "mappoint 2013" or "our 2009 screens" name no deadline
_YEAR_RE = re.compile(
    r"\b(?:by|before|in|until|till|through|thru|during|for|end\s+of|early|mid|late)"
    r"[\s-]+(?:the\s+)?(?:end\s+of\s+)?(?:fy\s?|cy\s?)?"
    r"(?P<y>(?:19|20)[0-9]{2})(?![\w/.%-])",
    _FLAGS,
)
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": 4,
    "final": 4,
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(ref: dt.date, months: int) -> dt.date:
    index = ref.year * 12 + ref.month - 1 + months
    year, month = divmod(index, 12)
    year = min(max(year, dt.MINYEAR), dt.MAXYEAR)
    day = min(ref.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def _add_business_days(ref: dt.date, days: int) -> dt.date:
    d = ref
    while days > 0:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            days -= 1
    return d


def _phrase_year(m: re.Match[str], group_yy: str = "yy", group_y: str = "y") -> int | None:
    if group_yy in m.groupdict() and m.group(group_yy):
        return 2000 + int(m.group(group_yy))
    if m.group(group_y):
        return int(m.group(group_y))
    return None


def _period_end(first_month: int, last_month: int, year: int | None, ref: dt.date) -> dt.date:
    """The end of a span of months in ``year``, or its next end on or after ``ref``."""
    if year is not None:
        return _month_end(year, last_month)
    end = _month_end(ref.year, last_month)
    return end if end >= ref else _month_end(ref.year + 1, last_month)


def _quarter_ends(text: str, ref: dt.date) -> Iterator[dt.date]:
    for m in _QUARTER_RE.finditer(text):
        q = int(m.group("q") or m.group("q2") or _ORDINALS[m.group("qw").lower()])
        yield _period_end(3 * q - 2, 3 * q, _phrase_year(m), ref)
    for m in _HALF_RE.finditer(text):
        h = int(m.group("h") or _ORDINALS[m.group("hw").lower()])
        yield _period_end(6 * h - 5, 6 * h, _phrase_year(m), ref)


def _month_ends(text: str, ref: dt.date) -> Iterator[dt.date]:
    for m in _MONTH_PHRASE_RE.finditer(text):
        name = m.group("mon")
        if name.lower() == "may" and not name[0].isupper() and not m.group("y"):
            continue  # "it may take" is not a month
        month = _MONTHS[name.lower()]
        end = _period_end(month, month, int(m.group("y")) if m.group("y") else None, ref)
        mod = (m.group("mod") or "").lower()
        if mod.startswith(("beginning", "start")):
            end = end.replace(day=1)
        elif mod == "early":
            end = end.replace(day=10)
        elif mod.startswith(("mid", "middle")):
            end = end.replace(day=15)
        yield end


def _season_ends(text: str, ref: dt.date) -> Iterator[dt.date]:
    # meteorological seasons of the northern hemisphere; winter Y runs December Y to
    # February Y+1
    for m in _SEASON_RE.finditer(text):
        season = m.group("s").lower()
        year = int(m.group("y")) if m.group("y") else None
        if season == "winter":
            if year is not None:
                yield _month_end(year + 1, 2)
            else:
                end = _month_end(ref.year, 2)
                yield end if end >= ref else _month_end(ref.year + 1, 2)
            continue
        last = {"spring": 5, "summer": 8, "fall": 11, "autumn": 11}[season]
        yield _period_end(last - 2, last, year, ref)


def _relative_ends(text: str, ref: dt.date) -> Iterator[dt.date]:
    for m in _RELATIVE_RE.finditer(text):
        if not (m.group("cue") or m.group("after")):
            continue  # "a 3-year contract" names no deadline
        raw = m.group("n").lower()
        n = Decimal(1) if raw in ("a", "an") else _to_decimal(raw)
        if n is None:
            continue
        count = int(n)
        unit = m.group("u").lower().rstrip("s")
        if unit == "hour":
            yield ref + dt.timedelta(days=-(-count // 24))
        elif unit == "day":
            qual = (m.group("qual") or "").strip().lower()
            if qual in ("working", "business"):
                yield _add_business_days(ref, min(count, 5000))
            else:
                yield ref + dt.timedelta(days=count)
        elif unit == "week":
            yield ref + dt.timedelta(weeks=count)
        elif unit == "month":
            yield _add_months(ref, count)
        else:
            yield _add_months(ref, 12 * count)


def _named_ends(text: str, ref: dt.date) -> Iterator[dt.date]:
    for m in _NAMED_RE.finditer(text):
        day = m.group("day") or m.group("day2")
        if day:
            yield ref + dt.timedelta(days=1) if day.lower() == "tomorrow" else ref
            continue
        eo = (m.group("eo") or "").lower()
        period = (m.group("p") or m.group("p2") or m.group("p3") or "").lower() or {
            "eow": "week",
            "eom": "month",
            "eoq": "quarter",
            "eoy": "year",
        }[eo]
        step = 1 if (m.group("which") or "").lower() in ("next", "the following", "coming") else 0
        if period == "week":
            yield ref + dt.timedelta(days=6 - ref.weekday() + 7 * step)
        elif period == "month":
            first = _add_months(ref.replace(day=1), step)
            yield _month_end(first.year, first.month)
        elif period == "quarter":
            first = _add_months(ref.replace(day=1), 3 * step)
            yield _month_end(first.year, 3 * ((first.month - 1) // 3) + 3)
        else:
            yield dt.date(ref.year + step, 12, 31)
    for m in _WEEKDAY_RE.finditer(text):
        wd = _WEEKDAYS.index(m.group("wd").lower())
        yield ref + dt.timedelta(days=(wd - ref.weekday()) % 7)


# Holidays as deadlines ("before Christmas", "in time for Black Friday"), written without
# apostrophes: fixed days, and the US holidays on the n-th weekday of a month (n = -1: the
# last one).
_FIXED_HOLIDAYS = {
    "christmas eve": (12, 24), "christmas": (12, 25), "xmas": (12, 25),
    "new years eve": (12, 31), "new years day": (1, 1), "new years": (1, 1),
    "new year": (1, 1), "halloween": (10, 31), "valentines day": (2, 14),
    "independence day": (7, 4), "fourth of july": (7, 4), "4th of july": (7, 4),
}  # fmt: skip
# month, weekday (Monday 0), n, days after that day
_WEEKDAY_HOLIDAYS = {
    "thanksgiving": (11, 3, 4, 0), "black friday": (11, 3, 4, 1), "cyber monday": (11, 3, 4, 4),
    "memorial day": (5, 0, -1, 0), "labor day": (9, 0, 1, 0), "labour day": (9, 0, 1, 0),
    "mothers day": (5, 6, 2, 0), "fathers day": (6, 6, 3, 0),
}  # fmt: skip
_HOLIDAY_RE = re.compile(
    r"\b(?P<h>"
    + "|".join(
        re.escape(h).replace(r"\ ", r"\s+")
        for h in sorted([*_FIXED_HOLIDAYS, *_WEEKDAY_HOLIDAYS], key=len, reverse=True)
    )
    + r")\b(?:\s+(?P<y>(?:19|20)[0-9]{2})\b)?",
    _FLAGS,
)
_APOSTROPHES = str.maketrans("", "", "'’")


def _holiday(name: str, year: int) -> dt.date:
    if name in _FIXED_HOLIDAYS:
        return dt.date(year, *_FIXED_HOLIDAYS[name])
    month, weekday, n, after = _WEEKDAY_HOLIDAYS[name]
    if n > 0:
        first = dt.date(year, month, 1)
        day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    else:
        last = _month_end(year, month)
        day = last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    return day + dt.timedelta(days=after)


def _holiday_ends(text: str, ref: dt.date) -> Iterator[dt.date]:
    for m in _HOLIDAY_RE.finditer(text.translate(_APOSTROPHES)):
        name = " ".join(m.group("h").lower().split())
        if m.group("y"):
            yield _holiday(name, int(m.group("y")))
            continue
        day = _holiday(name, ref.year)
        yield day if day >= ref else _holiday(name, ref.year + 1)


def _year_ends(text: str, ref: dt.date) -> Iterator[dt.date]:
    for m in _YEAR_RE.finditer(text):
        yield dt.date(int(m.group("y")), 12, 31)


# A month and day written with a slash right after the cue ("by 12/18", "before 3/1"), or
# further on after "on" or "by" ("before our audit on 2/15"); "24/7" is round the clock and
# "1/2 of" a share, never a day.
_SLASH_DAY_RE = re.compile(
    r"\s*(?:(?:[a-z]+\s+){1,3}?|(?:[a-z]+\s+){1,4}(?:on|by)\s+)"
    r"(?!24/7)(\d{1,2})/(\d{1,2})(?![\d/%])(?!\s*of\b)", re.I)


def _slash_day_ends(text: str, ref: dt.date) -> Iterator[dt.date]:
    # Month first as in the US, unless the first number cannot be a month ("18/12").
    m = _SLASH_DAY_RE.match(text)
    if m is not None:
        a, b = int(m.group(1)), int(m.group(2))
        if a < b <= 10:
            return  # "cut costs by 1/3": a share, not the 3rd of January
        month, day = (b, a) if a > 12 >= b else (a, b)
        found = _next_date(month, day, ref) if month <= 12 else None
        if found is not None:
            yield found


# "by the 15th": a day of the month alone, right after the cue (no month after it, or the
# exact date reading has it)
_DAY_OF_MONTH_RE = re.compile(
    r"\s*[a-z]+(?:\s+[a-z]+){0,2}?\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b"
    # ... with nothing after it that it could be counting ("the 3rd door", "the 5th floor")
    r"(?=\s*(?:$|[.,;:!?)]|(?:for|so|at|latest|please|if|because|when|since|as|but|"
    r"then|we|i|our|my|otherwise)\b))",
    re.I)
_MONTHLY_RE = re.compile(r"\b(?:(?:every|each|per|a)\s+month|monthly|of\s+the\s+month)\b", re.I)


def _day_of_month_ends(text: str, ref: dt.date) -> Iterator[dt.date]:
    m = _DAY_OF_MONTH_RE.match(text)
    if m is None or _MONTHLY_RE.search(text, m.end()):
        return  # "by the 25th, every month": a day that comes round, not a deadline
    day = int(m.group(1))
    if not 1 <= day <= 31:
        return
    # the next such day: this month's if it is still ahead, else the first month that has it
    year, month = ref.year, ref.month
    for _ in range(13):
        found = _safe_date(year, month, day)
        if found is not None and found >= ref:
            yield found
            return
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


_PHRASE_FINDERS: tuple[Callable[[str, dt.date], Iterator[dt.date]], ...] = (
    _slash_day_ends,
    _day_of_month_ends,
    _quarter_ends,
    _month_ends,
    _season_ends,
    _relative_ends,
    _named_ends,
    _holiday_ends,
    _year_ends,
)


def unit_names() -> frozenset[str]:
    """The canonical names of the units values carry ("inch", "second", "GB", "kmh")."""
    return frozenset(_T.kind_of)


def relative_span_unit(text: str) -> str | None:
    """The unit of the span ``text`` opens with after a cue, as ``resolve_date_phrase`` reads
    it: "within 6 weeks" -> ``week``, "in the next 30 days" -> ``day``; else None.

    The unit is ``hour``, ``day``, ``week``, ``month`` or ``year``.
    """
    m = _RELATIVE_RE.match(text)
    if m is None or not m.group("cue"):
        return None
    return m.group("u").lower().rstrip("s")


def resolve_date_phrase(text: str, *, ref_date: dt.date) -> dt.date | None:
    """The last day a deadline phrase allows.

    An exact date in the phrase wins ("before open enrolment on November 1, 2027"). Otherwise
    every deadline the phrase names is resolved and the earliest one on or after
    ``ref_date`` is returned: quarters and halves ("by Q3 2027" -> 2027-09-30, "by Q3" ->
    the next Q3 end), months ("end of March", "before the March store openings" -> the next
    March 31; "by June 2027"; "mid-May" -> the 15th, "early May" -> the 10th), seasons,
    relative spans ("within 6 weeks", "in 90 days", "within 10 business days"), named
    periods ("next month", "this year", "by the end of the year", "EOQ"), weekdays
    ("by Friday"), holidays ("before Christmas", "by Black Friday"), a month and day with a
    slash right after the cue or after "on" further on ("by 12/18", "before our audit on
    2/15"; month first unless it cannot be) and bare years
    ("in 2027" -> 2027-12-31). A phrase is known to name a date, so a month and day count in
    any case ("by march 15").

    Args:
        text: the deadline phrase or the sentence holding it.
        ref_date: today, as far as the phrase is concerned.

    Returns:
        The date, or None when the text names no deadline.
    """
    exact = parse_date(text, ref_date=ref_date, any_case=True)
    if exact is not None:
        return exact
    found: set[dt.date] = set()
    for finder in _PHRASE_FINDERS:
        try:
            found.update(finder(text, ref_date))
        except (ValueError, OverflowError):
            continue  # a deadline past the end of the calendar (year 9999) is no deadline
    if not found:
        return None
    upcoming = [d for d in found if d >= ref_date]
    return min(upcoming) if upcoming else max(found)
