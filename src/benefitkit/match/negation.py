"""Which of the words a need and a feature share the feature says the product lacks.

"No on-site support: help is by email only" shares "on-site" and "support" with "We need
on-site support when a terminal breaks", and answers it with a no. Two ways a feature says
so:

- the line says what it names is not there (yet): "not yet complete", "not included",
  "coming soon", "we don't offer"; unless another option on it, after a ";", does not
  ("Basic: Not included; Pro: Included");
- within one clause, it negates the very words the need asks for: "no" (or "not",
  "without", "don't") followed by a phrase the need itself says ("no on-site support"
  against "on-site support"). A negation of something else is often the benefit itself:
  "Never miss a delivery", "Zero downtime", "No long-term contract" against "a
  month-to-month contract".

Nothing is denied to a need with a negation of its own or one that wants less of something,
which a "no" may answer ("No hidden fees" for "No surprise fees", "Zero downtime" for "keep
downtime to a minimum"), nor to a problem told as it is ("the old bikes' chains rust",
answered by "no chain to oil") or a question (a no answers it too).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

__all__ = ["denied_terms"]

# A negation that governs the phrase after it
_NEGATION = frozenset(["no", "not", "without", "non", "don't", "doesn't", "isn't", "aren't",
                       "cannot", "can't"])
# A need that speaks of an absence, or wants less of something: a "no" may answer it
_NEEDS_ABSENCE = re.compile(
    r"\b(?:no|not|non|without|never|zero|nor|avoid\w*|prevent\w*|stop|eliminat\w*|"
    r"get\s+rid\s+of|cut\s+out|free\s+of|minimi[sz]\w*|minimum|reduc\w*|fewer|less|lower)\b"
    r"|n't\b|\w+less\b", re.IGNORECASE)
# A need that asks for something to be there
_ASKS = re.compile(r"\b(?:need|needs|must|require|requires|required|want|wants|have\s+to|"
                   r"has\s+to|looking\s+for|expect|insist)\b", re.IGNORECASE)
# A line that says what it names is not there (yet)
_NOT_THERE = re.compile(
    r"\b(?:not\s+yet|coming\s+soon|on\s+(?:the|our)\s+roadmap|"
    r"not\s+(?:included|available|supported|offered|provided|part\s+of)|"
    r"(?:do|does|did|can)(?:\s+not|n't|not)\s+(?:offer|provide|include|support|ship|deliver|have)"
    r")\b", re.IGNORECASE)
# How far a negation reaches: the phrase of up to this many words after it
_REACH = 3
_WORD = re.compile(r"[\w'/-]+")
# A negation reaches no further than its clause ("works without tools, with Shopify")
_CLAUSE = re.compile(r"[,;:.()\[\]!?—–]|\s-\s|\band\b|\bbut\b")


def denied_terms(feature: str, need: str, shared: Iterable[str]) -> frozenset[str]:
    """The ``shared`` stems that ``feature`` denies and ``need`` asks for as they stand."""
    terms = tuple(sorted(shared))
    if not terms:
        return frozenset()
    return _denied(feature, need, terms)


@functools.lru_cache(maxsize=16384)
def _denied(feature: str, need: str, terms: tuple[str, ...]) -> frozenset[str]:
    if _NEEDS_ABSENCE.search(need):
        return frozenset()
    out: set[str] = set()
    # the options a line gives, each for a plan or a case
    if all(_NOT_THERE.search(part) for part in feature.split(";")):
        # every option the line gives says it is not there ("On-site support (coming
        # soon)"); one that does not ("Basic: Not included; Pro: Included") is an answer
        words = _words(feature)
        out.update(t for t in terms if any(_is(w, t) for w in words))
    if not _ASKS.search(need):
        return frozenset(out)
    asked = _words(need)
    for clause in _CLAUSE.split(feature):
        words = _words(clause)
        for i, w in enumerate(words):
            if w not in _NEGATION:
                continue
            for size in range(1, _REACH + 1):
                phrase = words[i + 1:i + 1 + size]
                if len(phrase) == size and _says(asked, phrase):
                    out.update(t for t in terms if any(_is(p, t) for p in phrase))
    return frozenset(out)


def _words(text: str) -> list[str]:
    return [m.group().lower() for m in _WORD.finditer(text)]


def _is(word: str, stem: str) -> bool:
    return word.startswith(stem) or stem in word.split("-")


def _says(words: list[str], phrase: list[str]) -> bool:
    """Whether ``words`` hold ``phrase`` word for word (plurals aside), in order."""
    size = len(phrase)
    return any(all(a.rstrip("s") == b.rstrip("s") for a, b in zip(words[i:i + size], phrase,
                                                                  strict=True))
               for i in range(len(words) - size + 1))
