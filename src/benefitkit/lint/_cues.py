"""The benefit linter's cue lexicon (``data/cues.yml``), compiled and checked once."""

from __future__ import annotations

import re
from typing import NamedTuple

from benefitkit.errors import BenefitkitError
from benefitkit.lint._text import DATA_DIR, load_data, stem

__all__ = ["CUES", "Cues"]

_FLAGS = re.IGNORECASE


class Cues(NamedTuple):
    """Compiled cue patterns: one alternation per group, each alternative a named reason."""

    second_person: re.Pattern[str]
    explicit: re.Pattern[str]
    gain: re.Pattern[str]
    conditional: re.Pattern[str]
    possessive: re.Pattern[str]
    generic_name_words: frozenset[str]
    generic_need_stems: frozenset[str]
    bridges: dict[str, str]


def _group(data: dict[str, object], name: str) -> re.Pattern[str]:
    raw = data.get(name)
    if not isinstance(raw, list) or not raw:
        raise BenefitkitError(f"cue group {name!r} must be a non-empty list",
                              code="bad-lint-data", path=DATA_DIR / "cues.yml", field=name)
    for entry in raw:
        try:
            re.compile(str(entry), _FLAGS)
        except re.error as exc:
            raise BenefitkitError(f"cue {entry!r} is not a valid pattern: {exc}",
                                  code="bad-lint-data", path=DATA_DIR / "cues.yml",
                                  field=name, hint="fix the regular expression") from exc
    # apostrophes are compared in their plain form (the text is normalised the same way)
    return re.compile(r"(?<![\w'])(?:" + "|".join(f"(?:{e})" for e in raw) + r")(?![\w'])",
                      _FLAGS)


def _load() -> Cues:
    data = load_data("cues")
    bridges = data.get("bridges")
    if not isinstance(bridges, dict) or not {"with_need", "without_need",
                                              "advantage_need"} <= set(bridges):
        raise BenefitkitError("bridges needs with_need, without_need and advantage_need",
                              code="bad-lint-data", path=DATA_DIR / "cues.yml", field="bridges")
    return Cues(
        second_person=_group(data, "second_person"),
        explicit=_group(data, "explicit_reference"),
        gain=_group(data, "gain"),
        conditional=_group(data, "conditional"),
        possessive=re.compile(str(data["possessive"]), _FLAGS),
        generic_name_words=frozenset(str(w) for w in data.get("generic_name_words", ())),
        generic_need_stems=frozenset(stem(str(w)) for w in data.get("generic_need_words", ())),
        bridges={str(k): str(v) for k, v in bridges.items()},
    )


CUES = _load()
