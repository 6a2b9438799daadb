"""Lines in reading order to typed blocks, for the PDF reader.

A line joins the block before it when it only wraps it: close below it, in line with it,
in the same type, and not starting a list item. Spacing alone decides when a flier sets
items further apart than wrapped lines; when it does not, the text does (a short line
before a capital ends a block, a "Label: value" line is a block of its own). Blocks are
then typed: table rows, bullets, headings (by font size against the body text, level 1 the
largest) and paragraphs.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from benefitkit.read.document import DocumentBuilder, split_key_value
from benefitkit.read.pdf_layout import BULLET, Line
from benefitkit.vocab import BlockKind

__all__ = ["add_blocks"]

_MONEY = re.compile(
    r"[$€£¥₹]\s?\d|\b(?:USD|EUR|GBP|CAD|AUD|CHF|JPY)\s?\d|\d\s?(?:USD|EUR|GBP)\b"
)
_URL_END = re.compile(r"(?:https?://|www\.)\S+$", re.I)
# A line ending in one of these words runs on into the next, whatever its case.
_DANGLING = frozenset({
    "a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with", "from",
    "per", "via", "plus", "as", "&", "+", "-", "–", "—",
})
_SOFT_HYPHENS = ("\x02", "\xad")


def _body_size(lines: Iterable[Line]) -> float:
    weights: Counter[float] = Counter()
    for line in lines:
        for seg in line.segs:
            weights[round(seg.size * 2) / 2] += len(seg.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def _joiner(block: list[Line], line: Line, body: float) -> str | None:
    """How ``line`` joins the block before it ("" or " "), or None when it starts a new one."""
    prev = block[-1]
    if len(line.segs) > 1 or len(prev.segs) > 1:
        return None
    p, n, first = prev.first, line.first, block[0].first
    size = max(p.size, n.size)
    pitch = n.base - p.base
    if not 0.5 * size < pitch <= 2.2 * size or abs(p.size - n.size) > 0.1 * size:
        return None
    if BULLET.match(n.text):
        return None
    text_x = first.text_x()
    aligned = (
        abs(n.x0 - first.x0) <= 0.6 * size
        or abs(n.x0 - text_x) <= 0.6 * size
        or (len(block) == 1 and 0 < first.x0 - n.x0 <= 3 * size)  # first-line indent
    )
    centred = abs((n.x0 + n.x1) - (p.x0 + p.x1)) <= 2 * size
    if not (aligned or centred):
        return None
    ptext, ntext = p.text.rstrip(), n.text.strip()
    if _URL_END.search(ptext) and " " not in ntext and (
        not prev.is_short() or ntext[0].islower() or ntext[0].isdigit() or ntext[0] in "-_/.?=&#%~"
    ):
        return ""
    lower = ntext[:1].islower()
    open_end = not ptext.endswith((".", "!", "?"))
    joiner = "" if ptext.endswith(_SOFT_HYPHENS) or (
        ptext.endswith("-") and ptext[-2:-1].isalpha() and lower
    ) else " "
    bullet = BULLET.match(first.text) is not None
    # A line set in under a bullet's text (not under its marker) can only continue it.
    hanging = bullet and abs(n.x0 - text_x) <= 0.6 * size < n.x0 - first.x0
    if pitch > 1.5 * size:
        # Loose spacing is a paragraph break unless the text plainly runs on.
        return joiner if (lower and open_end) or (hanging and pitch <= 1.9 * size) else None
    if hanging:
        return joiner
    if n.bold and not p.bold and not (lower and open_end):
        return None
    if p.bold and not n.bold and not (ptext.endswith(":") or bullet or lower):
        return None
    words = ptext.split()
    dangling = ptext.endswith((",", ":", "(")) or (bool(words) and words[-1].lower() in _DANGLING)
    if not lower and not dangling and (
        (p.size < 1.15 * body and prev.is_short()) or split_key_value(ntext) is not None
    ):
        return None  # the line before ended early, or this line is a "Label: value" of its own
    return joiner


@dataclass(slots=True)
class _Block:
    """Lines joined into one block; ``joins[i]`` goes before ``lines[i + 1]``."""

    lines: list[Line]
    joins: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        out = self.lines[0].first.text.strip()
        for line, join in zip(self.lines[1:], self.joins, strict=True):
            if not join:
                out = out.rstrip("".join(_SOFT_HYPHENS))
            out += join + line.first.text.strip()
        return out

    @property
    def size(self) -> float:
        return round(statistics.fmean(line.first.size for line in self.lines), 1)

    @property
    def is_row(self) -> bool:
        return len(self.lines[0].segs) > 1

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        segs = [s for line in self.lines for s in line.segs]
        return (
            round(min(s.x0 for s in segs), 2), round(min(s.top for s in segs), 2),
            round(max(s.x1 for s in segs), 2), round(max(s.bottom for s in segs), 2),
        )


def _blocks(lines: list[Line], body: float) -> list[_Block]:
    blocks: list[_Block] = []
    for line in lines:
        joiner = _joiner(blocks[-1].lines, line, body) if blocks else None
        if joiner is None:
            blocks.append(_Block([line]))
        else:
            blocks[-1].lines.append(line)
            blocks[-1].joins.append(joiner)
    return blocks


def _row(cells: list[str]) -> tuple[str, str | None]:
    """A table row's text and label: two cells read as "Label: value"."""
    if len(cells) != 2:
        return " | ".join(cells), None
    head, value = cells
    if head.endswith(":"):
        head = head[:-1].rstrip()
    elif split_key_value(head) is not None:
        # "Plan: Basic | $35/month" reads on as one line; the label is the first cell's.
        text = f"{head} {value}"
        kv = split_key_value(text)
        return text, kv[0] if kv else None
    return f"{head}: {value}", head


