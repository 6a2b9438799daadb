"""Constraint checks: do the flier's numbers fit the buyer's numbers?

A check decides, it does not decorate: a price over the budget, a lead time past the
deadline, a capacity under the quantity needed or an offer that has already ended is a
contradiction, and the matcher reports it as a conflict instead of claiming a fit.

Assumptions, stated once:

- Money is compared in one currency only; another currency gives ``unknown``.
- Periods are annualised (``/month`` x 12, ``/week`` x 52, ``/day`` x 365). A budget without a
  period is what the buyer can spend in the first year, so it is compared with one year of a
  recurring price; a price without a period is a one-time cost. A per-user price gives
  ``unknown`` (we do not guess the head count).
- A quantity need is a minimum ("4 GB", "8 domains"): a feature offering less is short. An
  add-on ("3 more domains") counts together with what the flier already includes.
- A length or area is compared for equality only (whether bigger is better depends on the
  product); other sizes (memory, storage, volume, counts) are minimums like quantities.
- Durations on availability features are lead times counted from ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any

import attrs

from benefitkit.model import Feature, Value
from benefitkit.vocab import Category, ValueKind

__all__ = ["ConstraintCheck", "NeedNumbers", "Outcome", "base_capacity", "check_budget", "check_deadline",
           "check_offer", "check_pair", "check_quantity", "combine", "fits_figure", "is_topical"]

_PER_YEAR = {"year": Decimal(1), "month": Decimal(12), "week": Decimal(52), "day": Decimal(365)}
_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
# Units that convert into each other, to one base unit per family.
_FACTORS: dict[str, tuple[str, Decimal]] = {
    "KB": ("byte", Decimal(10) ** 3), "MB": ("byte", Decimal(10) ** 6),
    "GB": ("byte", Decimal(10) ** 9), "TB": ("byte", Decimal(10) ** 12),
    "mm": ("m", Decimal("0.001")), "cm": ("m", Decimal("0.01")), "m": ("m", Decimal(1)),
    "km": ("m", Decimal(1000)), "inch": ("m", Decimal("0.0254")), "foot": ("m", Decimal("0.3048")),
    "yard": ("m", Decimal("0.9144")),
    "gram": ("g", Decimal(1)), "kilogram": ("g", Decimal(1000)), "milligram": ("g", Decimal("0.001")),
    "pound": ("g", Decimal("453.59237")), "ounce": ("g", Decimal("28.349523125")),
    "ml": ("l", Decimal("0.001")), "litre": ("l", Decimal(1)), "gallon": ("l", Decimal("3.785411784")),
    "quart": ("l", Decimal("0.946352946")), "pint": ("l", Decimal("0.473176473")),
}


class Outcome(StrEnum):
    """What a check decided."""

    FITS = "fits"
    EXCEEDS = "exceeds"
    UNKNOWN = "unknown"


@attrs.frozen
class ConstraintCheck:
    """One constraint checked against one feature.

    Attributes:
        kind: ``budget``, ``deadline``, ``quantity``, ``size`` or ``offer``.
        outcome: fits, exceeds or unknown.
        detail: the sentence a seller reads ("USD 35,000 a year is within USD 60,000").
        by: how far over (or short), in ``unit``; ``None`` unless the outcome is exceeds.
        unit: the unit of ``by``: a currency, ``day`` or a quantity unit.
        against: the buyer's figure the feature was checked against: the budget (a money
            ``Value``) or the deadline (a date); ``None`` for the other checks. A statement
            that says a price fits "your budget" names this figure, not another one.
    """

    kind: str
    outcome: Outcome
    detail: str
    by: Decimal | None = None
    unit: str | None = None
    against: Value | dt.date | None = None


def _fmt(amount: Decimal) -> str:
    q = amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount.normalize()
    return f"{q:,}"


def _money(v: Value) -> str:
    per = f" a {v.period}" if v.period in _PER_YEAR else f" per {v.period}" if v.period else ""
    return f"{v.currency} {_fmt(v.amount or Decimal(0))}{per}"


def _yearly(v: Value) -> Decimal | None:
    if v.amount is None:
        return None
    if v.period is None or v.period == "one-time":
        return v.amount
    factor = _PER_YEAR.get(v.period)
    return v.amount * factor if factor is not None else None


# Words that make a one-time amount part of a recurring price's cost
_PARTS = re.compile(r"\b(?:deposit|set-?up|installation|install|activation|onboarding|"
                    r"one-?time|one-?off|upfront|up-front|joining|plus|then)\b", re.IGNORECASE)


# What makes an amount something other than the price: a saving, a discount, an old price
_SAVING_BEFORE = re.compile(r"\b(?:save|saves|saving|savings|discount|rebate|credit|cashback|"
                            r"was|previously|normally|instead\s+of)\W{0,3}(?:of\s+|up\s+to\s+|"
                            r"by\s+|an\s+extra\s+)?$", re.IGNORECASE)
_SAVING_AFTER = re.compile(r"^\s*(?:off|discount|saving|rebate|credit|cash\s?back)\b",
                           re.IGNORECASE)
# A price for one of something ("$649 per terminal", "$24 per user per month", "$89 each"):
# what the buyer pays depends on how many they need.
_TIME = r"(?:year|month|week|day|annum|yr|mo|quarter|hour|hr)s?\b"
_PER_UNIT = re.compile(
    rf"(?:\s*(?:per\s*|/\s*|an?\s+){_TIME})*\s*(?:(?:per\s*|/\s*|an?\s+)(?!{_TIME})[a-z]|"
    r"each\b|apiece\b)", re.IGNORECASE)
# The amount itself at the start of a money value's words ("$24", "25k USD", "1.299,50 €")
_AMOUNT = re.compile(r"^\D*?\d[\d.,]*\s*(?:(?:[kKmM]|bn|million|thousand)\b)?\s*"
                     r"(?:[A-Z]{3}\b|[€£$¥₹]|(?:dollars|euros|pounds)\b)?")
# A budget for one of something: "$1,500 per kiosk", "fifteen hundred dollars for each
# kiosk", "keep each kiosk under $1,500" (not "as per our finance team", nor "to cover
# every site": all of them)
_EACH_AFTER = re.compile(rf"\s*(?:for\s+)?(?:per|each)\s+(?!{_TIME}|our\b|the\b|my\b)[a-z]",
                         re.IGNORECASE)
_EACH_BEFORE = re.compile(rf"\beach\s+(?!{_TIME})[a-z]+\b[^.;]{{0,40}}$", re.IGNORECASE)
# The fewest the seller sells ("minimum order of 10 terminals", "MOQ 50"): a count, not a
# term ("minimum 12-month contract") or a rate ("at least 99.9% uptime")
_MINIMUM = re.compile(rf"\b(?:minimum(?:\s+order)?(?:\s+quantity)?|min\.?(?:\s+order)?|moq|"
                      rf"at\s+least)\s*(?:of\s+|:\s*)?(\d[\d,]*)(?![\d%/-]|[.,]\d|\s*(?:{_TIME}|"
                      r"percent|per\s*cent))", re.IGNORECASE)


def _prices(feature: Feature) -> list[Value]:
    """The money values of ``feature`` that are prices (not a saving, a discount or an old
    price)."""
    text = feature.text
    return [v for v in feature.values
            if v.kind is ValueKind.MONEY and v.amount is not None
            and not _SAVING_BEFORE.search(text, max(0, v.start - 32), v.start)
            and not _SAVING_AFTER.match(text[v.end:v.end + 16])]


def _per_unit(price: Value, text: str) -> bool:
    """Whether ``price`` is for one of something: what follows the amount, in the value's
    own words and then the line's, says per what ("per user per month", "/seat", "each")."""
    after = _AMOUNT.sub("", price.text, count=1) + text[price.end:price.end + 32]
    return _PER_UNIT.match(after) is not None


