"""The rule engine: which feature answers which need, and why.

Example:
    >>> from benefitkit.match import Matcher
    >>> matcher = Matcher()              # the default rule pack, compiled and indexed once
    >>> # result = matcher.match(flier, profile, as_of=datetime.date(2026, 1, 1))

With the ``semantic`` extra, ``Matcher(similarity=SentenceSimilarity())`` also meets needs
written in words the flier does not use.
"""

import sys
import types
from typing import Any

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


class _CallableModule(types.ModuleType):
    """This package, callable as the one-call ``benefitkit.match(flier, profile, ...)``.

    Importing a subpackage sets it on its parent, so ``benefitkit.match`` is this module
    once it has loaded: calling it is calling ``benefitkit.api.match``, and ``import
    benefitkit.match as m`` still gives the module.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from benefitkit.api import match

        return match(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
