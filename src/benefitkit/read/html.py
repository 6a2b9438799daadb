"""HTML reader: what a visitor of the page would see, as typed blocks.

Walks the DOM with selectolax (lexbor): headings, list items, table rows and paragraphs
become blocks; scripts, styles, forms, navigation and hidden elements are skipped. The same
walker serves the Markdown reader, which renders Markdown (and embedded HTML) to HTML first.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from benefitkit.read.document import Document, DocumentBuilder, clean_inline, join_wrapped
from benefitkit.read.sniff import decode_text
from benefitkit.vocab import BlockKind

__all__ = ["HtmlWalker", "read_html"]

# Quotes on a product page are testimonials: a customer's words, not the flier's claims.
_SKIP = frozenset(
    ["script", "style", "noscript", "template", "head", "nav", "form", "button", "select", "option", "input", "textarea", "svg", "canvas", "iframe", "object", "embed", "img", "picture", "video", "audio", "map", "meta", "link", "blockquote"]
)
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_LEAF = frozenset(["p", "dt", "dd", "figcaption", "caption", "summary", "address", "pre", "label"])
_CONTAINERS = frozenset(
    ["html", "body", "main", "article", "section", "div", "aside", "header", "footer", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "figure", "details", "center"]
)
_INLINE = frozenset(
    ["a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp", "small", "strong", "sub", "sup", "time", "u", "var", "del", "ins", "font", "tt", "wbr", "span"]
)
# Elements that start a block of their own wherever they sit
_BLOCKS = frozenset(
    ["p", "div", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "aside", "header", "footer", "main", "blockquote", "pre", "figure", "figcaption", "address", "details", "summary", "hr"]
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    return bool(_HIDDEN_STYLE.search(attrs.get("style") or ""))


class HtmlWalker:
    """Turns an HTML tree into blocks appended to a DocumentBuilder."""

    def __init__(self, builder: DocumentBuilder, *, page: int = 1, menus: bool = False) -> None:
        self.builder = builder
        self.page = page
        # Skip lists whose items are each one short link: a web page's menus. (In Markdown
        # a list of links is content the author wrote, such as the integrations.)
        self.menus = menus
        self._inline: list[str] = []
        # The column names of the table being read (its header row), if it has any, and
        # whether it compares (a row with two values or more: plans, regions)
        self._columns: list[str] | None = None
        self._named = False

    def walk_html(self, html: str) -> None:
        """Parse ``html`` (a page or a fragment) and append its blocks."""
        tree = LexborHTMLParser(html)
        root = tree.body or tree.root
        if root is not None:
            self._walk(root)
            self._flush()

    # Inline text between block elements gathers here and becomes one paragraph.
    def _flush(self) -> None:
        if self._inline:
            self._lines(BlockKind.PARAGRAPH, "".join(self._inline))
            self._inline = []

    def _text(self, node: LexborNode, *, skip_lists: bool = False) -> str:
        """Visible text of a node, ``<br>`` as a line break, nested lists left out if asked."""
        out: list[str] = []
        self._collect(node, out, skip_lists=skip_lists)
        return "".join(out)

    def _collect(self, node: LexborNode, out: list[str], *, skip_lists: bool) -> None:
        child = node.child
        while child is not None:
            tag = child.tag
            if tag == "-text":
                # Source line breaks are white space in HTML; only <br> breaks a line.
                out.append((child.text_content or "").replace("\n", " "))
            elif tag == "br":
                out.append("\n")
            elif tag in _SKIP or (tag and tag.startswith("-")) or _hidden(child) or (skip_lists and tag in ("ul", "ol", "table")):
                pass
            else:
                self._collect(child, out, skip_lists=skip_lists)
            child = child.next

    def _lines(self, kind: BlockKind, text: str) -> None:
        """One block per line; a line that only wraps the one before is joined to it."""
        for line in join_wrapped(text.split("\n")):
            self.builder.add(kind, line, page=self.page)

    def _walk(self, node: LexborNode) -> None:
        child = node.child
        while child is not None:
            self._visit(child)
            child = child.next

    def _visit(self, node: LexborNode) -> None:
        tag = node.tag or ""
        if tag == "-text":
            self._inline.append((node.text_content or "").replace("\n", " "))
            return
        if tag == "br":
            self._inline.append("\n")
            return
        if tag in _SKIP or tag.startswith("-") or _hidden(node):
            return
        if tag in _HEADINGS:
            self._flush()
            self.builder.add(
                BlockKind.HEADING, clean_inline(self._text(node)), page=self.page,
                level=_HEADINGS[tag], detect_key_value=False,
            )
        elif tag in ("ul", "ol") and self.menus and self._link_list(node):
            self._flush()  # a menu of links ("Privacy", "Terms"): navigation, not content
        elif tag == "li":
            self._flush()
            self._lines(BlockKind.BULLET, self._text(node, skip_lists=True))
            for sub in node.iter():
                if sub.tag in ("ul", "ol", "table"):
                    self._visit(sub)
        elif tag == "table":
            self._flush()
            outer = self._columns, self._named
            self._columns, self._named = None, _compares(node)
            self._walk(node)
            self._columns, self._named = outer
        elif tag == "tr":
            self._flush()
            self._row(node)
        elif tag == "thead":
            # Column headings ("Plan | Basic | Pro") state nothing; the last row of more than
            # one cell names the columns (a caption row above it spans them all)
            self._flush()
            for tr in (c for c in node.iter() if c.tag == "tr"):
                names = [clean_inline(self._text(c)) for c in tr.iter() if c.tag in ("td", "th")]
                if len(names) > 1:
                    self._columns = names
        elif tag == "dl":
            self._flush()
            self._definitions(node)
        elif tag == "hr":
            self._flush()
        elif tag in _LEAF:
            self._flush()
            self._lines(BlockKind.PARAGRAPH, self._text(node))
        elif tag in _CONTAINERS or not self._is_inline(tag) or (
                tag == "span" and self._holds_blocks(node)):
            self._flush()
            self._walk(node)
            self._flush()
        else:
            # An inline element (a, strong, em...) in running text.
            self._inline.append(self._text(node))

    def _link_list(self, node: LexborNode) -> bool:
        """A list of two or more items that are each one short link and nothing else."""
        items = [c for c in node.iter() if c.tag == "li"]
        if len(items) < 2:
            return False
        for li in items:
            links = [c for c in li.iter() if c.tag == "a"]
            text = " ".join(self._text(li).split())
            if len(links) != 1 or " ".join(self._text(links[0]).split()) != text:
                return False
            if not text or len(text.split()) > 4 or any(ch.isdigit() for ch in text):
                return False
        return True

    @staticmethod
    def _is_inline(tag: str) -> bool:
        return tag in _INLINE

    @staticmethod
    def _holds_blocks(node: LexborNode) -> bool:
        # A span is inline text ("Ships in <span>2 days</span>"), unless a page uses it to
        # wrap whole blocks: then each block inside stays a block of its own.
        return any(sub.tag in _BLOCKS for sub in node.traverse(include_text=False))

    def _definitions(self, dl: LexborNode) -> None:
        """``<dt>term</dt><dd>detail</dd>`` pairs read as ``term: detail`` lines."""
        term: str | None = None
        for child in dl.iter():
            if child.tag == "dt":
                if term:
                    self.builder.add(BlockKind.PARAGRAPH, term, page=self.page)
                term = clean_inline(self._text(child)).rstrip(":").strip()
            elif child.tag == "dd":
                detail = clean_inline(self._text(child))
                if term and detail:
                    self.builder.add(
                        BlockKind.KEY_VALUE, f"{term}: {detail}", page=self.page, label=term,
                        detect_key_value=False,
                    )
                elif detail:
                    self.builder.add(BlockKind.PARAGRAPH, detail, page=self.page)
                term = None
        if term:
            self.builder.add(BlockKind.PARAGRAPH, term, page=self.page)

    def _row(self, tr: LexborNode) -> None:
        cell_nodes = [c for c in tr.iter() if c.tag in ("td", "th")]
        if cell_nodes and all(c.tag == "th" for c in cell_nodes) and len(cell_nodes) > 1:
            # a header row of column names: kept to say what each cell below is
            self._columns = [clean_inline(self._text(c)) for c in cell_nodes]
            return
        placed = [clean_inline(self._text(c)) for c in cell_nodes]
        columns = self._columns
        if (self._named and columns and len(columns) == len(placed) > 2 and placed[0]
                and all(columns[1:]) and any(placed[1:])):
            # "On-site installation | (empty) | Free" under "What you get | Basic | Pro":
            # each cell with the column it sits in ("On-site installation - Pro: Free"),
            # so an empty cell does not move the next one into its column. A table that
            # compares nothing ("Weight | 1.2 kg | (no note)") keeps "Weight: 1.2 kg".
            label = placed[0].rstrip(":").strip()
            said = "; ".join(f"{name}: {cell}" for name, cell in zip(columns[1:], placed[1:],
                                                                     strict=True) if cell)
            self.builder.add(BlockKind.TABLE_ROW, f"{label} - {said}", page=self.page,
                             detect_key_value=False)
            return
        cells = [c for c in placed if c]
        if not cells:
            return
        if len(cells) == 2:
            label = cells[0].rstrip(":").strip()
            self.builder.add(
                BlockKind.TABLE_ROW, f"{label}: {cells[1]}", page=self.page, label=label,
                detect_key_value=False,
            )
        else:
            self.builder.add(BlockKind.TABLE_ROW, " | ".join(cells), page=self.page)


def _compares(table: LexborNode) -> bool:
    """Whether a table compares columns: a body row holds two values or more."""
    for tr in table.css("tr"):
        cells = [c for c in tr.iter() if c.tag in ("td", "th")]
        if sum(1 for c in cells[1:] if c.tag == "td" and c.text(strip=True)) > 1:
            return True
    return False


def _title(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("head > title") or tree.css_first("title")
    if node is not None:
        text = clean_inline(node.text())
        if text:
            return text
    return None


def read_html(data: bytes, source: str) -> Document:
    """Read an HTML page into a Document.

    Raises:
        InputError: the bytes are not text.
    """
    text = decode_text(data, source)
    builder = DocumentBuilder(source=source, format="html")
    builder.title = _title(LexborHTMLParser(text))
    HtmlWalker(builder, menus=True).walk_html(text)
    return builder.build()
