"""Need analysis: what a buyer's sentence asks for, as categories, key terms and constraints.

``analyse_need`` is a pure function of the text and the reference date, cached per pair, so a
need repeated across thousands of accounts is analysed once. Categories come from the cue
lexicon in ``data/need_taxonomy.yml``; values (money, dates, counts, sizes) come from
``benefitkit.extract.values`` and become constraints in the shape DESIGN.md's "Evaluation"
section gives.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any

import attrs

from benefitkit.model import Value
from benefitkit.profile._taxonomy import Taxonomy, load_taxonomy, phrase_alternation
from benefitkit.vocab import NeedCategory, ValueKind

__all__ = [
    "DEFAULT_REF_DATE",
    "Constraint",
    "ConstraintKind",
    "NeedAnalysis",
    "analyse_need",
]

#: The date relative phrases are resolved against when the caller gives none (same as extract).
DEFAULT_REF_DATE = dt.date(2026, 1, 1)


class ConstraintKind(StrEnum):
    """What a constraint limits."""

    BUDGET = "budget"
    DEADLINE = "deadline"
    QUANTITY = "quantity"
    SIZE = "size"


@attrs.frozen(cache_hash=True)
class Constraint:
    """A hard limit a need states: a budget ceiling, a deadline, a count or a size."""

    kind: ConstraintKind
    value: Value

    def to_json(self) -> dict[str, Any]:
        """``{"kind": "budget", "value": {"kind": "money", ...}}``, as DESIGN.md's evaluation."""
        return {"kind": str(self.kind), "value": self.value.to_json()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Constraint:
        """Read ``{"kind": ..., "value": {...}}`` back (the shape ``to_json`` writes).

        Raises:
            KeyError, TypeError, ValueError: the mapping is not a constraint.
        """
        raw = data["value"]
        kind = ValueKind(raw["kind"])
        date = dt.date.fromisoformat(raw["date"]) if kind is ValueKind.DATE else None
        amount = None if kind is ValueKind.DATE else Decimal(str(raw["amount"]))
        value = Value(
            kind=kind,
            text=str(raw.get("text", "")),
            amount=amount,
            unit=raw.get("unit"),
            currency=raw.get("currency"),
            period=raw.get("period"),
            date=date,
        )
        return cls(ConstraintKind(data["kind"]), value)


@attrs.frozen(cache_hash=True)
class NeedAnalysis:
    """What analysis reads from one need.

    Attributes:
        categories: need categories, best first (never empty).
        terms: names, acronyms, standards, quoted names and counted things, in text order.
        constraints: budgets, deadlines, quantities and sizes stated in the need.
        reasons: the cues behind each category ("'work with' -> compatibility").
    """

    categories: tuple[NeedCategory, ...]
    terms: tuple[str, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    reasons: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """``categories``, ``terms`` and ``constraints`` as JSON (the reasons are left out)."""
        return {
            "categories": [str(c) for c in self.categories],
            "terms": list(self.terms),
            "constraints": [c.to_json() for c in self.constraints],
        }


@functools.lru_cache(maxsize=65536)
def analyse_need(text: str, *, ref_date: dt.date = DEFAULT_REF_DATE) -> NeedAnalysis:
    """Read the categories, key terms and constraints of one need.

    Args:
        text: the need in the buyer's words.
        ref_date: resolves dates without a year and phrases such as "by Q3"; deadlines
            before it are not constraints ("as of 9/30/18").

    Returns:
        The analysis; pure and cached per ``(text, ref_date)``.
    """
    from benefitkit.extract.values import find_values

    tax = load_taxonomy()
    values = find_values(text, ref_date=ref_date)
    dismissed = tax.dismissed(text)
    constraints = _constraints(text, values, ref_date, tax)
    if dismissed:  # "we don't need it before March": no deadline; but a refused excess is a limit
        constraints = tuple(c for c in constraints if not any(
            a <= c.value.start and c.value.end <= b and not _refused_excess(text, a, c.value)
            for a, b in dismissed))
    other_figures = any(v.kind is not ValueKind.MONEY for v in values)
    units = [v.unit for v in values if v.unit in tax.unit_boosts
             and not any(a <= v.start and v.end <= b for a, b in dismissed)]
    categories, reasons = _categories(text, constraints, tax,
                                      _growth_counts(text, constraints, tax), other_figures,
                                      dismissed, units)
    return NeedAnalysis(categories, _terms(text, values, constraints, tax), constraints, reasons)


# ----------------------------------------------------------------------------- categories


def _categories(
    text: str, constraints: tuple[Constraint, ...], tax: Taxonomy, growth: int = 0,
    other_figures: bool = False, dismissed: Sequence[tuple[int, int]] = (),
    units: Sequence[str | None] = (),
) -> tuple[tuple[NeedCategory, ...], tuple[str, ...]]:
    scores: dict[NeedCategory, float] = {}
    reasons: list[str] = []
    # The words inside an amount of money speak only of the budget: "$35 per hour" is a
    # rate, not a throughput.
    amounts = []
    for c in constraints:
        if c.kind is ConstraintKind.BUDGET and 0 <= c.value.start < c.value.end <= len(text):
            amounts.append(text[c.value.start : c.value.end])
            text = text[: c.value.start] + " " * (c.value.end - c.value.start) + text[c.value.end :]
    for cue in dict.fromkeys(tax.match(" . ".join(amounts))) if amounts else ():
        for category, weight in cue.weights:
            if category is NeedCategory.FIT_BUDGET:
                scores[category] = scores.get(category, 0.0) + weight
                reasons.append(f"{cue.phrase!r} -> {category}")
    # A limit bounds the figure the need names: "no more than 30 inches deep" is a size, "in
    # no more than 2 weeks" a time; with money, or no figure at all, it is a budget.
    kinds_named = {c.kind for c in constraints}
    limits_money = ConstraintKind.BUDGET in kinds_named or not (
        other_figures or kinds_named - {ConstraintKind.BUDGET})
    # What the buyer sets aside is no evidence: "not worried about price", "speed isn't the
    # problem".
    for start, end in dismissed:
        reasons.append(f"{text[start:end].strip()!r} set aside")
        text = text[:start] + " " * (end - start) + text[end:]
    # Each cue counts once: "sites ... sites" is one piece of evidence, not two.
    for cue in dict.fromkeys(tax.match(text)):
        if cue.limit and not limits_money:
            reasons.append(f"{cue.phrase!r} bounds another figure")
            continue
        for category, weight in cue.weights:
            scores[category] = scores.get(category, 0.0) + weight
            reasons.append(f"{cue.phrase!r} -> {category}")
    # A count the buyer is growing by or to ("adding 7 hotels", "going from 2 warehouses to
    # 5") is about scale, not a specification the product must meet.
    kinds = [str(c.kind) for c in constraints]
    if growth:
        kinds = ["growth"] + [k for k in kinds if k != "quantity"] + (
            ["quantity"] if kinds.count("quantity") > growth else [])
    for kind in dict.fromkeys(kinds):
        for category, weight in tax.value_boosts.get(kind, {}).items():
            scores[category] = scores.get(category, 0.0) + weight
            reasons.append(f"{kind} constraint -> {category}")
    # A figure measured in some units says what the need is about ("orders must reach the
    # kitchen in under 5 seconds"): its categories score at least the unit's weight. One the
    # buyer sets aside counts for nothing ("a 5 second boot is fine").
    for unit in dict.fromkeys(units):
        for category, weight in tax.unit_boosts.get(unit or "", {}).items():
            if scores.get(category, 0.0) < weight:
                scores[category] = weight
                reasons.append(f"{unit}s -> {category}")
    if not scores or max(scores.values()) < tax.min_score:
        return (tax.default,), (*reasons, f"no strong cue -> {tax.default}")
    top = max(scores.values())
    floor = max(tax.min_score, tax.second_share * top)
    order = list(NeedCategory)
    # a budget, a date or a size the buyer states is what the need is about, whatever
    # else it says ("has to pass the inspection on 9 March")
    for kind in dict.fromkeys(kinds):
        sure = tax.value_keeps.get(kind)
        if sure is not None and scores.get(sure, 0.0) < floor:
            scores[sure] = floor
            reasons.append(f"{kind} constraint keeps {sure}")
    kept = sorted(
        (c for c, s in scores.items() if s >= floor), key=lambda c: (-scores[c], order.index(c))
    )
    # the reasons name every cue found; say which categories fell short, and why
    short = sorted((c for c in scores if c not in kept), key=lambda c: (-scores[c], order.index(c)))
    if short:
        reasons.append("below {:g}: {}".format(
            floor, ", ".join(f"{c} {scores[c]:g}" for c in short)))
    return tuple(kept), tuple(reasons)


def _growth_counts(text: str, constraints: tuple[Constraint, ...], tax: Taxonomy) -> int:
    """How many of the need's counts grow the buyer's operation: after a growth cue
    ("adding 7 hotels") or with a growth word after the number ("12 additional seats")."""
    growth_re, more = _growth_rules(tax)
    return sum(
        1 for c in constraints
        if c.kind is ConstraintKind.QUANTITY and (
            growth_re.search(text, 0, c.value.start)
            or any(w in more for w in c.value.text.lower().split()[1:2]))
    )


# ----------------------------------------------------------------------------- constraints

# The spans a span cue ("within", "in the next") makes a deadline of
_DEADLINE_SPANS = frozenset({"day", "week", "month"})
# a span that recurs ("within 5 business days each month", "in 2 days of downtime every year")
_RECURRING = re.compile(
    r"within\s+\S+\s+(?:\S+\s+){0,3}?(?:each|every|per|a)\s+"
    r"(?:day|week|month|quarter|year|time|shift|cycle|run|job|order)s?\b", re.I)
# a span after a payback ("pay for itself within 18 months", "payback within 12 months") is
# how soon the spend returns, not a date anything must be ready by
_PAYBACK = re.compile(
    r"\b(?:pays?\s+(?:for\s+)?(?:it|them)sel(?:f|ves)|paying\s+for\s+(?:it|them)sel(?:f|ves)|"
    r"pay\s*back|payback|break\s+even|roi)\b[^.;!?]{0,20}$", re.I)
# a year and nothing before it: "by 2028", "in 2027,"
_BARE_YEAR = re.compile(r"\s+(?:19|20)\d\d\b(?![-/.]\d)")
_BARE_NUMBER = re.compile(r"(?<![\w.,$€£/#-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w%/-]|[.,]\d)")


@functools.cache
def _phrase_patterns(tax: Taxonomy) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cfg = tax.constraints
    cues = phrase_alternation(cfg.get("deadline_cues", ()))
    spans = phrase_alternation(cfg.get("span_cues", ()))
    deadline = re.compile(rf"\b(?:(?P<span>{spans})|(?P<cue>{cues}))\b[^.;!?]*", re.I)
    period = re.compile(rf"\b(?:{phrase_alternation(cfg.get('periods', {}))})\b", re.I)
    continuation = re.compile(rf"\b(?:{phrase_alternation(cfg.get('continuation_cues', ()))})\s*$", re.I)
    return deadline, period, continuation


@functools.cache
def _growth_rules(tax: Taxonomy) -> tuple[re.Pattern[str], frozenset[str]]:
    """A growth cue right before a count (one filler such as "another" may sit between),
    and the words that grow a count from after its number."""
    cfg = tax.constraints
    cue = re.compile(
        rf"\b(?:{phrase_alternation(cfg.get('growth_cues', ()))})\s+"
        rf"(?:(?:{phrase_alternation(cfg.get('growth_fillers', ()))})\s+)?$", re.I)
    return cue, frozenset(str(w).lower() for w in cfg.get("growth_words", ()))


def _constraints(
    text: str, values: list[Value], ref_date: dt.date, tax: Taxonomy
) -> tuple[Constraint, ...]:
    cfg = tax.constraints
    size_units = frozenset(cfg.get("size_units", ()))
    count_units = frozenset(cfg.get("count_units", ()))
    measures = frozenset(cfg.get("measure_units", ()))
    deadline_re, period_re, continuation_re = _phrase_patterns(tax)
    out: list[Constraint] = []
    last_unit: str | None = None
    for v in values:
        if v.kind is ValueKind.MONEY and _spent_already(text, v, ref_date, tax):
            continue  # "diesel was over $1.2M last year": what was spent, not a limit
        if v.kind is ValueKind.MONEY:
            if v.period is None and not re.search(r"\bone[- ]?(?:time|off)\b", text, re.I):
                found = period_re.search(text)
                if found:
                    periods = {str(k).lower(): str(p) for k, p in cfg.get("periods", {}).items()}
                    v = attrs.evolve(v, period=periods.get(" ".join(found.group().lower().split())))
            out.append(Constraint(ConstraintKind.BUDGET, v))
        elif v.kind is ValueKind.DATE and v.date is not None and v.date >= ref_date:
            out.append(Constraint(ConstraintKind.DEADLINE, v))
        elif v.kind is ValueKind.QUANTITY and v.unit:
            if v.unit in size_units:
                out.append(Constraint(ConstraintKind.SIZE, v))
            elif v.unit in count_units or (
                v.unit not in measures and v.unit.lower() not in measures
            ):
                out.append(Constraint(ConstraintKind.QUANTITY, v))
                last_unit = v.unit
    if last_unit is not None:
        out.extend(_continued_counts(text, values, last_unit, continuation_re))
    if not any(c.kind is ConstraintKind.DEADLINE for c in out):
        out.extend(_deadline_phrases(text, ref_date, deadline_re))
    return tuple(out)


def _spent_already(text: str, value: Value, ref_date: dt.date, tax: Taxonomy) -> bool:
    """Whether an amount is what was or is being spent rather than a budget: a past-time
    phrase after it in its clause ("£180k last year"), a past year right after it ("$20k in
    2023"), a spending verb in the past just before it ("was paying £50 a month"), or one in
    the present ("we currently pay $3k a month") that no later limit points back at ("...;
    the replacement has to cost less than that")."""
    pat = _past_patterns(tax)
    rest = _CLAUSE_END.split(text[value.end :], maxsplit=1)[0]
    if pat.after.search(rest):
        return True
    m = pat.year.match(rest)
    if m is not None and int(m.group(1)) < ref_date.year:
        return True
    if _LIMIT_AFTER.match(text, value.end):
        return False  # "we spend $5k max": a spending verb, but a limit
    lead = text[max(0, value.start - 40) : value.start]
    found = pat.before.search(lead)
    if found is not None:
        return not _HYPOTHETICAL.search(lead, 0, found.start())
    found = pat.paying.search(lead)
    if found is None:
        # "paying roughly $60 per seat now": a spending verb before, "now" after
        if not (_SPENDING.search(lead) and pat.now.search(rest)):
            return False
    elif _HYPOTHETICAL.search(lead, 0, found.start()):
        return False  # "I'm not paying over $40", "we'd be happy paying $50"
    return pat.back.search(text, value.end) is None


@attrs.frozen
class _PastPatterns:
    before: re.Pattern[str]
    after: re.Pattern[str]
    year: re.Pattern[str]
    paying: re.Pattern[str]
    back: re.Pattern[str]
    now: re.Pattern[str]


@functools.cache
def _past_patterns(tax: Taxonomy) -> _PastPatterns:
    cfg = tax.constraints

    def lead(key: str) -> re.Pattern[str]:  # phrase, perhaps "about" or "~", then the amount
        return re.compile(rf"\b(?:{phrase_alternation(cfg.get(key, ()))})\s+"
                          rf"(?:(?:{_ROUGHLY})\s+|~\s*)?$", re.I)

    def anywhere(key: str) -> re.Pattern[str]:
        return re.compile(rf"\b(?:{phrase_alternation(cfg.get(key, ()))})\b", re.I)

    # a limit pointing back is the end of what it says ("less than that.", "under that
    # figure"), not the start of something else ("under this contract")
    back = re.compile(rf"\b(?:{phrase_alternation(cfg.get('limit_back', ()))})"
                      r"(?=\s*(?:$|[.,;:!?)]|(?:amount|figure|number|price|cost|level|spend)\b))",
                      re.I)
    return _PastPatterns(lead("spent_before"), anywhere("spent_after"),
                         re.compile(r"\s+(?:in|during)\s+((?:19|20)\d\d)\b", re.I),
                         lead("paying_before"), back, anywhere("paying_after"))


# a word of approximation between a spending verb and its amount ("cost us about $40k")
_ROUGHLY = r"about|around|roughly|nearly|almost|approximately|approx\.?|some|close\s+to"
# before a spending verb, what makes it a wish or a limit rather than a fact ("must not cost
# us", "I'm not paying", "we'd be happy paying", "willing to spend")
_HYPOTHETICAL = re.compile(
    r"\b(?:not|never|nt|must|should|would|could|can|will|happy|willing|prepared|ready|"
    r"able|want|to)\b|n['’]t\b|['’]d\b", re.I)
# a limit right after the amount ("we spend $5k max")
_LIMIT_AFTER = re.compile(r"\s*(?:max(?:imum)?|tops|at\s+most|or\s+less|or\s+under|cap)\b", re.I)
# any spending verb, for an amount with "now" or "today" after it
_SPENDING = re.compile(r"\b(?:pay|pays|paying|spend|spends|spending|costs?|costing)\b", re.I)

# where a clause ends: stops, a comma, or a word that starts another clause
_CLAUSE_END = re.compile(r"[.;:!?,]|\s(?:and|but|while|whereas|we|they|it)\s", re.I)


# "not interested in anything over $500 a month": a refusal of what goes past a figure makes
# that figure a limit; "not worried about going over $500" does not (it is indifference)
_REFUSAL = re.compile(r"(?:not\s+(?:interested|looking)|do(?:n['’]?t|\s+not|es\s+not|esn['’]?t)\s+"
                      r"(?:really\s+)?need\s+(?:any|anything))\b", re.IGNORECASE)
_LIMIT_BEFORE = re.compile(
    r"\b(?:over|above|more\s+than|bigger\s+than|larger\s+than|longer\s+than|beyond|"
    r"heavier\s+than)\s*(?:the\s+)?$", re.IGNORECASE)


def _refused_excess(text: str, start: int, value: Value) -> bool:
    return (_REFUSAL.match(text, start) is not None
            and _LIMIT_BEFORE.search(text, start, value.start) is not None)


# "another 5000 a year", "to 30 per site": a rate of something else, not more of the count
_RATE_AFTER = re.compile(r"\s+(?:a|an|per|each|every)\b", re.I)


def _continued_counts(
    text: str, values: list[Value], unit: str, continuation_re: re.Pattern[str]
) -> list[Constraint]:
    """Numbers with no noun that continue an earlier count ("200 seats, growing to 350")."""
    first = min(v.start for v in values if v.kind is ValueKind.QUANTITY and v.unit == unit)
    out: list[Constraint] = []
    for m in _BARE_NUMBER.finditer(text, first):
        if any(v.start <= m.start() < v.end for v in values):
            continue
        raw = m.group(1)
        if re.fullmatch(r"(?:19|20)\d\d", raw) or not continuation_re.search(
            text[first : m.start()]
        ) or _RATE_AFTER.match(text, m.end()):
            continue
        amount = Decimal(raw.replace(",", ""))
        value = Value(
            ValueKind.QUANTITY, raw, amount=amount, unit=unit, start=m.start(), end=m.end()
        )
        out.append(Constraint(ConstraintKind.QUANTITY, value))
    return out


def _deadline_phrases(
    text: str, ref_date: dt.date, deadline_re: re.Pattern[str]
) -> list[Constraint]:
    """Deadlines named by a phrase rather than a date ("by the end of Q3 2027")."""
    from benefitkit.extract.values import relative_span_unit, resolve_date_phrase

    pos = 0
    while (m := deadline_re.search(text, pos)) is not None:
        pos = m.end()
        phrase = m.group().strip()
        # a span cue means "within" what follows: "live in six weeks" as "within six weeks"
        read = "within " + text[m.end("span"):m.end()].strip() if m.group("span") else phrase
        if m.group("span") and (relative_span_unit(read) not in _DEADLINE_SPANS
                                or _RECURRING.match(read)
                                or _PAYBACK.search(text, max(0, m.start() - 40), m.start())):
            # "within an hour, live by March 1": read on after the cue; "ready in 2 days each
            # month" is how long a recurring job takes, not a date
            pos = m.end("span")
            continue
        if (m.group("cue") or "").lower() == "by" and _BARE_YEAR.match(text, m.end("cue")):
            # "double the fleet by 2028": a year alone is the horizon of a plan, not a date
            # anything has to be ready by ("by the end of 2027", "live end of 2026" still are
            # one); a later deadline in the clause still counts
            pos = m.end("cue")
            continue
        when = resolve_date_phrase(read, ref_date=ref_date)
        if when is not None and when >= ref_date:
            value = Value(
                ValueKind.DATE, phrase, date=when, start=m.start(), end=m.start() + len(phrase)
            )
            return [Constraint(ConstraintKind.DEADLINE, value)]
    return []


# ----------------------------------------------------------------------------- terms

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’&+./-][A-Za-z0-9]+)*")
_ROMAN = re.compile(r"[IVX]{1,4}")
_QUOTED = re.compile(r"[\"“]([^\"“”]{2,60})[\"”]")
_SENTENCE_END = frozenset('.!?:;—–("“')


