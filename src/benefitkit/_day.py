"""Dates given by callers and on the command line ("today" for offers and lead times)."""

from __future__ import annotations

import datetime as dt
import re

from benefitkit.errors import InputError

__all__ = ["iso_day"]

# Exactly YYYY-MM-DD: ``date.fromisoformat`` also takes 20270501 and 2027-W18-1
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_day(value: dt.date | str | None, field: str) -> dt.date | None:
    """``value`` as a day: a date as it is, a datetime's day, ``YYYY-MM-DD`` text; ``None``
    stays ``None``.

    Raises:
        InputError: ``bad-date``, naming ``field``, for anything else.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InputError("not a date (write YYYY-MM-DD)", code="bad-date", field=field,
                     value=str(value))