def check_budget(budget: Value, feature: Feature, *, each: bool = False) -> ConstraintCheck | None:
    """The prices of ``feature`` against a money ``budget``.

    A feature fits only when every price it gives does, and exceeds only when even the
    cheapest does: "from $300 to $900" against $500 may or may not fit, so it is unknown.
    A one-time amount beside a recurring one on a line that names it a part of the cost
    adds to it. A price for one of something fits no budget on its own (how many the buyer
    needs decides); it exceeds one when the seller's minimum order of it does. Savings,
    discounts and old prices are not prices. ``each``: the budget is for one of something
    too, so a price for one is compared as it stands.
    """
    prices = _prices(feature)
    if not prices or budget.amount is None:
        return None
    limit = _yearly(budget)
    comparable: list[tuple[Value, Decimal]] = []
    for p in prices:
        y = _yearly(p) if p.currency == budget.currency else None
        if y is not None:
            comparable.append((p, y))
    if limit is None or not comparable:
        return ConstraintCheck("budget", Outcome.UNKNOWN,
                               f"{_money(prices[0])} cannot be compared with a budget of {_money(budget)}",
                               against=budget)
    once = [py for py in comparable if py[0].period in (None, "one-time")]
    recurring = [py for py in comparable if py[0].period not in (None, "one-time")]
    if once and recurring and _PARTS.search(feature.text):
        # "a $50 deposit, then $120 a month": the first year is the two added up
        cheap = (min(once, key=lambda py: py[1]), min(recurring, key=lambda py: py[1]))
        dear = (max(once, key=lambda py: py[1]), max(recurring, key=lambda py: py[1]))
        what = f"{_money(cheap[0][0])} plus {_money(cheap[1][0])}"
        low, high = cheap[0][1] + cheap[1][1], dear[0][1] + dear[1][1]
    else:
        cheapest = min(comparable, key=lambda py: py[1])
        what = _money(cheapest[0])
        low, high = cheapest[1], max(y for _, y in comparable)
    per_unit = not each and any(_per_unit(p, feature.text) for p, _ in comparable)
    if per_unit:
        least = _MINIMUM.search(feature.text)
        count = Decimal(least.group(1).replace(",", "")) if least else Decimal(1)
        low = low * count
        if least:
            what = f"{what} for the minimum order of {_fmt(count)}"
    if low > limit:
        over = low - limit
        return ConstraintCheck("budget", Outcome.EXCEEDS,
                               f"{what} exceeds the budget of {_money(budget)} by "
                               f"{budget.currency} {_fmt(over)} a year", over, budget.currency,
                               budget)
    if per_unit:
        return ConstraintCheck("budget", Outcome.UNKNOWN,
                               f"{what} is a price for one: how many are needed decides "
                               f"whether it fits the budget of {_money(budget)}", against=budget)
    if high > limit:
        return ConstraintCheck("budget", Outcome.UNKNOWN,
                               f"{what} is within the budget of {_money(budget)}, but not every "
                               "price on the line is", against=budget)
    return ConstraintCheck("budget", Outcome.FITS,
                           f"{what} is within the budget of {_money(budget)}", against=budget)


