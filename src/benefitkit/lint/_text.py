"""Sentences and comparable words, shared by the benefit linter and the claim check.

A rule splitter (no model to load, so ``lint`` answers at once): blocks are lines and list
items of a Markdown or plain-text draft, sentences end at ``.``, ``!`` or ``?`` followed by
space, except after an abbreviation, an initial or before a lower-case word. Words are
compared as light stems with number words read as digits, so "seven microsites" and
"7 microsites" agree. The word lists live in ``data/text.yml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import yaml

from benefitkit._yaml import safe_load
from benefitkit.errors import BenefitkitError

__all__ = [
    "DATA_DIR",
    "Sentence",
    "Token",
    "content_stems",
    "load_data",
    "split_sentences",
    "stem",
    "stem_sequence",
    "tokens",
    "words",
]

DATA_DIR = Path(__file__).parent / "data"


@functools.cache
def load_data(name: str) -> dict[str, Any]:
    """One of the lint data files (``data/NAME.yml``) as a mapping, read once.

    Raises:
        BenefitkitError: code ``bad-lint-data`` when the file is missing or not a mapping.
    """
    path = DATA_DIR / f"{name}.yml"
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BenefitkitError(f"cannot read lint data: {exc}", code="bad-lint-data",
                              path=path, hint="reinstall benefitkit or fix the file") from exc
    if not isinstance(data, dict):
        raise BenefitkitError("lint data must be a mapping", code="bad-lint-data", path=path)
    return data


_TABLES = load_data("text")
_ABBREVIATIONS = frozenset(str(a) for a in _TABLES["abbreviations"])
_STOP = frozenset(str(w) for w in _TABLES["stop_words"])
_NUMBER_WORDS = {str(k): str(v) for k, v in _TABLES["number_words"].items()}
_SUFFIXES = tuple(sorted((str(s) for s in _TABLES["suffixes"]), key=len, reverse=True))

# codes such as "ial2" or "21st" stay whole: "aal1" and "aal2" are different facts
_TOKEN = re.compile(r"[a-z]+\d[a-z0-9]*|\d+[a-z]+[a-z0-9]*|\d[\d,]*(?:\.\d+)?|[a-z]+(?:'[a-z]+)?")
_LIST_MARK = re.compile(r"[ \t]*(?:[-*+•>]|\d{1,3}[.)]|#{1,6})[ \t]+")
_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]")
# "**Traffic.** Our CDN..." or "**If they ask:** ...": a bold label opening a block
_LABEL = re.compile(r"(\*\*|__)[^*_\n]{1,80}?\1[.:]?(?=\s)")
_END = re.compile(r"[.!?]+[\"'”’)\]*_]*(?=\s|$)")


@attrs.frozen
class Sentence:
    """A sentence of a text: its words and where they sit.

    Attributes:
        text: the sentence, exactly ``source[start:end]``.
        start: offset of the first character in the text it came from.
        end: offset one past the last character.
        label: a heading or a bold lead-in label rather than a sentence.
    """

    text: str
    start: int
    end: int
    label: bool = False


def _blocks(text: str, wrapped: bool) -> Iterator[tuple[int, int, bool]]:
    """(start, end, is_heading) of each block: a paragraph, list item or heading."""
    start: int | None = None
    end = 0
    heading = False
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        line_start, pos = pos, pos + len(line)
        if not body.strip():
            if start is not None:
                yield start, end, heading
            start = None
            continue
        marker = _LIST_MARK.match(body)
        is_heading = bool(_HEADING.match(body))
        # a wrapped line continues the paragraph; a list item or heading starts a new one
        joins = (wrapped and start is not None and not marker and not heading
                 and not text[start:end].rstrip().endswith((".", "!", "?", ":")))
        if not joins:
            if start is not None:
                yield start, end, heading
            start = line_start + (marker.end() if marker else 0)
            heading = is_heading
        end = line_start + len(body)
    if start is not None:
        yield start, end, heading


def _is_boundary(block: str, dot: int, after: int) -> bool:
    """Whether the punctuation at ``dot`` ends a sentence (``after`` is where the next begins)."""
    if block[dot] == ".":
        word = re.search(r"([A-Za-z][A-Za-z.]*)$", block[:dot])
        if word:
            w = word.group(1).lower()
            if w in _ABBREVIATIONS or len(w) == 1:
                return False
    nxt = block[after:after + 1]
    return not (nxt and nxt.islower())


def split_sentences(text: str, *, wrapped: bool = True) -> list[Sentence]:
    """The sentences of ``text``, in order, with offsets into it.

    Headings and bold lead-in labels ("**Pricing.**") come back as sentences with
    ``label=True``, so a caller can skip them and still account for every part of the text.

    Args:
        text: the text.
        wrapped: a line that does not end a sentence continues on the next line, as in a
            hard-wrapped email; False when every line is a block of its own (a flier's
            text as the readers give it).
    """
    out: list[Sentence] = []
    for b_start, b_end, heading in _blocks(text, wrapped):
        block = text[b_start:b_end]
        if heading:
            out.append(_sentence(text, b_start, b_end, label=True))
            continue
        cursor = 0
        label = _LABEL.match(block)
        if label:
            out.append(_sentence(text, b_start, b_start + label.end(), label=True))
            cursor = label.end()
        for m in _END.finditer(block, cursor):
            after = m.end()
            while after < len(block) and block[after].isspace():
                after += 1
            if m.end() < len(block) and not _is_boundary(block, m.start(), after):
                continue
            out.append(_sentence(text, b_start + cursor, b_start + m.end()))
            cursor = m.end()
        if block[cursor:].strip():
            out.append(_sentence(text, b_start + cursor, b_end))
    return [s for s in out if s.text]


def _sentence(text: str, start: int, end: int, *, label: bool = False) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(text[start:end], start, end, label)


def words(text: str) -> list[str]:
    """Lower-case words and numbers of ``text``; number words become digits."""
    lowered = text.lower().replace("’", "'")
    out = []
    for tok in _TOKEN.findall(lowered):
        if tok[0].isdigit():
            out.append(tok.replace(",", ""))
        else:
            out.append(_NUMBER_WORDS.get(tok, tok))
    return out


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem: inflection and common derivations off, a final ``e`` dropped."""
    if word[0].isdigit():
        return word
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _SUFFIXES:
        least = 2 if suffix == "s" else 4 if suffix in ("ance", "ence", "ant", "ent") else 3
        if word.endswith(suffix) and len(word) - len(suffix) >= least:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def stem_sequence(text: str) -> list[str]:
    """The stems of the content words of ``text``, in order (stop words left out)."""
    return [stem(w) for w in words(text) if w not in _STOP and (len(w) > 1 or w.isdigit())]


@attrs.frozen
class Token:
    """A content word of a text: its stem, where it starts, and whether it is marked (a
    capitalised name mid-sentence, a code or a number), which makes it weigh more."""

    stem: str
    start: int
    marked: bool


def tokens(text: str) -> list[Token]:
    """The content words of ``text`` with their offsets, in order."""
    lowered = text.lower().replace("’", "'")
    out = []
    for m in _TOKEN.finditer(lowered):
        tok = m.group()
        word = tok.replace(",", "") if tok[0].isdigit() else _NUMBER_WORDS.get(tok, tok)
        if word in _STOP or (len(word) < 2 and not word.isdigit()):
            continue
        first = not text[:m.start()].strip(" \t\"'*_#>-")
        marked = any(c.isdigit() for c in word) or (text[m.start()].isupper() and not first)
        out.append(Token(stem(word), m.start(), marked))
    return out


def content_stems(text: str) -> frozenset[str]:
    """The set of content-word stems of ``text``."""
    return frozenset(stem_sequence(text))
