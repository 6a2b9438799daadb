"""Immutable values that cross the pipeline's stages, and their JSON form.

These are frozen attrs classes: cheap to build, hashable, and safe to share between
threads. ``to_json()`` gives the shapes fixed in DESIGN.md.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from benefitkit.vocab import BlockKind, Category, ValueKind

__all__ = ["Feature", "Flier", "SourceSpan", "Value"]


def _number(amount: Decimal) -> int | float:
    """A Decimal as the plainest JSON number (``440`` rather than ``440.00``)."""
    if amount == amount.to_integral_value():
        return int(amount)
    return float(amount)


@attrs.frozen
class SourceSpan:
    """Where a piece of text came from: character offsets into ``Document.text``.

    Attributes:
        start: offset of the first character.
        end: offset one past the last character.
        page: 1-based page (always 1 for formats without pages).
        block: the kind of block the text sits in.
    """

    start: int
    end: int
    page: int = 1
    block: BlockKind = BlockKind.PARAGRAPH

    def to_json(self) -> dict[str, Any]:
        return {"page": self.page, "start": self.start, "end": self.end, "block": str(self.block)}


@attrs.frozen(cache_hash=True)
class Value:
    """A normalised value found in text.

    ``amount`` is a Decimal (never a float, so money stays exact). Which fields are set
    depends on ``kind``: money has ``amount``, ``currency`` (ISO 4217) and maybe ``period``;
    quantity and duration have ``amount`` and ``unit``; date has ``date``; percent has
    ``amount``.

    Attributes:
        kind: one of ValueKind.
        text: the exact words it was read from.
        start: offset of ``text`` inside the text it was found in (the feature's text).
        end: offset one past ``text``.
    """

    kind: ValueKind
    text: str
    amount: Decimal | None = None
    unit: str | None = None
    currency: str | None = None
    period: str | None = None
    date: dt.date | None = None
    start: int = 0
    end: int = 0

    def key(self) -> tuple[Any, ...]:
        """What makes two values the same fact, whatever words carried them."""
        return (self.kind, self.amount, self.unit, self.currency, self.period, self.date)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": str(self.kind)}
        if self.kind is ValueKind.DATE:
            assert self.date is not None
            out["date"] = self.date.isoformat()
        else:
            assert self.amount is not None
            out["amount"] = _number(self.amount)
            if self.kind is ValueKind.MONEY:
                out["currency"] = self.currency
                if self.period:
                    out["period"] = self.period
            elif self.kind in (ValueKind.QUANTITY, ValueKind.DURATION):
                out["unit"] = self.unit
        out["text"] = self.text
        return out


@attrs.frozen(cache_hash=True)
class Feature:
    """One feature of a flier: a line or sentence with a category and values.

    Attributes:
        id: ``f1``, ``f2``... in document order.
        text: the feature's words, exactly as in the document text at ``source``.
        category: the best category.
        categories: every category that fits, best first (``category`` is the first).
        label: the key of a key-value line ("Weight: 2 kg" gives "Weight").
        values: normalised values, offsets relative to ``text``.
        source: where ``text`` sits in the document.
        section: the heading the feature sits under, if any.
        reasons: why the category was chosen (cue words found), for ``rules explain``.
    """

    id: str
    text: str
    category: Category
    source: SourceSpan
    categories: tuple[Category, ...] = ()
    label: str | None = None
    values: tuple[Value, ...] = ()
    section: str | None = None
    reasons: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "category": str(self.category),
            "label": self.label,
            "values": [v.to_json() for v in self.values],
            "source": self.source.to_json(),
        }


@attrs.frozen
class Flier:
    """A parsed flier: its title, its features, and the document text they point into."""

    source: str
    title: str | None
    features: tuple[Feature, ...]
    text: str = attrs.field(default="", repr=False)
    format: str = "text"

    def feature(self, feature_id: str) -> Feature:
        """The feature with this id.

        Raises:
            KeyError: no feature has that id.
        """
        for f in self.features:
            if f.id == feature_id:
                return f
        raise KeyError(feature_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": self.title,
            "features": [f.to_json() for f in self.features],
        }