def _days(v: Value) -> int | None:
    if v.amount is None or v.unit is None:
        return None
    per = _DAYS.get(v.unit)
    if per is None:
        return 0 if v.unit in ("hour", "minute", "second", "millisecond") else None
    return int(v.amount * per)


# What makes a date or a duration on an availability line something other than when the
# goods arrive: "with a 2-year warranty", "a 30-day money-back guarantee", "order by March
# 31", "a 12-month subscription"
_NOT_DELIVERY = re.compile(r"\b(?:order(?:ed|s)?\s+(?:by|before)|until|ends?|expires?|valid|"
                           r"deadline|offer\s+(?:ends|valid|expires)|warranty|guarantee|trial|"
                           r"contract|subscription|term|returns?|refunds?)\b[^\w.;]+(?:\w+[^\w.;]+){0,3}$",
                           re.IGNORECASE)
_NOT_DELIVERY_AFTER = re.compile(r"[^\w.;]*(?:warranty|guarantee|money-back|trial|contract|"
                                 r"subscription|term|return|refund)s?\b", re.IGNORECASE)


def check_deadline(deadline: dt.date, feature: Feature, as_of: dt.date) -> ConstraintCheck | None:
    """An availability feature's date or lead time against the buyer's ``deadline``."""
    if Category.AVAILABILITY not in (feature.categories or (feature.category,)):
        return None
    ready: list[tuple[dt.date, str]] = []
    text = feature.text
    for v in feature.values:
        if _NOT_DELIVERY.search(text, max(0, v.start - 24), v.start) or _NOT_DELIVERY_AFTER.match(
                text[v.end:v.end + 24]):
            continue  # a warranty, a trial, a contract term, an order-by date: no lead time
        if v.kind is ValueKind.DATE and v.date is not None and v.date >= as_of:
            # A date already past ("effective since 2023") says nothing about delivery.
            ready.append((v.date, f"available {v.date.isoformat()}"))
        elif v.kind is ValueKind.DURATION:
            days = _days(v)
            if days is not None:
                ready.append((as_of + dt.timedelta(days=days), f"ready {v.text} from {as_of.isoformat()}"))
    if not ready:
        return None
    # In time only when every date and lead time the line gives is ("3 days in the US; 16
    # weeks to the EU" is not, for a buyer whose deadline is in 6 weeks); late when even the
    # soonest is.
    when, how = min(ready)
    last, last_how = max(ready)
    if last <= deadline:
        return ConstraintCheck("deadline", Outcome.FITS,
                               f"{last_how}, before the deadline of {deadline.isoformat()}",
                               against=deadline)
    if when <= deadline:
        return ConstraintCheck("deadline", Outcome.UNKNOWN,
                               f"{how} is before the deadline of {deadline.isoformat()}, "
                               f"but {last_how} is not", against=deadline)
    late = (when - deadline).days
    return ConstraintCheck("deadline", Outcome.EXCEEDS,
                           f"{how} is {late} days after the deadline of {deadline.isoformat()}",
                           Decimal(late), "day", deadline)


