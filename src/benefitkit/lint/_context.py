"""What every claim finder gets (a sentence of the draft, cut into clauses, with the
sources) and gives back (``Found``: a judged claim with its reason)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

import attrs

from benefitkit.lint._lexicon import LEX
from benefitkit.lint._sources import SourceFact, SourceIndex, clauses

__all__ = ["Context", "Finder", "Found"]

_SELF = re.compile(r"\s*(?:and\s+|so\s+|but\s+)?(?:i|i'll|i'd|i'm|i've|let\s+me)\b", re.I)


@attrs.frozen
class Found:
    """A claim in a sentence, judged: offsets are relative to the sentence."""

    kind: str
    start: int
    end: int
    supported: bool
    why: str
    evidence: SourceFact | None = None


@attrs.frozen
class Context:
    """One sentence of the draft, cut into clauses, with the sources to judge it by."""

    text: str
    index: SourceIndex
    ref_date: dt.date
    parts: tuple[tuple[int, int, str], ...]

    @classmethod
    def of(cls, text: str, index: SourceIndex, ref_date: dt.date) -> Context:
        """Cut ``text`` into clauses and mark the ones that make no claim about the offer."""
        parts = []
        for a, b in clauses(text):
            part = text[a:b].replace("’", "'")
            flag = ("self" if _SELF.match(part) else
                    "buyer" if LEX.buyer_said.search(part) else
                    "logistics" if LEX.logistics.search(part) else "")
            parts.append((a, b, flag))
        return cls(text, index, ref_date, tuple(parts))

    def flag(self, pos: int) -> str:
        """What the clause around ``pos`` is: ``""``, ``self``, ``buyer`` or ``logistics``."""
        return next((f for a, b, f in self.parts if a <= pos < b), "")

    def owned(self, pos: int) -> bool:
        """Whether a claim at ``pos`` is the seller's or the buyer's, not the offer's."""
        return self.flag(pos) in ("self", "buyer")


Finder = Callable[[Context], Iterator[Found]]
