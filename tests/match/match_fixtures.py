"""Small fliers and profiles written for the matcher tests (no corpus text).

Imported by the tests as ``match_fixtures`` (pytest puts this folder on ``sys.path``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from benefitkit.model import Feature, Flier, SourceSpan, Value
from benefitkit.vocab import BlockKind, Category, NeedCategory, ValueKind

AS_OF = dt.date(2026, 1, 1)


def feature(fid: str, text: str, *cats: Category, values: tuple[Value, ...] = (), label: str | None = None) -> Feature:
    """A feature with the given categories (best first) and values."""
    cats = cats or (Category.CAPABILITY,)
    return Feature(id=fid, text=text, category=cats[0], categories=cats, values=values, label=label,
                   source=SourceSpan(0, len(text), 1, BlockKind.BULLET))


def money(amount: int | str, period: str | None = None, currency: str = "USD") -> Value:
    return Value(ValueKind.MONEY, f"${amount}", amount=Decimal(str(amount)), currency=currency, period=period)


def quantity(amount: int | str, unit: str) -> Value:
    return Value(ValueKind.QUANTITY, f"{amount} {unit}", amount=Decimal(str(amount)), unit=unit)


def duration(amount: int, unit: str) -> Value:
    return Value(ValueKind.DURATION, f"{amount} {unit}", amount=Decimal(amount), unit=unit)


def date(iso: str) -> Value:
    return Value(ValueKind.DATE, iso, date=dt.date.fromisoformat(iso))


@attrs.frozen
class Constraint:
    kind: str
    value: Value


@attrs.frozen
class Analysis:
    categories: tuple[NeedCategory, ...] = ()
    terms: tuple[str, ...] = ()
    constraints: tuple[Constraint, ...] = ()


@attrs.frozen
class Need:
    """A test double for a profile need: text, priority and a fixed analysis."""

    text: str
    categories: tuple[NeedCategory, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    priority: int | None = None

    @property
    def analysis(self) -> Analysis:
        return Analysis(self.categories, (), self.constraints)


@attrs.frozen
class Contact:
    name: str | None = None
    role: str | None = None


@attrs.frozen
class Profile:
    """A test double for a prospect profile."""

    needs: tuple[Need, ...]
    account: str = "Test Account"
    contact: Contact | None = None
    industry: str | None = None
    employees: int | None = None
    budget: Any = None
    timeline: Any = None
    objections: tuple[str, ...] = ()
    custom: dict[str, Any] = attrs.field(factory=dict)


FLIER = Flier(
    source="tablet.md",
    title="Larkspur Tablet Register",
    features=(
        feature("f1", "Set up in under 10 minutes with the guided installer", Category.USABILITY),
        feature("f2", "Works with Shopify and Square inventory", Category.INTEGRATION),
        feature("f3", "PCI DSS certified card reader", Category.COMPLIANCE),
        feature("f4", "Price: $649 per terminal", Category.PRICE, values=(money(649),), label="Price"),
        feature("f5", "Ships within 3 business days", Category.AVAILABILITY, values=(duration(3, "day"),)),
        feature("f6", "Warranty: 3 years with on-site replacement", Category.SUPPORT, label="Warranty"),
        feature("f7", "Weight: 0.9 kg", Category.SIZE, values=(quantity("0.9", "kilogram"),), label="Weight"),
        feature("f8", "Offline mode keeps taking card payments without a connection", Category.PERFORMANCE),
    ),
)


def shop_profile() -> Profile:
    """A retailer with four needs: two the flier answers by name, one it does not, a budget."""
    return Profile(
        needs=(
            Need("Must work with our Shopify inventory", (NeedCategory.COMPATIBILITY,)),
            Need("Keep card payments PCI compliant", (NeedCategory.COMPLIANCE,)),
            Need("We need a kitchen display for the deli counter", (NeedCategory.FIT_SPEC,)),
            Need("Each terminal has to cost under $800",
                 (NeedCategory.FIT_BUDGET,), (Constraint("budget", money(800)),)),
        ),
        industry="retail",
        objections=("Our cashiers have no time for training",),
    )
