"""The public, one-call functions. Each is a thin wrapper over a cached ``Extractor``."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benefitkit.extract import DEFAULT_REF_DATE, Extractor
from benefitkit.model import Flier

if TYPE_CHECKING:
    from benefitkit.match import MatchResult
    from benefitkit.render import Benefit

__all__ = ["match", "parse_flier", "talk_track", "translate"]


@functools.cache
def _extractor(ref_date: dt.date) -> Extractor:
    return Extractor(ref_date=ref_date)


def parse_flier(
    source: str | Path | bytes,
    *,
    ref_date: dt.date | None = None,
    name: str | None = None,
    format: str | None = None,
) -> Flier:
    """Parse a flier file (or its bytes) into a Flier.

    Args:
        source: a path, or the file's bytes.
        ref_date: resolves dates written without a year; a fixed default keeps output stable.
        name: the name to report (defaults to the path).
        format: force ``text``, ``markdown``, ``html``, ``pdf`` or ``docx``.

    Raises:
        InputError: the file is missing, unreadable, not English or has no features.
    """
    return _extractor(ref_date or DEFAULT_REF_DATE).parse(source, name=name, format=format)


def _engine(as_of: dt.date | None, engine: Any) -> Any:
    from benefitkit.engine import Engine

    return engine if engine is not None else Engine(as_of=as_of)


def match(flier: Any, profile: Any, *, as_of: dt.date | None = None, engine: Any = None) -> MatchResult:
    """Match a flier (path or Flier) to a profile (path, mapping or Profile).

    Build an ``Engine`` yourself and pass it as ``engine`` when you call this more than once.
    """
    return _engine(as_of, engine).match(flier, profile)  # type: ignore[no-any-return]


def translate(
    flier: Any, profile: Any, *, as_of: dt.date | None = None, engine: Any = None
) -> tuple[Benefit, ...]:
    """A personalised benefit (or advantage) statement for every match."""
    return _engine(as_of, engine).translate(flier, profile)  # type: ignore[no-any-return]


def talk_track(
    flier: Any,
    profile: Any,
    *,
    format: str = "md",
    comparison: Any = None,
    as_of: dt.date | None = None,
    engine: Any = None,
) -> str:
    """The talk-track for one prospect, as ``md``, ``html``, ``txt`` or ``json`` text."""
    return _engine(as_of, engine).talk_track(  # type: ignore[no-any-return]
        flier, profile, format=format, comparison=comparison
    )
