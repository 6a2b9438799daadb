"""benefitkit: turn a flier's features into benefits for one specific prospect.

The public API is re-exported here. Heavy modules (spaCy, PDF and DOCX readers) load on
first use, so ``import benefitkit`` stays fast for tools that only need the models.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# name -> module that defines it
_EXPORTS = {
    "AccountResult": "benefitkit.batch",
    "BenefitkitError": "benefitkit.errors",
    "Category": "benefitkit.vocab",
    "Benefit": "benefitkit.render",
    "Document": "benefitkit.read",
    "Engine": "benefitkit.engine",
    "EngineSpec": "benefitkit.engine",
    "Match": "benefitkit.match",
    "MatchResult": "benefitkit.match",
    "Need": "benefitkit.profile",
    "Profile": "benefitkit.profile",
    "Extractor": "benefitkit.extract",
    "Feature": "benefitkit.model",
    "Flier": "benefitkit.model",
    "InputError": "benefitkit.errors",
    "NeedCategory": "benefitkit.vocab",
    "ProvenanceError": "benefitkit.errors",
    "RuleError": "benefitkit.errors",
    "SourceSpan": "benefitkit.model",
    "TemplateError": "benefitkit.errors",
    "Value": "benefitkit.model",
    "ValueKind": "benefitkit.vocab",
    "check_claims": "benefitkit.lint",
    "lint_text": "benefitkit.lint",
    "match": "benefitkit.api",
    "parse_flier": "benefitkit.api",
    "personalize": "benefitkit.batch",
    "personalize_frame": "benefitkit.batch",
    "read_accounts": "benefitkit.profile",
    "talk_track": "benefitkit.api",
    "translate": "benefitkit.api",
    "read_document": "benefitkit.read",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'benefitkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
