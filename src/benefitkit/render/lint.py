"""A small feature / advantage / benefit check for sales sentences.

- a *feature* states a fact ("Five custom domains included");
- an *advantage* says what the fact does, for anyone ("...so teams spend less time");
- a *benefit* says what it means for this buyer: it speaks to them (second person, or their
  account or name), ties to a need they stated (shares its words), and names an outcome.

Used by ``benchmarks/eval_writing.py`` to check that benefit matches are written as benefits.
A heuristic, not a model: it reads words, so it is fast and explains itself.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

import attrs

__all__ = ["Verdict", "classify", "content_stems"]

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|you're|you’re|you'll|you’ll|"
                            r"you've|you’ve|you'd|you’d)\b", re.I)
_OUTCOME = re.compile(
    r"\b(?:sav(?:e|es|ing)|cuts?|reduc(?:e|es|ing)|lower(?:s|ing)?|avoid(?:s|ing)?|"
    r"keeps?|keeping|stays?|free(?:s)? up|spend(?:s)? less|less (?:time|work|effort|risk)|"
    r"fewer|faster|quicker|sooner|lets?|helps?|protects?|prevents?|meets?|covers?|"
    r"means?|so (?:you|your|that|those|teams?|the)|can (?:launch|start|plan|check|grow|get|"
    r"move|keep|meet|count|decide|budget|go|verify|sign|leave|read|deploy|stand|finish)|"
    r"gets? (?:going|more|on|help|done)|closes?|removes?|ensures?|without|no longer|"
    r"instead of|in time|ahead of|grows?|wins?|pays? for|room to|up and running|"
    r"spend less|easier|easy|quickly|online|predictable|you can|your \w+ can|"
    r"\w+ can (?:launch|check|run|review|skip|reuse|shut|verify|set)|"
    r"rather than|harder|skip|shortens?|walks?|head start|plenty|with confidence|won't|"
    r"stop worrying|handles?|takes? the work out|even when|weekends back|before \w+ goes)\b",
    re.I,
)
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


_GENERIC = _words("office department agency service services commission council lab "
                  "inc llc ltd corp company group the of for")


def _name_forms(names: Iterable[str]) -> list[str]:
    """A name and its short forms: "Coastal Grants Office" is also "Coastal Grants"."""
    out = []
    for name in names:
        if not name:
            continue
        out.append(name)
        words = [w for w in name.split() if w.lower() not in _GENERIC]
        if len(words) >= 2:
            out.append(" ".join(words[:2]))
    return out


@attrs.frozen
class Verdict:
    """A label with the signals behind it.

    Attributes:
        label: ``feature``, ``advantage`` or ``benefit``.
        speaks_to_buyer: second person, or the buyer's account or name.
        need: the index of the stated need it ties to, or None.
        outcome: the outcome words found, if any.
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
    lowered = text.lower()
    speaks = bool(_SECOND_PERSON.search(text)) or any(
        n.lower() in lowered for n in _name_forms(names)
    )
    stems = content_stems(text)
    need = None
    best = 0.0
    for i, need_text in enumerate(needs):
        wanted = content_stems(need_text)
        if not wanted:
            continue
        shared = len(stems & wanted)
        score = shared / len(wanted)
        if (shared >= 2 or score >= 0.5) and score > best:
            need, best = i, score
    found = _OUTCOME.search(text)
    outcome = found.group() if found else None
    if speaks and need is not None and outcome:
        label = "benefit"
    elif outcome:
        label = "advantage"
    else:
        label = "feature"
    return Verdict(label, speaks, need, outcome)
