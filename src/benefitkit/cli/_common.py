"""What several commands read the same way."""

from __future__ import annotations

import datetime as dt
import re

from benefitkit.errors import InputError

__all__ = ["date_option"]

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def date_option(text: str | None, field: str = "--as-of") -> dt.date | None:
    """A ``YYYY-MM-DD`` option as a date (``None`` when not given).

    Raises:
        InputError: ``bad-date``, naming the option, when the text is not such a date.
    """
    if text is None:
        return None
    try:
        if not _ISO_DAY.fullmatch(text.strip()):
            raise ValueError(text)  # fromisoformat also takes 20270501 and 2027-W18-1
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            "not a date (write YYYY-MM-DD)", code="bad-date", field=field, value=text
        ) from None
