"""Streaming account lists: CSV, XLSX and JSON Lines, one profile per row.

``read_accounts`` reads the header (and raises for problems with the whole file) when it is
called, then yields a ``Profile`` or a ``RowError`` per row without ever holding the file in
memory. A bad row never stops the reading. Row numbers count the header as row 1 (for JSON
Lines, the line number).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import attrs
from pydantic import BaseModel, ValidationError

from benefitkit.errors import InputError
from benefitkit.profile._errors import error_code, input_error
from benefitkit.profile._readers import Record, csv_records, open_file, xlsx_records
from benefitkit.profile.analysis import DEFAULT_REF_DATE
from benefitkit.profile.mapping import ColumnMapping, ResolvedMapping, load_mapping, pick_mapping
from benefitkit.profile.models import Money, Need, Profile, Timeline

__all__ = ["RowError", "read_account_rows", "read_accounts"]

log = logging.getLogger("benefitkit")
_PARSED = frozenset({"budget", "timeline"})

_FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
}
_CACHE_LIMIT = 8192  # big enough for the repeats of a real list, small enough for GC


@attrs.frozen
class RowError:
    """A row that could not become a profile; reading went on after it.

    Attributes:
        error: the ``InputError`` (code, message, file, row, column, value).
        row: the row number (header is row 1; for JSON Lines, the line number).
        column: the column the problem is in, if one is.
        value: the offending cell, if any.
        account: the row's account name, if it has one.
    """

    error: InputError
    row: int
    column: str | None = None
    value: str | None = None
    account: str | None = None

    def __str__(self) -> str:
        return str(self.error)

    def to_json(self) -> dict[str, Any]:
        """The error record as JSON: the error's fields plus row, column and account."""
        return {
            **self.error.to_dict(),
            "row": self.row,
            "column": self.column,
            "account": self.account,
        }


def read_accounts(
    path: str | Path,
    *,
    mapping: ColumnMapping | str | None = None,
    ref_date: dt.date | None = None,
) -> Iterator[Profile | RowError]:
    """Stream an account list as profiles, one per row, bad rows as ``RowError`` records.

    Takes the same arguments and raises the same errors as ``read_account_rows``, which
    also gives each profile its row.
    """
    return (item for _, item in read_account_rows(path, mapping=mapping, ref_date=ref_date))


def read_account_rows(
    path: str | Path,
    *,
    mapping: ColumnMapping | str | None = None,
    ref_date: dt.date | None = None,
) -> Iterator[tuple[int, Profile | RowError]]:
    """Stream an account list as ``(row, profile)``, bad rows as ``(row, RowError)``.

    A row is where the record sits in the file as a spreadsheet shows it: the header is row
    1, a blank row counts, a cell with line breaks is one row; in JSON Lines, the line.
    Blank rows yield nothing.

    Args:
        path: a ``.csv`` (any delimiter; UTF-8 with or without BOM, or cp1252), ``.xlsx`` or
            ``.jsonl`` file. Other suffixes are sniffed.
        mapping: a ``ColumnMapping``, a preset name or a mapping file; by default the preset
            that best fits the header.
        ref_date: resolves timeline phrases and need deadlines.

    Raises:
        InputError: for the whole file: unreadable, empty, no header, no account column.
    """
    opened = _open(Path(path), mapping, ref_date)
    if not isinstance(opened, tuple):
        return opened
    converter, records = opened
    return converter.run(records)


def account_cells(
    path: str | Path,
    *,
    mapping: ColumnMapping | str | None = None,
    ref_date: dt.date | None = None,
) -> tuple[_Converter, Iterator[tuple[int, list[str] | RowError]]] | None:
    """A CSV or XLSX list as rows of cells, for turning into profiles elsewhere.

    Returns the converter (``converter.profile(cells, row)`` gives the ``Profile`` or
    ``RowError``; ``converter.account_of(cells)`` the account name) and ``(row, cells)``
    for each non-blank row, ``(row, RowError)`` for a row that cannot be read at all. A batch
    reads the file in one process and validates rows in its workers. ``None`` for JSON Lines,
    whose rows are read whole. Raises what ``read_account_rows`` raises.
    """
    if _format(Path(path)) == "jsonl":
        return None
    opened = _open(Path(path), mapping, ref_date)
    assert isinstance(opened, tuple)
    converter, records = opened
    return converter, converter.screen(records)


