"""Format detection by content (suffix only breaks ties) and dispatch to a reader."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from benefitkit.errors import InputError
from benefitkit.read.document import Document

__all__ = ["FORMATS", "MAX_BYTES", "decode_text", "detect_format", "read_document"]

#: Fliers are one-sheets; anything larger is refused before it is read.
MAX_BYTES = 20 * 1024 * 1024

FORMATS = ("text", "markdown", "html", "pdf", "docx")

_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".htm": "html",
    ".html": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(
    r"<(?:p|div|section|ul|ol|li|h[1-6]|table|tr|td|th|span|a|br|strong|em)\b[^>]*>", re.I
)
_MD_MARK = re.compile(r"^(?:#{1,6}\s|\s*[-*+]\s|\s*\d+[.)]\s|---\s*$|.*\*\*[^*]+\*\*)", re.M)


def decode_text(data: bytes, source: str) -> str:
    """Bytes to str: UTF-8 (with or without BOM), else UTF-16 with a BOM, else cp1252.

    Raises:
        InputError: ``binary-file`` when the bytes are not text in any of those.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError("file is not valid UTF-16 text", code="binary-file", path=source) from exc
    if b"\x00" in data[:8192]:
        raise InputError(
            "file holds binary data, not text", code="binary-file", path=source,
            hint="pass a .txt, .md, .html, .pdf or .docx flier",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\t\n\r\f")
    bad = text[:8192].count("\ufffd")
    sample = max(1, min(len(text), 8192))
    if (controls + bad) / sample > 0.05:
        raise InputError(
            "file holds binary data, not text", code="binary-file", path=source,
            hint="pass a .txt, .md, .html, .pdf or .docx flier",
        )
    return text


# Documents known by their first bytes that no reader here reads
_OTHER_FORMATS = (
    (b"{\\rtf", "Rich Text Format (RTF)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc, .xls, .ppt)"),
)


def detect_format(data: bytes, source: str = "<bytes>") -> str:
    """Name the format of ``data``: by its bytes first, the file suffix only for text kinds.

    Raises:
        InputError: ``unsupported-format`` for a zip that is not a docx, and the like.
    """
    head = data[:2048]
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile as exc:
            raise InputError("file is a damaged zip archive", code="corrupt-file", path=source) from exc
        if "word/document.xml" in names:
            return "docx"
        raise InputError(
            "zip archive is not a Word document",
            code="unsupported-format",
            path=source,
            hint="supported: .txt, .md, .html, .pdf, .docx",
        )
    for magic, kind in _OTHER_FORMATS:
        if head.startswith(magic):
            raise InputError(f"file is {kind}, which is not read", code="unsupported-format",
                             path=source, hint="Save it as .docx or .pdf")
    suffix = _SUFFIX.get(Path(source).suffix.lower())
    if suffix in ("pdf", "docx"):
        raise InputError(
            f"file is named .{suffix} but its content is not a {suffix.upper()} file",
            code="corrupt-file",
            path=source,
        )
    if _HTML_START.match(head):
        return "html"
    if suffix in ("html", "markdown", "text"):
        return suffix
    text = head.decode("utf-8", errors="ignore")
    if len(_HTML_TAG.findall(text)) >= 3:
        return "html"
    if _MD_MARK.search(text):
        return "markdown"
    return "text"


_READERS = {
    "text": ("benefitkit.read.text", "read_text"),
    "markdown": ("benefitkit.read.markdown", "read_markdown"),
    "html": ("benefitkit.read.html", "read_html"),
    "pdf": ("benefitkit.read.pdf", "read_pdf"),
    "docx": ("benefitkit.read.docx", "read_docx"),
}


def _reader(fmt: str) -> Callable[[bytes, str], Document]:
    # Imported on first use so that ``import benefitkit`` stays cheap: the PDF and DOCX
    # libraries load only when a file of that kind is read.
    import importlib

    module, func = _READERS[fmt]
    reader: Callable[[bytes, str], Document] = getattr(importlib.import_module(module), func)
    return reader


def read_document(
    source: str | Path | bytes,
    *,
    name: str | None = None,
    format: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Document:
    """Read a flier from a path or from bytes into a Document.

    Args:
        source: a file path, or the file's bytes.
        name: the name to report in errors and spans (defaults to the path).
        format: force a format instead of detecting it.
        max_bytes: refuse larger files.

    Raises:
        InputError: the file is missing, empty, too large, binary, corrupt, encrypted,
            or of an unsupported format. The message names the file.
    """
    if isinstance(source, bytes):
        data = source
        label = name or "<bytes>"
    else:
        path = Path(source)
        label = name or str(source)
        try:
            size = path.stat().st_size
        except FileNotFoundError as exc:
            raise InputError("no such file", code="file-not-found", path=label) from exc
        except OSError as exc:
            raise InputError(f"cannot read file: {exc.strerror}", code="unreadable-file", path=label) from exc
        if path.is_dir():
            raise InputError("is a folder, not a file", code="unreadable-file", path=label)
        if size > max_bytes:
            raise InputError(
                f"file is {size / 1e6:.1f} MB; fliers over {max_bytes / 1e6:.0f} MB are refused",
                code="file-too-large",
                path=label,
                hint="a one-sheet is rarely over a few MB; pass max_bytes to raise the limit",
            )
        data = path.read_bytes()
    if len(data) > max_bytes:
        raise InputError(
            f"file is {len(data) / 1e6:.1f} MB; fliers over {max_bytes / 1e6:.0f} MB are refused",
            code="file-too-large",
            path=label,
        )
    if not data.strip():
        raise InputError("file is empty", code="empty-file", path=label)
    fmt = format or detect_format(data, label)
    if fmt not in FORMATS:
        raise InputError(
            f"unknown format {fmt!r}", code="unsupported-format", path=label,
            hint="choose one of " + ", ".join(FORMATS),
        )
    return _reader(fmt)(data, label)
