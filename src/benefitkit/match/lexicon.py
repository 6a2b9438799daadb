"""Loading the term lexicon (``data/synonyms.yml`` or a user file) into a ``Lexicon``."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from benefitkit._yaml import safe_load
from benefitkit.errors import RuleError
from benefitkit.match.conditions import suggest
from benefitkit.match.terms import Lexicon, stem, tokens

__all__ = ["lexicon_from_mapping", "load_lexicon"]


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(stem(t) for t in tokens(phrase))


def lexicon_from_mapping(data: Any, source: str) -> Lexicon:
    """Build a Lexicon from the YAML shape of ``data/synonyms.yml``.

    Raises:
        RuleError: the file is not shaped as ``synonyms``/``concepts``/``stopwords``.
    """
    if not isinstance(data, dict):
        raise RuleError("a term lexicon must be a mapping", code="bad-lexicon", path=source)
    unknown = set(data) - {"synonyms", "concepts", "questions", "stopwords"}
    if unknown:
        raise RuleError("unknown section", code="bad-lexicon", path=source, field=sorted(unknown)[0],
                        hint="use synonyms, concepts, questions or stopwords")
    phrases: dict[tuple[str, ...], list[str]] = {}
    questions: dict[tuple[str, ...], list[str]] = {}

    def add(group: Iterable[Any], concept: str, field: str, table: dict[tuple[str, ...], list[str]]) -> None:
        if not isinstance(group, list):
            raise RuleError("expected a list of phrases", code="bad-lexicon", path=source, field=field)
        for phrase in group:
            if not isinstance(phrase, str | int | float) or isinstance(phrase, bool):
                raise RuleError("a phrase must be text (quote yes, no, on and off)", code="bad-lexicon",
                                path=source, field=field, value=phrase)
            key = _phrase_key(str(phrase))
            if key and concept not in table.setdefault(key, []):
                table[key].append(concept)

    for i, group in enumerate(data.get("synonyms") or ()):
        if not isinstance(group, list) or not group:
            raise RuleError("a synonym group must be a non-empty list", code="bad-lexicon", path=source,
                            field=f"synonyms[{i}]")
        add(group, "=" + "_".join(tokens(str(group[0]))), f"synonyms[{i}]", phrases)
    for name, group in (data.get("concepts") or {}).items():
        add(group, f"@{name}", f"concepts.{name}", phrases)
    for name, group in (data.get("questions") or {}).items():
        if f"@{name}" not in {c for cs in phrases.values() for c in cs}:
            raise RuleError("a question cue must name a concept", code="bad-lexicon", path=source,
                            field=f"questions.{name}", hint=suggest(str(name), data.get("concepts") or {}))
        add(group, f"@{name}", f"questions.{name}", questions)
    stop = frozenset(stem(t) for w in data.get("stopwords") or () for t in tokens(str(w)))
    return Lexicon(
        stopwords=stop,
        phrases={k: tuple(v) for k, v in phrases.items()},
        longest=max((len(k) for k in (*phrases, *questions)), default=1),
        questions={k: tuple(v) for k, v in questions.items()},
    )


@functools.cache
def load_lexicon(path: str | None = None) -> Lexicon:
    """The term lexicon: the packaged one, or one read from ``path``."""
    if path is None:
        text = resources.files("benefitkit.match").joinpath("data", "synonyms.yml").read_text("utf-8")
        return lexicon_from_mapping(safe_load(text), "benefitkit/match/data/synonyms.yml")
    try:
        data = safe_load(Path(path).read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuleError(f"cannot read the term lexicon: {exc}", code="bad-lexicon", path=path) from exc
    return lexicon_from_mapping(data, path)
