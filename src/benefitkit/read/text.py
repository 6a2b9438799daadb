"""Plain-text reader: one block per line, with the structure a person would read into it.

Headings are the first line (the title), lines underlined with ``===``/``---``, short
ALL-CAPS lines, and short lines ending in a colon that introduce what follows. Bullets start
with a bullet glyph, a dash or a number. A line that merely wraps the one before is joined
to it: one that starts in lower case, or follows a line ending on a word no sentence ends
with ("the", "by", "before"), or a long line (a wrap, not a list item) ending on a comma or
"and".
"""

from __future__ import annotations

import re

from benefitkit.read.document import Document, DocumentBuilder, split_key_value
from benefitkit.read.sniff import decode_text
from benefitkit.vocab import BlockKind

__all__ = ["read_text", "split_lines"]

_UNDERLINE = re.compile(r"^\s*(=+|-+|_+|\*+)\s*$")
_BULLET = re.compile(r"^\s*(?:[•▪◦‣∙·●○■□►▸✓✔–—*+-]|\d{1,2}[.)])\s+")
_TERMINAL = (".", "!", "?", ":", ";")
# A line that ends on a word no sentence ends with is wrapped mid-sentence: the next line
# goes on with it whatever its first letter ("... order before" / "30 April 2026.").
_CONTINUES = re.compile(
    r"(?<=\s)(?:an|the|of|to|by|for|with|without|at|from|before|after|until|than|our|your|"
    r"their|its|are|was|were|be|will|per|via|into|onto|over|under|these|those|whose|"
    r"including)$",
    re.IGNORECASE,
)
# A comma or a joining word ends list items too ("Lightweight frame," / "30-mile range,"):
# after one, the next line goes on only when the line before is long, as a wrapped one is.
_MAY_CONTINUE = re.compile(r"(?:,|(?<=\s)(?:and|or|nor|but|as|this|who|which))$", re.IGNORECASE)
# Lines shorter than this are list items or names, not a paragraph wrapped by an editor.
_WRAP_WIDTH = 40


def _wraps(prev: str, line: str) -> bool:
    """Whether ``line`` goes on with the sentence the line ``prev`` breaks off (two "Label:
    value" lines are two lines, however the first ends)."""
    if split_key_value(prev) is not None or split_key_value(line) is not None:
        return False
    return _CONTINUES.search(prev) is not None or (
        len(prev) >= _WRAP_WIDTH and _MAY_CONTINUE.search(prev) is not None)


def _is_caps_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return (
        split_key_value(line) is None
        and
        len(letters) >= 3
        and all(c.isupper() for c in letters)
        and len(line.split()) <= 6
        and not line.rstrip().endswith((".", "!", "?"))
    )


def _is_intro(line: str) -> bool:
    """A short line ending in a colon, such as "What you get:"."""
    s = line.strip()
    return s.endswith(":") and len(s.split()) <= 6


def split_lines(text: str) -> list[tuple[BlockKind, str, int]]:
    """Classify the lines of plain text into ``(kind, text, heading level)`` triples."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[tuple[BlockKind, str, int]] = []
    seen_title = False
    prev_blank = True
    for i, line in enumerate(raw):
        stripped = line.strip()
        nxt = raw[i + 1] if i + 1 < len(raw) else ""
        if not stripped:
            prev_blank = True
            continue
        if _UNDERLINE.match(stripped):
            prev_blank = False
            continue
        if _UNDERLINE.match(nxt.strip()) and nxt.strip():
            level = 1 if nxt.strip()[0] == "=" else 2
            if not seen_title:
                level = 1
            out.append((BlockKind.HEADING, stripped.rstrip(":").strip(), level))
            seen_title = True
        elif not seen_title:
            out.append((BlockKind.HEADING, stripped, 1))
            seen_title = True
        elif (m := _BULLET.match(line)) is not None:
            out.append((BlockKind.BULLET, line[m.end():].strip(), 0))
        elif _is_caps_heading(stripped) or (_is_intro(stripped) and prev_blank):
            out.append((BlockKind.HEADING, stripped.rstrip(":").strip(), 2))
        elif (
            out
            and not prev_blank
            and out[-1][0] in (BlockKind.PARAGRAPH, BlockKind.BULLET)
            and not out[-1][1].endswith(_TERMINAL)
            and (stripped[:1].islower() or _wraps(raw[i - 1].strip(), stripped))
        ):
            kind, prev, level = out[-1]
            out[-1] = (kind, prev + " " + stripped, level)
        else:
            out.append((BlockKind.PARAGRAPH, stripped, 0))
        prev_blank = False
    return out


def read_text(data: bytes, source: str) -> Document:
    """Read a plain-text flier into a Document.

    Raises:
        InputError: the bytes are not text.
    """
    text = decode_text(data, source)
    builder = DocumentBuilder(source=source, format="text")
    for kind, line, level in split_lines(text):
        builder.add(kind, line, level=level, detect_key_value=kind is not BlockKind.HEADING)
    return builder.build()
