"""What a batch yields per account: frozen ``AccountResult`` values with plain-data errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import attrs

if TYPE_CHECKING:
    from benefitkit.errors import BenefitkitError
    from benefitkit.profile import RowError

__all__ = ["AccountError", "AccountResult", "Status"]

Status = Literal["ok", "error", "skipped"]


@attrs.frozen
class AccountError:
    """Why one account produced no output, as plain data (it crosses process boundaries).

    Attributes:
        code: the stable kebab-case slug of the error (``bad-money``, ``short-row``...).
        message: the human sentence, without location.
        column: the input column at fault, if one is.
        value: the offending cell, if any.
        hint: how to fix it, if known.
    """

    code: str
    message: str
    column: str | None = None
    value: str | None = None
    hint: str | None = None

    @classmethod
    def from_row_error(cls, error: RowError) -> AccountError:
        """The reader's record of a row that could not become a profile."""
        return cls(
            error.error.code, error.error.message, error.column, error.value, error.error.hint
        )

    @classmethod
    def from_exception(cls, exc: BaseException) -> AccountError:
        """An error raised while matching or writing one account."""
        from benefitkit.errors import BenefitkitError

        if isinstance(exc, BenefitkitError):
            value = None if exc.value is None else str(exc.value)
            return cls(exc.code, exc.message, exc.field, value, exc.hint)
        # Not one of ours: a bug. The batch goes on, but the record says what broke.
        return cls("internal-error", f"{type(exc).__name__}: {exc}",
                   hint="Please report this with the row that caused it")

    def __str__(self) -> str:
        text = f"[{self.code}] " + (f"column {self.column!r}: " if self.column else "")
        text += self.message
        if self.value:
            text += f" (got {self.value[:77] + '...' if len(self.value) > 80 else self.value!r})"
        return text + (f". {self.hint}" if self.hint else "")


def _error_of(value: BenefitkitError | AccountError | None) -> AccountError | None:
    if value is None or isinstance(value, AccountError):
        return value
    return AccountError.from_exception(value)


@attrs.frozen
class AccountResult:
    """The outcome for one account of a batch, in input order.

    Attributes:
        row: the account's row in the input file (the header is row 1; for JSON Lines, the
            line); for an iterable of profiles, its position counted from 1.
        account: the account name, when the row has one.
        status: ``ok`` (written), ``error`` (rejected; see ``error``) or ``skipped`` (already
            done by an earlier run, found with ``resume=True``).
        text: the output when it was not written to a file (``out`` is ``None``).
        file: the output file's name inside the output folder, when one was written.
        needs_matched: the needs that at least one feature answers, in profile order.
        needs_unmatched: the needs nothing on the flier answers (for the seller to explore).
        error: why the account has no output (``status == "error"``).
        sha256: the hex SHA-256 of the written file (how ``resume`` knows it is whole).
    """

    row: int
    account: str | None
    status: Status
    text: str | None = None
    file: str | None = None
    needs_matched: tuple[str, ...] = ()
    needs_unmatched: tuple[str, ...] = ()
    error: AccountError | None = attrs.field(default=None, converter=_error_of)
    sha256: str | None = None

    @property
    def ok(self) -> bool:
        """True when the account has its output (written now or by an earlier run)."""
        return self.status != "error"

    def error_json(self) -> dict[str, Any]:
        """The ``errors.jsonl`` record: row, account, column, code, message, value, hint."""
        err = self.error or AccountError("unknown", "no error recorded")
        return {
            "row": self.row,
            "account": self.account,
            "column": err.column,
            "code": err.code,
            "message": err.message,
            "value": err.value,
            "hint": err.hint,
        }