def _open(
    path: Path, mapping: ColumnMapping | str | None, ref_date: dt.date | None
) -> tuple[_Converter, Iterator[Record]] | Iterator[tuple[int, Profile | RowError]]:
    """The converter and the rows after the header; for JSON Lines, the rows read whole."""
    ref = ref_date or DEFAULT_REF_DATE
    chosen = load_mapping(mapping) if isinstance(mapping, str) else mapping
    kind = _format(path)
    if kind == "jsonl":
        return _jsonl(path, open_file(path), chosen, ref)
    records = csv_records(path) if kind == "csv" else xlsx_records(path)
    for row, cells in records:
        if isinstance(cells, csv.Error):
            raise InputError(
                f"the header row is not valid CSV: {cells}", code="bad-csv", path=path, row=row
            )
        if any(c.strip() for c in cells):
            header = [c.strip() for c in cells]
            break
    else:
        raise InputError(
            "the file has no rows",
            code="empty-file",
            path=path,
            hint="Export the list with a header row",
        )
    chosen = chosen or pick_mapping(header)
    log.debug("reading %s with column mapping %r", path, chosen.name)
    resolved = chosen.resolve(header, path=path)
    return _Converter(path, resolved, ref, pad=kind == "xlsx"), records


def _format(path: Path) -> str:
    if path.suffix.lower() in _FORMATS:
        return _FORMATS[path.suffix.lower()]
    with open_file(path) as f:
        head = f.read(512)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    return "jsonl" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "csv"


# ----------------------------------------------------------------------------- rows


@attrs.define
class _Converter:
    """Turns mapped rows into profiles, caching validated budgets, timelines and needs."""

    path: Path
    rm: ResolvedMapping
    ref_date: dt.date
    pad: bool = False
    cache: dict[tuple[str, str, str | None], Any] = attrs.field(factory=dict)
    context: dict[str, Any] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.context = {"ref_date": self.ref_date, "day_first": self.rm.day_first}

    def run(self, records: Iterator[Record]) -> Iterator[tuple[int, Profile | RowError]]:
        for row, cells in self.screen(records):
            yield row, cells if isinstance(cells, RowError) else self.profile(cells, row)

    def screen(self, records: Iterator[Record]) -> Iterator[tuple[int, list[str] | RowError]]:
        """Each non-blank row's cells, or the RowError of a row that cannot be read."""
        width = len(self.rm.header)
        try:
            for row, cells in records:
                if isinstance(cells, csv.Error):
                    yield row, self._error(InputError(f"not valid CSV: {cells}", code="bad-csv"), row)
                elif len(cells) != width and not self._fixed(cells, width):
                    if any(c.strip() for c in cells):
                        yield row, self._width_error(row, cells, width)
                elif any(cells):
                    yield row, cells
        finally:
            close = getattr(records, "close", None)
            if close is not None:
                close()

    def _fixed(self, cells: list[str], width: int) -> bool:
        """Pad XLSX rows (trailing empty cells are simply absent); drop empty extra cells."""
        if len(cells) < width:
            if not self.pad:
                return False
            cells.extend([""] * (width - len(cells)))
            return True
        if any(c.strip() for c in cells[width:]):
            return False
        del cells[width:]
        return True

    def _width_error(self, row: int, cells: list[str], width: int) -> RowError:
        account = cells[self.rm.account].strip() if len(cells) > self.rm.account else None
        if len(cells) < width:
            column = self.rm.header[len(cells)]
            error = InputError(
                f"the row has {len(cells)} cells but the header has {width}; {column!r} and after are missing",
                code="short-row",
                path=self.path,
                row=row,
                field=column,
                hint="Check for a missing delimiter or a cut line",
            )
        else:
            error = InputError(
                f"the row has {len(cells)} cells but the header has {width}",
                code="long-row",
                path=self.path,
                row=row,
                field=None,
                value=cells[width],
                hint="Quote cells that contain the delimiter",
            )
        return RowError(error, row, error.field, error.value, account or None)

    def _error(self, error: InputError, row: int, account: str | None = None) -> RowError:
        error.path, error.row = str(self.path), row
        value = None if error.value is None else str(error.value)
        return RowError(error, row, error.field, value, account)

    def account_of(self, cells: Sequence[str]) -> str:
        """The row's account name ("" when the cell is empty)."""
        return cells[self.rm.account].strip()

    def profile(self, cells: Sequence[str], row: int) -> Profile | RowError:
        """One row as a Profile, or the RowError that says why it is not one."""
        rm = self.rm
        account = cells[rm.account].strip()
        try:
            data: dict[str, Any] = {"account": account} if account else {}
            for field, i in rm.simple:
                if text := cells[i].strip():
                    if field in _PARSED:
                        data[field] = self._sub(field, text)
                    elif field == "employees":  # exports write "1,100"
                        data[field] = text.replace(",", "").replace("_", "")
                    else:
                        data[field] = text
            contact = {k: t for k, i in rm.contact if (t := cells[i].strip())}
            if contact:
                data["contact"] = contact
            for field, indexes in rm.joined:
                # a name from first and last names; a region from city, state and country
                joiner = " " if field == "contact.name" else ", "
                if text := joiner.join(t for i in indexes if (t := cells[i].strip())):
                    if field.startswith("contact."):
                        data.setdefault("contact", {})[field[8:]] = text
                    else:
                        data[field] = text
            if rm.objections is not None:
                data["objections"] = [
                    t for p in rm.split.split(cells[rm.objections]) if (t := p.strip())
                ]
            data["needs"] = self._needs(cells)
            if rm.custom:
                data["custom"] = {k: t for k, i in rm.custom if (t := cells[i].strip())}
        except InputError as exc:
            return self._error(exc, row, account or None)
        try:
            return Profile.model_validate(data, context=self.context)
        except ValidationError as exc:
            return self._error(input_error(exc, Profile, columns=rm.columns), row, account or None)

    def _needs(self, cells: Sequence[str]) -> list[Need]:
        rm = self.rm
        out: list[Need] = []
        if rm.needs is not None:
            out.extend(
                self._sub("needs", t) for p in rm.split.split(cells[rm.needs]) if (t := p.strip())
            )
        for n, (ni, pi) in enumerate(rm.numbered):
            if text := cells[ni].strip():
                priority = cells[pi].strip() or None if pi is not None else None
                out.append(self._sub("needs", text, priority, rm.columns.get(f"needs.{n}"), pi))
        if not out:
            column = rm.needs_column
            raise InputError(
                "the row has no needs",
                code="no-needs",
                field=column,
                value=cells[rm.needs] if rm.needs is not None else None,
                hint="Every account needs at least one need"
                + ("" if column else "; map a needs column"),
            )
        return out

    def _sub(
        self,
        field: str,
        text: str,
        priority: str | None = None,
        column: str | None = None,
        priority_index: int | None = None,
    ) -> Any:
        """A validated budget, timeline or need, cached by its words (repeats cost nothing)."""
        key = (field, text, priority)
        hit = self.cache.get(key)
        if hit is None:
            models: dict[str, type[BaseModel]] = {"budget": Money, "timeline": Timeline}
            model = models.get(field, Need)
            data: Any = text if model is not Need else {"text": text, "priority": priority}
            try:
                hit = model.model_validate(data, context=self.context)
            except ValidationError as exc:
                hit = exc
            if len(self.cache) >= _CACHE_LIMIT:
                self.cache.clear()
            self.cache[key] = hit
        if isinstance(hit, ValidationError):
            where = column or self.rm.columns.get(field)
            if (
                priority is not None
                and priority_index is not None
                and "priority" in str(hit.errors()[0]["loc"])
            ):
                where, text = self.rm.header[priority_index], priority
            first = hit.errors(include_url=False)[0]
            kind = str(first["type"])
            raise InputError(
                first["msg"].removeprefix("Value error, "),
                code=error_code(kind),
                field=where,
                value=text,
            )
        return hit