def _is_heading(block: _Block, body: float) -> bool:
    """Set larger than body text, and reads like a heading rather than a callout."""
    text = block.text
    words = len(text.split())
    return (
        not block.is_row
        and BULLET.match(text) is None
        and block.size >= 1.15 * body
        and words <= 24
        and not (text.endswith(".") and words > 8)
        and not _MONEY.search(text)
        and split_key_value(text) is None
    )


def _is_bold_heading(block: _Block) -> bool:
    text = block.text
    return (
        len(block.lines) == 1
        and block.lines[0].first.bold
        and len(text.split()) <= 8
        and not text.endswith((".", ":", ";", ",", "!", "?"))
        and split_key_value(text) is None
    )


def _levels(sizes: Iterable[float]) -> dict[float, int]:
    """Heading level per font size: 1 for the largest, near-equal sizes share a level."""
    levels: dict[float, int] = {}
    level, top = 0, 0.0
    for size in sorted(set(sizes), reverse=True):
        if level == 0 or size < 0.92 * top:
            level, top = level + 1, size
        levels[size] = level
    return levels


def _run_in_label(block: _Block) -> str | None:
    """A bullet's first line set apart (bold, another font) from its description."""
    if len(block.lines) < 2:
        return None
    first, second = block.lines[0].first, block.lines[1].first
    if (first.font, first.bold) == (second.font, second.bold):
        return None
    marker = BULLET.match(first.text)
    head = first.text[marker.end() if marker else 0 :].strip()
    if not head or head.endswith((".", "!", "?")):
        return None
    return head.rstrip(":").strip()


def _add(builder: DocumentBuilder, block: _Block, page: int, body: float,
         levels: dict[float, int]) -> None:
    bbox = block.bbox
    if block.is_row:
        text, label = _row([s.text.strip() for s in block.lines[0].segs])
        builder.add(BlockKind.TABLE_ROW, text, page=page, label=label, bbox=bbox,
                    detect_key_value=False)
        return
    text = block.text
    marker = BULLET.match(text)
    if marker:
        builder.add(BlockKind.BULLET, text[marker.end():], page=page,
                    label=_run_in_label(block), bbox=bbox)
    elif _is_heading(block, body):
        builder.add(BlockKind.HEADING, text, page=page, level=levels.get(block.size, 1),
                    bbox=bbox, detect_key_value=False)
    elif _is_bold_heading(block):
        level = max(levels.values(), default=0) + 1
        builder.add(BlockKind.HEADING, text, page=page, level=level, bbox=bbox,
                    detect_key_value=False)
    else:
        builder.add(BlockKind.PARAGRAPH, text, page=page, bbox=bbox)


def add_blocks(builder: DocumentBuilder, pages: Sequence[list[Line]]) -> None:
    """Join each page's lines into blocks, type them and add them to ``builder``.

    Args:
        builder: receives the blocks, page by page.
        pages: each page's lines in reading order.
    """
    body = _body_size(line for lines in pages for line in lines)
    paged = [_blocks(lines, body) for lines in pages]
    levels = _levels(b.size for blocks in paged for b in blocks if _is_heading(b, body))
    for number, blocks in enumerate(paged, start=1):
        for block in blocks:
            _add(builder, block, number, body, levels)
