"""Page geometry to reading order, for the PDF reader.

Works on positioned text segments (a run of characters on one baseline with no wide gap in
it), so the layout rules can be tested without a PDF library. Coordinates are PDF points
with the origin at the TOP-left of the page: ``top < bottom`` and ``base`` (the baseline)
grows down the page.

Reading order is a recursive cut: the page is split into horizontal bands at the vertical
holes between lines; consecutive bands are grouped while they share a vertical gutter; a
group with a gutter is read left part first, then right part, each part laid out again.
A gutter whose two sides line up row by row like a label/value table is not a column break:
those rows are read across.
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["BULLET", "Line", "Seg", "layout", "merge_pieces"]

#: A gap wider than this many ems between two glyphs on a baseline separates table cells
#: or columns; justified word spacing stays well under it.
GAP_EM = 1.25
#: A hole in the x projection at least this many ems wide is a candidate gutter.
GUTTER_EM = 1.25
#: Baselines closer than this many ems are the same line.
BASE_TOL_EM = 0.4

#: A list marker at the start of a line: a glyph (PDF symbol fonts map bullets into the
#: private use area U+F000–U+F0FF) or an enumerator such as "1." or "b)".
BULLET = re.compile(
    r"^\s*(?:[•▪▫◦●○■□►▸‣⁃∙·◆◇❖➢➤✓✔☐☑\uf000-\uf0ff]\s*|[-–—*+]\s+|(?:\d{1,2}|[a-h])[.)]\s+)"
)


@dataclass(slots=True)
class Seg:
    """A run of text on one baseline.

    Attributes:
        text: the characters, spaces included.
        x0, x1: left and right edge.
        top, bottom: the loose box of the run (font ascent to descent).
        base: the baseline.
        size: the effective font size in points (font size times text scaling).
        font: the font name without its subset prefix.
        bold: whether the font is bold.
        xs: the left edge of every character of ``text`` (spaces included).
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float
    size: float
    font: str = ""
    bold: bool = False
    xs: list[float] = field(default_factory=list)

    def text_x(self) -> float:
        """Where the text starts once a leading list marker is set aside."""
        m = BULLET.match(self.text)
        if m and m.end() < len(self.xs):
            return self.xs[m.end()]
        return self.x0


@dataclass(slots=True)
class Line:
    """One visual line in reading order: one segment, or the cells of a table row.

    ``col_left``/``col_right`` bound the column the line sits in, to tell a short line
    (one that ends a paragraph) from a full one.
    """

    segs: list[Seg]
    col_left: float
    col_right: float

    @property
    def first(self) -> Seg:
        return self.segs[0]

    def is_short(self) -> bool:
        width = self.col_right - self.col_left
        return width > 0 and self.segs[-1].x1 < self.col_right - 0.2 * width


def _join(a: Seg, b: Seg) -> Seg:
    gap = b.x0 - a.x1
    space = (
        gap > 0.15 * max(a.size, b.size)
        and not a.text.endswith(" ")
        and not b.text.startswith(" ")
    )
    text = a.text + (" " if space else "") + b.text
    xs = a.xs + ([a.x1] if space else []) + b.xs
    n_a, n_b = max(len(a.text), 1), max(len(b.text), 1)
    return Seg(
        text, min(a.x0, b.x0), max(a.x1, b.x1), min(a.top, b.top), max(a.bottom, b.bottom),
        a.base, (a.size * n_a + b.size * n_b) / (n_a + n_b), a.font, a.bold, xs,
    )


def _rows(segs: Sequence[Seg]) -> list[list[Seg]]:
    """Cluster segments by baseline, top to bottom, each row left to right."""
    ordered = sorted(segs, key=lambda s: (s.base, s.x0))
    rows: list[list[Seg]] = []
    for seg in ordered:
        if rows and seg.base - rows[-1][0].base <= BASE_TOL_EM * max(seg.size, rows[-1][0].size):
            rows[-1].append(seg)
        else:
            rows.append([seg])
    return [sorted(row, key=lambda s: s.x0) for row in rows]


def merge_pieces(segs: Sequence[Seg]) -> list[Seg]:
    """Join pieces of one line that the content stream drew apart.

    Pieces on one baseline closer than ``GAP_EM`` are one segment; a lone list marker
    always joins the text after it, however wide the tab between them. A piece drawn
    twice over itself (fake bold) is kept once.
    """
    out: list[Seg] = []
    for row in _rows(segs):
        cur = row[0]
        for seg in row[1:]:
            size = max(cur.size, seg.size)
            if seg.x0 < cur.x1 - 0.5 * size and seg.text.strip() == cur.text.strip():
                continue
            marker = BULLET.fullmatch(cur.text.strip() + " ") is not None
            if seg.x0 - cur.x1 <= GAP_EM * size or (marker and seg.x0 - cur.x1 <= 6 * size):
                cur = _join(cur, seg)
            else:
                out.append(cur)
                cur = seg
        out.append(cur)
    return out


def _core(seg: Seg) -> tuple[float, float]:
    # The x-height band of a line: loose boxes of tightly set lines overlap, cores do not.
    return seg.base - 0.75 * seg.size, seg.base + 0.15 * seg.size


