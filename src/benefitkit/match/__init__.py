"""The rule engine: which feature answers which need, and why.

Example:
    >>> from benefitkit.match import Matcher
    >>> matcher = Matcher()              # the default rule pack, compiled and indexed once
    >>> # result = matcher.match(flier, profile, as_of=datetime.date(2026, 1, 1))

With the ``semantic`` extra, ``Matcher(similarity=SentenceSimilarity())`` also meets needs
written in words the flier does not use.
"""

from benefitkit.match.constraints import ConstraintCheck, Outcome
from benefitkit.match.matcher import Matcher
from benefitkit.match.result import Match, MatchResult
from benefitkit.match.rules import Rule, RuleSet, Scoring, load_rules, parse_rules
from benefitkit.match.vectors import SentenceSimilarity, Similarity

__all__ = [
    "ConstraintCheck",
    "Match",
    "MatchResult",
    "Matcher",
    "Outcome",
    "Rule",
    "RuleSet",
    "Scoring",
    "SentenceSimilarity",
    "Similarity",
    "load_rules",
    "parse_rules",
]
