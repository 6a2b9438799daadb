"""Claim finders: small recognisers, each finding one kind of claim in a sentence and
judging it against the sources with that kind's own rule (Presidio-style: every result
carries its explanation).

A finder yields ``Found`` spans relative to the sentence. What is not a claim about the
offer is left alone: figures in a clause that quotes the buyer ("the 40 hours you
estimated"), in the seller's own plans ("I can bring a summary"), in meeting logistics
("a 20-minute call") and counts of the message's own points ("two things to plan for").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from benefitkit.extract.values import find_values
from benefitkit.lint._context import Context, Finder, Found
from benefitkit.lint._cues import CUES
from benefitkit.lint._lexicon import LEX
from benefitkit.lint._named import certifications, integrations
from benefitkit.lint._sources import pairs, scopes
from benefitkit.lint._text import stem_sequence
from benefitkit.vocab import ValueKind

__all__ = ["FINDERS", "Context", "Found"]


def _missing(what: str) -> str:
    return f"no source states {what}"


def values(ctx: Context) -> Iterator[Found]:
    """Money, percentages, dates, durations and counts, read by ``find_values``."""
    for v in find_values(ctx.text, ref_date=ctx.ref_date):
        flag = ctx.flag(v.start)
        if flag in ("self", "buyer"):
            continue
        if v.kind is ValueKind.DURATION and flag == "logistics":
            continue
        if v.unit and v.unit.split()[-1] in LEX.discourse_units:
            continue
        kind = {ValueKind.MONEY: "price", ValueKind.DATE: "date"}.get(v.kind, "number")
        if kind == "date" and LEX.deadline.search(ctx.text[max(0, v.start - 30):v.start]):
            kind = "deadline"
        same, near = ctx.index.value(v)
        if same is not None:
            yield Found(kind, v.start, v.end, True, f"stated as {v.text!r}", same)
        elif near is not None:
            yield Found(kind, v.start, v.end, False,
                        f"the source gives the same figure in other terms: {near.text!r}", near)
        else:
            yield Found(kind, v.start, v.end, False, _missing(repr(v.text)))


def vague_durations(ctx: Context) -> Iterator[Found]:
    """Speeds without a figure: "in weeks", "in a matter of minutes"."""
    for m in LEX.vague_duration.finditer(ctx.text):
        if ctx.owned(m.start()):
            continue
        unit = m.group("unit").lower()
        hit = next((f for f, s in ctx.index.matching(LEX.vague_duration)
                    if s.group("unit").lower() == unit), None)
        yield Found("number", m.start(), m.end(), hit is not None,
                    f"a source also says {unit!r}" if hit else _missing(repr(m.group())),
                    hit)


def _window(text: str, start: int, end: int) -> frozenset[str]:
    return frozenset(stem_sequence(text[:start])[-4:] + stem_sequence(text[end:])[:4])


def _term_finder(kind: str, pattern: re.Pattern[str], alias: dict[str, str]) -> Finder:
    """A finder for terms said *of something*: the same term must be said of the same thing
    (a content word within four of it) in a source."""

    def find(ctx: Context) -> Iterator[Found]:
        for m in pattern.finditer(ctx.text):
            if ctx.owned(m.start()):
                continue
            norm = alias.get(_squash(m.group()), _squash(m.group()))
            around = _window(ctx.text, m.start(), m.end())
            hit = next((f for f, s in ctx.index.matching(pattern)
                        if alias.get(_squash(s.group()), _squash(s.group())) == norm
                        and around & _window(f.text, s.start(), s.end())), None)
            yield Found(kind, m.start(), m.end(), hit is not None,
                        f"a source says {m.group()!r} of the same thing" if hit
                        else f"no source says {m.group()!r} of this", hit)

    find.__name__ = kind
    return find


frequencies = _term_finder("number", LEX.frequency, LEX.frequency_alias)
allowances = _term_finder("price", LEX.allowance, LEX.allowance_alias)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower())


def years(ctx: Context) -> Iterator[Found]:
    """A year that bounds a term: "locked through 2027"."""
    for m in LEX.year.finditer(ctx.text):
        if ctx.owned(m.start()):
            continue
        year = m.group("year")
        hit = next((f for f in ctx.index.facts if re.search(rf"(?<!\d){year}(?!\d)", f.text)),
                   None)
        bound = re.match(r"(?:through|thru|until|till|by|before)\b", m.group(), re.I)
        yield Found("deadline" if bound else "date", m.start(), m.end(), hit is not None,
                    f"a source names {year}" if hit else f"no source names {year}", hit)


def _cue_finder(kind: str, pattern: re.Pattern[str], family: Callable[[str], str],
                what: str) -> Finder:
    """A finder for claim words: supported where a source sentence uses a cue of the same
    family about the same thing (it shares a content word with the words around the cue),
    so a money-back guarantee on the flier does not back "we guarantee setup in a day"."""

    def find(ctx: Context) -> Iterator[Found]:
        for m in pattern.finditer(ctx.text):
            if ctx.owned(m.start()):
                continue
            mine = family(m.group())
            around = (_window(ctx.text, m.start(), m.end()) - CUES.generic_need_stems
                      - frozenset(stem_sequence(m.group())))
            hit = next((f for f, s in ctx.index.matching(pattern)
                        if family(s.group()) == mine and (not around or around & f.stems)),
                       None)
            yield Found(kind, m.start(), m.end(), hit is not None,
                        f"a source makes the same {what}" if hit
                        else f"no source makes this {what} ({m.group()!r})", hit)

    find.__name__ = kind
    return find


def _guarantee_family(text: str) -> str:
    low = _squash(text)
    for alias in sorted(LEX.guarantee_family, key=len, reverse=True):
        if alias in low:
            return LEX.guarantee_family[alias]
    return low


def _superlative_family(text: str) -> str:
    return re.sub(r"^(?:the|our|its|their)\s+", "", _squash(text))


discounts = _cue_finder("discount", LEX.discount, lambda t: "discount", "offer")
deadlines = _cue_finder("deadline", LEX.deadline, lambda t: "deadline", "deadline")
guarantees = _cue_finder("guarantee", LEX.guarantee, _guarantee_family, "promise")
superlatives = _cue_finder("superlative", LEX.superlative, _superlative_family, "comparison")


def contradictions(ctx: Context) -> Iterator[Found]:
    """Clauses that say what a source denies ("custom domains" where it says "not custom
    domains"), or waive what a source requires ("skip multi-factor authentication")."""
    for a, b, flag in ctx.parts:
        part = ctx.text[a:b].replace("’", "'")
        if flag in ("self", "buyer"):
            continue
        if not LEX.negation.search(part) and not LEX.relief.search(part):
            seq = stem_sequence(part)
            for f in ctx.index.facts:
                if any(_conflict(seq, subject, scope, ctx.index.affirmed)
                       for subject, scope in f.negated):
                    yield Found("contradiction", a, b, False,
                                f"the source says otherwise: {f.text!r}", f)
                    break
            continue
        for waived in scopes(part, LEX.relief):
            said = pairs(waived)
            hit = next((f for f in ctx.index.facts
                        if any(said & pairs(req) for req in f.required)), None)
            if hit is not None:
                yield Found("contradiction", a, b, False,
                            f"the source makes it a requirement: {hit.text!r}", hit)


def _conflict(seq: list[str], subject: frozenset[str], scope: tuple[str, ...],
              affirmed: frozenset[tuple[str, str]]) -> bool:
    """Whether a clause affirms what a source denies: it repeats words the negation governs
    ("custom domains", "meet ... IAL2") that nothing affirmative in the sources says, about
    the same subject ("Phone support is not available on the Starter plan" denies phone
    support, not everything on the Starter plan; "Not compatible with X" has no subject).
    A short subject names one thing and must be repeated whole; a long one describes it,
    and a word of it is enough."""
    denied = {(x, y) for x, y in pairs(seq) & pairs(scope) if not (x.isdigit() or y.isdigit())}
    if not denied - affirmed:
        return False
    same = subject & set(seq)
    return same == subject if len(subject) <= 2 else bool(same)


FINDERS: tuple[Finder, ...] = (
    values, vague_durations, frequencies, allowances, years, discounts, deadlines, guarantees,
    superlatives, certifications, integrations, contradictions,
)
