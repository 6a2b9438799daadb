"""Benefit statements: one per match, in the buyer's terms, with the sources it used.

Each statement comes from the template its rule names (else ``benefit/<category>.j2`` or
``advantage/<category>.j2``), in one of several phrasings picked by a seed derived from the
account (each statement of the document then starts from the phrasing after the one the
last statement used), so the same inputs always give the same bytes while different accounts
read differently. Within one document no two statements open with the same words when
another phrasing avoids it. Every statement passes the provenance check before it is
returned.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections import ChainMap, OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import jinja2
from jinja2.runtime import new_context

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
from benefitkit.render.environment import build_environment, reads_variable, render_error
from benefitkit.render.facts import facts_across_lines, strip_markup
from benefitkit.render.filters import opener as _opener
from benefitkit.render.provenance import Sources, check, check_facts, unsupported
from benefitkit.vocab import Category

__all__ = ["Benefit", "DocumentState", "Writer"]

log = logging.getLogger("benefitkit")

#: Phrasings tried per statement before a repeated opener is accepted.
MAX_TRIES = 3
#: Fliers whose feature index a writer keeps, and features whose sources it keeps.
FLIERS_KEPT = 32
FEATURES_KEPT = 8192
#: Layout lines a writer remembers per flier (see ``Writer.check_document``).
LINES_KEPT = 4096
_CATEGORIES = frozenset(str(c) for c in Category)
_OWN_TEMPLATE = frozenset({Category.DEADLINE, Category.PRICE})
# A list item or heading marker in front of a line a document quotes: no digits, so a
# numbered item ("2. ...") is read whole.
_MARKER = re.compile(r"(?:[-*+•>]|#{1,6})\s+")


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
    #: Phrasings used so far: the next statement starts at ``seed + offset``.
    offset: int = 0
    #: Lines written for this document that passed the provenance check.
    checked: set[str] = attrs.field(factory=set)


def seed_for(*parts: str) -> int:
    """A stable seed from text parts (never Python's ``hash()``, which changes per run)."""
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


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
        self._templates: dict[str, tuple[jinja2.Template, dict[str, Any],
                                         dict[str, Any] | None]] = {}
        self._chosen: dict[tuple[str, str | None, str], str] = {}
        self._self_choosing: dict[str, bool] = {}
        # What the writer works out once per flier (a batch writes many accounts against
        # one flier): each feature by id and whether its offer has ended, kept for the last
        # few fliers by identity (holding the flier keeps its id unique); and what each
        # feature states, kept for the last few thousand features by value.
        self._fliers: OrderedDict[int, _FlierFacts] = OrderedDict()
        self._sources: OrderedDict[tuple[Feature, str | None], Sources] = OrderedDict()

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
        facts = self._facts_of(flier)
        out = []
        for m in matches:
            feature = facts.by_id.get(m.feature) or flier.feature(m.feature)
            if self._ended(facts, feature):
                log.debug("skipping %s: its offer ended before %s", feature.id, self.as_of)
                continue
            out.append(self.statement(m, feature, state))
        return tuple(out)

    def live(self, flier: Flier) -> frozenset[str]:
        """The ids of the flier's features that are not offers ended before ``as_of``."""
        facts = self._facts_of(flier)
        self._sync(facts)
        if facts.live is None:
            facts.live = frozenset(f.id for f in flier.features if not self._ended(facts, f))
        return facts.live

    def split(self, flier: Flier) -> tuple[tuple[Feature, ...], tuple[Feature, ...]]:
        """The flier's features still live, and the offers that have ended, in flier order."""
        facts = self._facts_of(flier)
        live = self.live(flier)
        if facts.split is None:
            facts.split = (tuple(f for f in flier.features if f.id in live),
                           tuple(f for f in flier.features if f.id not in live))
        return facts.split

    def _sync(self, facts: _FlierFacts) -> None:
        if facts.as_of != self.as_of:  # "today" was moved: work the offers out again
            facts.as_of, facts.live, facts.split = self.as_of, None, None
            facts.expired.clear()

    def _ended(self, facts: _FlierFacts, feature: Feature) -> bool:
        if facts.by_id.get(feature.id) is not feature:  # not one of this flier's features
            return offer_state(feature, self.as_of) == "expired"
        self._sync(facts)
        found = facts.expired.get(feature.id)
        if found is None:
            found = facts.expired[feature.id] = offer_state(feature, self.as_of) == "expired"
        return found

    def statement(self, match: MatchLike, feature: Feature, state: DocumentState) -> Benefit:
        """Write one match as a benefit (a stated need) or an advantage (none)."""
        kind = "advantage" if match.kind == "advantage" or match.need is None else "benefit"
        name = self.template_for(kind, match.template, feature)
        need = None if kind == "advantage" else state.view["needs"][match.need]
        # Consecutive phrasings from a per-account start: reproducible, different per
        # account, and a document walks through its phrasings instead of repeating one. A
        # retry moves the start on, so the next statement does not retry the same phrasings.
        seed = state.seed + state.offset
        context = {
            "feature": feature, "need": need, "profile": state.view, "match": match,
            "fit": _fit(match, state.view),
            "tone": state.tone, "flier": state.flier, "locale": self.locale, "variant": seed,
            "openers": tuple(sorted(state.openers)),  # an order that never depends on the run
        }
        # A template that reads ``openers`` has already skipped the phrasings that would
        # repeat one: its choice stands. Any other gets up to MAX_TRIES phrasings.
        tries = 1 if self._chooses_phrasing(name) else MAX_TRIES
        text = first = opener = first_opener = ""
        for attempt in range(tries):
            context["variant"] = seed + attempt  # rendering copies the context
            text = self.render(name, context)
            opener = _opener(text)
            if not first:
                first, first_opener = text, opener
            if opener not in state.openers:
                break
        else:
            text, opener = first, first_opener
        state.openers.add(opener)
        state.offset += attempt + 1
        if self.provenance:
            # the feature first: its sources are read once per flier, the profile's per
            # document, and only when the feature does not state the fact
            check(text, Sources.combine(self.sources_for(feature, state.flier), state.sources),
                  template=name)
            state.checked.add(text)
        return Benefit(feature.id, None if kind == "advantage" else match.need, kind, text,
                       _spans(feature, text), name)

    def render(self, name: str, context: dict[str, Any], *, collapse: bool = True) -> str:
        """Render one template, as one line of text unless ``collapse`` is off.

        Raises:
            TemplateError: naming the template (and line) when rendering fails.
        """
        try:
            found = self._templates.get(name)
            if found is None:
                template = self.env.get_template(name)
                found = self._templates[name] = (template, dict(template.globals),
                                                 _own_globals(template))
            template, known, own = found
            # What ``Template.render`` does, with the template's globals (read when the writer
            # first renders it) merged into the variables: "shared" makes the context take
            # this dict as it is, one copy instead of two. The context is told of the globals
            # only when the template has some of its own, which a template it imports must
            # then be given; else the import takes its cached module at once.
            ctx = new_context(self.env, template.name, template.blocks,
                              {**known, **context}, True, own)
            try:
                text = self.env.concat(template.root_render_func(ctx))
            except Exception:
                self.env.handle_exception()  # re-raised with the template's lines in the traceback
        except jinja2.TemplateNotFound as exc:
            raise TemplateError("template not found", code="template-missing", path=name,
                                hint="add it to a template folder") from exc
        except Exception as exc:  # a template is user code: any failure is the template's
            raise render_error(name, exc) from exc
        # runs of ordinary white space become one space; a no-break space a locale groups
        # an amount with ("2 500 €") stays, so the amount still reads as one
        return _SPACES.sub(" ", text).strip(" ") if collapse else text

    def _chooses_phrasing(self, name: str) -> bool:
        found = self._self_choosing.get(name)
        if found is None:
            try:
                found = reads_variable(self.env, name, "openers")
            except jinja2.TemplateError:
                return False  # rendering it reports the error, with the template and line
            self._self_choosing[name] = found
        return found

    def template_for(self, kind: str, named: str | None, feature: Feature) -> str:
        """The template for a statement: the rule's, then the category's, then the default.

        A rule naming a template of the other kind is ignored: an advantage is never written
        with a benefit template, nor a benefit with an advantage one.
        """
        key = (kind, named, feature.category)
        found = self._chosen.get(key)
        if found is None:
            found = self._chosen[key] = self._template_for(kind, named, feature.category)
        return found

    def _template_for(self, kind: str, named: str | None, category: str) -> str:
        folder = "benefit" if kind == "benefit" else "advantage"
        if named and not named.startswith(folder + "/"):
            named = None
        elif named and category in _OWN_TEMPLATE:
            named = None  # offers and prices are always written by their own template
        elif named and named[len(folder) + 1:].removesuffix(".j2") in _CATEGORIES:
            # A template named for another feature category would describe the wrong thing.
            named = named if named == f"{folder}/{category}.j2" else None
        candidates = [
            named,
            f"{folder}/{category}.j2",
            f"{folder}/generic.j2" if kind == "benefit" else f"{folder}/default.j2",
        ]
        for name in candidates:
            if name and name in self._names:
                return name
        raise TemplateError(f"no {kind} template for feature category {category!r}",
                            code="template-missing", path=candidates[-1],
                            hint="ship a default template in a template folder")

    def _facts_of(self, flier: Flier) -> _FlierFacts:
        facts = self._fliers.get(id(flier))
        if facts is not None and facts.flier is flier:
            if len(self._fliers) > 1:
                self._fliers.move_to_end(id(flier))
            return facts
        facts = self._fliers[id(flier)] = _FlierFacts(flier, {f.id: f for f in flier.features})
        if len(self._fliers) > FLIERS_KEPT:
            self._fliers.popitem(last=False)
        return facts

    def sources_for(self, feature: Feature, flier: Flier) -> Sources:
        """What one feature states (with the flier's title), kept for the next statement."""
        key = (feature, flier.title)
        found = self._sources.get(key)
        if found is None:
            found = self._sources[key] = feature_sources(feature, flier.title)
            if len(self._sources) > FEATURES_KEPT:
                self._sources.popitem(last=False)
        return found

    def flier_sources(self, flier: Flier) -> Sources:
        """What the whole flier states, kept with the flier: every feature's text, label and
        values, and the title."""
        facts = self._facts_of(flier)
        if facts.everything is None:
            texts = [flier.title or ""]
            for f in flier.features:
                texts += [f.text, f.label or ""]
            facts.everything = Sources(texts, [v for f in flier.features for v in f.values])
        return facts.everything

    def page_sources(self, flier: Flier) -> Sources:
        """The pages the flier's features sit on: a laid-out document may cite them."""
        facts = self._facts_of(flier)
        if facts.pages is None:
            facts.pages = Sources(numbers={f.source.page for f in flier.features})
        return facts.pages

    def check_document(self, text: str, state: DocumentState, *, template: str,
                       html: bool = False, extra: Sources | None = None) -> None:
        """Check a laid-out document as a whole: its layout must not state facts either.

        Facts that run over a line break are read across it first. Then, read line by
        line, a document has three kinds of line. A statement this document's
        state checked (alone, or behind a list or heading marker) needs no second reading.
        A line the flier's own texts and page numbers support, such as a feature's heading,
        needs reading once per flier: the writer remembers it (after its second sighting,
        so the account-specific lines of a batch are not tried twice). Every other line is
        read against everything the document may cite: the profile, the whole flier, its
        pages, ``extra`` and, as quotes only, the checked statements.

        Raises:
            ProvenanceError: a line states a fact no source supports.
        """
        if html:
            text = strip_markup(text)
        facts = self._facts_of(state.flier)
        flier_only = Sources.combine(self.flier_sources(state.flier),
                                     self.page_sources(state.flier))
        own = state.sources if extra is None else Sources.combine(state.sources, extra)

        def everything() -> Sources:
            return Sources.combine(Sources.checked(state.checked), own, flier_only)

        # A fact can run over a line break, out of a line that is skipped below: read the
        # facts across the breaks first, whatever the lines on either side are.
        across = facts_across_lines(text)
        if across:
            check_facts(across, text, everything(), template=template)
        lines = text.split("\n")
        checked, good = state.checked, facts.good
        rest = []
        # Most lines are known at once, as they stand; the others are looked at closer.
        for line in [line for line in lines if line not in good and line not in checked]:
            core = line.strip()
            if not core or core in checked:
                continue
            marker = _MARKER.match(core)
            if marker is not None and core[marker.end():] in checked:
                continue
            if self._flier_line(facts, core, flier_only):
                if len(good) < LINES_KEPT:
                    good.add(line)
            else:
                rest.append(line)
        if not rest:
            return
        # Each line is read on its own (the breaks were read above): no fact runs from one
        # into the next. Usually the profile is all the rest quotes (the account, the
        # contact): read with it alone first. More sources can only support more, so only
        # lines that fail are read again with everything.
        joined = _APART.join(rest)
        if unsupported(joined, own):
            check(joined, everything(), template=template)

    @staticmethod
    def _flier_line(facts: _FlierFacts, line: str, flier_only: Sources) -> bool:
        # Whether the flier alone supports the line, worked out on its second sighting:
        # a line that names the account is seen once per account and never read alone.
        found = facts.lines.get(line)
        if found is not None:
            return found
        if facts.once.pop(line, _UNSEEN) is _UNSEEN:
            if len(facts.once) >= LINES_KEPT:
                facts.once.clear()  # lines seen once, mostly other accounts' own lines
            facts.once[line] = None
            return False
        found = not unsupported(line, flier_only)
        if len(facts.lines) >= LINES_KEPT:
            facts.lines.clear()  # the layout's own lines are learned again at once
        facts.lines[line] = found
        return found


_UNSEEN = object()
_SPACES = re.compile(r"[^\S\u00a0\u202f\u2009]+")  # any white space but a locale's group marks
# Between lines read together: no whitespace, so no fact runs across it, and a line still
# starts after a line break.
_APART = "\n\x00\n"


@attrs.define
class _FlierFacts:
    flier: Flier
    by_id: dict[str, Feature]
    expired: dict[str, bool] = attrs.field(factory=dict)
    everything: Sources | None = None
    pages: Sources | None = None
    #: Offers that have ended (and the features still live) as of ``as_of``.
    as_of: dt.date | None = None
    live: frozenset[str] | None = None
    split: tuple[tuple[Feature, ...], tuple[Feature, ...]] | None = None
    #: Layout lines read against the flier alone (and whether it supports them), and the
    #: lines seen once so far.
    lines: dict[str, bool] = attrs.field(factory=dict)
    once: dict[str, None] = attrs.field(factory=dict)
    #: The lines the flier supports as they stand in a document (blank lines too).
    good: set[str] = attrs.field(factory=lambda: {""})


def _own_globals(template: jinja2.Template) -> dict[str, Any] | None:
    """The template's globals when it has any beyond the environment's, else None."""
    own = template.globals
    if isinstance(own, ChainMap) and all(m is template.environment.globals
                                         for m in own.maps[1:]) and not own.maps[0]:
        return None
    return dict(own)


def _spans(feature: Feature, text: str) -> tuple[SourceSpan, ...]:
    spans = [feature.source]
    base = feature.source.start
    for v in feature.values:
        if v.text and v.text in text and v.end > v.start:
            spans.append(SourceSpan(base + v.start, base + v.end, feature.source.page,
                                    feature.source.block))
    return tuple(spans)


def _fit(match: MatchLike, view: dict[str, Any]) -> dict[str, Any]:
    """The buyer's figures this match was checked against and fits.

    ``budget``: the money value compared (the need's own budget, in the need's words).
    ``deadline``: the date compared; ``timeline``: the profile's timeline in the buyer's
    words when that is the date compared, else ``None`` (a date worked out from "within 6
    weeks" or "by Friday" is in no source, so a statement does not print it). Each is
    ``None`` when no such check passed: a statement says "within your budget of ..." only
    with the figure that was compared.
    """
    fit: dict[str, Any] = {"budget": None, "deadline": None, "timeline": None}
    for done in getattr(match, "checks", ()):
        if done.outcome != "fits" or done.against is None:
            continue
        if done.kind == "budget" and fit["budget"] is None:
            fit["budget"] = done.against
        elif done.kind == "deadline" and fit["deadline"] is None:
            fit["deadline"] = done.against
            if done.against == view.get("timeline_date"):
                fit["timeline"] = view.get("timeline")
    return fit
