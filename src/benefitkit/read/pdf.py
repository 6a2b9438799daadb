"""PDF reader: positioned text from pypdfium2, laid out into typed blocks.

Characters come from PDFium with their baseline origin, loose box (font ascent to
descent), font size and font, grouped here into runs on one baseline; ``pdf_layout`` puts
them into lines in reading order (columns one after another) and ``pdf_blocks`` joins
wrapped lines into typed blocks. Block boxes are ``(x0, top, x1, bottom)`` in points with
the origin at the top-left corner of the page.
"""

from __future__ import annotations

import ctypes
import math
import re
import threading

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from benefitkit.errors import InputError
from benefitkit.read.document import Document, DocumentBuilder
from benefitkit.read.pdf_blocks import add_blocks
from benefitkit.read.pdf_layout import Line, Seg, layout
from benefitkit.vocab import BlockKind

__all__ = ["read_pdf"]

# PDFium is not thread-safe; one document at a time per process.
_LOCK = threading.Lock()

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
# Title metadata that names a file or a template rather than the flier.
_JUNK_TITLE = re.compile(
    r"^(?:untitled.*|microsoft \w+ - .*|.*\.(?:docx?|pdf|pptx?|indd|ai|psd|rtf)|document\s*\d*"
    r"|(?:powerpoint )?presentation\s*\d*|slide \d+|\S*_\S*)$",
    re.I,
)


def _open(data: bytes, source: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise InputError(
                "PDF is encrypted and needs a password", code="encrypted-pdf", path=source,
                hint="save an unprotected copy of the flier and read that",
            ) from exc
        raise InputError(
            "PDF is damaged or not a PDF", code="corrupt-pdf", path=source,
            hint="re-export the flier to PDF, or pass another format",
        ) from exc


def _font(
    textpage: pdfium.PdfTextPage, index: int, buf: ctypes.Array[ctypes.c_char]
) -> tuple[str, bool]:
    """The font name (subset prefix dropped) of a character, and whether it is bold."""
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buf, len(buf), ctypes.byref(flags))
    name = buf.value.decode("latin-1", errors="replace").split("+", 1)[-1]
    weight = pdfium_c.FPDFText_GetFontWeight(textpage.raw, index)
    # Flag bit 19 is ForceBold in the font descriptor.
    return name, bool(_BOLD.search(name)) or weight >= 700 or bool(flags.value & (1 << 18))


def _segments(textpage: pdfium.PdfTextPage, height: float) -> list[Seg]:
    """Runs of characters on one baseline, in content-stream order.

    Every character costs a few ctypes calls, so only its code and loose box are read
    when it plainly continues the run before it (same box height and bottom, next to
    it); a character that may start a new run also gets its origin, size and font.
    """
    raw = textpage.raw
    get_unicode, get_box = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetLooseCharBox
    x, y = ctypes.c_double(), ctypes.c_double()
    box, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    buf = ctypes.create_string_buffer(128)
    segs: list[Seg] = []
    texts: list[list[str]] = []
    cur: Seg | None = None
    # The first glyph's loose box bottom and height stand for the run's baseline and size.
    run_bottom = run_height = 0.0
    pending_space = False
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        code = get_unicode(raw, i)
        if code in (10, 13):
            cur = None
            continue
        ch = chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else ""
        if not ch or ch in "\ufffe\uffff":
            continue
        if ch.isspace():
            pending_space = True
            continue
        get_box(raw, i, box)
        left, right, top, bottom = box.left, box.right, height - box.top, height - box.bottom
        if cur is None or not (
            abs(bottom - run_bottom) <= 0.05 * run_height
            and abs(bottom - top - run_height) <= 0.05 * run_height
            and cur.x1 - cur.size <= left <= cur.x1 + 1.25 * cur.size
        ):
            pdfium_c.FPDFText_GetMatrix(raw, i, matrix)
            if abs(matrix.b) > 0.1 * abs(matrix.a) or abs(matrix.c) > 0.1 * abs(matrix.d):
                continue  # rotated or vertical text: a watermark or a side label
            pdfium_c.FPDFText_GetCharOrigin(raw, i, x, y)
            size = pdfium_c.FPDFText_GetFontSize(raw, i) * abs(matrix.d)
            base = height - y.value
            if not all(map(math.isfinite, (size, base, left, right, top, bottom))):
                continue
            if size <= 0:
                size = max(bottom - top, 1.0)
            if (
                cur is None
                or abs(base - cur.base) > 0.4 * size
                or left < cur.x1 - size
                or left - cur.x1 > 1.25 * size
            ):
                name, bold = _font(textpage, i, buf)
                cur = Seg("", left, right, top, bottom, base, size, name, bold, [left])
                segs.append(cur)
                texts.append([ch])
                run_bottom, run_height = bottom, bottom - top
                pending_space = False
                continue
        if pending_space or left - cur.x1 > 0.2 * cur.size:
            texts[-1].append(" ")
            cur.xs.append(cur.x1)
        texts[-1].append(ch)
        cur.xs.append(left)
        cur.x1 = max(cur.x1, right)
        cur.top = min(cur.top, top)
        cur.bottom = max(cur.bottom, bottom)
        pending_space = False
    for seg, chars in zip(segs, texts, strict=True):
        seg.text = "".join(chars)
    return segs


