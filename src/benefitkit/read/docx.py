"""DOCX reader: paragraphs and tables in document order, typed by their Word styles.

python-docx opens the package; the body is walked as XML (``w:p`` and ``w:tbl`` children
in order) because python-docx's ``paragraphs`` and ``tables`` lists lose their interleaving.
Styles are resolved through their ``basedOn`` chain, so a custom style based on
"Heading 2" is a level-2 heading. Tables whose cells hold whole sections (a two-column
layout built from a table) are read cell by cell; data tables become one row block each.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from benefitkit.errors import InputError
from benefitkit.read.document import Document, DocumentBuilder, clean_inline, split_key_value
from benefitkit.vocab import BlockKind

__all__ = ["read_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _R = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}r"
_SDT_CONTENT = f"{_W}sdtContent"
_TXBX = f"{_W}txbxContent"
# Text boxes are read after their paragraph; deleted text, field codes and the VML copy of
# a drawing (mc:Fallback repeats mc:Choice) are not visible text.
_SKIP = frozenset(
    f"{_W}{t}" for t in ("pPr", "rPr", "del", "delText", "instrText", "txbxContent")
) | {f"{_MC}Fallback"}
_OFF = frozenset({"0", "false", "off", "none"})
_HEADING = re.compile(r"^heading\s*(\d)$", re.I)
_MARKER = re.compile(r"^\s*(?:[•▪◦●○■►‣⁃·\uf0b7\uf0a7\uf076\uf0d8]|[-–*]\s)\s*")
_TERMINAL = (".", "!", "?")

_DocxError = (
    zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, OSError,
    etree.LxmlError, PackageNotFoundError, AttributeError, IndexError, TypeError,
)


@dataclass(frozen=True)
class _Style:
    """What a paragraph style means for a block: kind is title, heading, list or body."""

    kind: str = "body"
    level: int = 0


def _flag(el: Any, tag: str) -> bool:
    """Is the on/off property ``tag`` (w:b, ...) switched on in ``el``?"""
    node = el.find(tag) if el is not None else None
    return node is not None and node.get(f"{_W}val", "1").lower() not in _OFF


class _Styles:
    """Paragraph styles by id, resolved through ``basedOn`` once each."""

    def __init__(self, styles_element: Any) -> None:
        self._raw: dict[str, Any] = {}
        self._default = "Normal"
        for style in styles_element.iter(f"{_W}style"):
            sid = style.get(f"{_W}styleId")
            if sid and style.get(f"{_W}type", "paragraph") == "paragraph":
                self._raw[sid] = style
                if style.get(f"{_W}default") in ("1", "true"):
                    self._default = sid
        self._cache: dict[str, _Style] = {}

    def get(self, sid: str | None) -> _Style:
        sid = sid or self._default
        if sid not in self._cache:
            self._cache[sid] = self._resolve(sid)
        return self._cache[sid]

    def _resolve(self, sid: str) -> _Style:
        seen: set[str] = set()
        current: str | None = sid
        while current and current not in seen and current in self._raw:
            seen.add(current)
            style = self._raw[current]
            name_el = style.find(f"{_W}name")
            name = (name_el.get(f"{_W}val", "") if name_el is not None else current).strip()
            lowered = name.lower()
            if lowered == "title":
                return _Style("title", 1)
            heading = _HEADING.match(name) or _HEADING.match(current)
            if heading:
                return _Style("heading", int(heading.group(1)))
            if lowered.startswith(("list bullet", "list number")):
                return _Style("list")
            ppr = style.find(f"{_W}pPr")
            if ppr is not None:
                outline = ppr.find(f"{_W}outlineLvl")
                if outline is not None and outline.get(f"{_W}val", "9").isdigit():
                    level = int(outline.get(f"{_W}val", "9"))
                    if level < 9:
                        return _Style("heading", level + 1)
                if ppr.find(f"{_W}numPr") is not None:
                    return _Style("list")
            based = style.find(f"{_W}basedOn")
            current = based.get(f"{_W}val") if based is not None else None
        return _Style()


def _collect(el: Any, out: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag == f"{_W}t":
            out.append(child.text or "")
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
        elif tag not in _SKIP and isinstance(tag, str):
            _collect(child, out)


def _text(p: Any) -> str:
    out: list[str] = []
    _collect(p, out)
    return "".join(out)


def _bold_only(p: Any) -> bool:
    """Every run with text in it is bold (direct formatting)."""
    runs = [r for r in p.iter(_R) if "".join(t.text or "" for t in r.iter(f"{_W}t")).strip()]
    return bool(runs) and all(_flag(r.find(f"{_W}rPr"), f"{_W}b") for r in runs)


def _lines(text: str) -> list[str]:
    """A paragraph's lines (soft line breaks), a line that only wraps the one before joined.

    Tabs are kept: they may separate a label from its value.
    """
    out: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip(" \r\f\v\u00a0")
        if not line.strip():
            continue
        prev = clean_inline(out[-1]) if out else ""
        if prev and not prev.endswith((*_TERMINAL, ":", ";")) and line.lstrip()[:1].islower():
            out[-1] += " " + line
        else:
            out.append(line)
    return out


class _Walker:
    def __init__(self, builder: DocumentBuilder, styles: _Styles) -> None:
        self.builder = builder
        self.styles = styles
        self.title: str | None = None

    def walk(self, container: Any) -> None:
        for child in container:
            if child.tag == _P:
                self.paragraph(child)
            elif child.tag == _TBL:
                self.table(child)
            elif child.tag in (f"{_W}sdt", _SDT_CONTENT):
                self.walk(child)  # a content control: its paragraphs are in w:sdtContent

    def paragraph(self, p: Any) -> None:
        ppr = p.find(f"{_W}pPr")
        sid_el = ppr.find(f"{_W}pStyle") if ppr is not None else None
        style = self.styles.get(sid_el.get(f"{_W}val") if sid_el is not None else None)
        numbered = ppr is not None and ppr.find(f"{_W}numPr") is not None
        text = _text(p)
        add = self.builder.add
        if style.kind == "title":
            block = add(BlockKind.HEADING, text, level=1, detect_key_value=False)
            if block is not None and self.title is None:
                self.title = block.text
        elif style.kind == "heading":
            add(BlockKind.HEADING, text, level=style.level, detect_key_value=False)
        else:
            for line in _lines(text):
                self._line(line, list_item=style.kind == "list" or numbered, p=p)
        for box in self._text_boxes(p):
            self.walk(box)

    def _line(self, raw: str, *, list_item: bool, p: Any) -> None:
        line = clean_inline(raw)
        marker = _MARKER.match(line)
        if list_item or marker:
            self.builder.add(BlockKind.BULLET, line[marker.end():] if marker else line)
            return
        # "Price<tab>$5": a label and its value set apart by a tab read as a table row.
        cells = [clean_inline(c) for c in raw.split("\t") if c.strip()]
        if len(cells) >= 3 or (len(cells) == 2 and len(cells[0].split()) <= 5):
            self.row(cells)
            return
        words = line.split()
        if (
            len(words) <= 10
            and not line.endswith((*_TERMINAL, ":", ";", ","))
            and split_key_value(line) is None
            and _bold_only(p)
        ):
            self.builder.add(BlockKind.HEADING, line, level=3, detect_key_value=False)
        else:
            self.builder.add(BlockKind.PARAGRAPH, line)

    @staticmethod
    def _text_boxes(p: Any) -> Iterator[Any]:
        """Text boxes anchored in ``p`` (not those nested in another box, nor VML copies)."""
        for box in p.iter(_TXBX):
            ancestors = itertools.takewhile(lambda a: a is not p, box.iterancestors())
            if not any(a.tag in (_TXBX, f"{_MC}Fallback") for a in ancestors):
                yield box

    def row(self, cells: list[str]) -> None:
        if len(cells) == 2:
            label = cells[0].rstrip(":").strip() or cells[0]
            self.builder.add(BlockKind.TABLE_ROW, f"{label}: {cells[1]}", label=label,
                             detect_key_value=False)
        else:
            self.builder.add(BlockKind.TABLE_ROW, " | ".join(cells), detect_key_value=False)

    def table(self, tbl: Any) -> None:
        rows: list[tuple[Any, list[Any], list[str] | None]] = []
        for tr in tbl.iter(_TR):
            if tr.getparent() is not tbl:
                continue  # rows of nested tables are read with their cell
            cells = [tc for tc in tr if tc.tag == _TC and not _merged_away(tc)]
            if any(self._is_layout(tc) for tc in cells):
                rows.append((tr, cells, None))
                continue
            cell_texts = [clean_inline(" ".join(_text(p) for p in tc.iter(_P))) for tc in cells]
            rows.append((tr, cells, [t for t in cell_texts if t]))
        if len(rows) >= 2 and _column_headings(rows[0][0], rows[0][2]):
            rows = rows[1:]  # "Plan | Price" names the columns; it states nothing
        for _, cells, row_texts in rows:
            if row_texts is None or len(row_texts) == 1:
                for tc in cells:
                    self.walk(tc)
            elif row_texts:
                self.row(row_texts)

    def _is_layout(self, tc: Any) -> bool:
        """A cell holding a section of the page rather than one value."""
        if tc.find(f".//{_TBL}") is not None:
            return True
        paras = [p for p in tc.iter(_P) if _text(p).strip()]
        if len(paras) > 1:
            return True
        for p in paras:
            ppr = p.find(f"{_W}pPr")
            sid = ppr.find(f"{_W}pStyle") if ppr is not None else None
            if sid is not None and self.styles.get(sid.get(f"{_W}val")).kind != "body":
                return True
        return False


def _column_headings(tr: Any, cells: list[str] | None) -> bool:
    """Whether a table's first row (``tr``, its cell texts) names the columns rather than
    stating anything: two or more cells without a figure, and either marked "repeat as
    header row" in Word or made of the words tables head their columns with ("Plan |
    Price", "Specification | Value"). "Material | Stainless steel" above "Weight | 2.4 kg"
    is the first row of the data.
    """
    if not cells or len(cells) < 2:
        return False
    if any(ch.isdigit() for c in cells for ch in c):
        return False
    if tr.find(f"{_W}trPr/{_W}tblHeader") is not None:
        return True
    return all(c.strip().rstrip(":").casefold() in _COLUMN_NAMES for c in cells)


# What tables head their columns with
_COLUMN_NAMES = frozenset([
    "value", "values", "detail", "details", "description", "price", "prices", "cost", "costs",
    "spec", "specs", "specification", "specifications", "feature", "features", "item",
    "items", "option", "options", "plan", "plans", "tier", "tiers", "product", "products",
    "model", "models", "notes", "note", "included", "what you get", "amount", "fee", "fees",
    "rate", "rates", "unit", "quantity", "qty", "property", "attribute", "parameter",
    "setting", "service", "services", "package", "packages", "edition", "name", "type",
])


def _merged_away(tc: Any) -> bool:
    """A cell that continues a vertical merge repeats the cell above; skip it."""
    tcpr = tc.find(f"{_W}tcPr")
    vmerge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
    return vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue"


def read_docx(data: bytes, source: str) -> Document:
    """Read a Word document into a Document of typed blocks.

    Args:
        data: the bytes of the .docx file.
        source: the file name, for errors and the Document.

    Returns:
        Paragraphs and table rows in document order. ``title`` is the first paragraph in
        the Title style, else the document's core title property.

    Raises:
        InputError: ``corrupt-docx`` when the file is not a readable Word document.
    """
    builder = DocumentBuilder(source=source, format="docx")
    try:
        document = docx.Document(io.BytesIO(data))
        walker = _Walker(builder, _Styles(document.styles.element))
        walker.walk(document.element.body)
        core_title = clean_inline(document.core_properties.title or "")
    except _DocxError as exc:
        raise InputError(
            "Word document is damaged or not a .docx file", code="corrupt-docx", path=source,
            hint="open and re-save it in Word or LibreOffice, or export it to PDF",
        ) from exc
    return builder.build(title=walker.title or core_title or None)
