"""Rule files: YAML validated by pydantic, compiled and type-checked when loaded.

A rule file::

    version: 1
    hit_policy: collect        # first | priority | collect (see below)
    aggregate: max             # collect only: max | sum
    scoring: {min_score: 0.3}  # optional overrides of the selection settings
    rules:
      - id: integration-compatibility
        description: A feature that works with their systems answers a compatibility need.
        when:
          feature: {category: integration}
          need: {category: compatibility}
          profile: {industry: {in: [healthcare]}}
          pair: {shared_terms: {ge: 1}}
        score: 0.8
        template: benefit/integration.j2

Hit policies decide what happens when several rules fire for one (feature, need) pair, as in
DMN decision tables: ``first`` keeps the first in file order; ``priority`` keeps the one with
the highest ``priority`` (then score, then file order); ``collect`` keeps all of them: the
positive scores combine by ``aggregate`` (``max``, or ``sum`` clipped to 1) and every negative
score is added in full, so a negative rule works as a penalty. With ``collect`` the rule
reported for the pair is the one with the highest score; every fired rule is in
``Match.rules``.

Rules are indexed by the categories pinned at the top of their ``feature`` and ``need``
sections (``category: x`` or ``category: [x, y]``); a rule without a pinned category applies
to every pair the matcher considers (pairs that share a term with the need, or carry a value
its numbers can be checked against).

User files merge over the defaults by ``id``: the same id replaces the default in place,
``enabled: false`` removes it, a new id is appended. Every error names the file and line.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
from pydantic import ValidationError

from benefitkit.errors import RuleError
from benefitkit.match.conditions import Condition, compile_section, suggest
from benefitkit.match.inputs import (
    FEATURE_FIELDS,
    NEED_FIELDS,
    PAIR_FIELDS,
    PROFILE_FIELDS,
    profile_field,
)
from benefitkit.match.rulefile import FileSpec, HitPolicy, RuleSpec, validation_error
from benefitkit.match.yamlio import LineDict, line_at, read_yaml
from benefitkit.vocab import Category, NeedCategory

__all__ = ["DEFAULT_RULES", "HitPolicy", "Rule", "RuleSet", "Scoring", "load_rules", "parse_rules"]

DEFAULT_RULES = "benefitkit/match/data/default_rules.yml"
@attrs.frozen
class Scoring:
    """How a pair's score is made and which pairs are kept (see the default rule file).

    A pair scores ``rule_weight * rules + evidence_weight * evidence + penalties`` (+
    ``fit_bonus`` when a constraint check fits), clipped to 0..1. A pair is a candidate when
    it scores at least ``min_score`` with evidence of at least ``min_evidence`` (or a budget or
    quantity that decides). A need is answered when its best candidate has evidence of at
    least ``best_evidence``, or of ``backed_evidence`` with a rule scoring ``backing_score`` or
    more (a category pairing, not shared words alone), or numbers that decide; then every
    candidate scoring at least ``ratio`` times the best is kept,
    and so is one scoring ``aspect_ratio`` times the best that speaks to every aspect the need
    asks about, or ``key_ratio`` times the best that carries the need's most telling name or
    synonym group, at most ``max_per_need`` in all. When the need names a system or standard
    that no feature mentions, every pair's evidence is multiplied by ``missing_name_factor``.
    With a similarity provider (``Matcher(similarity=...)``), a pair's evidence is at least
    ``similarity_weight`` times the similarity of meaning of the need and the feature, when
    that is ``min_similarity`` or more and the need names nothing that no feature mentions.
    """

    rule_weight: float = 0.1
    evidence_weight: float = 0.9
    fit_bonus: float = 0.2
    min_score: float = 0.1
    min_evidence: float = 0.1
    best_evidence: float = 0.28
    backed_evidence: float = 0.2
    backing_score: float = 0.6
    ratio: float = 0.8
    aspect_ratio: float = 0.5
    key_ratio: float = 0.5
    missing_name_factor: float = 0.5
    similarity_weight: float = 0.7
    min_similarity: float = 0.4
    max_per_need: int = 4
    max_advantages: int = 3


@attrs.frozen
class Rule:
    """One compiled rule. Conditions are ``None`` when the section is empty (always true).

    A category pinned at the top of a section (``feature: {category: [a, b]}``) is kept in
    ``feature_categories`` / ``need_categories`` for the matcher's index and left out of the
    compiled ``feature`` / ``need`` condition; ``matches_feature`` and ``matches_need`` check
    both.
    """

    id: str
    score: float
    description: str = ""
    priority: int = 0
    kind: str = "benefit"
    template: str | None = None
    feature: Condition | None = attrs.field(default=None, eq=False, repr=False)
    need: Condition | None = attrs.field(default=None, eq=False, repr=False)
    profile: Condition | None = attrs.field(default=None, eq=False, repr=False)
    pair: Condition | None = attrs.field(default=None, eq=False, repr=False)
    feature_categories: frozenset[str] | None = None
    need_categories: frozenset[str] | None = None
    source: str | None = None
    line: int | None = None
    order: int = 0

    def matches_feature(self, view: Any) -> bool:
        """Whether the feature conditions (pinned categories included) hold for a view."""
        if self.feature_categories is not None and self.feature_categories.isdisjoint(view.category):
            return False
        return self.feature is None or self.feature(view)

    def matches_need(self, view: Any) -> bool:
        """Whether the need conditions (pinned categories included) hold for a view."""
        if self.need_categories is not None and self.need_categories.isdisjoint(view.category):
            return False
        return self.need is None or self.need(view)

    @property
    def where(self) -> str:
        """``file:line`` of the rule, for traces."""
        return f"{self.source}:{self.line}" if self.source else self.id


@attrs.frozen
class RuleSet:
    """Rules merged from the defaults and any user files, with the file-level settings."""

    rules: tuple[Rule, ...]
    hit_policy: HitPolicy = "collect"
    aggregate: str = "sum"
    scoring: Scoring = Scoring()
    sources: tuple[str, ...] = ()

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id. Raises ``KeyError`` (with a did-you-mean) when absent."""
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(suggest(rule_id, [r.id for r in self.rules]) or rule_id)


