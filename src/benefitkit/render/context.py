"""What the writer reads from its inputs, and the plain views templates see.

The writer depends on these small protocols, not on the profile and match packages, so a
pydantic ``Profile``, a matcher ``Match`` or a test double all work. Views are built once per
document (the profile) or once per flier (the features' sources), never per statement.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from typing import Any, Protocol

from benefitkit.model import Feature, Value
from benefitkit.render.provenance import Sources
from benefitkit.vocab import Category, ValueKind

__all__ = [
    "MatchLike",
    "MatchResultLike",
    "NeedLike",
    "ProfileLike",
    "feature_sources",
    "offer_state",
    "profile_sources",
    "profile_view",
    "tone_for",
]


class NeedLike(Protocol):
    """One stated need."""

    @property
    def text(self) -> str: ...

    @property
    def priority(self) -> int | None: ...


class ProfileLike(Protocol):
    """A prospect. Only ``account`` and ``needs`` are required; the rest is read if present."""

    @property
    def account(self) -> str: ...

    @property
    def needs(self) -> Sequence[NeedLike]: ...


class MatchLike(Protocol):
    """One feature linked to one need (``kind`` benefit) or to none (``kind`` advantage)."""

    @property
    def feature(self) -> str: ...

    @property
    def need(self) -> int | None: ...

    @property
    def rule(self) -> str: ...

    @property
    def score(self) -> float: ...

    @property
    def kind(self) -> str: ...

    @property
    def template(self) -> str | None: ...


class MatchResultLike(Protocol):
    """What the matcher returns for one flier and one profile."""

    @property
    def matches(self) -> Sequence[MatchLike]: ...

    @property
    def unmatched_needs(self) -> Sequence[int]: ...

    @property
    def unused_features(self) -> Sequence[str]: ...


_TONES = (
    ("finance", re.compile(r"\b(?:cfo|finance|financial|procurement|purchasing|contracting|"
                           r"budget|controller|accounting|accounts|treasur\w*|buyer)\b", re.I)),
    ("it", re.compile(r"\b(?:it|cio|cto|ciso|engineer\w*|developer|technology|technical|"
                      r"information|security|systems?|data|devops|architect|infrastructure)\b", re.I)),
    ("operations", re.compile(r"\b(?:operations?|coo|ops|store|facilities|logistics|"
                              r"warehouse|plant|program|site|office|clinic\w*)\b", re.I)),
)
_OFFER_CUE = re.compile(r"\b(?:ends?|ending|expires?|expiring|until|through|thru|valid|"
                        r"offer|order by|by|before|deadline|last day|limited)\b", re.I)


@functools.lru_cache(maxsize=1024)
def tone_for(role: str | None) -> str:
    """``finance``, ``it``, ``operations`` or ``default``: how a statement speaks to a role.

    A finance lead hears cost and risk, an IT lead integration and security, an operations
    lead the day-to-day work. The first family whose words the role uses wins.
    """
    if role:
        for tone, pattern in _TONES:
            if pattern.search(role):
                return tone
    return "default"


def _get(obj: Any, name: str) -> Any:
    return getattr(obj, name, None)


def profile_view(profile: ProfileLike) -> dict[str, Any]:
    """The profile as the plain mapping templates read (``profile.account`` and so on)."""
    contact = _get(profile, "contact")
    name = _get(contact, "name") if contact is not None else None
    budget = _get(profile, "budget")
    if budget is not None and not isinstance(budget, Value):
        to_value = getattr(budget, "to_value", None)
        budget = to_value() if to_value is not None else None
    timeline = _get(profile, "timeline")
    timeline_text = timeline if isinstance(timeline, str) else _get(timeline, "text")
    timeline_date = timeline if isinstance(timeline, dt.date) else _get(timeline, "date")
    if isinstance(timeline, dt.date):
        timeline_text = timeline.isoformat()
    needs = [
        {"index": i, "text": n.text, "priority": n.priority,
         "priority_label": _priority_label(n.priority)}
        for i, n in enumerate(profile.needs)
    ]
    return {
        "account": profile.account,
        "contact": name,
        "first_name": name.split()[0] if name else None,
        "role": _get(contact, "role") if contact is not None else None,
        "industry": _get(profile, "industry"),
        "employees": _get(profile, "employees"),
        "region": _get(profile, "region"),
        "budget": budget,
        "timeline": timeline_text,
        "timeline_date": timeline_date,
        "current_vendor": _get(profile, "current_vendor"),
        "objections": list(_get(profile, "objections") or ()),
        "needs": needs,
    }


def _priority_label(priority: int | None) -> str | None:
    # Priorities are 1-5 inside; people said "high", "medium" or "low".
    if priority is None:
        return None
    return "high" if priority >= 4 else "medium" if priority == 3 else "low"


def profile_sources(profile: ProfileLike, view: dict[str, Any] | None = None) -> Sources:
    """Everything the profile states, as provenance sources (it may not state offers)."""
    view = view or profile_view(profile)
    texts = [str(view[key]) for key in _TEXT_FIELDS if view[key]]
    texts += [need["text"] for need in view["needs"]]
    texts += view["objections"]
    src = Sources(texts, offers=False)
    for key in ("employees", "budget", "timeline_date"):
        if view[key] is not None:
            src.add_data(view[key])
    # a budget a need states is the amount its analysis read there ("fifteen hundred dollars",
    # "15k quid"), and may be written in figures
    for need in profile.needs:
        analysis = getattr(need, "analysis", None)
        for c in getattr(analysis, "constraints", ()):
            if str(c.kind) == "budget":
                src.add_value(c.value)
    custom = _get(profile, "custom")
    if custom:
        src.add_data(custom)
    return src


_TEXT_FIELDS = ("account", "contact", "role", "industry", "region", "current_vendor", "timeline")


def feature_sources(feature: Feature, title: str | None = None) -> Sources:
    """What one feature states (its text and values), plus the flier's title."""
    src = Sources([feature.text, feature.label or "", title or ""], feature.values)
    return src


def offer_state(feature: Feature, as_of: dt.date) -> str | None:
    """``open`` or ``expired`` for a feature that states an offer with a date, else None.

    A deadline feature, or any feature whose text ties a date to an offer ("Save 15% until
    31 January"), has ended when its last date is before ``as_of``.
    """
    dates = [v.date for v in feature.values if v.kind is ValueKind.DATE and v.date is not None]
    if not dates:
        return None
    if feature.category is not Category.DEADLINE and not _OFFER_CUE.search(feature.text):
        return None
    return "expired" if max(dates) < as_of else "open"
