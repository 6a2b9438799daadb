"""Hand-written inputs for render tests: a small flier (built from JSON, not parsed), a
profile, and matches, so the tests and golden files change only when rendering changes."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from benefitkit.model import Feature, Flier, SourceSpan, Value
from benefitkit.vocab import BlockKind, Category, ValueKind

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
AS_OF = dt.date(2027, 1, 15)


@attrs.frozen
class FakeCheck:
    """A constraint check: the buyer's figure (``against``) and whether the feature fits it."""

    kind: str
    outcome: str
    against: Value | dt.date | None = None


@attrs.frozen
class FakeMatch:
    feature: str
    need: int | None
    rule: str
    score: float
    kind: str = "benefit"
    template: str | None = None
    constraint: str | None = None
    reasons: tuple[str, ...] = ()
    checks: tuple[FakeCheck, ...] = ()


def _check(data: dict[str, Any]) -> FakeCheck:
    against = data.get("against")
    if isinstance(against, dict):
        against = _value(against)
    elif isinstance(against, str):
        against = dt.date.fromisoformat(against)
    return FakeCheck(data["kind"], data["outcome"], against)


@attrs.frozen
class FakeResult:
    matches: tuple[FakeMatch, ...]
    unmatched_needs: tuple[int, ...] = ()
    unused_features: tuple[str, ...] = ()


def _value(data: dict[str, Any]) -> Value:
    return Value(
        ValueKind(data["kind"]), data["text"],
        amount=Decimal(str(data["amount"])) if "amount" in data else None,
        unit=data.get("unit"), currency=data.get("currency"), period=data.get("period"),
        date=dt.date.fromisoformat(data["date"]) if "date" in data else None,
        start=data.get("start", 0), end=data.get("end", 0),
    )


def load_flier(path: Path = FIXTURES / "flier.json") -> Flier:
    data = json.loads(path.read_text(encoding="utf-8"))
    features = tuple(
        Feature(
            id=f["id"], text=f["text"], category=Category(f["category"]),
            source=SourceSpan(f["source"]["start"], f["source"]["end"], f["source"]["page"],
                              BlockKind(f["source"]["block"])),
            categories=(Category(f["category"]),), label=f.get("label"),
            values=tuple(_value(v) for v in f["values"]),
        )
        for f in data["features"]
    )
    return Flier(data["source"], data["title"], features)


def load_matches() -> FakeResult:
    rows = json.loads((FIXTURES / "matches.json").read_text(encoding="utf-8"))
    matches = tuple(
        FakeMatch(**{**r, "checks": tuple(_check(c) for c in r.get("checks", ()))}) for r in rows)
    used = {m.feature for m in matches}
    return FakeResult(matches, unmatched_needs=(4,),
                      unused_features=tuple(f"f{i}" for i in range(1, 11) if f"f{i}" not in used))