def check_offer(feature: Feature, as_of: dt.date) -> ConstraintCheck | None:
    """An offer deadline (order-by, expiry) against today: an ended offer is a conflict."""
    if Category.DEADLINE not in (feature.categories or (feature.category,)):
        return None
    dates = [v.date for v in feature.values if v.kind is ValueKind.DATE and v.date is not None]
    if not dates:
        return None
    end = max(dates)
    if end >= as_of:
        return ConstraintCheck("offer", Outcome.FITS, f"the offer is open until {end.isoformat()}")
    gone = (as_of - end).days
    return ConstraintCheck("offer", Outcome.EXCEEDS,
                           f"the offer ended on {end.isoformat()}, {gone} days before {as_of.isoformat()}",
                           Decimal(gone), "day")


def _base(amount: Decimal, unit: str) -> tuple[str, Decimal]:
    family, factor = _FACTORS.get(unit, (unit, Decimal(1)))
    return family, amount * factor


def _in_unit(base_amount: Decimal, unit: str) -> Decimal:
    """An amount in its family's base unit, back in ``unit`` (the reverse of ``_base``)."""
    return base_amount / _FACTORS.get(unit, (unit, Decimal(1)))[1]


def _is_add_on(feature: Feature) -> bool:
    return Category.ADD_ON in (feature.categories or (feature.category,)) or any(
        w in feature.text.lower() for w in ("additional", "extra ", "add-on", "add on")
    )


def base_capacity(features: Iterable[Feature]) -> dict[str, Decimal]:
    """The largest amount per unit family the flier includes without add-ons."""
    out: dict[str, Decimal] = {}
    for f in features:
        if _is_add_on(f):
            continue
        for v in f.values:
            if v.kind is ValueKind.QUANTITY and v.amount is not None and v.unit:
                family, amount = _base(v.amount, v.unit)
                out[family] = max(out.get(family, amount), amount)
    return out


# a length the feature gives as its limit: "maximum print width", "fits screens up to 32""
_AT_MOST = re.compile(r"\b(?:max(?:imum)?|up\s+to|at\s+most|no\s+more\s+than)\b", re.I)


