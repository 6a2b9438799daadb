"""Language filters: tables of inputs and the words they must give."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from benefitkit.model import Value
from benefitkit.render import filters as f
from benefitkit.vocab import ValueKind


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("SLA", "an SLA"),
        ("HTML page", "an HTML page"),
        ("USB hub", "a USB hub"),
        ("URL", "a URL"),
        ("UPS unit", "a UPS unit"),
        ("LED panel", "an LED panel"),
        ("MRI", "an MRI"),
        ("IP54 housing", "an IP54 housing"),
        ("NASA contract", "a NASA contract"),
        ("hour", "an hour"),
        ("honest answer", "an honest answer"),
        ("unicorn", "a unicorn"),
        ("one-time fee", "a one-time fee"),
        ("8-hour shift", "an 8-hour shift"),
        ("11-inch screen", "an 11-inch screen"),
        ("18-month term", "an 18-month term"),
        ("110-volt plug", "a 110-volt plug"),
        ("3-year warranty", "a 3-year warranty"),
        ("apple", "an apple"),
    ],
)
def test_a_an(phrase: str, expected: str) -> None:
    assert f.a_an(phrase) == expected


@pytest.mark.parametrize(
    ("noun", "n", "expected"),
    [
        ("terminal", 3, "terminals"),
        ("terminal", 1, "terminal"),
        ("person", 85, "people"),
        ("analysis", 2, "analyses"),
        ("business day", 3, "business days"),
        ("SLA", 2, "SLAs"),
        ("API", 4, "APIs"),
        ("hour", Decimal("1.5"), "hours"),
        ("kiosk", Decimal("1"), "kiosk"),
    ],
)
def test_plural(noun: str, n: object, expected: str) -> None:
    assert f.plural(noun, n) == expected


@pytest.mark.parametrize(
    ("verb", "n", "expected"),
    [("saves", 1, "saves"), ("saves", 3, "save"), ("is", 2, "are"), ("has", 2, "have"),
     ("is", 1, "is")],
)
def test_agree(verb: str, n: int, expected: str) -> None:
    assert f.agree(verb, n) == expected


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (Decimal("1499"), {"currency": "USD"}, "$1,499"),
        (Decimal("1499.00"), {"currency": "USD"}, "$1,499"),
        (Decimal("1499"), {"currency": "USD", "cents": "always"}, "$1,499.00"),
        (Decimal("1299.50"), {"currency": "EUR"}, "€1,299.50"),
        (Decimal("1299.50"), {"currency": "EUR", "locale": "de_DE"}, "1.299,50\xa0€"),
        (Decimal("35000"), {"currency": "GBP", "locale": "en_GB"}, "£35,000"),
        (Value(ValueKind.MONEY, "$99/month", amount=Decimal("99"), currency="USD",
               period="month"), {}, "$99 a month"),
        (Value(ValueKind.MONEY, "$35,000 per year", amount=Decimal("35000"), currency="USD",
               period="year"), {}, "$35,000 a year"),
        (Value(ValueKind.MONEY, "$12 per user", amount=Decimal("12"), currency="USD",
               period="user"), {}, "$12 per user"),
    ],
)
def test_money(value: object, kwargs: dict[str, str], expected: str) -> None:
    assert f.money(value, **kwargs) == expected  # type: ignore[arg-type]


def test_money_refuses_float() -> None:
    with pytest.raises(TypeError):
        f.money(1499.0, "USD")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "zero"), (7, "seven"), (10, "ten"), (11, "11"), (1499, "1,499"),
     (Decimal("2.50"), "2.5"), ("3", "three")],
)
def test_number_words(n: object, expected: str) -> None:
    assert f.number_words(n) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Value(ValueKind.DURATION, "3 business days", amount=Decimal(3), unit="day"),
         "3 business days"),
        (Value(ValueKind.DURATION, "a day", amount=Decimal(1), unit="day"), "1 day"),
        (Value(ValueKind.DURATION, "two weeks", amount=Decimal(2), unit="week"), "2 weeks"),
    ],
)
def test_duration_keeps_the_fliers_words(value: Value, expected: str) -> None:
    assert f.duration(value) == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C")],
)
def test_join_list(items: list[str], expected: str) -> None:
    assert f.join_list(items) == expected


def test_join_list_or() -> None:
    assert f.join_list(["Xero", "QuickBooks", "Sage"], conj="or") == "Xero, QuickBooks or Sage"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Dana", "Dana's"), ("Harbor Lane Grocers", "Harbor Lane Grocers'"), ("", "")],
)
def test_possessive(name: str, expected: str) -> None:
    assert f.possessive(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We need our data in the US", "You need your data in the US"),
        ("I want to read the logs myself", "You want to read the logs yourself"),
        ("Three analysts need to deploy, not only me.", "Three analysts need to deploy, not only you."),
        ("I am the only admin", "You are the only admin"),
    ],
)
def test_second_person(text: str, expected: str) -> None:
    assert f.second_person(text) == expected


def test_date_and_sentence() -> None:
    assert f.date(dt.date(2027, 3, 31)) == "March 31, 2027"
    assert f.date("2027-03-31", locale="en_GB") == "31 March 2027"
    assert f.sentence("works with Xero") == "Works with Xero."
    assert f.sentence('Fits screens up to 32"') == 'Fits screens up to 32".'  # an inch mark
    assert f.sentence('They said "it is fast."') == 'They said "it is fast."'
    assert f.clause("Setup in minutes.") == "Setup in minutes"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("You told us", "you"), ("“Fast” setup", "fast"), ("Kwame, you asked", "kwame"),
     ("", "")],
)
def test_opener_is_the_first_word_without_quotes(text: str, expected: str) -> None:
    assert f.opener(text) == expected


def test_fresh_skips_phrasings_whose_opener_is_used() -> None:
    heads = ["You", "Setup takes ten minutes.", "On", "Dana"]
    assert f.fresh(0, heads, set()) == 0
    assert f.fresh(0, heads, {"you"}) == 1
    assert f.fresh(0, heads, {"you", "setup"}) == 2
    # it walks on from the variant and wraps round the phrasings
    assert f.fresh(6, heads, {"on", "dana"}) % 4 == 0
    assert f.fresh(3, heads, {"dana"}) % 4 == 0
    # every opener used: the variant it was given
    assert f.fresh(5, heads, {"you", "setup", "on", "dana"}) == 5
