"""Comparison facts: what we do that a named competitor does not, each with its source.

A comparison file answers "how are you different from X?" for a prospect whose current
vendor is X. The talk-track quotes its facts and ``check-claims`` accepts them as sources::

    vendor: Contoso
    facts:
      - claim: Setup takes one day; Contoso quotes six weeks.
        source: https://example.com/contoso-onboarding-guide
      - claim: We include phone support at no extra cost.
        source: Contoso price list, May 2026

A fact may also be a bare sentence, the shape ``render.documents.load_comparison`` reads; it
then has no source to cite. ``Comparison.to_render()`` gives the writer's ``Comparison``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from benefitkit.errors import InputError

if TYPE_CHECKING:
    from benefitkit.render.documents import Comparison as RenderComparison

__all__ = ["Comparison", "ComparisonFact", "load_comparison"]

_Text = Annotated[str, Field(min_length=1)]


class ComparisonFact(BaseModel):
    """One thing we do that the competitor does not, and where that is shown.

    Attributes:
        claim: the fact, as a sentence the seller may say.
        source: the document, page or URL that backs it (None for a bare sentence).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    claim: _Text
    source: _Text | None = None


class Comparison(BaseModel):
    """The comparison facts about one named competitor."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    vendor: _Text
    facts: tuple[ComparisonFact, ...] = ()

    @field_validator("facts", mode="before")
    @classmethod
    def _bare_sentences(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [{"claim": v} if isinstance(v, str) else v for v in value]
        return value

    def sources(self) -> list[tuple[str, str | None]]:
        """``(claim, source)`` pairs, the vendor's name first so it may be named."""
        return [(self.vendor, None)] + [(f.claim, f.source) for f in self.facts]

    def to_render(self) -> RenderComparison:
        """The writer's ``Comparison`` (vendor and fact sentences), for the talk-track."""
        from benefitkit.render.documents import Comparison as RenderComparison

        return RenderComparison(self.vendor, tuple(f.claim for f in self.facts))


def load_comparison(path: str | Path) -> Comparison:
    """Read a comparison file (YAML or JSON) ``{vendor: NAME, facts: [{claim, source}]}``.

    Raises:
        InputError: code ``bad-comparison``, naming the file and the field at fault.
    """
    import yaml

    from benefitkit._yaml import safe_load

    try:
        data = safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read the comparison file: {exc}", code="bad-comparison",
                         path=path) from exc
    if not isinstance(data, dict):
        raise InputError("a comparison file is a mapping with 'vendor' and 'facts'",
                         code="bad-comparison", path=path, value=data,
                         hint="write vendor: NAME and facts: [{claim: ..., source: ...}]")
    try:
        return Comparison.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{first['msg']}", code="bad-comparison", path=path, field=where,
                         value=first.get("input"),
                         hint="each fact needs a 'claim' sentence and a 'source'") from exc
