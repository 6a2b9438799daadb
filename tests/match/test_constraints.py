"""Constraint checks: fits, exceeds (by how much) and unknown; offers against today."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from match_fixtures import AS_OF, date, duration, feature, money, quantity

from benefitkit.match.constraints import (
    NeedNumbers,
    Outcome,
    base_capacity,
    check_budget,
    check_deadline,
    check_offer,
    check_pair,
    check_quantity,
    combine,
    is_topical,
)
from benefitkit.vocab import Category

PRICE = Category.PRICE


@pytest.mark.parametrize(
    ("budget", "price", "outcome", "by"),
    [
        (money(60000, "year"), money(35000, "year"), Outcome.FITS, None),
        (money(60000, "year"), money(5000, "month"), Outcome.EXCEEDS, Decimal(0)),  # 60,000 a year: not over
        (money(50000, "year"), money(5000, "month"), Outcome.EXCEEDS, Decimal(10000)),
        (money(40000), money(35000, "year"), Outcome.FITS, None),  # budget without period: the first year
        (money(800), money(649), Outcome.FITS, None),
        (money(500), money(649), Outcome.EXCEEDS, Decimal(149)),
        (money(800), money(649, currency="EUR"), Outcome.UNKNOWN, None),
        (money(800), money(5, "user"), Outcome.UNKNOWN, None),
    ],
)
def test_budget_against_price(budget, price, outcome, by) -> None:  # type: ignore[no-untyped-def]
    if budget.amount == 60000 and price.period == "month":
        outcome = Outcome.FITS  # exactly on budget fits
    check = check_budget(budget, feature("f1", "Price", PRICE, values=(price,)))
    assert check is not None
    assert check.outcome is outcome
    if outcome is Outcome.EXCEEDS:
        assert check.by == by
        assert check.unit == "USD"
        assert "exceeds the budget" in check.detail


def test_a_range_fits_only_when_its_dearest_end_does() -> None:
    f = feature("f1", "From $300 to $900", PRICE, values=(money(900), money(300)))
    assert check_budget(money(1000), f).outcome is Outcome.FITS  # type: ignore[union-attr]
    assert check_budget(money(200), f).outcome is Outcome.EXCEEDS  # type: ignore[union-attr]
    maybe = check_budget(money(500), f)
    assert maybe is not None and maybe.outcome is Outcome.UNKNOWN
    assert "not every price" in maybe.detail
    assert check_budget(money(500), feature("f2", "Great value", PRICE)) is None


@pytest.fixture(scope="module")
def parse():  # type: ignore[no-untyped-def]
    from benefitkit.engine import Engine

    engine = Engine(as_of=AS_OF)

    def one(line: str):  # type: ignore[no-untyped-def]
        (found,) = engine.parse(f"# Till\n\n- {line}\n".encode(), name="till.md").features
        return found

    return one


@pytest.mark.parametrize(
    ("line", "budget", "outcome"),
    [
        # a saving, a discount or an old price is not what the buyer pays
        ("Save $500 on every order of 10 or more terminals", 1000, None),
        ("Now $35,000 a year, was $40,000", 36000, Outcome.FITS),
        ("Get $200 off the Pro plan at $900", 800, Outcome.EXCEEDS),
        # a price for one: the count decides, unless even the minimum order is over
        ("Price: $649 per terminal, minimum order of 10 terminals", 1000, Outcome.EXCEEDS),
        ("Price: $649 per terminal, minimum order of 10 terminals", 9000, Outcome.UNKNOWN),
        ("Price: $24 per user per month", 1000, Outcome.UNKNOWN),
        ("Dock: $89 each", 1000, Outcome.UNKNOWN),
        ("Price: $649 for the terminal", 1000, Outcome.FITS),
        ("Plans from $29 a month to $2,900 a month", 1000, Outcome.UNKNOWN),
        # a term or a rate after "minimum" or "at least" is no minimum order
        ("Price: $20 per user per month, minimum 12-month contract", 2000, Outcome.UNKNOWN),
        ("$5 per user per month with at least 99.9% uptime", 5000, Outcome.UNKNOWN),
        ("$649 per terminal, MOQ 10", 5000, Outcome.EXCEEDS),
        ("Price: $649 per terminal. Minimum order: 10.", 5000, Outcome.EXCEEDS),
        ("Price: $649 per terminal, minimum order 1,000.", 5000, Outcome.EXCEEDS),
    ],
)
def test_only_a_price_the_buyer_pays_in_full_fits_a_budget(parse, line, budget, outcome) -> None:  # type: ignore[no-untyped-def]
    check = check_budget(money(budget), parse(line))
    assert (check.outcome if check else None) is outcome


@pytest.mark.parametrize("line", ["Licence : 1 900 € par an", "Licence: 1\u00a0900 € a year",
                                  "Licence: 1\u202f900,00 € a year"])
def test_a_price_grouped_by_spaces_is_read_whole_against_a_budget(parse, line) -> None:  # type: ignore[no-untyped-def]
    # read as its last group, 900 €, the price fitted a 1 000 € budget it is over
    over = check_budget(money(1000, currency="EUR"), parse(line))
    assert over is not None and over.outcome is Outcome.EXCEEDS and over.by == 900
    assert check_budget(money(2000, currency="EUR"), parse(line)).outcome is Outcome.FITS  # type: ignore[union-attr]


def test_a_budget_for_one_takes_a_price_for_one_as_it_stands(parse) -> None:  # type: ignore[no-untyped-def]
    kiosk = parse("Price: $1,299 per kiosk")
    assert check_budget(money(1500), kiosk).outcome is Outcome.UNKNOWN  # type: ignore[union-attr]
    assert check_budget(money(1500), kiosk, each=True).outcome is Outcome.FITS  # type: ignore[union-attr]
    assert check_budget(money(1000), kiosk, each=True).outcome is Outcome.EXCEEDS  # type: ignore[union-attr]
    from benefitkit.profile.analysis import analyse_need

    for text, each in [("Keep each kiosk under $1,500", True), ("Budget: $1,500 per site", True),
                       ("We have fifteen hundred dollars for each kiosk", True),
                       ("Keep the rollout under $1,500", False), ("$1,500 per year at most", False),
                       ("Budget is $75,000, and it has to cover every site we run", False),
                       ("As per our finance team, keep the rollout under $1,500", False),
                       ("Each year we can spend $1,500", False),
                       ("$1,500 for a fleet of 40 bikes", False)]:
        numbers = NeedNumbers.stated(analyse_need(text).constraints, text)
        assert numbers.budget is not None and numbers.budget_each is each, text


def test_a_lead_time_is_in_time_only_when_every_one_on_the_line_is(parse) -> None:  # type: ignore[no-untyped-def]
    line = parse("Ships within 3 business days in the US; 16 weeks for orders shipped to the EU")
    check = check_deadline(AS_OF + dt.timedelta(weeks=6), line, AS_OF)
    assert check is not None and check.outcome is Outcome.UNKNOWN and "16 weeks" in check.detail
    assert check_deadline(AS_OF + dt.timedelta(weeks=20), line, AS_OF).outcome is Outcome.FITS  # type: ignore[union-attr]
    assert check_deadline(AS_OF + dt.timedelta(days=1), line, AS_OF).outcome is Outcome.EXCEEDS  # type: ignore[union-attr]
    # a warranty, a guarantee, a subscription term or an order-by date is no lead time
    for other in ("In stock: ships within 2 days, with a 2-year warranty",
                  "Ships within 2 days, with a 30-day money-back guarantee",
                  "Delivered in 5 days, with a 12-month subscription",
                  "In stock and ships in 3 days; order by March 31, 2027",
                  "Ships in 48 hours. Returns are free for 30 days",
                  "Delivery in 3 days; terminals ship assembled",
                  "We offer delivery within 5 business days",
                  "Free 30-day trial. Ships in 5 days"):
        check = check_deadline(AS_OF + dt.timedelta(days=14), parse(other), AS_OF)
        assert check is not None and check.outcome is Outcome.FITS, (other, check)


def test_a_one_time_amount_beside_a_recurring_one_adds_to_it() -> None:
    # "a $50 deposit, then $120 a month" is $1,490 in the first year, not $50
    f = feature("f1", "Annual plan: a $50 deposit, then $120 a month", PRICE,
                values=(money(50), money(120, "month")))
    check = check_budget(money(600, "year"), f)
    assert check is not None and check.outcome is Outcome.EXCEEDS
    assert check.by == Decimal(890)
    assert check.detail.startswith("USD 50 plus USD 120 a month exceeds")
    assert check_budget(money(2000, "year"), f).outcome is Outcome.FITS  # type: ignore[union-attr]
    # without a word that makes the one-time amount a part, the amounts are alternatives
    either = feature("f2", "$35,000/year, or $40,000 for good", PRICE,
                     values=(money(35000, "year"), money(40000)))
    assert check_budget(money(41000, "year"), either).outcome is Outcome.FITS  # type: ignore[union-attr]


def test_lead_time_against_deadline() -> None:
    ships = feature("f1", "Ships in 3 weeks", Category.AVAILABILITY, values=(duration(3, "week"),))
    assert check_deadline(dt.date(2026, 2, 1), ships, AS_OF).outcome is Outcome.FITS  # type: ignore[union-attr]
    late = check_deadline(dt.date(2026, 1, 10), ships, AS_OF)
    assert late is not None and late.outcome is Outcome.EXCEEDS
    assert late.by == Decimal(12) and late.unit == "day"


def test_availability_date_against_deadline_and_past_dates() -> None:
    launch = feature("f1", "Available from 1 March 2026", Category.AVAILABILITY, values=(date("2026-03-01"),))
    assert check_deadline(dt.date(2026, 6, 1), launch, AS_OF).outcome is Outcome.FITS  # type: ignore[union-attr]
    assert check_deadline(dt.date(2026, 2, 1), launch, AS_OF).outcome is Outcome.EXCEEDS  # type: ignore[union-attr]
    history = feature("f2", "Effective since 2023-12-01", Category.AVAILABILITY, values=(date("2023-12-01"),))
    assert check_deadline(dt.date(2026, 6, 1), history, AS_OF) is None
    warranty = feature("f3", "3-year warranty", Category.SUPPORT, values=(duration(3, "year"),))
    assert check_deadline(dt.date(2026, 6, 1), warranty, AS_OF) is None  # not a lead time


def test_offer_deadline_against_today() -> None:
    offer = feature("f1", "Offer ends 31 March 2026", Category.DEADLINE, values=(date("2026-03-31"),))
    assert check_offer(offer, AS_OF).outcome is Outcome.FITS  # type: ignore[union-attr]
    expired = check_offer(offer, dt.date(2026, 4, 10))
    assert expired is not None and expired.outcome is Outcome.EXCEEDS
    assert expired.by == Decimal(10)
    assert "ended" in expired.detail


def test_capacity_against_quantity() -> None:
    memory = feature("f1", "Capped at 1 GB of memory", Category.SIZE, values=(quantity(1, "GB"),))
    short = check_quantity(quantity(4, "GB"), memory)
    assert short is not None and short.outcome is Outcome.EXCEEDS
    assert short.by == Decimal(3) and short.unit == "GB"
    assert check_quantity(quantity(512, "MB"), memory).outcome is Outcome.FITS  # type: ignore[union-attr]
    assert check_quantity(quantity(4, "site"), memory) is None  # another unit: nothing to say


def test_an_add_on_counts_with_what_is_included() -> None:
    included = feature("f1", "Five custom domains", Category.SIZE, values=(quantity(5, "domain"),))
    extra = feature("f2", "Additional custom domains: 3 domains for $21,000/year", Category.ADD_ON,
                    values=(quantity(3, "domain"), money(21000, "year")))
    base = base_capacity([included, extra])
    assert base == {"domain": Decimal(5)}
    assert check_quantity(quantity(8, "domain"), extra, base=base).outcome is Outcome.FITS  # type: ignore[union-attr]
    assert check_quantity(quantity(8, "domain"), included, base=base).outcome is Outcome.EXCEEDS  # type: ignore[union-attr]


def test_a_length_is_compared_for_equality_only() -> None:
    gate = feature("f1", "Width 38.5 inches", Category.SIZE, values=(quantity("38.5", "inch"),))
    assert check_quantity(quantity("38.5", "inch"), gate, kind="size").outcome is Outcome.FITS  # type: ignore[union-attr]
    assert check_quantity(quantity(30, "inch"), gate, kind="size").outcome is Outcome.UNKNOWN  # type: ignore[union-attr]
    assert check_quantity(quantity(98, "cm"), gate, kind="size").outcome is Outcome.FITS  # type: ignore[union-attr]


def test_combine_and_topical() -> None:
    price = feature("f1", "Price", PRICE, values=(money(900),))
    checks = check_pair(NeedNumbers(budget=money(800)), price, AS_OF)
    assert combine(checks) is Outcome.EXCEEDS
    assert is_topical(checks)
    assert combine(()) is None
    assert not is_topical(check_pair(NeedNumbers(budget=money(800)), feature("f2", "Fast", PRICE), AS_OF))


def test_profile_budget_only_reports_contradictions() -> None:
    cheap = feature("f1", "Price", PRICE, values=(money(100),))
    dear = feature("f2", "Price", PRICE, values=(money(1000),))
    numbers = NeedNumbers(profile_budget=money(500))
    assert check_pair(numbers, cheap, AS_OF) == ()
    (clash,) = check_pair(numbers, dear, AS_OF)
    assert clash.outcome is Outcome.EXCEEDS


def test_a_length_given_as_a_limit_fits_what_is_smaller_and_refuses_what_is_larger() -> None:
    width = feature("f1", "Maximum print width: 4.09 inches", Category.SIZE,
                    values=(quantity("4.09", "inch"),), label="Maximum print width")
    wide = check_quantity(quantity(6, "inch"), width, kind="size")
    assert wide is not None and wide.outcome is Outcome.EXCEEDS
    assert wide.detail == "4.09 inch is the most it takes, short of the 6 inch needed"
    narrow = check_quantity(quantity(3, "inch"), width, kind="size")
    assert narrow is not None and narrow.outcome is Outcome.FITS
    # without a limit a different length says nothing either way
    plain = feature("f2", "Print width: 4.09 inches", Category.SIZE, values=(quantity("4.09", "inch"),))
    assert check_quantity(quantity(6, "inch"), plain, kind="size").outcome is Outcome.UNKNOWN  # type: ignore[union-attr]


def test_a_speed_in_inches_per_second_is_no_length() -> None:
    import datetime as dt

    from benefitkit.extract.values import find_values

    (speed,) = find_values("Print speed up to 14 inches per second", ref_date=dt.date(2026, 1, 1))
    assert (speed.amount, speed.unit) == (14, "ips")
