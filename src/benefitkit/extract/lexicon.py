"""Cue lexicons for feature categories, loaded from data files and checked when loaded."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from benefitkit._yaml import safe_load
from benefitkit.errors import InputError
from benefitkit.vocab import Category, ValueKind

__all__ = ["GROUP_WEIGHTS", "Cue", "CueLexicon", "load_boilerplate", "load_lexicon"]

#: How much one cue of a strength group adds to its category's score.
GROUP_WEIGHTS: dict[str, float] = {"strong": 3.0, "medium": 2.0, "weak": 1.0}
#: ``with_KIND`` cues count only when the feature carries a value of that kind.
CONDITIONAL_WEIGHT = 4.0


@attrs.frozen
class Cue:
    """One cue phrase: the category it points at, its weight, and an optional condition."""

    phrase: str
    category: Category
    weight: float
    requires: ValueKind | None = None

    @property
    def key(self) -> str:
        """The PhraseMatcher label used for this cue's group."""
        return f"{self.category}|{self.weight}|{self.requires or ''}"


@attrs.frozen
class CueLexicon:
    """All cues, grouped by (category, weight, condition)."""

    cues: tuple[Cue, ...]

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for cue in self.cues:
            out.setdefault(cue.key, []).append(cue.phrase)
        return out

    @staticmethod
    def parse_key(key: str) -> tuple[Category, float, ValueKind | None]:
        cat, weight, requires = key.split("|")
        return Category(cat), float(weight), ValueKind(requires) if requires else None


def _data(name: str) -> Any:
    text = resources.files("benefitkit.extract").joinpath("data", name).read_text("utf-8")
    return safe_load(text)


def lexicon_from_mapping(data: Any, source: str) -> CueLexicon:
    """Build a lexicon from the YAML shape of ``data/categories.yml``.

    Raises:
        InputError: an unknown category, group or value kind, naming the file and field.
    """
    if not isinstance(data, dict):
        raise InputError("a cue lexicon must be a mapping of categories", code="bad-lexicon", path=source)
    cues: list[Cue] = []
    for cat_name, groups in data.items():
        try:
            category = Category(cat_name)
        except ValueError:
            raise InputError(
                "unknown feature category", code="bad-lexicon", path=source, field=str(cat_name),
                hint="use one of " + ", ".join(c.value for c in Category),
            ) from None
        if not isinstance(groups, dict):
            raise InputError("expected groups of phrases", code="bad-lexicon", path=source, field=str(cat_name))
        for group, phrases in groups.items():
            requires: ValueKind | None = None
            if group in GROUP_WEIGHTS:
                weight = GROUP_WEIGHTS[group]
            elif isinstance(group, str) and group.startswith("with_"):
                try:
                    requires = ValueKind(group[5:])
                except ValueError:
                    raise InputError(
                        "unknown value kind in group name", code="bad-lexicon", path=source,
                        field=f"{cat_name}.{group}",
                    ) from None
                weight = CONDITIONAL_WEIGHT
            else:
                raise InputError(
                    "unknown cue group", code="bad-lexicon", path=source, field=f"{cat_name}.{group}",
                    hint="use strong, medium, weak or with_<value kind>",
                )
            for phrase in phrases or ():
                if not isinstance(phrase, str):  # YAML reads a bare on, off, yes or no as a bool
                    raise InputError(
                        f"a phrase must be text; quote {phrase!r}", code="bad-lexicon",
                        path=source, field=f"{cat_name}.{group}", value=phrase,
                    )
                text = phrase.strip().lower()
                if text:
                    cues.append(Cue(text, category, weight, requires))
    return CueLexicon(tuple(cues))


@functools.cache
def load_lexicon(path: str | None = None) -> CueLexicon:
    """The cue lexicon: the packaged one, or one read from ``path``."""
    if path is None:
        return lexicon_from_mapping(_data("categories.yml"), "benefitkit/extract/data/categories.yml")
    data = safe_load(Path(path).read_text("utf-8"))
    return lexicon_from_mapping(data, path)


@functools.cache
def load_boilerplate() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Phrases that mark a line as fine print rather than a feature: always, and only on a
    line that states no figure ("Prices exclude sales tax" is fine print, "$249 plus
    applicable taxes" a price)."""
    data = _data("boilerplate.yml")
    return (tuple(str(p).lower() for p in data.get("phrases", ())),
            tuple(str(p).lower() for p in data.get("without_figures", ())))
