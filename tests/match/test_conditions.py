"""The condition language: each operator with positive and negative cases, and its errors."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from benefitkit.errors import RuleError
from benefitkit.match.conditions import FieldSpec, FieldType, compile_section
from benefitkit.match.inputs import FEATURE_FIELDS, PROFILE_FIELDS, profile_field
from benefitkit.vocab import Category


@attrs.define
class Row:
    text: str | None = "Works with Shopify inventory"
    label: str | None = None
    n: float | None = 5
    tags: frozenset[str] = frozenset({"integration", "price"})
    nums: frozenset[float] = frozenset({10.0, 99.5})
    extra: Any = None


FIELDS = {
    "text": FieldSpec(FieldType.TEXT, lambda r: r.text),
    "label": FieldSpec(FieldType.TEXT, lambda r: r.label),
    "n": FieldSpec(FieldType.NUMBER, lambda r: r.n),
    "tags": FieldSpec(FieldType.SET, lambda r: r.tags),
    "category": FieldSpec(FieldType.SET, lambda r: r.tags, Category),
    "nums": FieldSpec(FieldType.NUMBERS, lambda r: r.nums),
    "extra": FieldSpec(FieldType.ANY, lambda r: r.extra),
}

CASES = [
    # (condition, row overrides, expected)
    ({"text": "works with shopify inventory"}, {}, True),
    ({"text": {"eq": "something else"}}, {}, False),
    ({"text": {"ne": "something else"}}, {}, True),
    ({"text": {"in": ["a", "Works with Shopify inventory"]}}, {}, True),
    ({"text": {"in": ["a", "b"]}}, {}, False),
    ({"text": {"contains": "SHOPIFY"}}, {}, True),
    ({"text": {"contains": "square"}}, {}, False),
    ({"text": {"matches": r"\bshop\w+"}}, {}, True),
    ({"text": {"matches": r"^inventory"}}, {}, False),
    ({"label": {"exists": False}}, {}, True),
    ({"label": {"exists": True}}, {}, False),
    ({"label": {"exists": True}}, {"label": "Price"}, True),
    ({"n": 5}, {}, True),
    ({"n": {"lt": 5}}, {}, False),
    ({"n": {"le": 5}}, {}, True),
    ({"n": {"gt": 4.5}}, {}, True),
    ({"n": {"ge": 6}}, {}, False),
    ({"n": {"between": [1, 5]}}, {}, True),
    ({"n": {"between": [6, 9]}}, {}, False),
    ({"n": {"gt": 1}}, {"n": None}, False),
    ({"n": {"ge": 1, "le": 10}}, {}, True),
    ({"n": {"ge": 1, "le": 4}}, {}, False),
    ({"tags": "price"}, {}, True),
    ({"tags": "support"}, {}, False),
    ({"tags": ["support", "integration"]}, {}, True),
    ({"tags": {"in": ["support", "usability"]}}, {}, False),
    ({"tags": {"contains": "integration"}}, {}, True),
    ({"tags": {"ne": "price"}}, {}, False),
    ({"tags": {"ge": 2}}, {}, True),
    ({"tags": {"lt": 2}}, {}, False),
    ({"tags": {"matches": "^integ"}}, {}, True),
    ({"tags": {"exists": True}}, {"tags": frozenset()}, False),
    ({"category": "price"}, {}, True),
    ({"nums": {"gt": 50}}, {}, True),
    ({"nums": {"lt": 5}}, {}, False),
    ({"nums": {"between": [9, 11]}}, {}, True),
    ({"nums": 99.5}, {}, True),
    ({"extra": {"eq": "gold"}}, {"extra": "Gold"}, True),
    ({"extra": {"ge": 3}}, {"extra": 2}, False),
    ({"extra": {"ge": 3}}, {"extra": "many"}, False),
    ({"extra": {"contains": "vip"}}, {"extra": ["vip", "new"]}, True),
    ({"any": [{"n": 1}, {"tags": "price"}]}, {}, True),
    ({"any": [{"n": 1}, {"tags": "support"}]}, {}, False),
    ({"all": [{"n": 5}, {"tags": "price"}]}, {}, True),
    ({"all": [{"n": 5}, {"tags": "support"}]}, {}, False),
    ({"not": {"text": {"contains": "square"}}}, {}, True),
    ({"not": {"n": 5}}, {}, False),
    ({"n": 5, "tags": "support"}, {}, False),
]


@pytest.mark.parametrize(("condition", "overrides", "expected"), CASES)
def test_operator_table(condition: dict[str, Any], overrides: dict[str, Any], expected: bool) -> None:
    check = compile_section("feature", condition, FIELDS)
    assert check is not None
    assert check(attrs.evolve(Row(), **overrides)) is expected


def test_empty_section_is_no_condition() -> None:
    assert compile_section("feature", {}, FIELDS) is None
    assert compile_section("feature", None, FIELDS) is None


BROKEN = [
    ({"txt": "a"}, "rule-unknown-field", "did you mean 'text'?"),
    ({"text": {"equals": "a"}}, "rule-unknown-operator", "did you mean 'eq'?"),
    ({"text": {"lt": 3}}, "rule-wrong-type", "does not apply"),
    ({"n": {"lt": "three"}}, "rule-wrong-type", "takes a number"),
    ({"n": {"between": [1]}}, "rule-wrong-type", "[low, high]"),
    ({"n": "five"}, "rule-wrong-type", "expected a number"),
    ({"text": {"matches": "(unclosed"}}, "rule-bad-regex", "bad regular expression"),
    ({"text": {"in": []}}, "rule-wrong-type", "non-empty list"),
    ({"label": {"exists": "yes"}}, "rule-wrong-type", "true or false"),
    ({"category": "integraton"}, "rule-unknown-name", "did you mean 'integration'?"),
    ({"any": {"n": 1}}, "rule-wrong-type", "non-empty list"),
    ({"text": {}}, "rule-wrong-type", "empty test"),
]


@pytest.mark.parametrize(("condition", "code", "words"), BROKEN)
def test_broken_conditions_fail_when_compiled(condition: dict[str, Any], code: str, words: str) -> None:
    with pytest.raises(RuleError) as info:
        compile_section("feature", condition, FIELDS, path="mine.yml", line=7)
    err = info.value
    assert err.code == code
    assert err.path == "mine.yml"
    assert err.row == 7
    assert words in str(err)


def test_feature_fields_cover_values() -> None:
    assert {"category", "label", "text", "terms", "value_kinds", "values.money.amount"} <= set(FEATURE_FIELDS)


def test_custom_profile_fields_resolve() -> None:
    spec = profile_field("custom.tier.level")
    assert spec is not None
    view = attrs.make_class("V", ["custom"])({"tier": {"level": 3}})
    assert spec.get(view) == 3
    assert profile_field("customer") is None
    check = compile_section("profile", {"custom.tier.level": {"ge": 2}}, PROFILE_FIELDS, resolve=profile_field)
    assert check is not None and check(view)
