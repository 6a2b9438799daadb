"""benefitkit: turn a flier's features into benefits for one specific prospect.

The public API is re-exported here. Heavy modules (spaCy, PDF and DOCX readers) load on
first use, so ``import benefitkit`` stays fast for tools that only need the models.
"""

from __future__ import annotations

from typing import Any

from benefitkit._lazy import lazy_getattr

__version__ = "0.1.0"

# name -> module that defines it
_EXPORTS = {
    "AccountResult": "benefitkit.batch",
    "Benefit": "benefitkit.render",
    "BenefitkitError": "benefitkit.errors",
    "Category": "benefitkit.vocab",
    "check_claims": "benefitkit.lint",
    "Document": "benefitkit.read",
    "Engine": "benefitkit.engine",
    "EngineSpec": "benefitkit.engine",
    "Extractor": "benefitkit.extract",
    "Feature": "benefitkit.model",
    "Flier": "benefitkit.model",
    "InputError": "benefitkit.errors",
    "lint_text": "benefitkit.lint",
    "Match": "benefitkit.match",
    "MatchResult": "benefitkit.match",
    "Need": "benefitkit.profile",
    "NeedCategory": "benefitkit.vocab",
    "parse_flier": "benefitkit.api",
    "personalize": "benefitkit.batch",
    "personalize_frame": "benefitkit.batch",
    "Profile": "benefitkit.profile",
    "ProvenanceError": "benefitkit.errors",
    "read_account_rows": "benefitkit.profile",
    "read_accounts": "benefitkit.profile",
    "read_document": "benefitkit.read",
    "RuleError": "benefitkit.errors",
    "SourceSpan": "benefitkit.model",
    "talk_track": "benefitkit.api",
    "TemplateError": "benefitkit.errors",
    "translate": "benefitkit.api",
    "Value": "benefitkit.model",
    "ValueKind": "benefitkit.vocab",
}

__all__ = sorted([*_EXPORTS, "match"])


_lazy = lazy_getattr(__name__, _EXPORTS)


def __getattr__(name: str) -> Any:
    if name == "match":
        # the subpackage, callable as the one-call match: the same object however it loads
        import importlib

        return importlib.import_module("benefitkit.match")
    return _lazy(name)




def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
