"""A flier prepared for matching: its terms, their rarity, and indexes to find candidates."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from benefitkit.match.constraints import base_capacity
from benefitkit.match.inputs import FeatureView
from benefitkit.match.terms import (
    ACRONYM,
    TITLE_WEIGHT,
    Lexicon,
    Terms,
    idf_table,
    spelled_acronyms,
    stem,
    tokens,
    value_concepts,
    written_acronyms,
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


def _with_acronyms(terms: Terms, text: str, lexicon: Lexicon) -> Terms:
    spelled = spelled_acronyms(text, lexicon.stopwords)
    return attrs.evolve(terms, stems=terms.stems | spelled) if spelled else terms


def prepare_flier(flier: Flier, lexicon: Lexicon) -> PreparedFlier:
    """Analyse every feature of ``flier`` once."""
    terms = tuple(_with_acronyms(_with_values(lexicon.analyze(f.text), f.values), f.text, lexicon)
                  for f in flier.features)
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


def with_spelled_acronyms(prep: PreparedFlier, nterms: Terms, text: str) -> Terms:
    """The need's acronyms (written in capitals) that a feature writes or spells out ("BAA"
    where a feature says "business associate agreement"), as that marked form: they meet
    those features, and never a word that stems alike ("BAS" and "Base plan")."""
    swap = {t[1:]: t for t in written_acronyms(text) if t in prep.idf}
    if not swap:
        return nterms
    return attrs.evolve(nterms, stems=frozenset(swap.get(t, t) for t in nterms.stems),
                        named=frozenset(swap.get(t, t) for t in nterms.named))


def key_term(prep: PreparedFlier, nterms: Terms) -> str | None:
    """The need's most telling name or synonym group that some feature carries."""
    found = [t for t in nterms.named | {c for c in nterms.concepts if c[0] == "="} if t in prep.idf]
    if not found:
        return None
    return max(found, key=lambda t: (prep.idf[t] * (TITLE_WEIGHT if t in prep.title else 1.0), t))


def missing_names(prep: PreparedFlier, nterms: Terms) -> frozenset[str]:
    """Names (not model codes) the need gives that no feature mentions, even by synonym,
    when it mentions none of the need's names.

    A buyer who names a system or standard the flier never mentions has a need the flier
    does not show it meets: the seller must find out, not claim a match on generic words.
    A need that also names something the flier does mention ("the ZPL templates our WMS
    sends") is answered on that name.
    """
    synonyms_present = any(c[0] == "=" and c in prep.idf for c in nterms.concepts)
    missing = frozenset(
        t for t in nterms.named
        if t.isalpha() and t not in prep.idf and not (t in nterms.consumed and synonyms_present)
    )
    if missing and any((t.isalpha() or t[:1] == ACRONYM) and t in prep.idf
                       for t in nterms.named - missing):
        return frozenset()
    return missing