def _terms(
    text: str, values: list[Value], constraints: tuple[Constraint, ...], tax: Taxonomy
) -> tuple[str, ...]:
    not_names = frozenset(str(w).lower() for w in tax.terms.get("not_names", ()))
    joiners = frozenset(str(w).lower() for w in tax.terms.get("joiners", ()))
    # Words inside a value ("EUR 20,000", "500 GB", "31 March") are values, not names.
    toks = [
        (m.group().removesuffix("'s").removesuffix("’s"), m.start(), m.end())
        for m in _TOKEN.finditer(text)
        if not any(v.start <= m.start() < v.end for v in values)
    ]

    def strong(tok: str) -> bool:  # acronyms and CamelCase names: HIPAA, FedRAMP, ServiceNow
        return (
            len(tok) > 1 and sum(ch.isupper() for ch in tok) >= 2 and tok.lower() not in not_names
        )

    def name(tok: str) -> bool:
        return strong(tok) or (
            tok[:1].isupper() and tok.lower() not in not_names and not tok.isdigit()
        )

    def adjacent(a: int, b: int) -> bool:
        return text[toks[a][2] : toks[b][1]].strip() == ""

    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    found: list[str] = [text[a + 1 : b - 1].strip() for a, b in quoted]
    i = 0
    while i < len(toks):
        tok, start, _ = toks[i]
        if any(a <= start < b for a, b in quoted):
            i += 1
            continue
        at_start = not text[:start].strip() or text[:start].rstrip()[-1] in _SENTENCE_END
        if not name(tok) or (at_start and not strong(tok)):
            i += 1
            continue
        j = i + 1
        while j < len(toks) and adjacent(j - 1, j):
            nxt = toks[j][0]
            if name(nxt) or nxt.isdigit() or _ROMAN.fullmatch(nxt):
                j += 1
            elif nxt.lower() in joiners:  # "Department of Labor", "State of the City"
                k = j + 1
                if k < len(toks) and toks[k][0].lower() == "the" and adjacent(j, k):
                    k += 1
                if k < len(toks) and adjacent(k - 1, k) and name(toks[k][0]):
                    j = k + 1
                else:
                    break
            else:
                break
        found.append(text[start : toks[j - 1][2]])
        i = j
    found.extend(
        c.value.text
        for c in constraints
        if c.kind in (ConstraintKind.QUANTITY, ConstraintKind.SIZE)
    )
    seen: dict[str, str] = {}
    for term in found:
        seen.setdefault(term.lower(), term)
    return tuple(seen.values())
