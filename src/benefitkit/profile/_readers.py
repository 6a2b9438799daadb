"""Low-level account-list readers: CSV (encoding and dialect sniffed) and XLSX, as numbered rows.

Each reader yields ``(row, cells)`` with the header as row 1; a CSV row the ``csv`` module
cannot parse comes as ``(row, csv.Error)`` so the caller can report it and go on.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from benefitkit.errors import InputError

log = logging.getLogger("benefitkit")

__all__ = ["Record", "csv_records", "open_file", "xlsx_records"]

_SAMPLE = 64 * 1024
_DELIMITERS = ",;\t|"
Record = tuple[int, list[str] | csv.Error]


def open_file(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError(
            f"cannot read the file: {exc.strerror}", code="unreadable-file", path=path
        ) from exc


# ----------------------------------------------------------------------------- CSV


def _encoding(sample: bytes) -> str:
    """UTF-16 or UTF-8 (with or without BOM); cp1252 is decided line by line in ``_lines``."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8"


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """The sniffed dialect, checked: the delimiter that splits the sample most consistently wins."""
    lines = text.splitlines()[:50]
    try:
        sniffed: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            "\n".join(lines[:20]), delimiters=_DELIMITERS
        )
    except csv.Error:
        sniffed = csv.excel
    if not lines:
        return sniffed

    def fit(delimiter: str) -> tuple[bool, float, int]:
        rows = [r for r in csv.reader(lines, delimiter=delimiter) if r]
        width = len(rows[0]) if rows else 0
        same = sum(1 for r in rows if len(r) == width) / max(len(rows), 1)
        return width > 1, same, width

    best = max(_DELIMITERS, key=lambda d: (fit(d), d == sniffed.delimiter))
    if best == sniffed.delimiter:
        return sniffed
    return type("Sniffed", (csv.excel,), {"delimiter": best})


def _lines(raw: IO[bytes], encoding: str) -> Iterator[str]:
    """Decode each line as UTF-8, else cp1252: a cp1252 export, or one such line in a UTF-8 file."""
    told = False
    for line in raw:
        try:
            yield line.decode(encoding)
        except UnicodeDecodeError:
            if not told:
                log.info("%s: a line is not UTF-8; reading such lines as cp1252", raw.name)
                told = True
            yield line.decode("cp1252", errors="replace")


def csv_records(path: Path) -> Iterator[Record]:
    raw = open_file(path)
    try:
        sample = raw.read(_SAMPLE)
        raw.seek(0)
        encoding = _encoding(sample)
        text = sample.decode(encoding, errors="replace")
        if len(sample) == _SAMPLE and "\n" in text:
            text = text[: text.rindex("\n")]
        dialect = _dialect(text.lstrip("\ufeff"))
        lines: Iterator[str]
        if encoding == "utf-16" or (b"\n" not in sample and b"\r" in sample):
            lines = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        else:
            if encoding == "utf-8-sig":
                raw.seek(len(codecs.BOM_UTF8))
                encoding = "utf-8"
            lines = _lines(raw, encoding)
        reader = csv.reader(lines, dialect)
        row = 0
        while True:
            row += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield row, exc
                continue
            yield row, cells
    finally:
        raw.close()


# ----------------------------------------------------------------------------- XLSX

_CURRENCY_FORMATS = (
    ("[$USD", "USD "),
    ("[$EUR", "EUR "),
    ("[$GBP", "GBP "),
    ("€", "€"),
    ("£", "£"),
    ("$", "$"),
)


def _cell_text(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    fmt = str(getattr(cell, "number_format", "") or "")
    # A currency-formatted number keeps its currency, so a budget cell stays money.
    for marker, prefix in _CURRENCY_FORMATS:
        if marker in fmt:
            return prefix + text
    return text


def xlsx_records(path: Path) -> Iterator[Record]:
    from openpyxl import load_workbook

    raw = open_file(path)  # a file object, so openpyxl does not judge the file by its suffix
    row = 0
    try:
        try:
            workbook = load_workbook(raw, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises zip, XML and its own errors on broken files
            raise InputError(
                f"not a readable XLSX workbook ({type(exc).__name__})", code="bad-xlsx", path=path
            ) from exc
        try:
            sheet = workbook.worksheets[0]
            for row, cells in enumerate(sheet.iter_rows(min_row=1), start=1):
                yield row, [_cell_text(c) for c in cells]
        except InputError:
            raise
        except Exception as exc:  # a damaged sheet part shows only while streaming it
            raise InputError(
                f"the workbook is damaged ({type(exc).__name__})",
                code="bad-xlsx",
                path=path,
                row=row + 1,
            ) from exc
        finally:
            workbook.close()
    finally:
        raw.close()
