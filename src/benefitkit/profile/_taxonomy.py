"""The need taxonomy: cue phrases per need category, loaded from data and checked when loaded."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import yaml

from benefitkit._yaml import safe_load
from benefitkit.errors import InputError
from benefitkit.vocab import NeedCategory

__all__ = ["Taxonomy", "load_taxonomy", "phrase_alternation", "stem", "words"]

# what a need's constraints are read as: analysis.ConstraintKind, and a count the buyer grows by
_CONSTRAINT_KINDS = ("budget", "deadline", "quantity", "size", "growth")
_WORD = re.compile(r"[a-z0-9]+")
_TO = re.compile(r"\s+to\b", re.IGNORECASE)
_CLAUSE_END = re.compile(
    r"[.,](?=\s|$)|[;:!?()\u2013\u2014]|\s-\s"  # "$5,000" and "2.5" end no clause
    r"|\b(?:but|just|only|so|because|(?<!such )as|since|while|whereas)\b",
    re.IGNORECASE,
)
# Looking back from "isn't the problem", "and" ends the clause too ("work with Epic and speed
# isn't the problem")
_CLAUSE_END_AND = re.compile(rf"{_CLAUSE_END.pattern}|\b(?:and|or)\b", re.IGNORECASE)
# Looking ahead, "and" ends the clause when a new subject or a verb follows ("not worried
# about price and we want ...", "... and need 20 seats", "... and Epic integration is a
# must"), not in a list ("cost or training and support")
_CLAUSE_END_AHEAD = re.compile(
    rf"{_CLAUSE_END.pattern}|\band\s+(?=(?:we|i|it|they|you|our|the|that|this|he|she)\b|\d"
    r"|(?:[\w'’-]+\s+){0,3}?(?:is|are|must|need|needs|has|have|want|wants|require|requires)\b)",
    re.IGNORECASE)
# A need's opening of at most six words, up to a colon or a spaced dash: maybe its speaker
_OPENING = re.compile(
    r"\s*(?P<who>[A-Za-z&'’-]+(?:,?\s+[A-Za-z&'’-]+){0,5}?)\s*(?::|\s[-–—]\s)")
_NOT_A_SPEAKER = frozenset({
    "for", "with", "than", "to", "under", "over", "our", "my", "your", "their", "and", "or",
    "must", "need", "needs", "want", "wants", "is", "are", "be", "has", "have", "in", "on",
    "by", "from", "budget",
})
_APOSTROPHES = str.maketrans("", "", "'’`")


# Short words the suffix rules would leave apart from their base form, and words they would
# join to another ("stripe" is not "strip", "billing" not a "bill", "financing" not "finance").
_IRREGULAR = {
    "used": "use",
    "using": "use",
    "uses": "use",
    "people": "person",
    "stripe": "stripe",
    "billing": "billing",
    "financing": "financing",
    # how buyers shorten units of time ("2 hrs/day", "10 hrs a wk"); a bare "hr" is left
    # alone, as it is as often HR
    "hrs": "hour",
    "wk": "week",
    "wks": "week",
    "mins": "minut",
    "yr": "year",
    "yrs": "year",
}


def stem(word: str) -> str:
    """A light stemmer: enough to make "automates", "automated" and "automate" one word."""
    w = word
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith(("ed", "sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]
    return w


def words(text: str) -> list[str]:
    """Lower-cased word tokens: apostrophes dropped ("can't" -> "cant"), hyphens split, and
    a slash before a period read as "a" ("2 hrs/day" is "2 hrs a day")."""
    text = _PER_SLASH.sub(r"\1 a ", text.lower().translate(_APOSTROPHES))
    return _WORD.findall(text)


# a unit of time or a counted thing, a slash, a period: "hrs/day", "calls/week" (not
# "night/day")
_PER_SLASH = re.compile(
    r"\b(hrs?|hours?|mins?|minutes?|days?|calls?|orders?|tickets?|jobs?|visits?)\s*/\s*"
    r"(?=(?:day|wk|week|month|mo|yr|year)\b)")


@functools.lru_cache(maxsize=8192)
def _stem_cached(word: str) -> str:
    return stem(word)


def stems(text: str) -> tuple[str, ...]:
    """The stemmed word tokens of ``text``."""
    return tuple(_stem_cached(w) for w in words(text))


@attrs.frozen
class Cue:
    """A cue phrase as stems, with every category it points at and the weight for each."""

    phrase: str
    stems: tuple[str, ...]
    weights: tuple[tuple[NeedCategory, float], ...]
    #: a limit ("no more than", "stay under"): it bounds whatever figure the need names, so
    #: it counts only when that figure is money, or when the need names no other figure
    limit: bool = False


@attrs.frozen(eq=False)
class Taxonomy:
    """The loaded taxonomy: cue index, scoring settings, and constraint and term settings."""

    index: dict[str, tuple[Cue, ...]] = attrs.field(repr=False)
    min_score: float
    second_share: float
    default: NeedCategory
    value_boosts: dict[str, dict[NeedCategory, float]]
    constraints: dict[str, Any] = attrs.field(repr=False)
    terms: dict[str, Any] = attrs.field(repr=False)
    #: the category a stated constraint of a kind keeps, whatever the other categories score
    value_keeps: dict[str, NeedCategory] = attrs.field(factory=dict)
    #: the least a figure measured in a unit makes categories score
    #: (``{"second": {performance: 2}}``)
    unit_boosts: dict[str, dict[NeedCategory, float]] = attrs.field(factory=dict)
    #: phrases that set aside the clause after them ("not worried about price") or before
    #: them ("speed isn't the problem"); ``None`` when the taxonomy lists none
    dismiss_before: re.Pattern[str] | None = attrs.field(default=None, repr=False)
    dismiss_after: re.Pattern[str] | None = attrs.field(default=None, repr=False)
    #: the last words of an opening that names who speaks ("Hotel GM:", "print shop owner -")
    speakers: frozenset[str] = attrs.field(default=frozenset(), repr=False)

    def dismissed(self, text: str) -> list[tuple[int, int]]:
        """The spans of ``text`` the buyer sets aside, each a clause or the part of one.

        A clause ends at punctuation (. ; : , or a dash) or at a word that joins another
        ("but", "just", "only", "and", "so", "because"...): in "we don't need anything
        fancy, just a cheaper way" only "anything fancy" is set aside.
        """
        spans = []
        if self.speakers and (m := _OPENING.match(text)) is not None:
            # who speaks is no evidence: "Marketing agency owner: it mustn't break"; an
            # opening with a figure or a joining word says what is wanted ("Budget £2k for
            # the clinic:", "Training for the new manager -")
            who = m.group("who").lower().replace(",", " ").split()
            if who[-1] in self.speakers and not _NOT_A_SPEAKER.intersection(who):
                spans.append((m.start("who"), m.end()))
        if self.dismiss_before is not None:
            for m in self.dismiss_before.finditer(text):
                if m.group().lower().endswith("need") and _TO.match(text, m.end()):
                    continue  # "we don't need to retrain anyone" asks for no retraining
                end = _CLAUSE_END_AHEAD.search(text, m.end())
                spans.append((m.start(), end.start() if end else len(text)))
        if self.dismiss_after is not None:
            for m in self.dismiss_after.finditer(text):
                # "Integrations and reporting are not an issue": a plural verb takes the
                # subjects joined by "and"/"or" with it; "Epic and speed isn't" does not
                back = _CLAUSE_END if m.group().lower().startswith("are") else _CLAUSE_END_AND
                starts = [b.end() for b in back.finditer(text, 0, m.start())]
                spans.append((starts[-1] if starts else 0, m.end()))
        return spans

    def match(self, text: str) -> list[Cue]:
        """The cues in ``text``: at each word the longest cue starting there, never overlapping.

        One object pronoun may sit inside a cue, so "use in" also finds "use it in" and
        "mount on" finds "mount this on".
        """
        toks = stems(text)
        found: list[Cue] = []
        i = 0
        while i < len(toks):
            end = 0
            for cue in self.index.get(toks[i], ()):  # longer cues first
                end = _match_at(toks, i, cue.stems)
                if end:
                    found.append(cue)
                    break
            i = end or i + 1
        return found


_PRONOUNS = frozenset(
    stem(w) for w in ("it", "this", "these", "them", "that", "those", "me", "us", "you")
)
_DETERMINERS = frozenset(
    stem(w) for w in ("this", "these", "that", "those", "the", "my", "our", "your", "a", "an")
)


def _match_at(toks: tuple[str, ...], i: int, cue: tuple[str, ...]) -> int:
    """Where ``cue`` ends when it matches at ``i``, else 0.

    Inside a cue, one object may sit between its words: a pronoun ("use it on", "save me
    money"), a determiner and a noun ("use this vacuum on") or a number ("all 40 stores").
    """
    j = i
    skipped = False
    for k, word in enumerate(cue):
        if j < len(toks) and toks[j] == word:
            j += 1
            continue
        if not k or skipped or j + 1 >= len(toks):
            return 0
        if toks[j] in _PRONOUNS and toks[j + 1] == word:
            j += 2
        elif toks[j].isdigit():  # "10,000" is two tokens
            n = j
            while n < len(toks) and toks[n].isdigit():
                n += 1
            if n >= len(toks) or toks[n] != word:
                return 0
            j = n + 1
        elif toks[j] in _DETERMINERS and j + 2 < len(toks) and toks[j + 2] == word:
            j += 3
        else:
            return 0
        skipped = True
    return j


def _fail(message: str, source: str, field: str | None = None, value: Any = None) -> InputError:
    return InputError(
        message,
        code="bad-taxonomy",
        path=source,
        field=field,
        value=value,
        hint="Fix the need taxonomy file",
    )


def _category(name: Any, source: str, field: str) -> NeedCategory:
    try:
        return NeedCategory(name)
    except ValueError:
        raise _fail("unknown need category", source, field, name) from None


def taxonomy_from_mapping(data: Any, source: str) -> Taxonomy:
    """Build and check a taxonomy from the YAML shape of ``data/need_taxonomy.yml``.

    Raises:
        InputError: an unknown category or group, or a malformed section, naming the field.
    """
    if not isinstance(data, dict) or not isinstance(data.get("categories"), dict):
        raise _fail("a need taxonomy needs a 'categories' mapping", source)
    scoring = data.get("scoring") or {}
    if not isinstance(scoring, dict):
        raise _fail("expected a mapping", source, "scoring", scoring)
    weights = scoring.get("weights") or {}
    if not isinstance(weights, dict):
        raise _fail("expected a mapping of cue group to weight", source, "scoring.weights", weights)
    group_weights = {str(k): _number(v, source, f"scoring.weights.{k}") for k, v in weights.items()}
    # a one-word cue says less than a phrase ("phone", "members", "price")
    one_word = _one_word_weights(scoring.get("one_word_weights"), group_weights, source)
    merged: dict[tuple[str, ...], tuple[str, dict[NeedCategory, float]]] = {}
    limits: set[tuple[str, ...]] = set()
    for name, groups in data["categories"].items():
        category = _category(name, source, f"categories.{name}")
        if not isinstance(groups, dict):
            raise _fail("expected groups of cue phrases", source, f"categories.{name}")
        for group, phrases in groups.items():
            if group == "about":
                continue
            if group not in group_weights:
                raise _fail("unknown cue group", source, f"categories.{name}.{group}", value=group)
            for phrase in _phrases(phrases, source, f"categories.{name}.{group}"):
                key = stems(phrase)
                if not key:
                    continue
                weight = group_weights[group]
                if len(key) == 1:
                    weight = one_word.get(group, weight)
                entry = merged.setdefault(key, (phrase, {}))
                entry[1][category] = max(entry[1].get(category, 0.0), weight)
                if group == "limit":
                    limits.add(key)
    index: dict[str, list[Cue]] = {}
    for key, (phrase, weights) in merged.items():
        index.setdefault(key[0], []).append(
            Cue(phrase, key, tuple(weights.items()), limit=key in limits))
    boosts = _boosts(scoring, "value_boosts", "constraint kind", source)
    unit_boosts = _boosts(scoring, "unit_boosts", "unit", source)
    if unit_boosts:
        from benefitkit.extract.values import unit_names

        known = unit_names()
        for unit in unit_boosts:
            if unit not in known:
                close = difflib.get_close_matches(unit, sorted(known), n=1)
                raise _fail("unknown unit" + (f"; did you mean {close[0]!r}?" if close else ""),
                            source, f"scoring.unit_boosts.{unit}", unit)
    keeps_raw = scoring.get("value_keeps") or {}
    if not isinstance(keeps_raw, dict):
        raise _fail("expected a mapping of constraint kind to a category", source,
                    "scoring.value_keeps", keeps_raw)
    for kind in keeps_raw:
        if kind not in _CONSTRAINT_KINDS:
            raise _fail(f"unknown constraint kind (one of {', '.join(_CONSTRAINT_KINDS)})",
                        source, f"scoring.value_keeps.{kind}", kind)
    keeps = {str(kind): _category(c, source, f"scoring.value_keeps.{kind}")
             for kind, c in keeps_raw.items()}
    return Taxonomy(
        index={k: tuple(sorted(v, key=lambda c: -len(c.stems))) for k, v in index.items()},
        min_score=_number(scoring.get("min_score", 2.0), source, "scoring.min_score"),
        second_share=_number(scoring.get("second_share", 0.5), source, "scoring.second_share"),
        default=_category(scoring.get("default", "fit_spec"), source, "scoring.default"),
        value_boosts=boosts,
        value_keeps=keeps,
        unit_boosts=unit_boosts,
        constraints=dict(data.get("constraints") or {}),
        terms={
            k: list(_phrases(v, source, f"terms.{k}")) for k, v in (data.get("terms") or {}).items()
        },
        **_dismissals(data.get("dismissals"), source),
    )


def _boosts(scoring: dict[str, Any], name: str, what: str,
            source: str) -> dict[str, dict[NeedCategory, float]]:
    """A ``scoring`` mapping of a kind or unit to category weights, checked."""
    raw = scoring.get(name) or {}
    field = f"scoring.{name}"
    if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
        raise _fail(f"expected a mapping of {what} to category weights", source, field, raw)
    return {
        str(key): {_category(c, source, f"{field}.{key}"): _number(w, source, f"{field}.{key}.{c}")
                   for c, w in cats.items()}
        for key, cats in raw.items()
    }


def _number(value: Any, source: str, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail("expected a number", source, field, value)
    return float(value)


def _one_word_weights(raw: Any, groups: dict[str, float], source: str) -> dict[str, float]:
    field = "scoring.one_word_weights"
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise _fail("expected a mapping of cue group to weight", source, field, raw)
    out = {}
    for group, weight in raw.items():
        if group not in groups:
            close = difflib.get_close_matches(str(group), list(groups), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise _fail(f"unknown cue group {group!r}{hint}", source, f"{field}.{group}", group)
        out[str(group)] = _number(weight, source, f"{field}.{group}")
    return out


def _dismissals(raw: Any, source: str) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or set(raw) - {"before", "after", "speakers"}:
        raise _fail("expected 'before', 'after' and 'speakers' phrase lists", source,
                    "dismissals", raw)
    found: dict[str, Any] = {
        f"dismiss_{side}": _phrase_pattern(_phrases(raw.get(side) or [], source,
                                                    f"dismissals.{side}"))
        for side in ("before", "after")}
    found["speakers"] = frozenset(
        w.strip().lower() for w in _phrases(raw.get("speakers") or [], source,
                                             "dismissals.speakers"))
    return found


def phrase_alternation(items: Iterable[Any]) -> str:
    """The phrases as a regex alternation, longest first, any white space between words
    (none: an alternation that matches nothing)."""
    return "|".join(
        re.escape(str(p)).replace(r"\ ", r"\s+") for p in sorted(items, key=len, reverse=True)
    ) or "(?!)"


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """Whole-word, case-blind matching of ``phrases``; either apostrophe matches one."""
    kept = [p.strip() for p in phrases if p.strip()]
    if not kept:
        return None
    alternation = phrase_alternation(kept).replace("'", "['’]")
    return re.compile(rf"(?<![\w'’])(?:{alternation})(?![\w'’])", re.IGNORECASE)


def _phrases(raw: Any, source: str, field: str) -> Iterable[str]:
    if not isinstance(raw, list):
        raise _fail("expected a list of phrases", source, field, raw)
    for p in raw:
        if not isinstance(p, str):  # YAML reads a bare yes, no, on or 508 as a bool or number
            raise _fail(f"a phrase must be text; quote {p!r}", source, field, p)
    return raw


@functools.cache
def load_taxonomy(path: str | None = None) -> Taxonomy:
    """The need taxonomy: the packaged one, or one read from ``path`` (checked either way)."""
    if path is None:
        name = "benefitkit/profile/data/need_taxonomy.yml"
        text = (
            resources.files("benefitkit.profile")
            .joinpath("data", "need_taxonomy.yml")
            .read_text("utf-8")
        )
    else:
        name, text = path, Path(path).read_text("utf-8")
    try:
        data = safe_load(text)
    except yaml.YAMLError as exc:
        raise _fail(f"not valid YAML: {exc}", name) from exc
    return taxonomy_from_mapping(data, name)
