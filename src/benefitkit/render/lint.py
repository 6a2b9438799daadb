"""The feature / advantage / benefit check the writer's eval uses, over ``benefitkit.lint``.

- a *feature* states a fact ("Five custom domains included");
- an *advantage* says what the fact does, for anyone ("...so teams spend less time");
- a *benefit* says what it means for this buyer: it ties to a need they stated and speaks to
  them in a way generic copy cannot (their name, account or numbers, "you said...").

``classify`` keeps the signature ``benchmarks/eval_writing.py`` and the render tests call; the
classifier itself (cues as data, reasons, suggested bridges) lives in
``benefitkit.lint.classify``. ``content_stems`` stays here unchanged: the talk-track matches
objections to features with it, and its stems are the keys of those cue tables.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

import attrs

from benefitkit.lint.classify import Buyer, classify_sentence

__all__ = ["Verdict", "classify", "content_stems"]

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = _words(
    "a an the and or but if so of to in on at by for with from as is are was were be been "
    "it its this that these those we our us i me my you your they their them he she his her "
    "not no can could should would will must need needs want wants have has had do does did "
    "any all some each every more most less very just only also than then there here what "
    "which who when where how why about into out up down over under again one two three "
    "four five six seven eight nine ten able get got"
)


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    # Light and consistent: both sides go through it, so only agreement matters.
    for suffix in ("ing", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def content_stems(text: str) -> frozenset[str]:
    """Stems of the content words in ``text`` (stop words and short words dropped)."""
    return frozenset(
        _stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2
    )


@attrs.frozen
class Verdict:
    """A label with the signals behind it.

    Attributes:
        label: ``feature``, ``advantage`` or ``benefit``.
        speaks_to_buyer: second person, or the buyer's account or name.
        need: the index of the stated need a benefit ties to, or None.
        outcome: the gain words found, if any.
    """

    label: str
    speaks_to_buyer: bool
    need: int | None
    outcome: str | None


def classify(text: str, needs: Sequence[str] = (), names: Iterable[str] = ()) -> Verdict:
    """Class a sentence as a feature, an advantage or a benefit for one buyer.

    Args:
        text: the sentence or statement.
        needs: the buyer's stated needs, in their words.
        names: the buyer's account and contact names (third person about them counts as
            speaking to them).
    """
    found = classify_sentence(text, Buyer(tuple(needs), tuple(names)))
    return Verdict(found.label, found.speaks_to_buyer, found.need, found.outcome)
