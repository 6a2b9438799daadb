"""Is this English? A cheap check on function words, so we refuse rather than guess."""

from __future__ import annotations

import functools
import re

from benefitkit.errors import InputError

__all__ = ["check_english"]

_WORD = re.compile(r"[^\W\d_]+")
# Minimum words before we judge: a spec sheet of numbers and nouns has few function words.
_MIN_WORDS = 40


@functools.cache
def _stop_words() -> dict[str, frozenset[str]]:
    from spacy.lang.de.stop_words import STOP_WORDS as DE
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.es.stop_words import STOP_WORDS as ES
    from spacy.lang.fr.stop_words import STOP_WORDS as FR
    from spacy.lang.it.stop_words import STOP_WORDS as IT
    from spacy.lang.nl.stop_words import STOP_WORDS as NL
    from spacy.lang.pt.stop_words import STOP_WORDS as PT

    en = frozenset(EN)
    # Only the words that are not also English count as evidence for another language.
    return {"en": en} | {
        code: frozenset(w for w in words if w not in en and len(w) > 1)
        for code, words in (("de", DE), ("es", ES), ("fr", FR), ("it", IT), ("nl", NL), ("pt", PT))
    }


def check_english(text: str, source: str) -> None:
    """Raise ``InputError`` (``not-english``) when the text is clearly in another language."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < _MIN_WORDS:
        return
    lists = _stop_words()
    english = sum(1 for w in words if w in lists["en"])
    best_code, best = max(
        ((code, sum(1 for w in words if w in ws)) for code, ws in lists.items() if code != "en"),
        key=lambda kv: kv[1],
    )
    if best >= 8 and best > 1.5 * english:
        raise InputError(
            f"the text reads as another language ({best_code}), not English",
            code="not-english",
            path=source,
            hint="benefitkit reads English fliers only",
        )