def _index_key(node: Any, vocab: type[Category] | type[NeedCategory]) -> frozenset[str] | None:
    """The categories a section pins at top level (``category: x``, ``{in: [..]}``), else None."""
    if not isinstance(node, Mapping) or "category" not in node:
        return None
    test = node["category"]
    if isinstance(test, Mapping):
        if set(test) - {"eq", "in"}:
            return None
        pinned: set[str] | None = None
        for op, val in test.items():
            found = {str(v) for v in (val if op == "in" and isinstance(val, list) else [val])}
            pinned = found if pinned is None else pinned & found
        test = sorted(pinned or ())
    vals = test if isinstance(test, list) else [test]
    names = {c.value for c in vocab}
    return frozenset(str(v) for v in vals if str(v) in names) or None


def _compile(spec: RuleSpec, raw: Any, source: str, order: int) -> Rule:
    line = getattr(raw, "line", None)
    when_raw = raw.get("when", {}) if isinstance(raw, Mapping) else {}
    when_line = line_at(raw, ("when",))

    def section(name: str, fields: Any, **kw: Any) -> Condition | None:
        node = when_raw.get(name) if isinstance(when_raw, Mapping) else None
        return compile_section(f"{spec.id}.when.{name}", node, fields, path=source,
                               line=line_at(when_raw, (name,)) or when_line, **kw)

    def rest(name: str, fields: Any, pinned: frozenset[str] | None) -> Condition | None:
        # Compiled whole (so every name is checked), then again without the pinned category:
        # the index guarantees it for every pair the rule meets.
        full = section(name, fields)
        if pinned is None:
            return full
        node = when_raw.get(name) if isinstance(when_raw, Mapping) else None
        if not isinstance(node, Mapping):
            return full
        kept = LineDict({k: v for k, v in node.items() if k != "category"})
        kept.line, kept.key_lines = getattr(node, "line", 0), getattr(node, "key_lines", {})
        return compile_section(f"{spec.id}.when.{name}", kept, fields, path=source)

    feature_categories = _index_key(spec.when.feature, Category)
    need_categories = _index_key(spec.when.need, NeedCategory)
    feature = rest("feature", FEATURE_FIELDS, feature_categories)
    need = rest("need", NEED_FIELDS, need_categories)
    if spec.kind == "advantage" and spec.when.need:
        raise RuleError("an advantage rule has no need conditions: it applies where no need was stated",
                        code="rule-wrong-type", path=source, row=when_line, field=f"{spec.id}.when.need")
    return Rule(
        id=spec.id, score=spec.score, description=spec.description, priority=spec.priority,
        kind=spec.kind, template=spec.template, feature=feature, need=need,
        profile=section("profile", PROFILE_FIELDS, resolve=profile_field),
        pair=section("pair", PAIR_FIELDS),
        feature_categories=feature_categories,
        need_categories=need_categories,
        source=source, line=line, order=order,
    )


