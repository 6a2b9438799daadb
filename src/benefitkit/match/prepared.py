"""A flier prepared for matching: its terms, their rarity, and indexes to find candidates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

import attrs

from benefitkit.match.constraints import base_capacity
from benefitkit.match.inputs import FeatureView
from benefitkit.match.terms import (
    TITLE_WEIGHT,
    Lexicon,
    Terms,
    idf_table,
    stem,
    tokens,
    value_concepts,
)
from benefitkit.model import Flier, Value

__all__ = ["PreparedFlier", "key_term", "missing_names", "need_terms", "prepare_flier"]


@attrs.frozen(eq=False)
class PreparedFlier:
    """Everything about one flier that does not depend on the prospect (built once).

    Attributes:
        flier: the flier itself.
        views: each feature as rule conditions see it.
        terms: each feature's terms (with the concepts its values imply).
        idf: inverse document frequency of every term over the features.
        default_idf: the weight of a term no feature carries.
        postings: term -> indexes of the features carrying it.
        base: the largest amount per unit family the flier includes without add-ons.
        title: stems of the title (the product's own name).
        labels: the terms of each feature's label ("Item weight").
        by_kind: value kind -> indexes of the features carrying a value of that kind.
        advantages: advantage rule id -> the features its feature conditions accept (lazily).
    """

    flier: Flier
    views: tuple[FeatureView, ...]
    terms: tuple[Terms, ...]
    idf: dict[str, float]
    default_idf: float
    postings: dict[str, tuple[int, ...]]
    base: dict[str, Decimal]
    title: frozenset[str]
    labels: tuple[frozenset[str], ...]
    by_kind: dict[str, tuple[int, ...]] = attrs.field(factory=dict)
    advantages: dict[str, tuple[int, ...]] = attrs.field(factory=dict)


def _with_values(terms: Terms, values: Sequence[Value]) -> Terms:
    extra = value_concepts(values)
    return attrs.evolve(terms, concepts=terms.concepts | extra) if extra else terms


def prepare_flier(flier: Flier, lexicon: Lexicon) -> PreparedFlier:
    """Analyse every feature of ``flier`` once."""
    terms = tuple(_with_values(lexicon.analyze(f.text), f.values) for f in flier.features)
    idf, default_idf = idf_table(terms)
    postings: dict[str, list[int]] = {}
    for i, t in enumerate(terms):
        for term in t.all:
            postings.setdefault(term, []).append(i)
    by_kind: dict[str, list[int]] = {}
    for i, f in enumerate(flier.features):
        for kind in {str(v.kind) for v in f.values}:
            by_kind.setdefault(kind, []).append(i)
    return PreparedFlier(
        flier=flier,
        views=tuple(FeatureView.of(f, t.stems) for f, t in zip(flier.features, terms, strict=True)),
        terms=terms,
        idf=idf,
        default_idf=default_idf,
        postings={k: tuple(v) for k, v in postings.items()},
        base=base_capacity(flier.features),
        title=lexicon.analyze(flier.title).stems if flier.title else frozenset(),
        labels=tuple(lexicon.analyze(f.label).units if f.label else frozenset() for f in flier.features),
        by_kind={k: tuple(v) for k, v in by_kind.items()},
    )


def need_terms(lexicon: Lexicon, text: str, key_terms: Sequence[str], values: Sequence[Value]) -> Terms:
    """A need's terms, with the names need analysis found and the concepts its numbers imply."""
    found = lexicon.analyze(text, named=True)
    if not key_terms and not values:
        return found
    # Need analysis marks names and standards ("Section 508", "FedRAMP"): named evidence.
    # Its counted things ("two new stores") are not names.
    names = [t for t in key_terms if any(c.isupper() for c in (t[1:] if text.startswith(t) else t))]
    named = {stem(t) for term in names for t in tokens(term)} & found.stems
    return attrs.evolve(found, named=found.named | named, concepts=found.concepts | value_concepts(values))


def key_term(prep: PreparedFlier, nterms: Terms) -> str | None:
    """The need's most telling name or synonym group that some feature carries."""
    found = [t for t in nterms.named | {c for c in nterms.concepts if c[0] == "="} if t in prep.idf]
    if not found:
        return None
    return max(found, key=lambda t: (prep.idf[t] * (TITLE_WEIGHT if t in prep.title else 1.0), t))


# a system or standard as a buyer writes it: in capitals ("ZPL"), or a number of three or more
# digits ("508")
_SYSTEM_NAME = re.compile(r"\b(?:[A-Z]{2,}|[0-9]{3,})\b")


# a system the buyer is leaving ("switching from Kronos", "we've been on VetBase since 2011
# ... when we switch"): the flier need not name it. "Been on" says so only beside a word of
# changing; a name the need also wants to work with ("... has to sync with Shopify") stays.
_LEAVING = re.compile(
    r"\b(?i:switch(?:ing)?[ \t]+(?:away[ \t]+)?from|mov(?:e|ing)[ \t]+(?:off|away[ \t]+from)|"
    r"replac(?:e|ing)|coming[ \t]+from|migrat(?:e|ing)[ \t]+(?:off|from|away[ \t]+from)|"
    r"get(?:ting)?[ \t]+off|leaving|(?P<been>been[ \t]+(?:on|using|with)))[ \t]+"
    r"(?i:(?:our|the|their|my)[ \t]+)?(?i:(?:current|old|existing)[ \t]+)?"
    r"(?P<name>[A-Z][\w&-]*(?:[ \t]+[A-Z][\w&-]*)*)")
_CHANGING = re.compile(r"\b(?:switch|move|moving|replac|migrat|leav|chang)\w*", re.I)
_STAYING = r"\b(?:with|to|into|from|in)[ \t]+(?:our[ \t]+|the[ \t]+)?{name}\b"


def _left_behind(text: str) -> set[str]:
    """The stems of the systems a need says the buyer is leaving."""
    out: set[str] = set()
    for m in _LEAVING.finditer(text):
        if m.group("been") and not _CHANGING.search(text):
            continue
        name = m.group("name")
        if re.search(_STAYING.format(name=re.escape(name)), text[m.end():]):
            continue  # "we've been on Shopify ... and it has to sync with Shopify"
        out.update(stem(w) for w in tokens(name))
    return out


def missing_names(prep: PreparedFlier, nterms: Terms, text: str = "") -> frozenset[str]:
    """Names (not model codes) the need gives that no feature mentions, even by synonym,
    unless the flier mentions another system or standard the need names.

    A buyer who names a system or standard the flier never mentions has a need the flier
    does not show it meets: the seller must find out, not claim a match on generic words.
    A need that also names one the flier does mention, written in capitals or with a number
    of three or more digits ("the ZPL templates our WMS sends", "Section 508 and the IDEA
    Act"), is answered on that one; a capitalised common word ("Fleet Managers") is not
    such a name.
    """
    synonyms_present = any(c[0] == "=" and c in prep.idf for c in nterms.concepts)
    missing = frozenset(
        t for t in nterms.named
        if t.isalpha() and t not in prep.idf and not (t in nterms.consumed and synonyms_present)
    )
    if missing and text:
        missing = missing - _left_behind(text)
    if missing:
        marked = {m.lower() for m in _SYSTEM_NAME.findall(text)}
        if any(t in prep.idf and t in marked for t in nterms.named - missing):
            return frozenset()
    return missing

