"""What the matcher reads from a profile and its needs, and the views rule conditions see.

The matcher depends on these small protocols, not on the profile package, so anything shaped
like a profile (the pydantic ``Profile``, a test double) can be matched. Each view flattens
one side of a pair into plain attributes once, so a compiled condition is one attribute
read and one comparison.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import Any, Protocol

import attrs

from benefitkit.match.conditions import FieldSpec, FieldType
from benefitkit.model import Feature, Value
from benefitkit.vocab import Category, NeedCategory

__all__ = [
    "FEATURE_FIELDS",
    "NEED_FIELDS",
    "PAIR_FIELDS",
    "PROFILE_FIELDS",
    "ConstraintLike",
    "FeatureView",
    "NeedAnalysisLike",
    "NeedLike",
    "NeedView",
    "PairView",
    "ProfileLike",
    "ProfileView",
    "profile_field",
]


class ConstraintLike(Protocol):
    """A need's constraint: ``budget``, ``deadline``, ``quantity`` or ``size`` with a Value."""

    @property
    def kind(self) -> str: ...

    @property
    def value(self) -> Value: ...


class NeedAnalysisLike(Protocol):
    """What need analysis found in a need's text."""

    @property
    def categories(self) -> Sequence[NeedCategory]: ...

    @property
    def terms(self) -> Sequence[str]: ...

    @property
    def constraints(self) -> Sequence[ConstraintLike]: ...


class NeedLike(Protocol):
    """One stated need."""

    @property
    def text(self) -> str: ...

    @property
    def priority(self) -> int | None: ...

    @property
    def analysis(self) -> NeedAnalysisLike: ...


class ProfileLike(Protocol):
    """A prospect. Only ``needs`` is required; other fields are read when present."""

    @property
    def needs(self) -> Sequence[NeedLike]: ...


def _float(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float | Decimal) and not isinstance(value, bool) else None


def _floats(values: Sequence[Value], kind: str) -> frozenset[float]:
    return frozenset(float(v.amount) for v in values if v.kind == kind and v.amount is not None)


@attrs.define(slots=True)
class FeatureView:
    """A feature as rule conditions see it (built once per flier; sets hold lower-case text)."""

    feature: Feature
    id: str
    text: str
    category: frozenset[str]
    primary: str
    label: str | None
    section: str | None
    value_kinds: frozenset[str]
    terms: frozenset[str]
    amounts: Mapping[str, frozenset[float]]
    units: Mapping[str, frozenset[str]]
    periods: frozenset[str]
    currencies: frozenset[str]

    @classmethod
    def of(cls, feature: Feature, terms: frozenset[str]) -> FeatureView:
        """The view of ``feature`` whose content-word stems are ``terms``."""
        cats = feature.categories or (feature.category,)
        vals = feature.values
        kinds = frozenset(str(v.kind) for v in vals)
        return cls(
            feature=feature,
            id=feature.id,
            text=feature.text,
            category=frozenset(str(c) for c in cats),
            primary=str(feature.category),
            label=feature.label,
            section=feature.section,
            value_kinds=kinds,
            terms=terms,
            amounts={k: _floats(vals, k) for k in kinds},
            units={k: frozenset(v.unit.lower() for v in vals if v.kind == k and v.unit) for k in kinds},
            periods=frozenset(v.period.lower() for v in vals if v.period),
            currencies=frozenset(v.currency.lower() for v in vals if v.currency),
        )


@attrs.define(slots=True)
class NeedView:
    """A need as rule conditions see it (built once per need per match)."""

    index: int
    text: str
    category: frozenset[str]
    priority: int | None
    terms: frozenset[str]
    constraint_kinds: frozenset[str]


@attrs.define(slots=True)
class ProfileView:
    """A profile as rule conditions see it (built once per match)."""

    profile: Any
    account: str | None
    role: str | None
    contact: str | None
    industry: str | None
    employees: float | None
    size: str | None
    region: str | None
    current_vendor: str | None
    budget_amount: float | None
    budget_currency: str | None
    budget_period: str | None
    timeline: str | None
    objections: frozenset[str]
    custom: Mapping[str, Any]

    @classmethod
    def of(cls, profile: Any) -> ProfileView:
        """The view of any profile-shaped object (missing attributes read as ``None``)."""
        contact = getattr(profile, "contact", None)
        budget = getattr(profile, "budget", None)
        timeline = getattr(profile, "timeline", None)
        when = getattr(timeline, "date", timeline)
        return cls(
            profile=profile,
            account=getattr(profile, "account", None),
            role=getattr(contact, "role", None),
            contact=getattr(contact, "name", None),
            industry=getattr(profile, "industry", None),
            employees=_float(getattr(profile, "employees", None)),
            size=getattr(profile, "size", None),
            region=getattr(profile, "region", None),
            current_vendor=getattr(profile, "current_vendor", None),
            budget_amount=_float(getattr(budget, "amount", None)),
            budget_currency=getattr(budget, "currency", None),
            budget_period=getattr(budget, "period", None),
            timeline=when.isoformat() if isinstance(when, dt.date) else None,
            objections=frozenset(str(o).lower() for o in getattr(profile, "objections", ()) or ()),
            custom=getattr(profile, "custom", None) or {},
        )