@attrs.frozen
class _Parsed:
    rules: tuple[tuple[Rule, bool], ...]
    hit_policy: HitPolicy | None
    aggregate: str | None
    scoring: dict[str, Any]


def _parse(text: str, source: str) -> _Parsed:
    raw = read_yaml(text, source)
    if raw is None:
        raw = LineDict()
    if not isinstance(raw, Mapping):
        raise RuleError("a rule file must be a mapping with a 'rules' list", code="rule-wrong-type",
                        path=source, row=1)
    try:
        spec = FileSpec.model_validate(dict(raw))
    except ValidationError as exc:
        raise validation_error(exc, raw, source) from exc
    raw_rules = raw.get("rules") or []
    seen: dict[str, int] = {}
    out: list[tuple[Rule, bool]] = []
    for i, (rule_spec, rule_raw) in enumerate(zip(spec.rules, raw_rules, strict=True)):
        if rule_spec.id in seen:
            raise RuleError(f"rule id used twice (first on line {seen[rule_spec.id]})", code="rule-duplicate-id",
                            path=source, row=getattr(rule_raw, "line", None), field=rule_spec.id)
        seen[rule_spec.id] = getattr(rule_raw, "line", 0)
        out.append((_compile(rule_spec, rule_raw, source, i), rule_spec.enabled))
    scoring = spec.scoring.model_dump(exclude_none=True) if spec.scoring else {}
    return _Parsed(tuple(out), spec.hit_policy, spec.aggregate, scoring)


def parse_rules(text: str, source: str = "<rules>") -> RuleSet:
    """Parse and compile one rule file's text, without the defaults.

    Raises:
        RuleError: bad YAML, an unknown field, operator or category, a wrong type or a bad
            regex, naming ``source`` and the line.
    """
    return _merge([_parse(text, source)], (source,))


@functools.cache
def _default_parsed() -> _Parsed:
    text = resources.files("benefitkit.match").joinpath("data/default_rules.yml").read_text("utf-8")
    return _parse(text, DEFAULT_RULES)


def _merge(files: Iterable[_Parsed], sources: tuple[str, ...]) -> RuleSet:
    by_id: dict[str, tuple[Rule, bool]] = {}
    policy: HitPolicy = "collect"
    aggregate = "sum"
    scoring: dict[str, Any] = {}
    for parsed in files:
        for rule, enabled in parsed.rules:
            by_id[rule.id] = (rule, enabled)  # dict keeps the first position of an id
        policy = parsed.hit_policy or policy
        aggregate = parsed.aggregate or aggregate
        scoring.update(parsed.scoring)
    kept = [r for r, enabled in by_id.values() if enabled]
    rules = tuple(attrs.evolve(r, order=i) for i, r in enumerate(kept))
    return RuleSet(rules, policy, aggregate, Scoring(**scoring), sources)


def load_rules(*paths: str | Path, defaults: bool = True) -> RuleSet:
    """The default rule pack with user rule files merged over it by rule id.

    Args:
        paths: user rule files, applied in order (later files win).
        defaults: start from the packaged rules; ``False`` uses only ``paths``.

    Raises:
        RuleError: a file is unreadable or invalid (with file, line and a suggestion).
    """
    parsed: list[_Parsed] = [_default_parsed()] if defaults else []
    sources = [DEFAULT_RULES] if defaults else []
    for path in paths:
        try:
            text = Path(path).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleError(f"cannot read the rule file: {exc}", code="rule-unreadable", path=path) from exc
        parsed.append(_parse(text, str(path)))
        sources.append(str(path))
    return _merge(parsed, tuple(sources))
