"""Term evidence: do a need and a feature talk about the same thing?

Both texts become a ``Terms`` value: light stems of their content words, the concepts the
lexicon (``data/synonyms.yml``) finds in them, and, for a need, its named terms (model numbers,
acronyms, product and system names), because a shared name ("Epic", "sd780") is the strongest
evidence there is. ``evidence`` weighs the overlap by how rare each term is among the flier's
features, so a word every feature repeats (the product's own name) counts for little.

Word vectors are used only when the caller hands in a spaCy pipeline that has them.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

__all__ = ["Evidence", "Lexicon", "Terms", "evidence", "idf_table", "stem", "tokens", "value_concepts"]

_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")
_RAW_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-/.,][A-Za-z0-9]+)*")
_YEAR = re.compile(r"(?:19|20)\d\d")
#: How much a concept found on both sides counts next to the same word on both sides.
CONCEPT_WEIGHT = 0.8
#: Extra weight of a named need term the feature also carries.
NAMED_BONUS = 1.0
#: Weight of a need term that is also in the flier's title (the product's own name).
TITLE_WEIGHT = 0.3
#: Share of a literal match's weight added on top of its synonym group's.
LITERAL_BONUS = 0.5
#: Extra weight of a term found in a feature's label ("Item weight: 11 pounds").
LABEL_BOOST = 1.3
#: Words of a need that no feature uses count this much in the need's total weight: they are
#: often the buyer's own context ("my 2012 silverado"), not what they ask about.
ABSENT_WEIGHT = 0.2


_QUESTION = re.compile(
    r"\?|^\s*(?:how|what|which|will|would|can|could|does|do|did|is|are|should|may|has|have)\b", re.I
)
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]) if i >= 2}
_GLUED = re.compile(r"[a-z0-9]+(?:[-/][a-z0-9]+)+")


def tokens(text: str) -> list[str]:
    """Lower-cased word and number tokens; ``60,000`` becomes ``60000``, ``two`` becomes ``2``."""
    return [_NUMBER_WORDS.get(t, t.replace(",", "")) for t in _TOKEN.findall(text.lower())]


def _glued(text: str) -> list[str]:
    """Model codes written with a hyphen or slash, joined: ``dv-3032`` gives ``dv3032``."""
    out = []
    for m in _GLUED.finditer(text.lower()):
        word = m.group()
        if any(c.isdigit() for c in word) and any(c.isalpha() for c in word):
            out.append(re.sub(r"[-/]", "", word))
    return out


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, consistent stem: plural, ``-ing``/``-ed`` and a final ``e`` removed.

    Not a dictionary lemma: both sides go through the same function, so ``use``, ``used``
    and ``using`` meet at ``us`` and that is all that matters here.
    """
    if len(word) <= 2 or not word.isalpha():
        return word
    w = word
    if len(w) <= 3:
        pass
    elif w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses") or w.endswith(("ches", "shes", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ing") and len(w) > 4:
        w = _undouble(w[:-3])
    elif w.endswith("ed") and not w.endswith("eed") and len(w) > 4:
        w = _undouble(w[:-2])
        if w.endswith("i"):
            w = w[:-1] + "y"
    if w.endswith("e") and not w.endswith("ee") and len(w) >= 3 and w not in _WHOLE:
        w = w[:-1]
    return w


# Words whose final "e" stays: without it they would be another word ("one" is not "on",
# so "the safe ones" never reads as the phrase "safe on").
_WHOLE = frozenset({"one"})


def _undouble(w: str) -> str:
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz" and w[-1].isalpha():
        return w[:-1]
    return w


@attrs.frozen
class Terms:
    """The evidence-bearing terms of one text.

    Attributes:
        stems: stems of its content words and numbers.
        concepts: concept ids the lexicon found: ``=group`` for synonyms, ``@idea`` for a
            broader idea ("black" gives ``@color``).
        named: stems of names, model numbers and acronyms (needs only).
        consumed: stems a synonym group stands for; the group is the unit of evidence, so
            "outdoor" and "outside" meet as one term instead of missing as two.
        named_groups: each name that is a word of a synonym group, with that group: a
            feature that says the name another way names it ("BMS" and "building
            management system").
    """

    stems: frozenset[str]
    concepts: frozenset[str]
    named: frozenset[str] = frozenset()
    consumed: frozenset[str] = frozenset()
    named_groups: frozenset[tuple[str, str]] = frozenset()

    @property
    def all(self) -> frozenset[str]:
        """Stems and concepts together: the keys of the flier's inverted index."""
        return self.stems | self.concepts

    @property
    def units(self) -> frozenset[str]:
        """What evidence is counted in: free stems and every concept."""
        return (self.stems - self.consumed) | self.concepts


