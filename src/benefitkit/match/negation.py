"""Which of the words a need and a feature share the feature says the product lacks.

"No on-site support: help is by email only" shares "on-site" and "support" with "We need
on-site support when a terminal breaks", and answers it with a no. Every shared word is
denied when the feature says what it names is not there (yet): "in progress", "not yet
complete", "not included", "coming soon". A word is denied when the feature puts a negation
just before it ("no", "not", "without") and the need asks for it ("need", "must", "have
to"); a problem told as it is ("the old bikes' chains rust") is answered by a "no" ("no
chain to oil"). Nothing is denied to a need with a negation of its own, which may be asking
for an absence: "No hidden fees" answers "No surprise fees", and "No long-term contract"
answers "Avoid long-term contracts".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

__all__ = ["denied_terms"]

# A negation that governs the next few words
_NEGATION = re.compile(r"\b(?:no|not|non|without|never|zero|nor)\b|n't\b", re.IGNORECASE)
# A need that wants less of something words it so: it agrees with a feature saying "no"
_WANTS_LESS = re.compile(r"\b(?:avoid|avoids|avoiding|prevent|stop|eliminate|get\s+rid\s+of|"
                         r"cut\s+out|free\s+of|rid\s+of)\b|\w+less\b", re.IGNORECASE)
# A need that asks for something to be there
_ASKS = re.compile(r"\b(?:need|needs|must|require|requires|required|want|wants|have\s+to|"
                   r"has\s+to|looking\s+for|expect|insist)\b", re.IGNORECASE)
# What the feature names is not available (yet): every shared word is denied
_NOT_THERE = re.compile(
    r"\b(?:not\s+yet|in\s+progress|pending|coming\s+soon|on\s+(?:the|our)\s+roadmap|"
    r"not\s+(?:included|available|supported|offered|provided|part\s+of)|unavailable)\b", re.IGNORECASE)
# How many words before a term a negation reaches ("no on-site support", "no 24/7 phone
# support": the term may be the third word after it)
_REACH = 3
_WORD = re.compile(r"[\w'/-]+")
# A negation reaches no further than its clause ("works without tools, with Shopify")
_CLAUSE = re.compile(r"[,;:.()\[\]!?—–]|\s-\s")


def denied_terms(feature: str, need: str, shared: Iterable[str]) -> frozenset[str]:
    """The ``shared`` stems that ``feature`` denies and ``need`` asks for as they stand."""
    terms = tuple(sorted(shared))
    if not terms:
        return frozenset()
    return _denied(feature, need, terms)


@functools.lru_cache(maxsize=16384)
def _denied(feature: str, need: str, terms: tuple[str, ...]) -> frozenset[str]:
    if _NOT_THERE.search(need) or _WANTS_LESS.search(need) or _NEGATION.search(need):
        # the need itself speaks of what is missing or unwanted ("No overage fees when
        # traffic spikes; we got burned on bandwidth charges"): a "no" may well answer it
        return frozenset()
    if _NOT_THERE.search(feature):
        return frozenset(terms)
    if not _ASKS.search(need):
        # a problem told as it is ("the old bikes' chains rust and snap"), which a "no"
        # answers ("no chain to oil or replace"), or a question, which a no answers too
        return frozenset()
    return frozenset(t for t in terms if _negated(feature, t))


def _negated(text: str, stem: str) -> bool:
    """Whether a negation stands within a few words before a word starting with ``stem``, in
    the same clause."""
    return any(_negated_in(clause, stem) for clause in _CLAUSE.split(text))


def _negated_in(clause: str, stem: str) -> bool:
    words = [m.group().lower() for m in _WORD.finditer(clause)]
    return any((w.startswith(stem) or stem in w.split("-"))
               and any(_NEGATION.fullmatch(x) or x.endswith("n't")
                       for x in words[max(0, i - _REACH):i])
               for i, w in enumerate(words))
