"""Is this English? A cheap check on function words, so we refuse rather than guess."""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

from benefitkit.errors import InputError

__all__ = ["check_english"]

_WORD = re.compile(r"[^\W\d_]+")
# Minimum words before we judge: a spec sheet of numbers and nouns has few function words.
_MIN_WORDS = 40


@functools.cache
def _stop_words() -> dict[str, frozenset[str]]:
    en = _spacy_stop_words("en")
    # Only the words that are not also English count as evidence for another language.
    return {"en": en} | {
        code: frozenset(w for w in _spacy_stop_words(code) if w not in en and len(w) > 1)
        for code in ("de", "es", "fr", "it", "nl", "pt")
    }


def _spacy_stop_words(code: str) -> frozenset[str]:
    """spaCy's stop-word list for a language, read alone: importing the language package
    would also load its tokenizer exceptions, which takes seconds for some languages."""
    found = importlib.util.find_spec(f"spacy.lang.{code}")
    assert found is not None and found.submodule_search_locations
    path = Path(next(iter(found.submodule_search_locations))) / "stop_words.py"
    spec = importlib.util.spec_from_file_location(f"_benefitkit_stop_words_{code}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


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
