"""Keeping sales and marketing honest: the benefit linter and the claim check.

``lint_text`` classes each sentence of any text as a feature, an advantage or a benefit for
one buyer, with the reason and the missing bridge; ``check_claims`` flags every claim in a
draft (numbers, prices, discounts, dates, deadlines, guarantees, certifications,
integrations, superlatives) that the flier, or a comparison file, does not support.

The claim check needs the value recognisers of ``benefitkit.extract`` (and so spaCy); it is
imported on first use, so the linter alone stays quick to load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from benefitkit._lazy import lazy_getattr
from benefitkit.lint.classify import (
    Buyer,
    Classification,
    LintReport,
    classify_sentence,
    lint_text,
)

if TYPE_CHECKING:
    from benefitkit.lint.claims import Claim, ClaimReport, check_claims
    from benefitkit.lint.comparison import Comparison, ComparisonFact, load_comparison

__all__ = [
    "Buyer",
    "Claim",
    "ClaimReport",
    "Classification",
    "Comparison",
    "ComparisonFact",
    "LintReport",
    "check_claims",
    "classify_sentence",
    "lint_text",
    "load_comparison",
]

_LAZY = {
    "Claim": "benefitkit.lint.claims",
    "ClaimReport": "benefitkit.lint.claims",
    "check_claims": "benefitkit.lint.claims",
    "Comparison": "benefitkit.lint.comparison",
    "ComparisonFact": "benefitkit.lint.comparison",
    "load_comparison": "benefitkit.lint.comparison",
}


__getattr__ = lazy_getattr(__name__, _LAZY)
