"""Language filters that make templates read naturally, behind one small interface.

Grammar comes from maintained libraries: inflect for articles, plurals, verb agreement,
number words and list joining (one engine shared with the value reader, imported on first
use: see ``benefitkit._inflect``), Babel for money and dates. The only rules written here are the fixes inflect
needs: letter-by-letter acronyms ("an SLA", "a USB hub") and numbers ("an 8-hour shift").

Every filter takes and returns plain text, so HTML autoescaping still applies to its output.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from decimal import Decimal
from typing import Any

from benefitkit.model import Value

__all__ = [
    "FILTERS",
    "a_an",
    "agree",
    "clause",
    "date",
    "duration",
    "fresh",
    "join_list",
    "money",
    "number_words",
    "opener",
    "plural",
    "possessive",
    "second_person",
    "sentence",
]

# Letters whose spoken name starts with a vowel sound: "an F", "an S", "an X".
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
# Acronyms said as words, so the article follows the sound of the word ("a NASA", "a RAM").
_WORD_ACRONYMS = frozenset(
    {"NASA", "NATO", "RAM", "ROM", "LAN", "WAN", "ISO", "GIF", "JPEG", "SIM", "PIN", "PIV",
     "CAC", "OSHA", "HIPAA", "FERPA", "SCUBA", "LASER", "RADAR", "SONAR", "ASAP", "UNESCO",
     "IDEA", "SOC", "CAD", "CAM", "WIFI", "FIFO", "LIFO", "SKU", "MOOC", "NAS", "VAT"}
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]*[A-Z0-9]$")
_LEADING_NUMBER = re.compile(r"^(\d[\d,]*)")
_PERIOD_WORDS = {"year": "a year", "month": "a month", "week": "a week", "day": "a day",
                 "hour": "an hour", "user": "per user", "one-time": "one-time"}
_PRONOUNS = {"i": "you", "we": "you", "me": "you", "us": "you", "my": "your", "our": "your",
             "mine": "yours", "ours": "yours", "myself": "yourself", "ourselves": "yourselves",
             "i'm": "you're", "we're": "you're", "i've": "you've", "we've": "you've",
             "i'd": "you'd", "we'd": "you'd", "i'll": "you'll", "we'll": "you'll", "i am": "you are",
             "i’m": "you’re", "we’re": "you’re", "i’ve": "you’ve", "we’ve": "you’ve"}
# Longest first, so "I am" wins over "I".
_PRONOUN_RE = re.compile(
    r"\b(" + "|".join(re.escape(p) for p in sorted(_PRONOUNS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


@functools.cache
def _inflect() -> Any:
    from benefitkit._inflect import inflect_engine

    return inflect_engine()


def _count(n: Any) -> int | float:
    """A count inflect accepts: ints stay ints, Decimal 3.0 becomes 3."""
    if isinstance(n, bool):
        return int(n)
    if isinstance(n, Decimal):
        return int(n) if n == n.to_integral_value() else float(n)
    if isinstance(n, int | float):
        return n
    return int(str(n).replace(",", ""))


def _number_article(digits: str) -> str:
    """The article for a word that starts with a number as it is said aloud."""
    d = digits.replace(",", "")
    if d.startswith("8"):
        return "an"
    # 11 and 18 (and 11,000 or 18 million) start with a vowel sound.
    if d[:2] in ("11", "18") and len(d) % 3 == 2:
        return "an"
    return "a"


def a_an(phrase: str) -> str:
    """The phrase with the right indefinite article: "an SLA", "a USB hub", "an hour".

    Args:
        phrase: a noun phrase without an article.
    """
    text = str(phrase).strip()
    if not text:
        return text
    first = re.split(r"[\s\-/]", text, maxsplit=1)[0]
    if m := _LEADING_NUMBER.match(first):
        return f"{_number_article(m.group(1))} {text}"
    if _ACRONYM.match(first) and first.upper() not in _WORD_ACRONYMS:
        return f"{'an' if first[0] in _VOWEL_LETTERS else 'a'} {text}"
    return str(_inflect().a(text))


def plural(noun: str, n: Any = 2) -> str:
    """The noun in the form that agrees with ``n``: ``plural("terminal", 3)`` is "terminals".

    Acronyms take a plain ``s`` ("SLAs", "APIs"), which inflect does not do.
    """
    count = _count(n)
    if count == 1:
        return str(noun)
    words = str(noun).rsplit(" ", 1)
    if _ACRONYM.match(words[-1]):
        return f"{noun}s"
    return str(_inflect().plural_noun(str(noun), count))


def agree(verb: str, subject_count: Any) -> str:
    """The verb agreeing with a subject of ``subject_count``, given its singular form.

    ``agree("saves", 3)`` is "save", ``agree("is", 1)`` is "is".
    """
    return str(_inflect().plural_verb(str(verb), _count(subject_count)))


def number_words(n: Any, *, limit: int = 10) -> str:
    """Small whole numbers as words ("seven"), others as grouped digits ("1,499", "2.5")."""
    number = Decimal(str(n).replace(",", ""))
    if number == number.to_integral_value() and 0 <= number <= limit:
        return str(_inflect().number_to_words(int(number)))
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.normalize():,f}"


def money(value: Value | Decimal | int | str, currency: str | None = None, *,
          locale: str = "en_US", cents: str = "auto") -> str:
    """Money with its currency, from a Decimal: "$1,499", "€1,299.50", "$99 a month".

    Args:
        value: a money ``Value`` (amount, currency and period are read from it) or an amount.
        currency: the ISO 4217 code when ``value`` is a bare amount.
        locale: the Babel locale that decides symbol, grouping and order.
        cents: ``auto`` drops ``.00`` from whole amounts, ``always`` keeps it.

    Raises:
        TypeError: the amount is a float (money must stay exact).
    """
    period = None
    if isinstance(value, Value):
        amount, currency, period = value.amount, value.currency or currency, value.period
    else:
        amount = value  # type: ignore[assignment]
    if isinstance(amount, float):
        raise TypeError("money amounts must be Decimal, not float")
    if amount is None or not currency:
        raise ValueError("money needs an amount and a currency")
    return _format_money(Decimal(str(amount)), currency, locale, cents) + _period(period)


@functools.lru_cache(maxsize=4096)
def _format_money(amount: Decimal, currency: str, locale: str, cents: str) -> str:
    from babel import Locale
    from babel.numbers import format_currency, parse_pattern

    if cents == "auto" and amount == amount.to_integral_value():
        loc = Locale.parse(locale)
        pattern = parse_pattern(loc.currency_formats["standard"].pattern)
        pattern.frac_prec = (0, 0)
        return str(pattern.apply(amount, loc, currency=currency, currency_digits=False))
    return str(format_currency(amount, currency, locale=locale))


def _period(period: str | None) -> str:
    if not period:
        return ""
    return " " + _PERIOD_WORDS.get(period, f"per {period}")


def duration(value: Value | Any, unit: str | None = None) -> str:
    """A duration as the flier wrote it ("3 business days"), else amount and unit ("48 hours").

    The flier's own words win because they carry qualifiers ("business") that the
    normalised unit drops.
    """
    if isinstance(value, Value):
        amount = value.amount
        if value.text and amount is not None and _mentions(value.text, amount):
            return value.text
        unit = value.unit or unit
    else:
        amount = value
    if amount is None or not unit:
        raise ValueError("a duration needs an amount and a unit")
    count = Decimal(str(amount))
    shown = f"{count.normalize():f}" if count != count.to_integral_value() else f"{int(count)}"
    return f"{shown} {plural(unit, count)}"


def _mentions(text: str, amount: Decimal) -> bool:
    digits = re.findall(r"\d+(?:\.\d+)?", text.replace(",", ""))
    return any(Decimal(d) == amount for d in digits)


def date(value: dt.date | Value | str, *, locale: str = "en_US", format: str = "long") -> str:
    """A date written out for the locale ("March 31, 2027" in en_US)."""
    from babel.dates import format_date

    if isinstance(value, Value):
        if value.date is None:
            raise ValueError("not a date value")
        value = value.date
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return str(format_date(value, format=format, locale=locale))


def join_list(items: Iterable[Any], conj: str = "and") -> str:
    """Items joined the way people write them: "A, B and C"."""
    words = [str(i) for i in items if str(i)]
    if not words:
        return ""
    return str(_inflect().join(words, conj=conj, final_sep=""))


def possessive(name: str) -> str:
    """The possessive of a name: "Dana's", "Harbor Lane Grocers'"."""
    text = str(name).rstrip()
    if not text:
        return text
    return text + ("'" if text.endswith(("s", "S")) else "'s")


def second_person(text: str) -> str:
    """A buyer's sentence retold to them: "we need our data" becomes "you need your data"."""

    def swap(m: re.Match[str]) -> str:
        word = m.group(1)
        if len(word) > 1 and word.isupper():
            return word  # "US" is a country, not "us"
        out = _PRONOUNS[word.lower()]
        # "I" is upper case wherever it stands, so only a sentence start capitalises the swap.
        at_start = m.start() == 0
        return out[0].upper() + out[1:] if at_start and word[0].isupper() else out

    return _PRONOUN_RE.sub(swap, str(text))


