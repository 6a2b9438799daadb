"""The reader's output: a ``Document`` of typed blocks over one visible text.

Every reader turns its format into the text a reader of the flier would see, one block per
line-like unit, and records for each block where it sits in that text. The invariant the
rest of the pipeline relies on: ``doc.text[block.start:block.end] == block.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import attrs

from benefitkit.vocab import BlockKind

__all__ = ["Block", "Document", "DocumentBuilder", "split_key_value"]

BBox = tuple[float, float, float, float]


@attrs.frozen
class Block:
    """One structural unit of a document.

    Attributes:
        kind: heading, bullet, key_value, table_row or paragraph.
        text: the visible text of the block (bullet markers and markup removed).
        start: offset of ``text`` in ``Document.text``.
        end: offset one past the end of ``text``.
        page: 1-based page number.
        level: heading level (1 is the top); 0 for other blocks.
        label: the key of a key-value line or the first cell of a two-cell table row.
        bbox: ``(x0, top, x1, bottom)`` in points on the page, for PDF blocks.
    """

    kind: BlockKind
    text: str
    start: int
    end: int
    page: int = 1
    level: int = 0
    label: str | None = None
    bbox: BBox | None = None


@attrs.frozen
class Document:
    """A whole flier as typed blocks.

    Attributes:
        source: the file name (or ``"<text>"``) the document was read from.
        format: ``text``, ``markdown``, ``html``, ``pdf`` or ``docx``.
        text: the visible text; every block is a slice of it.
        blocks: the blocks in reading order.
        title: the document's title when the format says so (front matter, ``<title>``,
            a docx Title paragraph), else ``None``; the extractor falls back to headings.
        pages: how many pages the source has.
    """

    source: str
    format: str
    text: str
    blocks: tuple[Block, ...]
    title: str | None = None
    pages: int = 1

    def __iter__(self) -> Iterator[Block]:
        return iter(self.blocks)

    def __len__(self) -> int:
        return len(self.blocks)


_WS = re.compile(r"\s+")
# "Capacity ........ 40 litres": dot leaders (or an ellipsis) between a label and its value
# are read as the colon they stand for.
_LEADER = re.compile(r"^([^\W\d_][^.:\n]{0,48}?)\s*(?:\.{3,}|…+)\s*(?=\S)")
# "Label: value". The label is short, starts with a letter, and is not a URL scheme.
_KV = re.compile(r"^(?P<label>[^\W\d_][^:\n]{0,48}?)\s*:\s+(?P<value>\S.*)$", re.S)
# A full stop that ends a sentence: after a word that is not a short lower-case
# abbreviation ("excl. VAT" and "approx. 2 kg" stay one label).
_SENTENCE_BREAK = re.compile(r"(?:\b(?![a-z]{1,5}\.)\w+)\.(?:\s+[A-Z]|$)")
_NOT_LABEL = re.compile(r"^(?:https?|ftp|mailto|tel|www)$", re.I)


def split_key_value(text: str) -> tuple[str, str] | None:
    """Split ``"Weight: 2 kg"`` into ``("Weight", "2 kg")``; ``None`` when it is not one.

    A label has at most six words and no sentence punctuation; the value must not be
    empty. "Note: this is a sentence." still counts: a feature's category decides later
    whether the label means anything.
    """
    m = _KV.match(text)
    if not m:
        return None
    label = m.group("label").strip()
    # Abbreviations ("Price (excl. tax)") are fine in a label; a sentence boundary is not.
    if (
        _NOT_LABEL.match(label)
        or len(label.split()) > 6
        or any(c in label for c in "!?;")
        or _SENTENCE_BREAK.search(label)
    ):
        return None
    return label, m.group("value").strip()


_TERMINAL = (".", "!", "?", ":", ";")


def join_wrapped(lines: list[str]) -> list[str]:
    """Join lines that only wrap the line before (it has no end punctuation, next is lower case)."""
    out: list[str] = []
    for raw in lines:
        line = clean_inline(raw)
        if not line:
            continue
        if out and not out[-1].endswith(_TERMINAL) and line[:1].islower():
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return out


def clean_inline(text: str) -> str:
    """Fold runs of white space into one space and strip the ends."""
    return _WS.sub(" ", text).strip()


@attrs.define
class DocumentBuilder:
    """Builds a Document's text and blocks together, so offsets are right by design."""

    source: str
    format: str
    title: str | None = None
    _parts: list[str] = attrs.field(factory=list)
    _blocks: list[Block] = attrs.field(factory=list)
    _length: int = 0
    pages: int = 1

    def add(
        self,
        kind: BlockKind,
        text: str,
        *,
        page: int = 1,
        level: int = 0,
        label: str | None = None,
        bbox: BBox | None = None,
        detect_key_value: bool = True,
    ) -> Block | None:
        """Append a block; blank text is ignored. Returns the block added, if any.

        Text is cleaned (white space folded). Bullets, table rows and paragraphs that read
        as ``Label: value`` get their label; a paragraph that does becomes a key_value
        block.
        """
        text = _LEADER.sub(r"\1: ", clean_inline(text)) if kind is not BlockKind.HEADING else clean_inline(text)
        if not text:
            return None
        if label is None and detect_key_value and kind in (
            BlockKind.PARAGRAPH,
            BlockKind.BULLET,
            BlockKind.KEY_VALUE,
        ):
            kv = split_key_value(text)
            if kv is not None:
                label = kv[0]
                if kind is BlockKind.PARAGRAPH:
                    kind = BlockKind.KEY_VALUE
        if self._parts:
            self._parts.append("\n")
            self._length += 1
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        block = Block(kind, text, start, self._length, page, level, label, bbox)
        self._blocks.append(block)
        self.pages = max(self.pages, page)
        return block

    def build(self, **extra: Any) -> Document:
        return Document(
            source=self.source,
            format=self.format,
            text="".join(self._parts),
            blocks=tuple(self._blocks),
            title=extra.get("title", self.title),
            pages=self.pages,
        )