def _bands(segs: Sequence[Seg]) -> list[list[Seg]]:
    bands: list[list[Seg]] = []
    bottom = float("-inf")
    for seg in sorted(segs, key=lambda s: _core(s)[0]):
        top, low = _core(seg)
        if bands and top < bottom:
            bands[-1].append(seg)
            bottom = max(bottom, low)
        else:
            bands.append([seg])
            bottom = low
    return bands


def _median_size(segs: Sequence[Seg]) -> float:
    return statistics.median(s.size for s in segs)


def _holes(segs: Sequence[Seg]) -> list[tuple[float, float]]:
    """Vertical strips no segment crosses, widest first."""
    size = _median_size(segs)
    spans = sorted((s.x0, s.x1) for s in segs)
    holes: list[tuple[float, float]] = []
    end = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - end >= GUTTER_EM * size:
            holes.append((end, x0))
        end = max(end, x1)
    return sorted(holes, key=lambda h: h[0] - h[1])


def _wraps(side: Sequence[Seg]) -> bool:
    """Does a line run on into the next (no end punctuation, next starts lower case)?"""
    lines = sorted(side, key=lambda s: s.base)
    return any(
        0 < b.base - a.base <= 1.5 * a.size
        and not a.text.rstrip().endswith((".", "!", "?", ":"))
        and b.text[:1].islower()
        for a, b in itertools.pairwise(lines)
    )


def _is_table(left: Sequence[Seg], right: Sequence[Seg]) -> bool:
    """Do the two sides of a gutter pair up row by row like label and value cells?"""
    lo = max(min(s.base for s in left), min(s.base for s in right))
    hi = min(max(s.base for s in left), max(s.base for s in right))
    lhs = [s for s in left if lo - 1 <= s.base <= hi + 1]
    rhs = [s for s in right if lo - 1 <= s.base <= hi + 1]
    if not lhs or not rhs:
        return False

    def paired(side: list[Seg], other: list[Seg]) -> list[Seg]:
        bases = sorted(o.base for o in other)
        out = []
        for s in side:
            # The nearest baseline on the other side, found by bisection: pages can be dense.
            i = bisect.bisect_left(bases, s.base)
            near = min(abs(s.base - b) for b in bases[max(i - 1, 0) : i + 1])
            if near <= 0.3 * s.size:
                out.append(s)
        return out

    pl, pr = paired(lhs, rhs), paired(rhs, lhs)
    if not pl or (len(pl) + len(pr)) < 0.8 * (len(lhs) + len(rhs)):
        return False
    cells = pl + pr
    # Columns of a flier carry their own headings, lists and running text; label cells
    # are short and stand alone.
    if any(BULLET.match(s.text) for s in cells) or _wraps(lhs):
        return False
    sizes = [s.size for s in cells]
    if max(sizes) > 1.1 * min(sizes):
        return False
    return statistics.median(len(s.text.split()) for s in pl) <= 6


def _side_by_side(left: Sequence[Seg], right: Sequence[Seg]) -> bool:
    # Text left of a gap and text right of it but lower down is stacked, not in columns.
    top = max(min(_core(s)[0] for s in left), min(_core(s)[0] for s in right))
    bottom = min(max(_core(s)[1] for s in left), max(_core(s)[1] for s in right))
    return top < bottom


def _gutter(segs: Sequence[Seg]) -> tuple[float, float] | None:
    """The column gutter of ``segs`` as ``(start, end)``, unless they are a table."""
    if len(segs) < 2:
        return None
    for start, end in _holes(segs):
        left = [s for s in segs if s.x1 <= start + 0.01]
        right = [s for s in segs if s.x1 > start + 0.01]
        if left and right and _side_by_side(left, right) and not _is_table(left, right):
            return start, end
    return None


def _groups(bands: list[list[Seg]], size: float) -> list[list[Seg]]:
    """Merge consecutive bands while together they still have a column gutter."""
    groups: list[list[Seg]] = []
    cur: list[Seg] = []
    hole: tuple[float, float] | None = None
    cur_bottom = float("-inf")
    for band in bands:
        top = min(_core(s)[0] for s in band)
        near = bool(cur) and top - cur_bottom < 4 * size
        if near and hole and all(s.x1 <= hole[0] + 0.01 or s.x0 >= hole[1] - 0.01 for s in band):
            cur.extend(band)  # the band keeps clear of the gutter the group already has
        elif near and (found := _gutter(cur + band)) is not None:
            cur.extend(band)
            hole = found
        else:
            if cur:
                groups.append(cur)
            cur, hole = list(band), None
        cur_bottom = max(cur_bottom if hole else float("-inf"), *(_core(s)[1] for s in band))
    if cur:
        groups.append(cur)
    return groups


def _layout(segs: list[Seg]) -> list[Line]:
    left, right = min(s.x0 for s in segs), max(s.x1 for s in segs)
    size = _median_size(segs)
    out: list[Line] = []
    for group in _groups(_bands(segs), size):
        gutter = _gutter(group)
        if gutter is None:
            out.extend(Line(row, left, right) for row in _rows(group))
        else:
            cut = gutter[0] + 0.01
            out.extend(_layout([s for s in group if s.x1 <= cut]))
            out.extend(_layout([s for s in group if s.x1 > cut]))
    return out


def layout(segs: Sequence[Seg]) -> list[Line]:
    """Lines of one page in reading order: columns one after another, top to bottom."""
    pieces = merge_pieces(segs)
    return _layout(pieces) if pieces else []
