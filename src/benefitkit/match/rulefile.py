"""The rule-file schema (pydantic) and its validation errors as ``RuleError`` with lines.

The models say what a rule file may contain; ``rules`` compiles what they validated. Every
model forbids unknown keys, so a typo fails with a did-you-mean instead of being ignored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from benefitkit.errors import RuleError
from benefitkit.match.conditions import suggest
from benefitkit.match.yamlio import line_at

__all__ = ["FileSpec", "HitPolicy", "RuleSpec", "ScoringSpec", "WhenSpec", "validation_error"]

HitPolicy = Literal["first", "priority", "collect"]
_STRICT = ConfigDict(extra="forbid", frozen=True)


class WhenSpec(BaseModel):
    """The ``when`` of a rule: condition sections on the feature, need, profile and pair."""

    model_config = _STRICT
    feature: dict[str, Any] = Field(default_factory=dict)
    need: dict[str, Any] = Field(default_factory=dict)
    profile: dict[str, Any] = Field(default_factory=dict)
    pair: dict[str, Any] = Field(default_factory=dict)


class RuleSpec(BaseModel):
    """One rule as written in a rule file."""

    model_config = _STRICT
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")]
    description: str = ""
    when: WhenSpec = Field(default_factory=WhenSpec)
    score: Annotated[float, Field(ge=-1.0, le=1.0)] = 0.5
    priority: int = 0
    kind: Literal["benefit", "advantage"] = "benefit"
    template: str | None = None
    enabled: bool = True


class ScoringSpec(BaseModel):
    """Overrides of the selection settings (see ``rules.Scoring``); unset keys keep theirs."""

    model_config = _STRICT
    rule_weight: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    evidence_weight: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    fit_bonus: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    min_score: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    min_evidence: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    best_evidence: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    backed_evidence: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    backing_score: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    ratio: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    aspect_ratio: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    key_ratio: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    missing_name_factor: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    similarity_weight: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    min_similarity: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    max_per_need: Annotated[int, Field(ge=1)] | None = None
    max_advantages: Annotated[int, Field(ge=0)] | None = None


class FileSpec(BaseModel):
    """A whole rule file."""

    model_config = _STRICT
    version: Literal[1] = 1
    hit_policy: HitPolicy | None = None
    aggregate: Literal["sum", "max"] | None = None
    scoring: ScoringSpec | None = None
    rules: list[RuleSpec] = Field(default_factory=list)


_CHOICES = {"hit_policy": ("first", "priority", "collect"), "aggregate": ("sum", "max"),
            "kind": ("benefit", "advantage"), "version": ("1",)}
_MODELS: dict[str, type[BaseModel]] = {"": FileSpec, "rules": RuleSpec, "when": WhenSpec, "scoring": ScoringSpec}


def _field_name(raw: Any, loc: Sequence[Any]) -> str:
    parts: list[str] = []
    node = raw
    for part in loc:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
            rid = node.get("id") if isinstance(node, Mapping) else None
            parts.append(str(rid) if isinstance(rid, str) else f"[{part}]")
            continue
        parts.append(str(part))
        node = node.get(part) if isinstance(node, Mapping) else None
    return ".".join(parts).replace(".[", "[")


def validation_error(exc: ValidationError, raw: Any, source: str) -> RuleError:
    """The first problem of a pydantic error as a ``RuleError`` with file, line and a suggestion."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = tuple(first["loc"])
    kind = str(first["type"])
    hint = None
    value = first.get("input")
    code = "rule-wrong-type"
    if kind == "extra_forbidden":
        code = "rule-unknown-field"
        parent = next((str(p) for p in reversed(loc[:-1]) if isinstance(p, str)), "")
        model = _MODELS.get(parent, FileSpec)
        hint = suggest(str(loc[-1]), model.model_fields) or "known fields: " + ", ".join(model.model_fields)
        value = str(loc[-1])
    elif kind == "missing":
        code, value = "rule-missing-field", None
    elif kind in ("literal_error", "enum"):
        code = "rule-unknown-name"
        choices = _CHOICES.get(str(loc[-1]), ())
        hint = suggest(str(value), choices) if choices else None
    message = first["msg"].removeprefix("Value error, ")
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return RuleError(message, code=code, path=source, row=line_at(raw, loc), field=_field_name(raw, loc),
                     value=value if isinstance(value, str | int | float) else None, hint=hint)


