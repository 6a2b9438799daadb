"""Feature, advantage or benefit: the benefit linter.

- a *feature* states a fact ("Five custom domains included");
- an *advantage* says what it does for anyone: a gain, a relief, an ease ("...so teams spend
  less time on paperwork"), or an offer made to whoever needs it;
- a *benefit* says what it does for a need *this* buyer stated. It ties to one of their needs
  (shares its words, quotes it, or points back at it: "you said...") and speaks to them in a
  way generic copy cannot: their name, their account, their own numbers, "your accessibility
  review"; then it names a gain or asks whether it answers the need. A plain "you" over
  generic copy is not enough, and without a profile nothing can be a benefit.

The cues are data (``data/cues.yml``); every verdict carries its reason, and a feature
dressed as a benefit gets the missing bridge as a suggestion.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from benefitkit.lint._cues import CUES
from benefitkit.lint._needs import View, link, name_forms
from benefitkit.lint._text import content_stems, split_sentences, tokens, words

__all__ = ["Buyer", "Classification", "LintReport", "classify_sentence", "lint_text"]

FEATURE, ADVANTAGE, BENEFIT = "feature", "advantage", "benefit"
_MARKUP = re.compile(r"\*\*|__|[“”]")


@attrs.frozen
class Buyer:
    """Who a text is judged for: their stated needs and the names that point at them.

    Attributes:
        needs: the stated needs, in the buyer's words, in profile order.
        names: the account, the contact and their short forms.
    """

    needs: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    @classmethod
    def of(cls, profile: Any) -> Buyer:
        """The buyer of a ``Profile`` (or anything with ``account``, ``contact``, ``needs``)."""
        names = [profile.account]
        contact = getattr(profile, "contact", None)
        person = getattr(contact, "name", None) if contact is not None else None
        if person:
            names.append(person)
            names.extend(person.split()[:1] + person.split()[-1:])
        return cls(tuple(n.text for n in profile.needs), tuple(dict.fromkeys(names)))


@attrs.frozen
class Classification:
    """The verdict on one sentence (or statement), with why.

    Attributes:
        text: the sentence.
        label: ``feature``, ``advantage`` or ``benefit``.
        reason: the signals behind the label, in words.
        need: the index of the stated need it ties to (benefits), else None.
        suggestion: the missing bridge for a feature written as if it were a benefit, or how
            to tie an advantage to the need it is near; None when nothing is missing.
        speaks_to_buyer: second person, or the buyer's name or account.
        outcome: the gain words found, if any.
        start: offset of the sentence in the linted text.
        end: offset one past it.
    """

    text: str
    label: str
    reason: str
    need: int | None = None
    suggestion: str | None = None
    speaks_to_buyer: bool = False
    outcome: str | None = None
    start: int = 0
    end: int = 0

    def to_json(self) -> dict[str, Any]:
        """The verdict as a JSON-ready mapping."""
        return attrs.asdict(self)


@attrs.frozen
class LintReport:
    """Every sentence of a text with its class."""

    sentences: tuple[Classification, ...]

    def counts(self) -> dict[str, int]:
        """How many sentences fell in each class."""
        return {label: sum(s.label == label for s in self.sentences)
                for label in (FEATURE, ADVANTAGE, BENEFIT)}

    def to_json(self) -> dict[str, Any]:
        """``{"sentences": [...], "counts": {...}}``."""
        return {"sentences": [s.to_json() for s in self.sentences], "counts": self.counts()}


def classify_sentence(text: str, buyer: Buyer | None = None) -> Classification:
    """Class one sentence (or a short statement) for one buyer.

    Args:
        text: the sentence.
        buyer: the buyer's needs and names; without one nothing is a benefit.

    Returns:
        The verdict with its reason and, where something is missing, a suggestion.
    """
    buyer = buyer or Buyer()
    plain = _MARKUP.sub("", text).replace("’", "'")
    name = next((n for n in name_forms(buyer.names)
                 if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", plain, re.IGNORECASE)), None)
    explicit = CUES.explicit.search(plain)
    signals: dict[str, str | None] = {
        "you": _found(CUES.second_person, plain),
        "explicit": explicit.group().strip() if explicit else None,
        "gain": _found(CUES.gain, plain),
        "conditional": _found(CUES.conditional, plain),
        "question": "?" if plain.rstrip(" \"')").endswith("?") else None,
        "name": name,
    }
    view = View(plain, tuple(tokens(plain)), signals, explicit.span() if explicit else None,
                 tuple(content_stems(m.group(1)) for m in CUES.possessive.finditer(plain)))
    stems = frozenset(view.seq) - (content_stems(name) if name else frozenset())
    links = [link(i, need, view, stems) for i, need in enumerate(buyer.needs)]
    # the need with most evidence among those the sentence answers; a quote always wins
    best = max(links, key=lambda k: (k.tier == 5, k.tier > 0, k.weight, k.closeness, -k.need),
               default=None)
    speaks = bool(signals["you"] or name)
    gain = signals["gain"]
    # an offer "if you need it" is generic, unless it quotes or points back at the need
    if best is not None and best.tier and (best.tier >= 4 or not signals["conditional"]):
        shown = ", ".join(sorted(best.shared)) or "-"
        cue = f"; gain {gain!r}" if gain else (
            "; asks whether it answers it" if signals["question"] else "")
        return Classification(text, BENEFIT, f"{best.why} (shared: {shown}){cue}", best.need,
                              None, speaks, gain)
    near = max(links, key=lambda k: (len(k.shared), -k.need), default=None)
    near_need = buyer.needs[near.need] if near and near.shared else None
    if gain or signals["conditional"]:
        why = (f"an offer to whoever needs it ({signals['conditional']!r})" if not gain
               else f"gain {gain!r} for anyone")
        why += _not_benefit_why(buyer, near_need)
        tip = CUES.bridges["advantage_need"].format(need=near_need) if near_need else None
        return Classification(text, ADVANTAGE, why, None, tip, speaks, gain)
    # a fact that speaks to the buyer, or sits on one of their needs, is dressed as a
    # benefit: offer the bridge it lacks
    dressed = signals["you"] or name
    topical = near_need if near is not None and len(near.shared) >= 2 else None
    why = "states a fact; names no gain or outcome"
    if dressed:
        why += f"; addressed to the buyer ({dressed!r}) but still a feature"
    tip = (CUES.bridges["with_need"].format(need=topical) if topical
           else CUES.bridges["without_need"] if dressed else None)
    return Classification(text, FEATURE, why, None, tip, speaks, None)


def _found(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m.group().strip() if m else None


def _not_benefit_why(buyer: Buyer, near_need: str | None) -> str:
    if not buyer.needs:
        return "; no profile, so no stated need to answer"
    if near_need:
        return f"; near the need {near_need!r} but not tied to this buyer"
    return "; answers none of the stated needs"


def lint_text(text: str, profile: Any = None, *, buyer: Buyer | None = None) -> LintReport:
    """Split ``text`` into sentences and class each one.

    Args:
        text: an email, talk-track, flier or any prose (Markdown is fine).
        profile: the buyer's ``Profile``; without it (and without ``buyer``) nothing can be
            a benefit.
        buyer: the needs and names directly, instead of a profile.

    Returns:
        One verdict per sentence, in order; headings and bold lead-in labels are skipped.
    """
    who = buyer or (Buyer.of(profile) if profile is not None else Buyer())
    out = []
    for s in split_sentences(text):
        if s.label or len(words(s.text)) < 3:
            continue  # a label, a greeting or a sign-off is not a claim of any kind
        verdict = classify_sentence(s.text, who)
        out.append(attrs.evolve(verdict, start=s.start, end=s.end))
    return LintReport(tuple(out))
