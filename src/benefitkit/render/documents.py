"""The talk-track and the personalised flier for one prospect.

Both are assembled as plain data first (``TalkTrack``, ``PersonalisedFlier``: JSON-ready, and
what the ``json`` format prints), then laid out by a document template per format. Each
sentence comes from a ``talk/*.j2`` part template and passes the provenance check; the laid-out
document is checked once more as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from benefitkit.errors import TemplateError
from benefitkit.model import Feature, Flier
from benefitkit.render.context import MatchLike, MatchResultLike, ProfileLike
from benefitkit.render.lint import content_stems
from benefitkit.render.provenance import Sources, check
from benefitkit.render.writer import Benefit, DocumentState, Writer, seed_for
from benefitkit.vocab import Category

__all__ = ["Comparison", "Line", "PersonalisedFlier", "TalkTrack", "load_comparison",
           "personalised_flier", "render_document", "talk_track"]

FORMATS = ("md", "html", "txt", "json")
#: Objection words -> the feature categories that usually answer them.
_OBJECTION_CUES: dict[str, tuple[Category, ...]] = {
    **dict.fromkeys(("training", "train", "learn", "know", "skill", "editor", "staff"),
                    (Category.USABILITY, Category.SUPPORT)),
    **dict.fromkeys(("risk", "risky", "burn", "fail", "downtime", "outage", "worry"),
                    (Category.SUPPORT, Category.DURABILITY, Category.COMPLIANCE)),
    **dict.fromkeys(("repair", "wait", "broke", "broken", "support", "help", "call"),
                    (Category.SUPPORT, Category.DURABILITY)),
    **dict.fromkeys(("price", "cost", "budget", "fund", "expensive", "afford", "contract"),
                    (Category.PRICE, Category.HOW_TO_BUY)),
    **dict.fromkeys(("month", "slow", "long", "delay", "rebuild", "time"),
                    (Category.USABILITY, Category.AVAILABILITY)),
    **dict.fromkeys(("security", "privacy", "phone", "selfie", "breach", "data"),
                    (Category.COMPLIANCE,)),
    **dict.fromkeys(("integration", "engineer", "system", "sign-in"),
                    (Category.INTEGRATION, Category.SUPPORT)),
}
_QUESTION_SKIP = frozenset({Category.HOW_TO_BUY, Category.DEADLINE, Category.PRICE,
                            Category.AVAILABILITY})
MAX_FEATURE_QUESTIONS = 3


@attrs.frozen
class Line:
    """One written line of a document that is not a benefit statement.

    Attributes:
        text: the line.
        template: the part template that wrote it.
        features: ids of the flier features it cites.
        need_index: the need it is about, if any.
        topic: what it answers (an objection, in the buyer's words), if any.
    """

    text: str
    template: str
    features: tuple[str, ...] = ()
    need_index: int | None = None
    topic: str | None = None

    def to_json(self) -> dict[str, Any]:
        return attrs.asdict(self, recurse=False) | {"features": list(self.features)}


@attrs.frozen
class Comparison:
    """Facts about the current vendor that the user supplies (never generated)."""

    vendor: str
    facts: tuple[str, ...] = ()


def load_comparison(path: str | Path) -> Comparison:
    """Read a comparison file: ``{vendor: NAME, facts: [{claim, source}, ...]}``.

    One loader serves the talk-track and ``check-claims`` (``benefitkit.lint.comparison``);
    a bare sentence is accepted as a fact with no source.

    Raises:
        InputError: the file is missing, unreadable or not that shape.
    """
    from benefitkit.lint.comparison import load_comparison as load

    return load(path).to_render()


@attrs.frozen
class TalkTrack:
    """What to say to one prospect, in order, with the evidence for each claim."""

    account: str
    opening: Line
    benefits: tuple[Benefit, ...]
    questions: tuple[Line, ...]
    objections: tuple[Line, ...]
    vendor: Line | None
    next_steps: tuple[Line, ...]
    ended: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The talk-track as JSON (the ``json`` format)."""
        return {
            "account": self.account,
            "opening": self.opening.to_json(),
            "benefits": [b.to_json() for b in self.benefits],
            "questions": [q.to_json() for q in self.questions],
            "objections": [o.to_json() for o in self.objections],
            "vendor": self.vendor.to_json() if self.vendor else None,
            "next_steps": [s.to_json() for s in self.next_steps],
            "ended": list(self.ended),
        }


@attrs.frozen
class PersonalisedFlier:
    """The flier for one account: the features that answer their needs, by priority, each
    with its benefit line; then the rest, short (strong features first); then ended offers."""

    account: str
    title: str | None
    features: tuple[tuple[Feature, Benefit | None], ...]
    others: tuple[Feature, ...]
    ended: tuple[Feature, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "title": self.title,
            "features": [{"feature": f.id, "text": f.text, "benefit": b.to_json() if b else None}
                         for f, b in self.features],
            "others": [f.id for f in self.others],
            "ended": [f.id for f in self.ended],
        }


def _priority_order(profile: ProfileLike, matches: Sequence[MatchLike]) -> list[MatchLike]:
    def key(m: MatchLike) -> tuple[int, int, float]:
        if m.need is None:
            return (1, 10**6, -m.score)
        priority = profile.needs[m.need].priority or 0
        return (0, -priority * 1000 + m.need, -m.score)

    return sorted(matches, key=key)


def _part(writer: Writer, state: DocumentState, name: str, extra: dict[str, Any],
          sources: Sources, seed: str = "") -> str:
    context = {"profile": state.view, "flier": state.flier, "need": None, "feature": None,
               "features": [], "statement": None, "objection": None, "vendor": None,
               "facts": [], "tone": state.tone, "locale": writer.locale,
               "variant": seed_for(state.view["account"], name, seed), **extra}
    text = writer.render(name, context)
    if writer.provenance:
        check(text, sources, template=name)
        state.checked.add(text)
    return text


def _answers(objection: str, features: Sequence[Feature]) -> list[Feature]:
    words = content_stems(objection)
    cued = {c for w in words for c in _OBJECTION_CUES.get(w, ())}
    scored = []
    for i, f in enumerate(features):
        score = 2 * len(words & content_stems(f.text)) + bool(cued & {f.category, *f.categories})
        if score:
            scored.append((-score, i, f))
    return [f for _, _, f in sorted(scored)[:2]]


def talk_track(writer: Writer, flier: Flier, profile: ProfileLike, result: MatchResultLike,
               *, comparison: Comparison | None = None,
               state: DocumentState | None = None) -> TalkTrack:
    """Assemble the talk-track for one prospect (see the module doc for the parts).

    Raises:
        TemplateError: a template is missing or fails.
        ProvenanceError: a line states a fact no source supports.
    """
    state = state or writer.start(flier, profile)
    ordered = _priority_order(profile, [m for m in result.matches if m.kind == "benefit"])
    benefits = writer.statements(flier, profile, ordered, state=state)
    live_ids = writer.live(flier)
    live = [f for f in flier.features if f.id in live_ids]
    all_sources = Sources.combine(state.sources, writer.flier_sources(flier))
    needs = profile.needs
    top = max(range(len(needs)), key=lambda i: (needs[i].priority or 0, -i))
    top_benefit = next((b for b in benefits if b.need_index == top), None)
    top_feature = flier.feature(top_benefit.feature_id) if top_benefit else None
    opening = Line(_part(writer, state, "talk/opening.j2",
                         {"need": state.view["needs"][top], "feature": top_feature,
                          "statement": top_benefit.text if top_benefit else None}, all_sources),
                   "talk/opening.j2", (top_feature.id,) if top_feature else (), top)
    questions = [Line(_part(writer, state, "talk/question_need.j2",
                            {"need": state.view["needs"][i]}, all_sources, str(i)),
                      "talk/question_need.j2", (), i) for i in result.unmatched_needs]
    used = {b.feature_id for b in benefits}
    strong = [flier.feature(m.feature) for m in result.matches if m.kind == "advantage"]
    strong += [flier.feature(fid) for fid in result.unused_features]
    strong = [f for f in dict.fromkeys(strong) if f.id not in used and f.id in live_ids
              and f.category not in _QUESTION_SKIP and (f.values or f.label is None)]
    questions += [Line(_part(writer, state, "talk/question_feature.j2", {"feature": f},
                             all_sources, f.id), "talk/question_feature.j2", (f.id,))
                  for f in strong[:MAX_FEATURE_QUESTIONS]]
    objections = []
    for text in getattr(profile, "objections", ()) or ():
        found = _answers(text, [f for f in live if f.category is not Category.HOW_TO_BUY])
        objections.append(Line(_part(writer, state, "talk/objection.j2",
                                     {"objection": text, "features": found}, all_sources, text),
                               "talk/objection.j2", tuple(f.id for f in found), topic=text))
    vendor = None
    vendor_name = comparison.vendor if comparison else state.view["current_vendor"]
    if vendor_name:
        facts = comparison.facts if comparison else ()
        vendor_sources = Sources.combine(all_sources, Sources([vendor_name, *facts]))
        vendor = Line(_part(writer, state, "talk/vendor.j2",
                            {"vendor": vendor_name, "facts": list(facts)}, vendor_sources),
                      "talk/vendor.j2", topic=vendor_name)
    steps_from = sorted((f for f in live if f.category in (Category.DEADLINE, Category.HOW_TO_BUY,
                                                           Category.AVAILABILITY)),
                        key=lambda f: [Category.DEADLINE, Category.AVAILABILITY,
                                       Category.HOW_TO_BUY].index(f.category))
    steps = [Line(_part(writer, state, "talk/next_step.j2", {"feature": f}, all_sources, f.id),
                  "talk/next_step.j2", (f.id,)) for f in steps_from]
    if not steps:
        steps = [Line(_part(writer, state, "talk/next_step.j2", {}, all_sources),
                      "talk/next_step.j2")]
    ended = tuple(f.text for f in flier.features if f.id not in live_ids)
    return TalkTrack(profile.account, opening, benefits, tuple(questions), tuple(objections),
                     vendor, tuple(steps), ended)


def personalised_flier(writer: Writer, flier: Flier, profile: ProfileLike,
                       result: MatchResultLike, *,
                       state: DocumentState | None = None) -> PersonalisedFlier:
    """The flier's features reordered by what matters to this buyer, each with its line.

    Pass the ``state`` you will hand to ``render_document`` so the profile is read once.
    """
    state = state or writer.start(flier, profile)
    # Only a feature that answers a stated need gets a line: an advantage speaks to anyone,
    # so its feature is listed short with the others, strong ones (advantage matches) first.
    ordered = _priority_order(profile, [m for m in result.matches if m.kind == "benefit"])
    best: dict[str, MatchLike] = {}
    for m in ordered:
        best.setdefault(m.feature, m)
    live = writer.live(flier)
    chosen = [m for m in best.values() if m.feature in live]
    statements = writer.statements(flier, profile, chosen, state=state)
    by_feature = {b.feature_id: b for b in statements}
    top = tuple((flier.feature(m.feature), by_feature.get(m.feature)) for m in chosen)
    strong: dict[str, int] = {}
    for m in result.matches:
        if m.kind == "advantage":
            strong.setdefault(m.feature, len(strong))
    live_features, ended = writer.split(flier)
    rest = [f for f in live_features if f.id not in best]
    if strong:  # strong ones first, in the order the matcher found them; then flier order
        front = sorted((f for f in rest if f.id in strong), key=lambda f: strong[f.id])
        rest = front + [f for f in rest if f.id not in strong]
    return PersonalisedFlier(profile.account, flier.title, top, tuple(rest), ended)


def render_document(writer: Writer, doc: TalkTrack | PersonalisedFlier, flier: Flier,
                    profile: ProfileLike, fmt: str = "md",
                    comparison: Comparison | None = None,
                    state: DocumentState | None = None) -> str:
    """Lay a document out in ``md``, ``html``, ``txt`` or ``json``, and check it as a whole.

    Raises:
        TemplateError: the format has no template.
        ProvenanceError: the laid-out document states a fact no source supports.
    """
    import json

    if fmt == "json":
        return json.dumps(doc.to_json(), indent=2, ensure_ascii=False) + "\n"
    kind = "talk_track" if isinstance(doc, TalkTrack) else "flier"
    name = f"{kind}.{fmt}.j2"
    if fmt not in FORMATS or not writer.has_template(name):
        raise TemplateError(f"no {kind} template for format {fmt!r}", code="template-missing",
                            path=name, hint="use md, html, txt or json")
    if state is None or state.flier is not flier:  # checked against this flier, not another
        state = writer.start(flier, profile)
    text = writer.render(name, {"doc": doc, "profile": state.view, "flier": flier,
                                "locale": writer.locale}, collapse=False)
    if fmt in ("md", "txt"):
        # Tidy what template whitespace control leaves: one blank line between blocks.
        text = re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
    if writer.provenance:
        extra = Sources([comparison.vendor, *comparison.facts]) if comparison else None
        writer.check_document(text, state, template=name, html=fmt == "html", extra=extra)
    return text