def _metadata_title(pdf: pdfium.PdfDocument) -> str | None:
    try:
        title = " ".join(str(pdf.get_metadata_value("Title")).split())
    except (pdfium.PdfiumError, KeyError, ValueError):
        return None
    return title if len(title) >= 3 and not _JUNK_TITLE.match(title) else None


def _drop_running(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Drop running headers and footers already seen at the same place on an earlier page."""
    seen: set[tuple[str, int]] = set()
    out: list[list[Line]] = []
    for lines, height in zip(pages, heights, strict=True):
        kept: list[Line] = []
        for line in lines:
            top = line.first.top
            if 0.12 * height < top < 0.88 * height:
                kept.append(line)
                continue
            key = (" ".join(s.text for s in line.segs), round(top))
            if key not in seen:
                kept.append(line)
            seen.add(key)
        out.append(kept)
    return out


def _extract(data: bytes, source: str) -> tuple[list[list[Line]], list[float], str | None]:
    with _LOCK:
        pdf = _open(data, source)
        try:
            pages: list[list[Line]] = []
            heights: list[float] = []
            for page in pdf:
                try:
                    height = page.get_height()
                    textpage = page.get_textpage()
                    try:
                        pages.append(layout(_segments(textpage, height)))
                        heights.append(height)
                    finally:
                        textpage.close()
                finally:
                    page.close()
            return pages, heights, _metadata_title(pdf)
        except pdfium.PdfiumError as exc:
            raise InputError("PDF is damaged", code="corrupt-pdf", path=source) from exc
        finally:
            pdf.close()


def read_pdf(data: bytes, source: str) -> Document:
    """Read a PDF flier into a Document of typed blocks.

    Args:
        data: the bytes of the PDF.
        source: the file name, for errors and the Document.

    Returns:
        The blocks of every page in reading order, each with its page and its box
        ``(x0, top, x1, bottom)`` in points from the top-left corner. ``title`` is the
        PDF's Title metadata when it is a real title, else the first level-1 heading on
        page 1.

    Raises:
        InputError: ``corrupt-pdf`` when the file cannot be parsed, ``encrypted-pdf`` when
            it needs a password, ``no-text`` when no page has extractable text.
    """
    pages, heights, meta_title = _extract(data, source)
    if not any(pages):
        raise InputError(
            "PDF has no extractable text (a scanned image?)", code="no-text", path=source,
            hint="run OCR on it first (e.g. ocrmypdf) or pass the flier as text",
        )
    builder = DocumentBuilder(source=source, format="pdf")
    add_blocks(builder, _drop_running(pages, heights))
    builder.pages = max(builder.pages, len(pages))
    first_heading = next(
        (b.text for b in builder.build().blocks
         if b.page == 1 and b.kind is BlockKind.HEADING and b.level == 1),
        None,
    )
    return builder.build(title=meta_title or first_heading)