@attrs.define(slots=True)
class PairView:
    """What links one need and one feature: the term evidence and the constraint outcome."""

    evidence: float
    shared_terms: frozenset[str]
    named_terms: frozenset[str]
    concepts: frozenset[str]
    constraint: str | None
    #: shared terms the feature says the product lacks ("No on-site support")
    denied: frozenset[str] = frozenset()


def _value_field(kind: str, part: str) -> FieldSpec:
    if part == "amount":
        return FieldSpec(FieldType.NUMBERS, lambda f: f.amounts.get(kind, frozenset()))
    if part == "unit":
        return FieldSpec(FieldType.SET, lambda f: f.units.get(kind, frozenset()))
    if part == "period":
        return FieldSpec(FieldType.SET, attrgetter("periods"))
    return FieldSpec(FieldType.SET, attrgetter("currencies"))


FEATURE_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec(FieldType.TEXT, attrgetter("id")),
    "text": FieldSpec(FieldType.TEXT, attrgetter("text")),
    "category": FieldSpec(FieldType.SET, attrgetter("category"), Category),
    "primary": FieldSpec(FieldType.TEXT, attrgetter("primary"), Category),
    "label": FieldSpec(FieldType.TEXT, attrgetter("label")),
    "section": FieldSpec(FieldType.TEXT, attrgetter("section")),
    "value_kinds": FieldSpec(FieldType.SET, attrgetter("value_kinds")),
    "terms": FieldSpec(FieldType.SET, attrgetter("terms")),
    **{
        f"values.{kind}.{part}": _value_field(kind, part)
        for kind in ("money", "quantity", "duration", "percent")
        for part in ("amount", "unit")
    },
    "values.money.period": _value_field("money", "period"),
    "values.money.currency": _value_field("money", "currency"),
}

NEED_FIELDS: dict[str, FieldSpec] = {
    "index": FieldSpec(FieldType.NUMBER, attrgetter("index")),
    "text": FieldSpec(FieldType.TEXT, attrgetter("text")),
    "category": FieldSpec(FieldType.SET, attrgetter("category"), NeedCategory),
    "priority": FieldSpec(FieldType.NUMBER, attrgetter("priority")),
    "terms": FieldSpec(FieldType.SET, attrgetter("terms")),
    "constraints": FieldSpec(FieldType.SET, attrgetter("constraint_kinds")),
}

PROFILE_FIELDS: dict[str, FieldSpec] = {
    name: FieldSpec(FieldType.NUMBER if name in ("employees", "budget.amount") else FieldType.TEXT,
                    attrgetter(name.replace(".", "_")))
    for name in ("account", "role", "contact", "industry", "employees", "size", "region",
                 "current_vendor", "budget.amount", "budget.currency", "budget.period", "timeline")
}
PROFILE_FIELDS["objections"] = FieldSpec(FieldType.SET, attrgetter("objections"))

PAIR_FIELDS: dict[str, FieldSpec] = {
    "evidence": FieldSpec(FieldType.NUMBER, attrgetter("evidence")),
    "shared_terms": FieldSpec(FieldType.SET, attrgetter("shared_terms")),
    "named_terms": FieldSpec(FieldType.SET, attrgetter("named_terms")),
    "concepts": FieldSpec(FieldType.SET, attrgetter("concepts")),
    "constraint": FieldSpec(FieldType.TEXT, attrgetter("constraint")),
    "denied": FieldSpec(FieldType.SET, attrgetter("denied")),
}


def profile_field(name: str) -> FieldSpec | None:
    """``custom.NAME`` (and deeper ``custom.a.b``): the one open part of a profile."""
    if not name.startswith("custom.") or name == "custom.":
        return None
    path = name.split(".")[1:]

    def get(view: ProfileView) -> Any:
        node: Any = view.custom
        for key in path:
            if not isinstance(node, Mapping) or key not in node:
                return None
            node = node[key]
        return node

    return FieldSpec(FieldType.ANY, get)
