"""Errors raised by benefitkit.

Every error has a stable kebab-case ``code`` and, where it applies, the file, row, field
and value it is about, so a caller (or the CLI) can print one line that tells the user what
to fix. ``InputError`` is also a ``ValueError`` so generic handlers keep working.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = [
    "BenefitkitError",
    "InputError",
    "ProvenanceError",
    "RuleError",
    "TemplateError",
]


class BenefitkitError(Exception):
    """Root of every error benefitkit raises on purpose.

    Attributes:
        code: a stable kebab-case slug such as ``"empty-file"``.
        message: the human sentence, without location.
        path: the file the error is about, if any.
        row: the 1-based row (header is row 1) or line number, if any.
        field: the field or column name, if any.
        value: the offending value, if any (shortened when printed).
        hint: how to fix it, if we know.
    """

    default_code = "error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        path: str | Path | None = None,
        row: int | None = None,
        field: str | None = None,
        value: Any = None,
        hint: str | None = None,
    ) -> None:
        self.code = code or self.default_code
        self.message = message
        self.path = str(path) if path is not None else None
        self.row = row
        self.field = field
        self.value = value
        self.hint = hint
        super().__init__(self.__str__())

    def location(self) -> str:
        """Where the problem is, as ``file:row field 'x'`` (empty when unknown)."""
        parts: list[str] = []
        if self.path:
            parts.append(self.path + (f":{self.row}" if self.row is not None else ""))
        elif self.row is not None:
            parts.append(f"row {self.row}")
        if self.field:
            parts.append(f"field {self.field!r}")
        return " ".join(parts)

    def __str__(self) -> str:
        loc = self.location()
        text = f"[{self.code}] " + (f"{loc}: " if loc else "") + self.message
        if self.value is not None and self.value != "":
            shown = repr(self.value)
            if len(shown) > 80:
                shown = shown[:77] + "..."
            text += f" (got {shown})"
        if self.hint:
            text += ("" if text.endswith((".", "!", "?")) else ".") + f" {self.hint}"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The error as a JSON-ready record (used by batch error files)."""
        return {
            "code": self.code,
            "message": self.message,
            "path": self.path,
            "row": self.row,
            "field": self.field,
            "value": None if self.value is None else str(self.value),
            "hint": self.hint,
        }


class InputError(BenefitkitError, ValueError):
    """A file, row or field handed in by the user cannot be used."""

    default_code = "bad-input"


class RuleError(BenefitkitError, ValueError):
    """A rule file is malformed or names something that does not exist."""

    default_code = "bad-rule"


class TemplateError(BenefitkitError):
    """A template is missing, fails to compile or fails to render."""

    default_code = "bad-template"


class ProvenanceError(BenefitkitError):
    """Generated text states a fact (number, date, name) that no source supports."""

    default_code = "fact-without-source"