def check_quantity(
    need: Value, feature: Feature, *, kind: str = "quantity", base: Mapping[str, Decimal] | None = None
) -> ConstraintCheck | None:
    """A quantity (minimum) or size (equality) the buyer needs against the feature's values."""
    if need.amount is None or not need.unit:
        return None
    family, wanted = _base(need.amount, need.unit)
    offered = [(v, _base(v.amount, v.unit)[1]) for v in feature.values
               if v.kind is ValueKind.QUANTITY and v.amount is not None and v.unit
               and _base(v.amount, v.unit)[0] == family]
    if not offered:
        return None
    value, amount = max(offered, key=lambda va: va[1])
    need_text = f"{_fmt(need.amount)} {need.unit}"
    if kind == "size" and family == "m":
        if abs(amount - wanted) <= wanted * Decimal("0.02"):
            return ConstraintCheck("size", Outcome.FITS, f"{value.text} matches the {need_text} needed")
        if _AT_MOST.search(feature.text):
            # a limit: "Maximum print width: 4.09 inches" takes 3 inches, not 6
            if amount >= wanted:
                return ConstraintCheck("size", Outcome.FITS,
                                       f"up to {value.text}: room for the {need_text} needed")
            return ConstraintCheck("size", Outcome.EXCEEDS,
                                   f"{value.text} is the most it takes, short of the {need_text} "
                                   "needed", _in_unit(wanted - amount, need.unit), need.unit)
        return ConstraintCheck("size", Outcome.UNKNOWN, f"{value.text} against {need_text} needed")
    if amount >= wanted:
        return ConstraintCheck(kind, Outcome.FITS, f"{value.text} covers the {need_text} needed")
    if base and _is_add_on(feature) and base.get(family, Decimal(0)) + amount >= wanted:
        return ConstraintCheck(kind, Outcome.FITS,
                               f"{value.text} on top of what is included covers the {need_text} needed")
    short = _in_unit(wanted - amount, need.unit)
    return ConstraintCheck(kind, Outcome.EXCEEDS,
                           f"{value.text} falls short of the {need_text} needed by {_fmt(short)} {need.unit}",
                           short, need.unit)


def combine(checks: Sequence[ConstraintCheck]) -> Outcome | None:
    """One outcome for several checks: any contradiction wins, then any fit."""
    if not checks:
        return None
    outcomes = {c.outcome for c in checks}
    for o in (Outcome.EXCEEDS, Outcome.FITS):
        if o in outcomes:
            return o
    return Outcome.UNKNOWN


_BUDGET_NEEDS = frozenset({"fit_budget", "cut_cost"})


