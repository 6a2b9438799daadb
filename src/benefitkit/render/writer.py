"""Benefit statements: one per match, in the buyer's terms, with the sources it used.

Each statement comes from the template its rule names (else ``benefit/<category>.j2`` or
``advantage/<category>.j2``), in one of several phrasings picked by a seed derived from the
account (then the next phrasing for each statement of the document), so the same inputs
always give the same bytes while different accounts read differently. Within one document no two statements open with the same words
when another phrasing avoids it. Every statement passes the provenance check before it is
returned.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs
import jinja2

from benefitkit.errors import TemplateError
from benefitkit.model import Feature, Flier, SourceSpan
from benefitkit.render.context import (
    MatchLike,
    ProfileLike,
    feature_sources,
    offer_state,
    profile_sources,
    profile_view,
    tone_for,
)
from benefitkit.render.environment import build_environment, render_error
from benefitkit.render.provenance import Sources, check
from benefitkit.vocab import Category

__all__ = ["Benefit", "DocumentState", "Writer"]

log = logging.getLogger("benefitkit")

#: Phrasings tried per statement before a repeated opener is accepted.
MAX_TRIES = 3
_CATEGORIES = frozenset(str(c) for c in Category)
_OWN_TEMPLATE = frozenset({Category.DEADLINE, Category.PRICE})


@attrs.frozen
class Benefit:
    """One written statement.

    Attributes:
        feature_id: the feature it is about.
        need_index: the need it answers (``None`` for an advantage).
        kind: ``benefit`` or ``advantage``.
        text: the statement.
        spans: where its facts sit in the flier: the feature, then each value it quotes.
        template: the template that wrote it.
    """

    feature_id: str
    need_index: int | None
    kind: str
    text: str
    spans: tuple[SourceSpan, ...]
    template: str

    def to_json(self) -> dict[str, Any]:
        """The statement as a JSON-ready record."""
        return {
            "feature": self.feature_id,
            "need": self.need_index,
            "kind": self.kind,
            "text": self.text,
            "template": self.template,
            "spans": [s.to_json() for s in self.spans],
        }


@attrs.define
class DocumentState:
    """What one document has used so far, and the inputs prepared once for it."""

    flier: Flier
    profile: ProfileLike
    view: dict[str, Any]
    sources: Sources
    tone: str
    seed: int = 0
    openers: set[str] = attrs.field(factory=set)
    written: int = 0


def seed_for(*parts: str) -> int:
    """A stable seed from text parts (never Python's ``hash()``, which changes per run)."""
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def _opener(text: str) -> str:
    # The first word carries the phrasing ("You told us", "On", "Also"); the feature-led
    # phrasing opens with the feature's own first word, which differs per feature.
    words = text.split(maxsplit=1)
    return words[0].lower().strip("“”\"',:") if words else ""


class Writer:
    """Writes statements (and, through ``benefitkit.render.documents``, whole documents).

    Build one per engine: the environment and its templates are compiled once.

    Args:
        env: a prepared environment; built from ``template_dirs`` when omitted.
        template_dirs: user template folders, searched before the package templates.
        as_of: "today" for offer deadlines; pinned so output does not change with the clock.
        locale: Babel locale for money and dates.
        provenance: run the provenance check on every render (on by default; turning it
            off is for benchmarks only).
    """

    def __init__(
        self,
        env: jinja2.Environment | None = None,
        *,
        template_dirs: Iterable[str | Path] = (),
        as_of: dt.date | None = None,
        locale: str = "en_US",
        provenance: bool = True,
    ) -> None:
        self.env = env if env is not None else build_environment(template_dirs)
        self.as_of = as_of or dt.date.today()
        self.locale = locale
        self.provenance = provenance
        self._names = frozenset(self.env.list_templates(extensions=["j2"]))
        self._feature_sources: dict[tuple[str, str, str | None], Sources] = {}
        self._by_id: tuple[Flier, dict[str, Feature]] | None = None

    def has_template(self, name: str) -> bool:
        """Whether ``name`` is among the templates found when the writer was built."""
        return name in self._names

    def start(self, flier: Flier, profile: ProfileLike) -> DocumentState:
        """Prepare one document: the profile's view and sources, the tone, no openers yet."""
        view = profile_view(profile)
        return DocumentState(flier, profile, view, profile_sources(profile, view),
                             tone_for(view["role"]), seed_for(view["account"], flier.source))

    def statements(self, flier: Flier, profile: ProfileLike, matches: Iterable[MatchLike],
                   *, state: DocumentState | None = None) -> tuple[Benefit, ...]:
        """A statement for each match whose feature is not an offer that has ended.

        Raises:
            TemplateError: a template is missing or fails to render.
            ProvenanceError: a statement states a fact no source supports.
        """
        state = state or self.start(flier, profile)
        by_id = self._features_of(flier)
        out = []
        for m in matches:
            feature = by_id.get(m.feature) or flier.feature(m.feature)
            if offer_state(feature, self.as_of) == "expired":
                log.debug("skipping %s: its offer ended before %s", feature.id, self.as_of)
                continue
            out.append(self.statement(m, feature, state))
        return tuple(out)

    def statement(self, match: MatchLike, feature: Feature, state: DocumentState) -> Benefit:
        """Write one match as a benefit (a stated need) or an advantage (none)."""
        kind = "advantage" if match.kind == "advantage" or match.need is None else "benefit"
        name = self.template_for(kind, match.template, feature)
        need = None if kind == "advantage" else state.view["needs"][match.need]
        # Consecutive phrasings from a per-account start: reproducible, different per
        # account, and a document walks through its phrasings instead of repeating one.
        seed = state.seed + state.written
        context = {
            "feature": feature, "need": need, "profile": state.view, "match": match,
            "tone": state.tone, "flier": state.flier, "locale": self.locale,
        }
        text = first = ""
        for attempt in range(MAX_TRIES):
            text = self.render(name, {**context, "variant": seed + attempt})
            first = first or text
            if _opener(text) not in state.openers:
                break
        else:
            text = first
        state.openers.add(_opener(text))
        state.written += 1
        if self.provenance:
            check(text, Sources.combine(state.sources, self.sources_for(feature, state.flier)),
                  template=name)
        return Benefit(feature.id, None if kind == "advantage" else match.need, kind, text,
                       _spans(feature, text), name)

    def render(self, name: str, context: dict[str, Any], *, collapse: bool = True) -> str:
        """Render one template, as one line of text unless ``collapse`` is off.

        Raises:
            TemplateError: naming the template (and line) when rendering fails.
        """
        try:
            text = self.env.get_template(name).render(context)
        except jinja2.TemplateNotFound as exc:
            raise TemplateError("template not found", code="template-missing", path=name,
                                hint="add it to a template folder") from exc
        except Exception as exc:  # a template is user code: any failure is the template's
            raise render_error(name, exc) from exc
        return " ".join(text.split()) if collapse else text

    def template_for(self, kind: str, named: str | None, feature: Feature) -> str:
        """The template for a statement: the rule's, then the category's, then the default.

        A rule naming a template of the other kind is ignored: an advantage is never written
        with a benefit template, nor a benefit with an advantage one.
        """
        folder = "benefit" if kind == "benefit" else "advantage"
        if named and not named.startswith(folder + "/"):
            named = None
        elif named and feature.category in _OWN_TEMPLATE:
            named = None  # offers and prices are always written by their own template
        elif named and named[len(folder) + 1:].removesuffix(".j2") in _CATEGORIES:
            # A template named for another feature category would describe the wrong thing.
            named = named if named == f"{folder}/{feature.category}.j2" else None
        candidates = [
            named,
            f"{folder}/{feature.category}.j2",
            f"{folder}/generic.j2" if kind == "benefit" else f"{folder}/default.j2",
        ]
        for name in candidates:
            if name and name in self._names:
                return name
        raise TemplateError(f"no {kind} template for feature category {feature.category!r}",
                            code="template-missing", path=candidates[-1],
                            hint="ship a default template in a template folder")

    def _features_of(self, flier: Flier) -> dict[str, Feature]:
        # One index per flier: a batch writes many accounts against the same flier.
        cached = self._by_id
        if cached is None or cached[0] is not flier:
            cached = self._by_id = (flier, {f.id: f for f in flier.features})
        return cached[1]

    def sources_for(self, feature: Feature, flier: Flier) -> Sources:
        """What one feature states, cached per flier and feature."""
        key = (flier.source, feature.id, feature.text)
        found = self._feature_sources.get(key)
        if found is None:
            found = self._feature_sources[key] = feature_sources(feature, flier.title)
        return found

    def flier_sources(self, flier: Flier, features: Sequence[Feature] | None = None) -> Sources:
        """What the flier states, over ``features`` (all of them by default)."""
        chosen = flier.features if features is None else features
        return Sources.combine(*(self.sources_for(f, flier) for f in chosen))


def _spans(feature: Feature, text: str) -> tuple[SourceSpan, ...]:
    spans = [feature.source]
    base = feature.source.start
    for v in feature.values:
        if v.text and v.text in text and v.end > v.start:
            spans.append(SourceSpan(base + v.start, base + v.end, feature.source.page,
                                    feature.source.block))
    return tuple(spans)
