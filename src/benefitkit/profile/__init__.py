"""Profiles: who the prospect is, what they said they need, and what those needs mean.

Pydantic models for what users hand in (``Profile``, ``Need``, ``Contact``, ``Money``,
``Timeline``), need analysis (categories, key terms, constraints), and streaming account-list
readers with column mappings.
"""

from benefitkit.profile.accounts import RowError, read_account_rows, read_accounts
from benefitkit.profile.analysis import (
    DEFAULT_REF_DATE,
    Constraint,
    ConstraintKind,
    NeedAnalysis,
    analyse_need,
)
from benefitkit.profile.mapping import PRESETS, ColumnMapping, load_mapping, pick_mapping
from benefitkit.profile.models import Contact, Money, Need, Profile, Timeline

__all__ = [
    "DEFAULT_REF_DATE",
    "PRESETS",
    "ColumnMapping",
    "Constraint",
    "ConstraintKind",
    "Contact",
    "Money",
    "Need",
    "NeedAnalysis",
    "Profile",
    "RowError",
    "Timeline",
    "analyse_need",
    "load_mapping",
    "pick_mapping",
    "read_account_rows",
    "read_accounts",
]
