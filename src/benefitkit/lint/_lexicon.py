"""The claim check's cue lexicon (``data/claims.yml``), compiled and checked once."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from benefitkit.errors import BenefitkitError
from benefitkit.lint._text import DATA_DIR, load_data

__all__ = ["LEX", "Lexicon", "Standard"]

_PATH = DATA_DIR / "claims.yml"
_I = re.IGNORECASE


class Standard(NamedTuple):
    """A named standard: how its name and (optional) level are written."""

    key: str
    name: re.Pattern[str]
    level: re.Pattern[str] | None
    required: bool


class Lexicon(NamedTuple):
    """Every cue group of the claim check, compiled."""

    discount: re.Pattern[str]
    deadline: re.Pattern[str]
    guarantee: re.Pattern[str]
    guarantee_family: dict[str, str]
    superlative: re.Pattern[str]
    standards: tuple[Standard, ...]
    loose_level: re.Pattern[str]
    integration_context: re.Pattern[str]
    not_names: frozenset[str]
    buyer_said: re.Pattern[str]
    logistics: re.Pattern[str]
    discourse_units: frozenset[str]
    frequency: re.Pattern[str]
    frequency_alias: dict[str, str]
    allowance: re.Pattern[str]
    allowance_alias: dict[str, str]
    vague_duration: re.Pattern[str]
    year: re.Pattern[str]
    negation: re.Pattern[str]
    requirement: re.Pattern[str]
    relief: re.Pattern[str]
    condition: re.Pattern[str]
    sign_off: re.Pattern[str]


def _fail(message: str, field: str, value: Any = None) -> BenefitkitError:
    return BenefitkitError(message, code="bad-lint-data", path=_PATH, field=field, value=value,
                           hint="fix the entry in the claim cue file")


def _compile(pattern: str, field: str, flags: int = _I) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise _fail(f"not a valid pattern: {exc}", field, pattern) from exc


def _words(raw: Any, field: str) -> re.Pattern[str]:
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        raise _fail("must be a pattern or a non-empty list of patterns", field, raw)
    for entry in raw:
        _compile(str(entry), field)
    body = "|".join(f"(?:{e})" for e in raw)
    return _compile(rf"(?<![\w#])(?:{body})(?![\w])", field)


def _aliases(raw: Any, field: str) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise _fail("must map a name to its other spellings", field, raw)
    out: dict[str, str] = {}
    for key, spellings in raw.items():
        out[str(key).lower()] = str(key).lower()
        for s in spellings or ():
            out[str(s).lower()] = str(key).lower()
    return out


def _standards(raw: Any) -> tuple[Standard, ...]:
    if not isinstance(raw, dict):
        raise _fail("must map a standard's name pattern to its options", "standards", raw)
    out = []
    for key, spec in raw.items():
        spec = spec or {}
        level = spec.get("level")
        out.append(Standard(
            key=str(key),
            name=_compile(rf"(?<![\w-]){key}(?![\w])", "standards", 0),
            level=_compile(rf"[\s-]+(?:{level})(?![\w])", "standards", 0) if level else None,
            required=bool(spec.get("required")),
        ))
    return tuple(out)


def _load() -> Lexicon:
    d = load_data("claims")
    try:
        return Lexicon(
            discount=_words(d["discount"], "discount"),
            deadline=_words(d["deadline"], "deadline"),
            guarantee=_words(d["guarantee"], "guarantee"),
            guarantee_family=_aliases(d["guarantee_families"], "guarantee_families"),
            superlative=_words(d["superlative"], "superlative"),
            standards=_standards(d["standards"]),
            loose_level=_compile(str(d["loose_level"]), "loose_level", 0),
            integration_context=_words(d["integration_context"], "integration_context"),
            not_names=frozenset(str(w).lower() for w in d["not_names"]),
            buyer_said=_words(d["buyer_said"], "buyer_said"),
            logistics=_words(d["logistics"], "logistics"),
            discourse_units=frozenset(str(u) for u in d["discourse_units"]),
            frequency=_words(d["frequency"], "frequency"),
            frequency_alias=_aliases(d["frequency_aliases"], "frequency_aliases"),
            allowance=_words(d["allowance"], "allowance"),
            allowance_alias=_aliases(d["allowance_aliases"], "allowance_aliases"),
            vague_duration=_words(d["vague_duration"], "vague_duration"),
            year=_words(d["year"], "year"),
            negation=_words(d["negation"], "negation"),
            requirement=_words(d["requirement"], "requirement"),
            relief=_words(d["relief"], "relief"),
            condition=_words(d["condition"], "condition"),
            sign_off=_compile(rf"\s*(?:{d['sign_off']})\s*", "sign_off"),
        )
    except KeyError as exc:
        raise _fail(f"missing group {exc.args[0]!r}", str(exc.args[0])) from exc


LEX = _load()
