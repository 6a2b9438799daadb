"""The public, one-call functions. Each is a thin wrapper over a cached ``Extractor``."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from benefitkit.extract import DEFAULT_REF_DATE, Extractor
from benefitkit.model import Flier

__all__ = ["parse_flier"]


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
