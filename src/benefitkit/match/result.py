"""What the matcher returns: frozen ``Match`` values and the ``MatchResult`` around them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from benefitkit.match.constraints import ConstraintCheck

__all__ = ["Match", "MatchResult"]


@attrs.frozen
class Match:
    """One feature linked to one need (a benefit) or to no stated need (an advantage).

    Attributes:
        feature: the feature's id (``f3``).
        need: the index of the need in the profile's ``needs``; ``None`` for an advantage.
        rule: the id of the rule that decided the match.
        score: 0..1, how strongly the feature answers the need.
        reasons: sentences a seller can read, most telling first.
        kind: ``benefit`` (answers a stated need) or ``advantage`` (could help, unasked).
        template: the writer template the rule names, if any.
        constraint: the combined constraint outcome (``fits``, ``exceeds``, ``unknown``) or
            ``None`` when no number was checked.
        checks: each constraint check behind ``constraint``.
        rules: every rule that fired for the pair (the hit policy decided ``rule``).
    """

    feature: str
    need: int | None
    rule: str
    score: float
    reasons: tuple[str, ...]
    kind: str = "benefit"
    template: str | None = None
    constraint: str | None = None
    checks: tuple[ConstraintCheck, ...] = ()
    rules: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The DESIGN.md shape (without ``statement``, which the writer adds)."""
        return {
            "feature": self.feature,
            "need": self.need,
            "rule": self.rule,
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
        }


@attrs.frozen
class MatchResult:
    """The outcome of matching one flier against one profile.

    Attributes:
        matches: benefits (by need, best first) then advantages (best first).
        conflicts: pairs that would match but whose numbers contradict the need (a price
            over budget, a capacity under the quantity): what the seller must handle.
        unmatched_needs: indexes of needs no feature answers (what the seller must discover).
        unused_features: ids of features in no match, in flier order.
        trace: the engine's step-by-step account (filled when asked for).
    """

    matches: tuple[Match, ...]
    conflicts: tuple[Match, ...] = ()
    unmatched_needs: tuple[int, ...] = ()
    unused_features: tuple[str, ...] = ()
    trace: tuple[str, ...] = ()

    @property
    def benefits(self) -> tuple[Match, ...]:
        """The matches that answer a stated need."""
        return tuple(m for m in self.matches if m.kind == "benefit")

    @property
    def advantages(self) -> tuple[Match, ...]:
        """The matches with no stated need behind them."""
        return tuple(m for m in self.matches if m.kind == "advantage")

    def for_need(self, index: int) -> tuple[Match, ...]:
        """The benefits answering need ``index``, best first."""
        return tuple(m for m in self.matches if m.need == index)

    def to_json(self, statement: Callable[[Match], str] | None = None) -> dict[str, Any]:
        """``{"matches": [...], "unmatched_needs": [...], "unused_features": [...]}``.

        Args:
            statement: writes each match's ``statement``; omitted when ``None``.
        """
        matches = []
        for m in self.matches:
            item = m.to_json()
            if statement is not None:
                item["statement"] = statement(m)
            matches.append(item)
        return {
            "matches": matches,
            "unmatched_needs": list(self.unmatched_needs),
            "unused_features": list(self.unused_features),
        }
