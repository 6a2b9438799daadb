"""The matcher: which features answer which needs, with reasons and a trace.

Built once from a ``RuleSet``; rules are indexed by (feature category, need category), so a
pair only ever meets the few rules written for its categories. A flier is prepared once
(terms, inverse document frequencies, an inverted index from term to features), and each
need then looks only at the features that share a term with it (and, when it states numbers,
the features a category rule pairs with it): the cost grows with the candidate pairs, not
with rules x features x needs.

Per candidate pair: term evidence, constraint checks, the rules that fire (combined by the
hit policy) and a score; per need, ``selection.select`` keeps the answers (see ``Scoring``).
A pair whose numbers contradict the need becomes a conflict, never a match.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import OrderedDict
from typing import Any

import attrs

from benefitkit.match import constraints as cons
from benefitkit.match.inputs import NeedView, PairView, ProfileLike, ProfileView
from benefitkit.match.lexicon import load_lexicon
from benefitkit.match.negation import denied_terms
from benefitkit.match.prepared import PreparedFlier, missing_names, need_terms, prepare_flier
from benefitkit.match.result import Match, MatchResult
from benefitkit.match.rules import Rule, RuleSet, load_rules
from benefitkit.match.selection import Pair, hit, select, to_match
from benefitkit.match.terms import Evidence, Lexicon, Terms, evidence
from benefitkit.match.vectors import Similarity, VectorSimilarity
from benefitkit.model import Flier

__all__ = ["Matcher"]

#: Needs whose answers a matcher keeps per flier (least recently stored dropped first).
MEMO_SIZE = 4096

log = logging.getLogger("benefitkit")


class Matcher:
    """Matches fliers against profiles with one compiled, indexed rule set.

    Args:
        rules: the rules; the default pack when ``None``.
        lexicon: the term lexicon; the packaged one when ``None``.
        nlp: a spaCy pipeline; its word vectors (if it has any) add a similarity signal and
            make every feature a candidate for every need.
        similarity: a similarity provider (``SentenceSimilarity``, the ``semantic`` extra),
            used instead of ``nlp``'s vectors; it too makes every feature a candidate.

    Example:
        >>> matcher = Matcher()
        >>> # result = matcher.match(flier, profile, as_of=datetime.date(2026, 1, 1))
    """

    def __init__(self, rules: RuleSet | None = None, *, lexicon: Lexicon | None = None, nlp: Any = None,
                 similarity: Similarity | None = None) -> None:
        self.rules = rules if rules is not None else load_rules()
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        vectors = similarity if similarity is not None else (
            VectorSimilarity(nlp) if nlp is not None else None)
        self.vectors: Similarity | None = vectors if vectors is not None and vectors.available else None
        self._index: dict[tuple[str | None, str | None], list[Rule]] = {}
        for rule in self.rules.rules:
            if rule.kind != "benefit":
                continue
            for fc in rule.feature_categories or (None,):
                for nc in rule.need_categories or (None,):
                    self._index.setdefault((fc, nc), []).append(rule)
        self._advantages = tuple(r for r in self.rules.rules if r.kind == "advantage")
        self._for_pair: dict[tuple[frozenset[str], frozenset[str]], tuple[Rule, ...]] = {}
        self._last: PreparedFlier | None = None
        # Rules whose profile conditions decide whether they may fire: their verdicts are
        # part of what one need's answers depend on.
        self._profile_conditions = tuple(
            (r.id, r.profile) for r in self.rules.rules if r.profile is not None)
        # One need's answers, kept per prepared flier (see ``_answers``).
        self._memo: OrderedDict[tuple[Any, ...], _NeedAnswers] = OrderedDict()
        # The advantage matches and the features nothing used, by the features the needs used.
        self._advantage_memo: OrderedDict[tuple[Any, ...],
                                          tuple[tuple[Match, ...], tuple[str, ...]]] = OrderedDict()
        self._numbers: dict[Any, tuple[frozenset[str], cons.NeedNumbers, bool]] = {}

    def prepare(self, flier: Flier) -> PreparedFlier:
        """Analyse a flier once (reused while the same flier object is matched again)."""
        if self._last is None or self._last.flier is not flier:
            self._last = prepare_flier(flier, self.lexicon)
            self._memo.clear()
            self._advantage_memo.clear()
        return self._last

    def match(self, flier: Flier, profile: ProfileLike, *, as_of: dt.date | None = None,
              trace: bool = False) -> MatchResult:
        """Decide which features answer which of the profile's needs.

        Args:
            flier: the parsed flier.
            profile: the prospect (a ``Profile`` or anything shaped like ``ProfileLike``).
            as_of: "today" for lead times and offer deadlines; the real today when ``None``.
            trace: record every candidate pair and decision in ``MatchResult.trace``.
        """
        as_of = as_of or dt.date.today()
        prep = self.prepare(flier)
        pview = ProfileView.of(profile)
        profile_ok = {rule_id: bool(holds(pview)) for rule_id, holds in self._profile_conditions}
        verdicts = tuple(profile_ok.values())
        lines: list[str] | None = [] if trace else None
        benefits: list[Match] = []
        conflicts: list[Match] = []
        unmatched: list[int] = []
        denying: frozenset[str] = frozenset()
        for index, need in enumerate(profile.needs):
            analysis = need.analysis
            cats, numbers, reads_profile = self._need_numbers(need.text, analysis)
            if reads_profile:
                numbers = numbers.with_profile(cats, profile)
            # Everything one need's answers depend on: the need, the numbers it is checked
            # against, the profile rules' verdicts and the date. Accounts that state the same
            # need (a picklist in a CRM) share its answers; a traced match works them out.
            key = (index, need.text, need.priority, analysis, numbers, verdicts, as_of)
            found = None if lines is not None else self._memo.get(key)
            if found is None:
                found = self._answers(prep, index, need, cats, numbers, profile_ok, as_of,
                                      lines)
                if lines is None:
                    self._memo[key] = found
                    if len(self._memo) > MEMO_SIZE:
                        self._memo.popitem(last=False)
            benefits.extend(found.kept)
            conflicts.extend(found.clashes)
            denying |= found.denying
            if not found.kept:
                unmatched.append(index)
        used = frozenset(m.feature for m in benefits)
        akey = (used, denying, verdicts, as_of)
        found_rest = None if lines is not None else self._advantage_memo.get(akey)
        if found_rest is None:
            # a feature that says no to a need is not raised as an advantage either
            advantages = self._advantage_matches(prep, profile_ok, used | denying, as_of, lines)
            taken = used | {m.feature for m in advantages}
            found_rest = (advantages, tuple(v.id for v in prep.views if v.id not in taken))
            if lines is None:
                self._advantage_memo[akey] = found_rest
                if len(self._advantage_memo) > MEMO_SIZE:
                    self._advantage_memo.popitem(last=False)
        advantages, unused = found_rest
        return MatchResult(
            matches=tuple(benefits) + advantages,
            conflicts=tuple(conflicts),
            unmatched_needs=tuple(unmatched),
            unused_features=unused,
            trace=tuple(lines or ()),
        )

    def _need_numbers(self, text: str, analysis: Any) -> tuple[frozenset[str], cons.NeedNumbers, bool]:
        """A need's categories, the numbers it states and whether the profile's numbers
        count too: worked out once per need (accounts of a list repeat their needs)."""
        key = (text, analysis)
        found = self._numbers.get(key)
        if found is None:
            cats = frozenset(str(c) for c in analysis.categories)
            stated = cons.NeedNumbers.stated(analysis.constraints, text)
            found = (cats, stated, stated.reads_profile(cats))
            if len(self._numbers) >= MEMO_SIZE:
                self._numbers.clear()
            self._numbers[key] = found
        return found

    def _answers(self, prep: PreparedFlier, index: int, need: Any, cats: frozenset[str],
                 numbers: cons.NeedNumbers, profile_ok: dict[str, bool],
                 as_of: dt.date, lines: list[str] | None) -> _NeedAnswers:
        """The features that answer one need, and the pairs in conflict, as matches."""
        analysis = need.analysis
        nterms = need_terms(self.lexicon, need.text, tuple(analysis.terms),
                            tuple(c.value for c in analysis.constraints))
        nview = NeedView(index, need.text, cats, need.priority, nterms.stems,
                         frozenset(str(c.kind) for c in analysis.constraints))
        missing = missing_names(prep, nterms, need.text)
        factor = self.rules.scoring.missing_name_factor if missing else 1.0
        if lines is not None:
            lines.append(f"need {index}: {need.text!r} categories={sorted(cats)} "
                         f"terms={sorted(nterms.all)} named={sorted(nterms.named)}")
            if missing:
                lines.append(f"  named but never mentioned: {sorted(missing)} (evidence x {factor})")
        similar = self.vectors is not None and not missing
        pairs = [p for fi in self._candidates(prep, nterms, numbers, every=similar)
                 if (p := self._score(prep, fi, nview, nterms, numbers, profile_ok,
                                      as_of, lines, factor, similar=similar)) is not None]
        kept, clashes = select(prep, pairs, nterms, self.rules.scoring, lines)
        return _NeedAnswers(tuple(to_match(prep, p, nview, "benefit") for p in kept),
                            tuple(to_match(prep, p, nview, "benefit") for p in clashes),
                            frozenset(prep.views[p.fi].id for p in pairs if p.denies))

    def _candidates(self, prep: PreparedFlier, nterms: Terms, numbers: cons.NeedNumbers,
                    *, every: bool = False) -> list[int]:
        """Features sharing a term with the need, and those carrying a value its numbers can
        be checked against (a price can answer a budget without a shared word); ``every``
        feature when similarity of meaning may answer the need."""
        if every:
            return list(range(len(prep.views)))
        found: set[int] = set()
        for term in nterms.all:
            found.update(prep.postings.get(term, ()))
        for kind in numbers.value_kinds:
            found.update(prep.by_kind.get(kind, ()))
        return sorted(found)

    def _rules_for(self, fcats: frozenset[str], ncats: frozenset[str]) -> tuple[Rule, ...]:
        """The rules indexed under any (feature category, need category) of a pair, in file order."""
        key = (fcats, ncats)
        found = self._for_pair.get(key)
        if found is None:
            seen: dict[str, Rule] = {}
            for fc in (*fcats, None):
                for nc in (*ncats, None):
                    for r in self._index.get((fc, nc), ()):
                        seen[r.id] = r
            found = self._for_pair[key] = tuple(sorted(seen.values(), key=lambda r: r.order))
        return found

    @staticmethod
    def _profile_holds(rule: Rule, profile_ok: dict[str, bool]) -> bool:
        """Profile conditions are the same for every pair: evaluated once per match."""
        return rule.profile is None or profile_ok[rule.id]

    def _score(self, prep: PreparedFlier, fi: int, nview: NeedView, nterms: Terms, numbers: cons.NeedNumbers,
               profile_ok: dict[str, bool], as_of: dt.date,
               lines: list[str] | None, factor: float = 1.0, *, similar: bool = False) -> Pair | None:
        """One candidate pair, scored, or None when no rule keeps it. ``similar``: whether
        similarity of meaning may stand in for the words (not when the need names a system
        or standard that no feature mentions: a feature about another system is no answer)."""
        view = prep.views[fi]
        ev = evidence(nterms, prep.terms[fi], prep.idf, prep.default_idf, discount=prep.title,
                      boost=prep.labels[fi])
        sim = None
        if similar and self.vectors is not None:
            # Meaning without shared words: the similarity, weighed, stands in for evidence
            # when it says more (and the explanation says so).
            sim = self.vectors.similarity(nview.text, view.text)
            lifted = self.rules.scoring.similarity_weight * sim
            if lifted > ev.score and sim >= self.rules.scoring.min_similarity:
                ev = attrs.evolve(ev, score=lifted, similarity=sim)
        if factor != 1.0:
            ev = attrs.evolve(ev, score=ev.score * factor)
        checks = cons.check_pair(numbers, prep.flier.features[fi], as_of, prep.base)
        head = "" if lines is None else (
            f"  {view.id} [{','.join(sorted(view.category))}] evidence={ev.score:.2f}"
            + ("" if sim is None else f" similarity={sim:.2f}"))
        if ev.score < self.rules.scoring.min_evidence and not cons.is_topical(checks):
            # Too little to be kept whatever the rules say: skip them (cost grows with matches).
            if lines is not None:
                lines.append(f"{head} skipped")
            return None
        # An ended offer contradicts any need; otherwise only the need's own numbers decide.
        outcome = cons.combine([c for c in checks if c.kind != "offer" or c.outcome is cons.Outcome.EXCEEDS])
        pair = PairView(ev.score, ev.shared, ev.named, frozenset(c[1:] for c in ev.concepts),
                        str(outcome) if outcome else None,
                        denied_terms(view.text, nview.text, ev.shared))
        fired: list[Rule] = []
        for rule in self._rules_for(view.category, nview.category):
            if (self._profile_holds(rule, profile_ok)
                    and (rule.feature is None or rule.feature(view)) and (rule.need is None or rule.need(nview))
                    and (rule.pair is None or rule.pair(pair))):
                fired.append(rule)
                if self.rules.hit_policy == "first":
                    break
        if lines is not None:
            lines.append(f"{head} shared={sorted(ev.shared | ev.concepts)} rules={[r.id for r in fired]} "
                         f"constraint={outcome}")
        if not fired:
            return None
        rule, positive, penalty = hit(fired, self.rules)
        s = self.rules.scoring
        score = s.rule_weight * positive + s.evidence_weight * ev.score + penalty
        if outcome is cons.Outcome.FITS:
            score += s.fit_bonus
        return Pair(fi, max(0.0, min(1.0, score)), rule, tuple(fired), ev, checks, outcome, penalty,
                    bool(pair.denied))

    def _advantage_matches(self, prep: PreparedFlier, profile_ok: dict[str, bool],
                           used: frozenset[str], as_of: dt.date, lines: list[str] | None) -> tuple[Match, ...]:
        """Features no stated need asked for that an advantage rule says are worth raising."""
        limit = self.rules.scoring.max_advantages
        if not self._advantages or limit == 0:
            return ()
        by_feature: dict[int, list[Rule]] = {}
        for r in self._advantages:
            if not self._profile_holds(r, profile_ok):
                continue
            accepted = prep.advantages.get(r.id)
            if accepted is None:  # feature conditions do not depend on the prospect: once per flier
                accepted = prep.advantages[r.id] = tuple(
                    i for i, v in enumerate(prep.views) if r.matches_feature(v))
            for fi in accepted:
                by_feature.setdefault(fi, []).append(r)
        found: list[Pair] = []
        for fi, fired in sorted(by_feature.items()):
            offer = cons.check_offer(prep.flier.features[fi], as_of)
            if prep.views[fi].id in used or (offer is not None and offer.outcome is cons.Outcome.EXCEEDS):
                continue  # already a benefit, or an offer that has ended
            if fired:
                rule, positive, penalty = hit(fired, self.rules)
                if positive + penalty > 0:
                    found.append(Pair(fi, min(1.0, positive + penalty), rule, tuple(fired), Evidence(0.0), (), None))
        found.sort(key=lambda p: (-p.score, p.fi))
        if lines is not None:
            lines.append(f"advantages: {[f'{prep.views[p.fi].id}:{p.rule.id}' for p in found[:limit]]}")
        return tuple(to_match(prep, p, None, "advantage") for p in found[:limit])


@attrs.frozen
class _NeedAnswers:
    kept: tuple[Match, ...]
    clashes: tuple[Match, ...]
    #: features that say the product lacks what the need asks for: never raised unasked
    denying: frozenset[str] = frozenset()
