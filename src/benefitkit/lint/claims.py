"""The claim check: every claim in a draft that the flier (or a comparison file) does not
support.

A seller edits a talk-track or writes an email; ``check_claims`` reads it sentence by
sentence with small finders (``_finders``) for numbers, prices, discounts, dates, deadlines,
guarantees, certifications, integrations and superlatives, and for statements the flier
contradicts. Each claim is judged by its kind's rule against the flier's sentences and
values (numerically normalised) and the comparison facts, and reported with its span and
the closest source sentence, or "no source".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from benefitkit.extract import DEFAULT_REF_DATE
from benefitkit.lint._finders import FINDERS, Context, Found
from benefitkit.lint._lexicon import LEX
from benefitkit.lint._sources import SourceFact, SourceIndex
from benefitkit.lint._text import split_sentences
from benefitkit.lint.comparison import Comparison
from benefitkit.model import Flier

__all__ = ["NO_SOURCE", "Claim", "ClaimReport", "check_claims"]

#: What ``Claim.source`` says when no source sentence shares a word with the claim.
NO_SOURCE = "no source"
# when claims overlap, the one reported is the most specific kind
_PRIORITY = ("contradiction", "discount", "guarantee", "superlative", "certification",
             "integration", "deadline", "price", "date", "number")


@attrs.frozen
class Claim:
    """One claim of a draft and whether a source supports it.

    Attributes:
        kind: ``number``, ``price``, ``discount``, ``date``, ``deadline``, ``guarantee``,
            ``certification``, ``integration``, ``superlative`` or ``contradiction``.
        text: the claim's words, exactly ``draft[start:end]``.
        start: offset in the draft.
        end: offset one past the claim.
        supported: whether the flier or a comparison fact supports it.
        reason: why, in words.
        source: the supporting sentence, or for an unsupported claim the closest source
            sentence; ``"no source"`` when none shares a word with it.
        origin: ``flier`` or ``comparison`` for the source sentence, else None.
        ref: the feature id or cited source of that sentence, if known.
    """

    kind: str
    text: str
    start: int
    end: int
    supported: bool
    reason: str
    source: str = NO_SOURCE
    origin: str | None = None
    ref: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The claim as a JSON-ready mapping."""
        return attrs.asdict(self)


@attrs.frozen
class ClaimReport:
    """Every claim found in a draft, in order."""

    claims: tuple[Claim, ...]

    @property
    def unsupported(self) -> tuple[Claim, ...]:
        """The claims no source supports."""
        return tuple(c for c in self.claims if not c.supported)

    @property
    def ok(self) -> bool:
        """True when every claim is supported."""
        return not self.unsupported

    def to_json(self) -> dict[str, Any]:
        """``{"ok": ..., "unsupported": N, "claims": [...]}``."""
        return {"ok": self.ok, "unsupported": len(self.unsupported),
                "claims": [c.to_json() for c in self.claims]}


def _merge(found: Sequence[Found], text: str, offset: int, index: SourceIndex) -> list[Claim]:
    """One claim per overlapping group: "15% off" is one discount, not a percent and a
    discount; a deadline in a sentence that makes an offer is a term of that offer."""
    groups: list[list[Found]] = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if groups and f.start < max(g.end for g in groups[-1]):
            groups[-1].append(f)
        else:
            groups.append([f])
    offers = [g for g in groups if any(f.kind in ("discount", "price") and not f.supported
                                       for f in g)]
    for g in [g for g in groups if all(f.kind == "deadline" for f in g)]:
        if offers and g not in offers and not all(f.supported for f in g):
            groups.remove(g)
            min(offers, key=lambda o: abs(o[0].start - g[0].start)).extend(g)
    return [_claim(g, text, offset, index) for g in groups]


def _claim(group: list[Found], text: str, offset: int, index: SourceIndex) -> Claim:
    bad = [f for f in group if not f.supported]
    pool = bad or group
    lead = min(pool, key=lambda f: _PRIORITY.index(f.kind))
    start, end = min(f.start for f in group), max(f.end for f in group)
    evidence: SourceFact | None = next((f.evidence for f in pool if f.evidence), None)
    if evidence is None:
        evidence = index.closest(text[max(0, start - 40):end + 40])
    reason = "; ".join(dict.fromkeys(f.why for f in pool))
    return Claim(lead.kind, text[start:end], offset + start, offset + end, not bad, reason,
                 evidence.text if evidence else NO_SOURCE,
                 evidence.origin if evidence else None, evidence.ref if evidence else None)


def check_claims(draft: str, flier: Flier | str | Path | None, *,
                 comparison: Comparison | None = None,
                 ref_date: dt.date | None = None) -> ClaimReport:
    """Find the claims of ``draft`` and check each against the flier and comparison facts.

    Args:
        draft: the email, talk-track or message, as text (Markdown is fine).
        flier: the parsed ``Flier``, or a path to one (parsed with ``parse_flier``); None
            checks against the comparison facts alone.
        comparison: facts about a competitor, accepted as sources too.
        ref_date: resolves dates written without a year, in the draft and the flier alike.

    Returns:
        The claims in draft order; ``report.unsupported`` are the ones to fix.

    Raises:
        InputError: the flier path cannot be read or parsed.
    """
    ref = ref_date or DEFAULT_REF_DATE
    if isinstance(flier, str | Path):
        from benefitkit.api import parse_flier

        flier = parse_flier(flier, ref_date=ref)
    index = SourceIndex.build(flier, comparison.sources() if comparison else (), ref_date=ref)
    claims: list[Claim] = []
    for s in split_sentences(draft):
        if (s.label and len(s.text) < 40) or LEX.sign_off.fullmatch(s.text):
            continue  # "**Pricing.**", "Best, Jordan"
        ctx = Context.of(s.text, index, ref)
        found = [f for finder in FINDERS for f in finder(ctx)]
        claims.extend(_merge(found, s.text, s.start, index))
    return ClaimReport(tuple(claims))
