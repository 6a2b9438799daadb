"""The closed vocabularies every stage shares (see DESIGN.md)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["BlockKind", "Category", "NeedCategory", "ValueKind"]


class Category(StrEnum):
    """What a flier feature is about."""

    PRICE = "price"
    SIZE = "size"
    ADD_ON = "add_on"
    AVAILABILITY = "availability"
    DEADLINE = "deadline"
    HOW_TO_BUY = "how_to_buy"
    SUPPORT = "support"
    INTEGRATION = "integration"
    PERFORMANCE = "performance"
    COMPLIANCE = "compliance"
    USABILITY = "usability"
    DURABILITY = "durability"
    CAPABILITY = "capability"


class NeedCategory(StrEnum):
    """What a buyer wants, in the value-driver taxonomy."""

    SAVE_TIME = "save_time"
    CUT_COST = "cut_cost"
    FIT_BUDGET = "fit_budget"
    MEET_DEADLINE = "meet_deadline"
    REDUCE_RISK = "reduce_risk"
    COMPLIANCE = "compliance"
    COMPATIBILITY = "compatibility"
    FIT_SPEC = "fit_spec"
    EASE_OF_USE = "ease_of_use"
    SCALE = "scale"
    PERFORMANCE = "performance"
    SUPPORT = "support"
    GROW_REVENUE = "grow_revenue"


class ValueKind(StrEnum):
    """The kinds of normalised value a feature or need can carry."""

    MONEY = "money"
    QUANTITY = "quantity"
    DURATION = "duration"
    DATE = "date"
    PERCENT = "percent"


class BlockKind(StrEnum):
    """The structural kinds of a document block."""

    HEADING = "heading"
    BULLET = "bullet"
    KEY_VALUE = "key_value"
    TABLE_ROW = "table_row"
    PARAGRAPH = "paragraph"
