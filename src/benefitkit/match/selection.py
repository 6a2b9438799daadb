"""Deciding per need: how fired rules combine, which candidates are kept, and why."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from benefitkit.match import constraints as cons
from benefitkit.match.inputs import NeedView
from benefitkit.match.prepared import PreparedFlier, key_term
from benefitkit.match.result import Match
from benefitkit.match.rules import Rule, RuleSet, Scoring
from benefitkit.match.terms import Evidence, Terms

__all__ = ["Pair", "answers", "hit", "select", "to_match"]


@attrs.define
class Pair:
    """One scored (feature, need) candidate."""

    fi: int
    score: float
    rule: Rule
    fired: tuple[Rule, ...]
    ev: Evidence
    checks: tuple[cons.ConstraintCheck, ...]
    outcome: cons.Outcome | None
    penalty: float = 0.0
    #: the feature says the product lacks what the need asks for
    denies: bool = False


def hit(fired: Sequence[Rule], rules: RuleSet) -> tuple[Rule, float, float]:
    """The deciding rule, the positive rule score and the penalty, by the hit policy."""
    if rules.hit_policy in ("first", "priority"):
        top = fired[0] if rules.hit_policy == "first" else max(fired, key=lambda r: (r.priority, r.score, -r.order))
        return top, max(0.0, top.score), min(0.0, top.score)
    best = max(fired, key=lambda r: (r.score, -r.order))
    positive = [r.score for r in fired if r.score > 0]
    penalty = sum(r.score for r in fired if r.score < 0)
    # Penalties always count in full; positives are combined by the aggregate.
    total = max(positive, default=0.0) if rules.aggregate == "max" else sum(positive)
    return best, min(1.0, total), max(-1.0, penalty)


def answers(best: Pair, s: Scoring) -> bool:
    """Whether a need's best candidate answers it: strong word evidence, moderate evidence
    backed by a category rule, or numbers that decide."""
    return (best.ev.score >= s.best_evidence
            or (best.ev.score >= s.backed_evidence and best.rule.score >= s.backing_score)
            or cons.is_topical(best.checks))


def select(prep: PreparedFlier, pairs: Sequence[Pair], nterms: Terms, s: Scoring,
           lines: list[str] | None = None) -> tuple[list[Pair], list[Pair]]:
    """The features that answer one need, best first, and the pairs in conflict."""
    ok = [p for p in pairs if p.score >= s.min_score and p.rule.score > 0
          and (p.ev.score >= s.min_evidence or cons.is_topical(p.checks))]
    clashes = sorted((p for p in ok if p.outcome is cons.Outcome.EXCEEDS), key=lambda p: (-p.score, p.fi))
    ok = sorted((p for p in ok if p.outcome is not cons.Outcome.EXCEEDS), key=lambda p: (-p.score, p.fi))
    if ok and not answers(ok[0], s):
        ok = []  # even the best candidate says too little: the need is not answered
    aspects = frozenset(c for c in nterms.concepts if c[0] == "@")
    key = key_term(prep, nterms)

    def answers_aspect(p: Pair) -> bool:
        # A second answer to "how wide is it?" need not repeat the best one's words, but it
        # must speak to every aspect asked about (in its label, when it has one).
        if not aspects or p.penalty < 0 or not aspects <= p.ev.concepts:
            return False
        return not prep.flier.features[p.fi].label or bool(aspects & prep.labels[p.fi])

    def shares_key(p: Pair) -> bool:
        # ... or it carries the need's most telling name or synonym group, or a number that
        # fits the figure the need states.
        if p.penalty < 0:
            return False
        return cons.fits_figure(p.checks) or (key is not None and key in (p.ev.shared | p.ev.concepts | p.ev.named))

    best = ok[0].score if ok else 0.0
    kept = [p for p in ok if p.score >= best * s.ratio
            or (p.score >= best * s.aspect_ratio and answers_aspect(p))
            or (p.score >= best * s.key_ratio and shares_key(p))][: s.max_per_need]
    if lines is not None:
        lines.append(f"  kept {[f'{prep.views[p.fi].id}:{p.score:.2f}' for p in kept]} "
                     f"conflicts {[prep.views[p.fi].id for p in clashes]}")
    return kept, clashes


def to_match(prep: PreparedFlier, p: Pair, nview: NeedView | None, kind: str) -> Match:
    """The frozen Match for a kept pair, with reasons a seller can read."""
    view = prep.views[p.fi]
    reasons: list[str] = []
    if nview is not None:
        cats = ", ".join(sorted(nview.category)) or "no category"
        reasons.append(f"need {nview.text!r} -> {cats}")
    reasons.append(f"feature {view.text!r} -> {view.primary}")
    reasons.append(f"rule {p.rule.id}" + (f": {p.rule.description}" if p.rule.description else ""))
    if p.ev.named:
        reasons.append("shared names: " + ", ".join(sorted(p.ev.named)))
    if p.ev.shared:
        reasons.append("shared terms: " + ", ".join(sorted(p.ev.shared)))
    if p.ev.concepts:
        reasons.append("shared concepts: " + ", ".join(sorted(c[1:] for c in p.ev.concepts)))
    if p.ev.similarity:
        reasons.append(f"similar in meaning: {p.ev.similarity:.2f}")
    reasons.extend(c.detail for c in p.checks)
    return Match(view.id, nview.index if nview else None, p.rule.id, round(p.score, 4), tuple(reasons),
                 kind, p.rule.template, str(p.outcome) if p.outcome else None, p.checks,
                 tuple(r.id for r in p.fired))
