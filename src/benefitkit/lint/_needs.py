"""Tying a sentence to a buyer's stated needs: shared words, weighed, and how the sentence
points at the buyer (their name, "you said", their own numbers, "your <their thing>")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from benefitkit.lint._cues import CUES
from benefitkit.lint._text import Token, content_stems, stem_sequence

__all__ = ["Link", "View", "link", "name_forms"]


def name_forms(names: Iterable[str]) -> list[str]:
    """Each name and the runs of two or more of its words that still identify it
    ("Office of Workforce Programs" is also "Workforce Programs")."""
    generic = CUES.generic_name_words
    out: list[str] = []
    for name in names:
        parts = name.split()
        if not parts:
            continue
        out.append(name)
        for i in range(len(parts)):
            for j in range(i + 2, len(parts) + 1):
                run = parts[i:j]
                if run[0].lower() in ("of", "the", "and", "for") or run[-1].lower() in (
                        "of", "the", "and", "for"):
                    continue
                if any(w.lower() not in generic for w in run):
                    out.append(" ".join(run))
    return sorted(set(out), key=len, reverse=True)


@attrs.frozen
class Link:
    """How one sentence ties to one stated need."""

    need: int
    shared: frozenset[str]
    tier: int  # 0 none, higher is stronger evidence that the sentence answers this need
    weight: float  # how much the shared words say: names and numbers more, generic less
    why: str
    closeness: float = 0.0  # how near the shared words are to "you said": breaks ties


@attrs.frozen
class View:
    """What the linker reads from a sentence, computed once for all needs."""

    plain: str
    tokens: tuple[Token, ...]
    signals: dict[str, str | None]
    cue: tuple[int, int] | None  # the span of an explicit reference ("you said")
    own: tuple[frozenset[str], ...]  # the stems after each "your"

    @property
    def seq(self) -> list[str]:
        return [t.stem for t in self.tokens]


# a shared word this close (in content words) to "you said" is what the buyer said
_NEAR_CUE = 5


def _weight(view: View, shared: frozenset[str], *, near_cue: bool = False,
            decay: bool = False) -> float:
    """The evidence in the shared words: names, codes and numbers count 2, generic words
    half. With ``near_cue``, only the words near the explicit reference count, and with
    ``decay`` the nearer the more."""
    near = range(len(view.tokens))
    lo = hi = 0
    if near_cue:
        if view.cue is None:
            return 0.0
        inside = [i for i, t in enumerate(view.tokens) if view.cue[0] <= t.start < view.cue[1]]
        before = sum(t.start < view.cue[0] for t in view.tokens)
        lo, hi = (min(inside), max(inside)) if inside else (before, before - 1)
        near = range(max(0, lo - _NEAR_CUE), hi + _NEAR_CUE + 1)
    best: dict[str, float] = {}
    for i, t in enumerate(view.tokens):
        if t.stem in shared and i in near:
            w = 2.0 if t.marked else 0.5 if t.stem in CUES.generic_need_stems else 1.0
            if decay:
                w /= 1 + max(lo - i, i - hi, 0)
            best[t.stem] = max(best.get(t.stem, 0.0), w)
    return sum(best.values())


def _echo(seq: Sequence[str], need_seq: Sequence[str], n: int = 3) -> bool:
    grams = {tuple(need_seq[i:i + n]) for i in range(len(need_seq) - n + 1)}
    return any(tuple(seq[i:i + n]) in grams for i in range(len(seq) - n + 1))


def link(i: int, need: str, view: View, stems: frozenset[str]) -> Link:
    """How the sentence ``view`` ties to need ``i``: tier 0 (not at all) to 5 (quotes it).

    Tier 4, it points back at the need ("you said ..." near the need's words); 3, it names
    the buyer (name, account, their own numbers) and shares two of the need's words with a
    gain or a question, or three; 2, it says "you" with a gain and three shared words or
    "your <a thing the need names>", or echoes three of the need's words in a row.
    """
    wanted = content_stems(need)
    shared = stems & wanted
    near = _weight(view, shared, near_cue=True)
    weight = _weight(view, shared) + near
    signals = view.signals
    quoted = len(need) > 8 and need.lower().rstrip(". ") in view.plain.lower()
    gainful = signals["gain"] is not None or signals["question"] is not None
    numbers = any(s.isdigit() for s in shared)
    strong = bool(signals["name"]) or view.cue is not None or numbers
    own = any(t & wanted for t in view.own)
    if quoted:
        return Link(i, shared, 5, weight, f"quotes need {i}")
    # what the buyer said must be near the reference: "you said X", "the X you flagged"
    if near >= 2:
        return Link(i, shared, 4, weight, f"points back at need {i} ({signals['explicit']!r})",
                     _weight(view, shared, near_cue=True, decay=True))
    if len(shared) < 2 or not shared - CUES.generic_need_stems:
        return Link(i, shared, 0, weight, "")
    if strong and (gainful or len(shared) >= 3):
        who = signals["name"] or ("their own numbers" if numbers else signals["explicit"])
        return Link(i, shared, 3, weight, f"names the buyer ({who}) and ties to need {i}")
    if signals["you"] and gainful and (len(shared) >= 3 or own):
        return Link(i, shared, 2, weight, f"speaks to the buyer and ties to need {i}")
    if len(shared) >= 3 and _echo(view.seq, stem_sequence(need)):
        return Link(i, shared, 2, weight, f"echoes need {i} in the buyer's words")
    return Link(i, shared, 0, weight, "")