@attrs.frozen
class Evidence:
    """How strongly a feature's words answer a need's words.

    Attributes:
        score: 0..1, the share of the need's weighted terms the feature carries.
        shared: stems on both sides.
        concepts: concepts on both sides.
        named: named need terms the feature carries.
        similarity: the similarity of meaning that gave the score, when it did (else 0).
    """

    score: float
    shared: frozenset[str] = frozenset()
    concepts: frozenset[str] = frozenset()
    named: frozenset[str] = frozenset()
    similarity: float = 0.0


NO_EVIDENCE = Evidence(0.0)


@attrs.frozen(eq=False)
class Lexicon:
    """Stopwords and the phrase → concept table, keyed by stemmed token tuples."""

    stopwords: frozenset[str]
    phrases: Mapping[tuple[str, ...], tuple[str, ...]]
    longest: int
    questions: Mapping[tuple[str, ...], tuple[str, ...]] = attrs.field(factory=dict)

    def analyze(self, text: str, *, named: bool = False) -> Terms:
        """The terms of ``text``; with ``named`` (a need), also its names and model numbers,
        and, when it is a question, the aspects its question words ask about ("will it fit?"
        asks about compatibility)."""
        return _analyze(self, text, named)


def _scan(stems: list[str], table: Mapping[tuple[str, ...], tuple[str, ...]], longest: int,
          concepts: set[str], groups: set[tuple[str, str]]) -> None:
    """Find the phrases of ``table`` in ``stems``, longest first, without overlaps.

    ``groups`` collects each stem a synonym group stands for, with that group.
    """
    i = 0
    while i < len(stems):
        for n in range(min(longest, len(stems) - i), 0, -1):
            found = table.get(tuple(stems[i:i + n]))
            if found:
                concepts.update(found)
                groups.update((s, c) for s in stems[i:i + n] for c in found if c[0] == "=")
                i += n - 1
                break
        i += 1


@functools.lru_cache(maxsize=32768)
def _analyze(lex: Lexicon, text: str, named: bool) -> Terms:
    stems = [stem(t) for t in tokens(text)]
    concepts: set[str] = set()
    groups: set[tuple[str, str]] = set()
    _scan(stems, lex.phrases, lex.longest, concepts, groups)
    if named and _QUESTION.search(text):
        _scan(stems, lex.questions, lex.longest, concepts, set())  # ideas only, no groups
    content = {s for s in stems if (s not in lex.stopwords and len(s) > 1) or s.isdigit()}
    content.update(_glued(text))
    for word in list(content):
        # "64bit", "9v", "25cc": the number and the unit also count on their own.
        parts = _SPLIT.findall(word) if word[0].isdigit() and not word.replace(".", "").isdigit() else ()
        if len(parts) == 2 and parts[1] not in lex.stopwords:
            content.update(stem(p) for p in parts)
    names = _named(text, lex.stopwords) if named else frozenset()
    consumed = {s for s, _ in groups}
    return Terms(frozenset(content), frozenset(concepts), names, frozenset(consumed & content),
                 frozenset((s, g) for s, g in groups if s in names))


_SPLIT = re.compile(r"\d+(?:\.\d+)?|[a-z]+")


def _model_number(digits: str) -> bool:
    """``51599`` and ``492932`` name a part; ``2027``, ``60,000`` and ``3.5`` do not."""
    plain = digits.replace(",", "")
    return (plain.isdigit() and len(plain) >= 4 and "," not in digits and not _YEAR.fullmatch(plain)
            and not plain.endswith("000"))


_CALENDAR = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)


def _named(text: str, stop: frozenset[str]) -> frozenset[str]:
    """Names, model numbers and acronyms: the words that single out one thing."""
    out: set[str] = set()
    sentence_start = True
    for m in _RAW_TOKEN.finditer(text):
        raw = m.group()
        for part in raw.replace("/", "-").split("-") if not any(c.isdigit() for c in raw) else [raw]:
            if not part:
                continue
            low = part.lower()
            has_digit = any(c.isdigit() for c in part)
            has_alpha = any(c.isalpha() for c in part)
            if has_digit and has_alpha:
                out.add(re.sub(r"[^a-z0-9.]", "", low))
            elif has_digit and _model_number(low):
                out.add(low)
            elif has_alpha and len(part) > 1 and stem(low) not in stop and low not in _CALENDAR and (
                part.isupper() or any(c.isupper() for c in part[1:])
                or (part[0].isupper() and not sentence_start and len(part) > 2)
            ):
                out.add(stem(low))
        after = text[m.end():m.end() + 2]
        sentence_start = after[:1] in (".", "?", "!", ":") and after[1:2] in (" ", "")
    return frozenset(out)


