"""What several commands read the same way."""

from __future__ import annotations

import datetime as dt

from benefitkit._day import iso_day

__all__ = ["date_option"]


def date_option(text: str | None, field: str = "--as-of") -> dt.date | None:
    """A ``YYYY-MM-DD`` option as a date (``None`` when not given).

    Raises:
        InputError: ``bad-date``, naming the option, when the text is not such a date.
    """
    return iso_day(text, field)
