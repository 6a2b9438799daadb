"""What several commands read the same way."""

from __future__ import annotations

import datetime as dt

from benefitkit.errors import InputError

__all__ = ["date_option"]


def date_option(text: str | None, field: str = "--as-of") -> dt.date | None:
    """A ``YYYY-MM-DD`` option as a date (``None`` when not given).

    Raises:
        InputError: ``bad-date``, naming the option, when the text is not such a date.
    """
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(
            "not a date (write YYYY-MM-DD)", code="bad-date", field=field, value=text
        ) from None