_UNIT_CONCEPTS = {
    **dict.fromkeys(("inch", "foot", "yard", "mm", "cm", "m", "km", "square foot", "square meter"), "@dimension"),
    **dict.fromkeys(("pound", "ounce", "kilogram", "gram", "milligram", "ton"), "@weight"),
    **dict.fromkeys(("fluid ounce", "quart", "gallon", "pint", "litre", "ml", "cubic foot"), "@capacity"),
    **dict.fromkeys(("v", "a", "w", "kw", "ah", "mah", "wh", "kwh"), "@power"),
}


def value_concepts(values: Iterable[Any]) -> frozenset[str]:
    """Concepts a feature's values imply: a price is about ``=price``, ``2 kg`` about weight."""
    out: set[str] = set()
    for v in values:
        kind = str(v.kind)
        if kind == "money":
            out.add("=price")
            if v.period == "year":
                out.add("=annual")
        elif kind == "duration":
            out.add("@duration")
        elif kind == "quantity" and v.unit in _UNIT_CONCEPTS:
            out.add(_UNIT_CONCEPTS[v.unit])
    return frozenset(out)


def evidence(
    need: Terms,
    feature: Terms,
    idf: Mapping[str, float],
    default_idf: float,
    *,
    discount: frozenset[str] = frozenset(),
    boost: frozenset[str] = frozenset(),
) -> Evidence:
    """Score how much of the need a feature speaks to.

    Args:
        need: the need's terms (with named terms).
        feature: the feature's terms.
        idf: inverse document frequency of each term over the flier's features.
        default_idf: the weight of a term no feature carries.
        discount: need terms that count for little (the product's own name, from the title:
            every feature is about the product, so naming it answers nothing).
        boost: feature terms that count for more (the label of a ``Label: value`` line names
            exactly what the value answers).
    """
    units = need.units
    # A feature's words count whether or not a synonym group also covers them.
    shared_units = units & feature.all
    named = need.named & feature.stems
    # a name the feature says another way ("BMS": "building management system")
    said_otherwise = {t for t, g in need.named_groups if t not in named and g in feature.concepts}
    if not named and all(_bare_number(t) for t in shared_units):
        # Nothing shared, or a bare number only: "20" in "Outfit 20 technicians" and in "a
        # 20-second delay" counts things of different kinds. A number backs shared words;
        # alone it answers nothing (a quantity check still can).
        return NO_EVIDENCE

    def weight(term: str) -> float:
        w = idf.get(term)
        w = default_idf * ABSENT_WEIGHT if w is None else w
        if term in discount and term not in boost:
            w *= TITLE_WEIGHT
        return w * CONCEPT_WEIGHT if term[0] == "@" else w

    def name_weight(term: str) -> float:
        # A system or standard the buyer names and no feature mentions is a gap in full.
        return idf.get(term, default_idf if term.isalpha() else default_idf * ABSENT_WEIGHT)

    total = sum(weight(t) for t in units) + NAMED_BONUS * sum(map(name_weight, need.named))
    got = sum(weight(t) * (LABEL_BOOST if t in boost else 1.0) for t in shared_units)
    got += NAMED_BONUS * sum(weight(t) for t in named)
    # ... and one the feature says another way is met in full
    got += NAMED_BONUS * sum(map(name_weight, said_otherwise))
    # The same word on both sides says more than a synonym: a bonus, not part of the total.
    literal = need.consumed & feature.stems
    got += LITERAL_BONUS * sum(weight(t) for t in literal)
    score = got / total if total > 0 else 0.0
    return Evidence(min(1.0, score), frozenset(t for t in shared_units | literal if t[0] not in "=@"),
                    frozenset(t for t in shared_units if t[0] in "=@"), named)


def _bare_number(term: str) -> bool:
    return term.replace(".", "", 1).isdigit()


def idf_table(docs: Sequence[Terms]) -> tuple[dict[str, float], float]:
    """Inverse document frequency of every term over ``docs``, and the weight of an unseen term."""
    n = len(docs)
    df: dict[str, int] = {}
    for d in docs:
        for t in d.all:
            df[t] = df.get(t, 0) + 1
    table = {t: math.log(1.0 + (n + 1) / (c + 0.5)) for t, c in df.items()}
    return table, math.log(1.0 + (n + 1) / 0.5)
