"""The spaCy pipeline of rule components that finds and classifies features.

Each candidate block becomes a ``Doc``; the components then run in order:

``benefitkit_sentences``
    splits paragraphs into sentences (bullets, key-value lines and table rows stay whole).
``benefitkit_cues``
    a PhraseMatcher over the category cue lexicon; writes ``doc.spans["bk_cues"]``.
``benefitkit_values``
    money, quantities, durations, dates and percents; writes ``doc.user_data["bk_values"]``.
``benefitkit_categorize``
    scores every sentence against the categories; writes ``doc.user_data["bk_features"]``.

Components read the block's kind and label from ``doc.user_data`` (set by the extractor).
The pipeline is built from a blank English model, so it needs no trained weights.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

import attrs
import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from benefitkit.extract.lexicon import CueLexicon, load_lexicon
from benefitkit.extract.values import find_values
from benefitkit.model import Value
from benefitkit.vocab import BlockKind, Category, ValueKind

__all__ = ["FeatureSpan", "build_pipeline"]

# Break ties in this order: what a seller acts on first. A warranty or service promise comes
# before where and how to buy ("Hardware warranty for the life of your contract").
_TIE_ORDER = {c: i for i, c in enumerate([
    Category.DEADLINE, Category.PRICE, Category.SUPPORT, Category.AVAILABILITY,
    Category.HOW_TO_BUY, Category.ADD_ON, Category.SIZE, Category.COMPLIANCE,
    Category.INTEGRATION, Category.PERFORMANCE, Category.DURABILITY, Category.USABILITY,
    Category.CAPABILITY,
])}
# Canonical unit names (extract/data/units.yml) by what a figure in them is evidence of.
_SIZE_UNITS = frozenset(
    ["inch", "foot", "yard", "mile", "mm", "cm", "m", "km", "square foot", "square meter",
     "cubic foot", "pound", "ounce", "kilogram", "gram", "milligram", "ton", "fluid ounce",
     "quart", "gallon", "pint", "litre", "ml", "cc"]
)
_PERFORMANCE_UNITS = frozenset(
    ["v", "a", "ma", "ah", "mah", "w", "kw", "wh", "kwh", "hp", "cca", "newton metre", "btu",
     "mph", "kmh", "ips", "mps", "rpm", "cfm", "gpm", "lpm", "gpd", "ppm", "fps", "mbps", "gbps", "hz", "khz", "mhz",
     "ghz", "mp", "dpi", "db", "psi", "bar", "lumen", "nit", "celsius", "fahrenheit"]
)
_ABBREVIATIONS = frozenset(
    ["excl.", "incl.", "approx.", "e.g.", "i.e.", "etc.", "vs.", "no.", "min.", "max.", "avg.", "dept.", "est.", "approx", "inc.", "ltd.", "co.", "corp.", "st.", "ave.", "fig.", "ref.", "vol.", "ca.", "cf.", "mr.", "ms.", "dr.", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec."]
)
# A web or mail address a buyer could use: a scheme, "www.", a path, or an "@".
_CONTACT = re.compile(
    r"\bhttps?://\S+|\bwww\.\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+|\b[\w-]+(?:\.[\w-]+)+/[\w/.-]+"
)
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}\b"
                    # international, grouped as each country writes it: "+41 44 555 27 90"
                    r"|(?<![\w+])\+(?!\d{1,3}(?:[ ,.]000)+\b)\d{1,3}(?=(?:[\s.()-]{0,2}\d){6})(?:[\s.-]\(?\d{1,8}\)?){2,6}(?![\w.-]?\d)")
# Two or more products named in a list after a verb of connection and "from", "to", "with",
# "into" or "via" ("syncs hours from Toast, Square for Restaurants and Clover", "exports to
# Tranman and Microsoft Excel", "sign in with Clever or ClassLink"): the systems the product
# works with. Without such a verb a list of capitalised words is anything ("rated to IP67
# and MIL-STD-810H", "pay via Visa or PayPal", "open Monday and Friday").
_NAME = (r"(?:[A-Z][\w&+.-]*[\w+]|\d+[a-z][\w-]*)"
         r"(?:[ \t]{1,3}(?:(?:for|of|de)[ \t]{1,3})?(?:[A-Z][\w&+.-]*|\d[\w.-]*)){0,4}")
_SYSTEMS = re.compile(
    r"\b(?i:sync\w*|import\w*|export\w*|posts?|posted|push\w*|pulls?|sends?|flows?|connect\w*|"
    r"integrat\w*|works?|compatible|plugs?|feeds?|schedul\w*|reads?|talks?|fits?|"
    r"sign(?:s|ed)?[ -]?(?:in|on)|log(?:s|ged)?[ -]?in|data|results|entries|invoices|orders)"
    r"\b(?:[ \t]{1,3}[\w-]+){0,5}?[ \t]{1,3}(?:from|to|with|into|via)[ \t]{1,3}"
    rf"{_NAME}(?:[ \t]{{0,3}},[ \t]{{0,3}}{_NAME}){{0,8}}[ \t]{{0,3}},?[ \t]{{1,3}}(?:and|or|&)"
    rf"[ \t]{{1,3}}{_NAME}")
_LIST_JOIN = re.compile(r"\s(?:and|or|&)\s")
# How long something takes, said as a short time: "within a minute", "in under 30 seconds".
# A lead time is minutes at the least ("parts arrive within 30 minutes"); this is how fast
# the product works.
_SHORT_TIME = re.compile(
    r"\b(?:(?:within|in under|in less than|under)\s+(?:(?:a|one|1)\s+(?:minute|min\b\.?)|"
    r"(?:a|one|a few|a couple of|\d+(?:[.,]\d+)?)\s*(?:milli)?(?:seconds?|secs?|ms))"
    # "in 6 minutes" may as well be how long a chore takes (cleaning, fitting): seconds only
    r"|in\s+(?:a|one|a few|\d+(?:[.,]\d+)?)\s*(?:milli)?(?:seconds?|secs?|ms))\b", re.I)
_SHORT_UNITS = frozenset(["millisecond", "second"])
# Availability cues that say how long a delivery takes; beside a short time they time
# something else ("transcripts arrive in your inbox within a minute").
_LEAD_TIME_CUES = frozenset(["within", "arrive", "arrives", "arrival"])
# what makes an amount the threshold of a condition ("on orders over £25", "when you spend
# $50 or more")
_THRESHOLD = re.compile(
    r"\b(?:orders?|spend|spending|purchases?|baskets?)\s+(?:of\s+|over\s+|above\s+|"
    r"worth\s+|totall?ing\s+|of\s+at\s+least\s+|exceeding\s+)\s*$", re.I)
#: Evidence a feature gets from its section heading's category (see ``_score``).
SECTION_WEIGHT = 2.0
#: Below this evidence (one strong cue) a sentence is about what the product does in
#: general: capability. Tuned on the dev fliers: 2 and 4 both score lower.
MIN_SCORE = 3.0
# How far after a date cue ("by", "until") its date may start, in characters.
_DATE_REACH = 24
_WORDS = re.compile(r"\w+")
#: A category is listed beside the best one when its score is at least this share of it.
SECOND_SHARE = 0.5


@attrs.frozen
class FeatureSpan:
    """One sentence of a block with the categories it scored, best first."""

    start: int
    end: int
    categories: tuple[Category, ...]
    scores: tuple[float, ...]
    reasons: tuple[str, ...]


@Language.factory("benefitkit_sentences")
def make_sentences(nlp: Language, name: str) -> Any:
    sentencizer = Sentencizer()

    def sentences(doc: Doc) -> Doc:
        if doc.user_data.get("bk_kind") == BlockKind.PARAGRAPH:
            doc = sentencizer(doc)
            # The rule sentencizer splits after "excl." or "approx."; a sentence does not
            # start in lower case, nor right after an abbreviation.
            for i in range(1, len(doc)):
                token = doc[i]
                prev = doc[i - 1].lower_
                if prev == "." and i >= 2:
                    prev = doc[i - 2].lower_ + "."
                if token.is_sent_start and (token.text[:1].islower() or prev in _ABBREVIATIONS):
                    token.is_sent_start = False
            return doc
        for i, token in enumerate(doc):
            token.is_sent_start = i == 0
        return doc

    return sentences


@Language.factory("benefitkit_cues", default_config={"lexicon_path": None})
def make_cues(nlp: Language, name: str, lexicon_path: str | None) -> Any:
    lexicon = load_lexicon(lexicon_path)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for key, phrases in lexicon.groups().items():
        matcher.add(key, [nlp.make_doc(p) for p in phrases])

    def cues(doc: Doc) -> Doc:
        doc.spans["bk_cues"] = [
            Span(doc, start, end, label=match_id) for match_id, start, end in matcher(doc)
        ]
        return doc

    return cues


# A label that says how often a price is paid: "Monthly fee: £129", "Annual licence: $900".
_LABEL_PERIOD = re.compile(
    r"(?<![\w-])(?:(?P<month>monthly|per month|a month)|(?P<year>annual|annually|yearly|per year|"
    r"per annum)|(?P<week>weekly|per week)|(?P<day>daily|per day))(?![\w-])",
    re.IGNORECASE,
)


# What may stand between a label and its price: "Monthly fee: from $150", "only", "just".
_LEAD_IN = re.compile(r"[\s:]*(?:(?:from|only|just|now|starting\s+at|as\s+low\s+as)\s+)?",
                      re.IGNORECASE)


def _label_period(label: str) -> str | None:
    m = _LABEL_PERIOD.search(label)
    return m.lastgroup if m else None


@Language.factory("benefitkit_values")
def make_values(nlp: Language, name: str) -> Any:
    def values(doc: Doc) -> Doc:
        ref = doc.user_data.get("bk_ref_date") or dt.date(2000, 1, 1)
        found = find_values(doc.text, ref_date=ref, day_first=doc.user_data.get("bk_day_first"))
        label: str = doc.user_data.get("bk_label") or ""
        period = _label_period(label) if label and doc.text.startswith(label) else None
        money = [v for v in found if v.kind is ValueKind.MONEY and v.start >= len(label)]
        if period and money and money[0].period is None and _LEAD_IN.fullmatch(
                doc.text, len(label), money[0].start):
            # the label says how often the first price of its value is paid ("Monthly fee:
            # from £129 per bike"), not any other amount on the line ("installation £99")
            first = money[0]
            found = [attrs.evolve(v, period=period) if v is first else v for v in found]
        doc.user_data["bk_values"] = found
        return doc

    return values


def _inside_other(span: Span, category: Category,
                  cues: list[tuple[Span, Category]]) -> bool:
    """Whether a longer cue of another category holds ``span``, and none of its own does.

    "storage" (a size) inside "storage temperature" (durability) is no evidence of size;
    "support" inside both "technical support" and "support for" stays support.
    """
    around = {c for o, c in cues if o.start <= span.start and span.end <= o.end
              and len(o) > len(span)}
    return bool(around) and category not in around


def _before_date(span: Span, values: list[Value]) -> bool:
    # "order by 31 March", "on the 3rd of June": a date cue speaks of the date it leads to
    # ("... get 3 months free on annual plans" is not "on" a date)
    return any(v.kind is ValueKind.DATE and 0 <= v.start - span.end_char <= _DATE_REACH
               for v in values)


def _opens_value(text: str, label_end: int, value: Value) -> bool:
    """Whether ``value`` is the first thing after the label of a "Label: value" line."""
    return label_end > 0 and value.start >= label_end and not text[label_end:value.start].strip(" :\t")


def _score(doc: Doc, sent: Span) -> FeatureSpan:
    label = doc.user_data.get("bk_label")
    label_end = len(label) if label and doc.text.startswith(label) else -1
    values: list[Value] = [
        v for v in doc.user_data.get("bk_values", ())
        if v.start >= sent.start_char and v.end <= sent.end_char
    ]
    kinds = {v.kind for v in values}
    scores: dict[Category, float] = defaultdict(float)
    reasons: dict[Category, list[str]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    # The cues of this sentence that apply ("order by" needs a date to say deadline).
    cues: list[tuple[Span, Category, float]] = []
    for span in doc.spans.get("bk_cues", ()):
        if sent.start <= span.start and span.end <= sent.end:
            category, weight, requires = CueLexicon.parse_key(span.label_)
            if requires is None or (requires in kinds and (
                    requires is not ValueKind.DATE or _before_date(span, values))):
                cues.append((span, category, weight))
    held = [(span, category) for span, category, _ in cues]
    speed = _SHORT_TIME.search(sent.text) is not None and not any(
        v.kind is ValueKind.DURATION and v.unit not in _SHORT_UNITS
        and not (v.unit == "minute" and v.amount is not None and v.amount <= 1) for v in values)
    for span, category, weight in cues:
        if _inside_other(span, category, held):
            continue
        if speed and category is Category.AVAILABILITY and span.text.lower() in _LEAD_TIME_CUES:
            continue
        # A cue said twice ("Domains: 3 domains") is one piece of evidence.
        if (span.label_, span.text.lower()) in seen:
            continue
        seen.add((span.label_, span.text.lower()))
        if span.end_char <= label_end:
            weight *= 1.5
        scores[category] += weight
        reasons[category].append(span.text.lower())
    rated = False  # a rating says performance once, however many the line gives
    if speed:
        # how fast it works, unless a cue says what else the time is of ("sets up in 60
        # seconds", "fault response within 15 minutes"): then it only leans that way
        said = max((s for c, s in scores.items() if c is not Category.PERFORMANCE), default=0.0)
        scores[Category.PERFORMANCE] += 2 if said >= MIN_SCORE else MIN_SCORE
        reasons[Category.PERFORMANCE].append("short time")
        rated = True
    for v in values:
        if v.kind is ValueKind.MONEY:
            if _THRESHOLD.search(doc.text, max(0, v.start - 24), v.start):
                # "free delivery on orders over £25": a condition on something else, not a price
                scores[Category.PRICE] += 1
                reasons[Category.PRICE].append(f"threshold {v.text}")
                continue
            # "Kitchen display screen: $349": the label names what the line prices; a price
            # outweighs the sizes it buys ("Shopfront package, 6 cabinets (2.88 m x 1.92 m),
            # from A$38,900")
            scores[Category.PRICE] += 6 if _opens_value(doc.text, label_end, v) else 5
            reasons[Category.PRICE].append(f"money {v.text}")
        elif v.kind is ValueKind.QUANTITY and v.unit:
            unit = v.unit.lower()
            if unit in _SIZE_UNITS:
                # "Door opening: 18.5 inches": the measure is all the labelled line states
                alone = (_opens_value(doc.text, label_end, v)
                         and len(_WORDS.findall(doc.text, v.end, sent.end_char)) <= 1)
                scores[Category.SIZE] += 3 if alone else 2
                reasons[Category.SIZE].append(f"measure {v.text}")
            elif unit in _PERFORMANCE_UNITS:
                if not rated:
                    scores[Category.PERFORMANCE] += 3
                    rated = True
                reasons[Category.PERFORMANCE].append(f"rating {v.text}")
            else:
                scores[Category.SIZE] += 1
                reasons[Category.SIZE].append(f"count {v.text}")
        elif v.kind is ValueKind.DURATION and v.unit in ("millisecond", "second"):
            # a time in seconds or less is how fast the machine is, unless a cue says what
            # else it times ("sets up in 60 seconds", "locks after 30 seconds")
            if not rated:
                scores[Category.PERFORMANCE] += 2
                rated = True
            reasons[Category.PERFORMANCE].append(f"rating {v.text}")
        elif v.kind is ValueKind.DATE:
            scores[Category.AVAILABILITY] += 1
            reasons[Category.AVAILABILITY].append(f"date {v.text}")
    # a list needs its "and", "or" or "&": most sentences are spared the search
    systems = _SYSTEMS.search(sent.text) if _LIST_JOIN.search(sent.text) else None
    if systems:
        scores[Category.INTEGRATION] += 3
        reasons[Category.INTEGRATION].append(f"systems {systems.group(0)}")
    contact = _CONTACT.search(sent.text) or _PHONE.search(sent.text)
    if contact:
        # An address or number is how to reach the seller; after a cue that already says so
        # ("call 1-888-..."), it is the same evidence again, and counts for little.
        scores[Category.HOW_TO_BUY] += 1 if reasons[Category.HOW_TO_BUY] else 3
        reasons[Category.HOW_TO_BUY].append(f"contact {contact.group(0)}")
    section = doc.user_data.get("bk_section")
    if section is not None and scores.get(section, 0.0) + SECTION_WEIGHT >= max(
            scores.values(), default=0.0):
        # What the heading a feature sits under says ("Accessories", "Warranty and support"):
        # less than a strong cue of its own, so it decides ties and lifts weak evidence; a
        # line whose own words say nothing ("Wall-mounted charging dock" under "Accessories")
        # takes the heading's category. It only ever decides the first category, never adds
        # one beside what the feature's own words say.
        scores[section] += SECTION_WEIGHT if any(scores.values()) else MIN_SCORE
        reasons[section].append("section")
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], _TIE_ORDER[kv[0]]))
    best = ranked[0][1] if ranked else 0.0
    if best < MIN_SCORE:
        return FeatureSpan(
            sent.start_char, sent.end_char, (Category.CAPABILITY,), (best,),
            tuple(f"{c}: " + ", ".join(dict.fromkeys(reasons[c])) for c, _ in ranked[:2]),
        )
    kept = [(c, s) for c, s in ranked if s >= best * SECOND_SHARE]
    return FeatureSpan(
        sent.start_char,
        sent.end_char,
        tuple(c for c, _ in kept),
        tuple(s for _, s in kept),
        tuple(f"{c}: " + ", ".join(dict.fromkeys(reasons[c])) for c, _ in kept),
    )


@Language.factory("benefitkit_categorize")
def make_categorize(nlp: Language, name: str) -> Any:
    def categorize(doc: Doc) -> Doc:
        doc.user_data["bk_features"] = [_score(doc, sent) for sent in doc.sents]
        return doc

    return categorize


def build_pipeline(*, lexicon_path: str | None = None, base: str | None = None) -> Language:
    """Assemble the extraction pipeline.

    Args:
        lexicon_path: a category cue file to use instead of the packaged one.
        base: an installed spaCy pipeline to start from; blank English when ``None``.
    """
    nlp = spacy.load(base, exclude=["ner", "textcat"]) if base else spacy.blank("en")
    nlp.add_pipe("benefitkit_sentences")
    nlp.add_pipe("benefitkit_cues", config={"lexicon_path": lexicon_path})
    nlp.add_pipe("benefitkit_values")
    nlp.add_pipe("benefitkit_categorize")
    return nlp