# ----------------------------------------------------------------------------- JSON Lines


def _jsonl(
    path: Path, raw: IO[bytes], mapping: ColumnMapping | None, ref: dt.date
) -> Iterator[tuple[int, Profile | RowError]]:
    converters: dict[tuple[str, ...], _Converter | InputError] = {}
    try:
        for row, line in enumerate(raw, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line.removeprefix(codecs.BOM_UTF8))
            except ValueError as exc:
                yield row, RowError(
                    InputError(
                        f"not valid JSON: {exc}",
                        code="bad-json",
                        path=path,
                        row=row,
                        value=line[:80].decode("utf-8", "replace"),
                    ),
                    row,
                )
                continue
            if not isinstance(obj, dict):
                yield row, RowError(
                    InputError(
                        "a line must be a JSON object", code="not-an-object", path=path, row=row
                    ),
                    row,
                )
            elif "account" in obj or "needs" in obj:  # already in the profile's shape
                try:
                    yield row, Profile.from_data(obj, ref_date=ref, path=path, row=row)
                except InputError as exc:
                    account = obj.get("account")
                    yield row, RowError(
                        exc,
                        row,
                        exc.field,
                        None if exc.value is None else str(exc.value),
                        account if isinstance(account, str) else None,
                    )
            else:  # a row of named columns, as an export tool writes them
                keys = tuple(str(k) for k in obj)
                conv = converters.get(keys)
                if conv is None:
                    try:
                        conv = _Converter(
                            path, (mapping or pick_mapping(keys)).resolve(keys, path=path), ref
                        )
                    except InputError as exc:
                        conv = exc
                    converters[keys] = conv
                if isinstance(conv, InputError):
                    yield row, RowError(
                        InputError(
                            conv.message,
                            code=conv.code,
                            path=path,
                            row=row,
                            field=conv.field,
                            hint=conv.hint,
                        ),
                        row,
                        conv.field,
                    )
                else:
                    yield row, conv.profile(["" if v is None else str(v) for v in obj.values()], row)
    finally:
        raw.close()