@attrs.frozen(cache_hash=True)
class NeedNumbers:
    """The numbers one need is checked against, gathered once per need.

    Attributes:
        budget: the need's own budget (a money Value), if it states one.
        profile_budget: the profile's budget, used only to find contradictions when the need
            is about budget but states no figure.
        deadline: the need's deadline, or the profile's timeline for a deadline need.
        quantities: ``(kind, Value)`` for each quantity or size the need states.
        budget_each: the need's budget is for one of something ("under $1,500 per kiosk"),
            so a price for one is compared with it as it stands.
    """

    budget: Value | None = None
    profile_budget: Value | None = None
    deadline: dt.date | None = None
    quantities: tuple[tuple[str, Value], ...] = ()
    budget_each: bool = False

    @classmethod
    def of(cls, constraints: Iterable[Any], categories: frozenset[str], profile: Any) -> NeedNumbers:
        """Read a need's constraints (``kind`` + ``value``) and the profile's budget and timeline."""
        return cls.stated(constraints).with_profile(categories, profile)

    @classmethod
    def stated(cls, constraints: Iterable[Any], text: str = "") -> NeedNumbers:
        """The numbers the need itself states, from its constraints (``kind`` + ``value``)
        and its ``text``."""
        budget: Value | None = None
        deadline: dt.date | None = None
        quantities: list[tuple[str, Value]] = []
        for c in constraints:
            kind, value = str(c.kind), c.value
            if kind == "budget" and value.kind is ValueKind.MONEY:
                budget = value
            elif kind == "deadline" and value.date is not None:
                deadline = value.date
            elif kind in ("quantity", "size") and value.kind is ValueKind.QUANTITY:
                quantities.append((kind, value))
        each = budget is not None and (
            _EACH_AFTER.match(text, budget.end) is not None
            or _EACH_BEFORE.search(text, 0, budget.start) is not None)
        return cls(budget, None, deadline, tuple(quantities), each)

    def reads_profile(self, categories: frozenset[str]) -> bool:
        """Whether ``with_profile`` takes anything from the profile: a budget or deadline
        need that states no figure of its own."""
        return any(self._wants(categories))

    def with_profile(self, categories: frozenset[str], profile: Any) -> NeedNumbers:
        """These numbers plus the profile's budget (for a budget need without a figure) and
        timeline (for a deadline need without a date)."""
        wants_budget, wants_deadline = self._wants(categories)
        profile_budget: Value | None = None
        deadline = self.deadline
        money = getattr(profile, "budget", None)
        if wants_budget and money is not None:
            to_value = getattr(money, "to_value", None)
            profile_budget = to_value() if callable(to_value) else None
        if wants_deadline:
            timeline = getattr(profile, "timeline", None)
            when = getattr(timeline, "date", timeline)
            deadline = when if isinstance(when, dt.date) else None
        if profile_budget is None and deadline == self.deadline:
            return self
        return attrs.evolve(self, profile_budget=profile_budget, deadline=deadline)

    def _wants(self, categories: frozenset[str]) -> tuple[bool, bool]:
        return (self.budget is None and bool(categories & _BUDGET_NEEDS),
                self.deadline is None and "meet_deadline" in categories)

    def __bool__(self) -> bool:
        return bool(self.budget or self.profile_budget or self.deadline or self.quantities)

    @property
    def value_kinds(self) -> tuple[str, ...]:
        """The kinds of feature value these numbers can be checked against."""
        kinds: list[str] = []
        if self.budget or self.profile_budget:
            kinds.append("money")
        if self.quantities:
            kinds.append("quantity")
        if self.deadline:
            kinds.extend(("date", "duration"))
        return tuple(kinds)


def check_pair(numbers: NeedNumbers, feature: Feature, as_of: dt.date,
               base: Mapping[str, Decimal] | None = None) -> tuple[ConstraintCheck, ...]:
    """Every check that applies between one need's numbers and one feature."""
    out: list[ConstraintCheck | None] = [
        check_quantity(value, feature, kind=kind, base=base) for kind, value in numbers.quantities
    ]
    if numbers.budget is not None:
        out.append(check_budget(numbers.budget, feature, each=numbers.budget_each))
    elif numbers.profile_budget is not None:
        # A price under the profile's budget is no evidence that the feature answers this
        # need; only a price over it (a contradiction) counts.
        check = check_budget(numbers.profile_budget, feature)
        if check is not None and check.outcome is Outcome.EXCEEDS:
            out.append(check)
    if numbers.deadline is not None:
        out.append(check_deadline(numbers.deadline, feature, as_of))
    out.append(check_offer(feature, as_of))
    return tuple(c for c in out if c is not None)


def is_topical(checks: Sequence[ConstraintCheck]) -> bool:
    """Numbers that decide answer a need even without shared words: a price within (or over)
    the budget, a capacity against the quantity, a size that matches. A lead time that fits a deadline supports a
    match but does not make one (almost any lead time fits a distant date); one that misses
    it is a conflict all the same."""
    return any(
        (c.kind in ("budget", "quantity", "size") and c.outcome is not Outcome.UNKNOWN)
        or (c.kind == "deadline" and c.outcome is Outcome.EXCEEDS)
        for c in checks
    )


def fits_figure(checks: Sequence[ConstraintCheck]) -> bool:
    """Whether the feature's numbers fit a figure the need states (budget, quantity, size)."""
    return any(c.kind in ("budget", "quantity", "size") and c.outcome is Outcome.FITS for c in checks)