def clause(text: str) -> str:
    """Text without its closing full stop, so it can sit inside another sentence."""
    return str(text).strip().rstrip(".;:!").rstrip()


def sentence(text: str) -> str:
    """Text as a sentence: first letter upper case, one closing full stop."""
    body = str(text).strip()
    if not body:
        return body
    body = body[0].upper() + body[1:]
    # A closing quote ends the sentence only after its own stop ('... fast."'); an inch
    # mark ('up to 32"') does not.
    core = body.rstrip("”\"’'")
    return body if core.endswith((".", "!", "?")) else body + "."


def opener(text: str) -> str:
    """The word a text opens with, as the writer compares openers: lower case, no quotes."""
    words = str(text).split(maxsplit=1)
    return words[0].lower().strip("“”\"',:") if words else ""


def fresh(variant: int, heads: Sequence[str], used: Collection[str]) -> int:
    """The first phrasing from ``variant`` on whose opening words are not ``used`` yet.

    ``heads`` holds, per phrasing, the text it opens with (``variant % len(heads)`` picks
    one); the writer passes the document's openers so far as ``openers``. When every
    phrasing is used, ``variant`` itself.
    """
    size = len(heads)
    for step in range(size):
        if opener(heads[(variant + step) % size]) not in used:
            return variant + step
    return variant


FILTERS: dict[str, Callable[..., Any]] = {
    "a_an": a_an,
    "agree": agree,
    "clause": clause,
    "date": date,
    "duration": duration,
    "fresh": fresh,
    "join_list": join_list,
    "money": money,
    "number_words": number_words,
    "plural": plural,
    "possessive": possessive,
    "second_person": second_person,
    "sentence": sentence,
}
