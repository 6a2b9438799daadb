"""Properties: loaders raise only our errors; valid profiles round-trip through JSON and YAML."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benefitkit.errors import InputError
from benefitkit.profile import Profile, RowError, read_accounts
from benefitkit.vocab import NeedCategory

FIELDS = [
    "account",
    "contact",
    "industry",
    "employees",
    "size",
    "region",
    "description",
    "budget",
    "timeline",
    "current_vendor",
    "objections",
    "needs",
    "custom",
]
SF_HEADER = [
    "Account Name",
    "Industry",
    "NumberOfEmployees",
    "Description",
    "Contact Name",
    "Contact Title",
    "Needs",
    "Budget",
    "Timeline",
    "Current Vendor",
    "Need 1",
    "Priority 1",
]
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

json_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
)
json_values = st.recursive(
    json_scalars,
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3),
    max_leaves=8,
)
loose_values = (
    json_values
    | st.dates()
    | st.sampled_from(["$60,000", "by Q3 2027", "high", "2027-02-30", "USD", "1,100"])
)


@SETTINGS
@given(st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), loose_values, max_size=8))
def test_arbitrary_profile_dicts_raise_only_input_error(data: dict[str, Any]) -> None:
    try:
        Profile.from_data(data)
    except InputError as exc:
        assert exc.code and str(exc)


@SETTINGS
@given(json_values)
def test_arbitrary_values_raise_only_input_error(data: Any) -> None:
    with contextlib.suppress(InputError):
        Profile.from_data(data)


cell = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=25
) | st.sampled_from(
    ["$60,000", "pending", "2027-02-30", "by Q3", "high", "7", "Fast; Cheap | Simple", ""]
)


@SETTINGS
@given(st.lists(st.lists(cell, min_size=0, max_size=len(SF_HEADER) + 2), max_size=6))
def test_arbitrary_rows_give_profiles_or_row_errors(tmp_path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(SF_HEADER)
    writer.writerows(rows)
    path = tmp_path / "rows.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    for record in read_accounts(path):
        assert isinstance(record, Profile | RowError)
        if isinstance(record, RowError):
            assert record.row >= 2 and record.error.code


@SETTINGS
@given(st.binary(max_size=300), st.sampled_from(["a.csv", "a.jsonl", "a.xlsx", "a.dat"]))
def test_arbitrary_bytes_raise_only_input_error(tmp_path: Path, raw: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(raw)
    try:
        for record in read_accounts(path):
            assert isinstance(record, Profile | RowError)
    except InputError as exc:
        assert exc.path == str(path)


# --------------------------------------------------------------------------- round trips

text = st.text(st.characters(categories=["L", "N", "P", "S"]), min_size=1, max_size=20) | st.text(
    st.sampled_from("abc XYZ-,.;'é€"), min_size=1, max_size=20
).filter(lambda s: s.strip())
money = st.fixed_dictionaries(
    {
        "amount": st.decimals(min_value=0, max_value=10**9, places=2),
        "currency": st.sampled_from(["USD", "EUR", "JPY"]),
    },
    optional={"period": st.sampled_from(["year", "month"])},
)
timeline = st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)) | st.sampled_from(
    ["by Q3 2027", "before the March store openings", "when budget allows", "by Q2"]
)
need = text | st.fixed_dictionaries(
    {"text": text},
    optional={
        "priority": st.integers(1, 5) | st.sampled_from(["high", "medium", "low"]),
        "categories": st.lists(st.sampled_from(list(NeedCategory)), max_size=2),
    },
)
custom = st.dictionaries(
    st.text(st.characters(categories=["L"]), min_size=1, max_size=8),
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | text,
    max_size=3,
)
profiles = st.fixed_dictionaries(
    {"account": text, "needs": st.lists(need, min_size=1, max_size=4)},
    optional={
        "contact": st.fixed_dictionaries({}, optional={"name": text, "role": text}),
        "industry": text,
        "employees": st.integers(0, 10**7),
        "region": text,
        "description": text,
        "budget": money,
        "timeline": timeline,
        "current_vendor": text,
        "objections": st.lists(text, max_size=2),
        "custom": custom,
    },
)


@SETTINGS
@given(profiles)
def test_valid_profiles_round_trip_through_json(data: dict[str, Any]) -> None:
    profile = Profile.from_data(data)
    again = Profile.from_data(json.loads(json.dumps(profile.model_dump(mode="json"))))
    assert again == profile


@SETTINGS
@given(profiles)
def test_valid_profiles_round_trip_through_yaml(data: dict[str, Any]) -> None:
    profile = Profile.from_data(data)
    dumped = yaml.safe_dump(profile.model_dump(mode="json"), allow_unicode=True)
    assert Profile.from_data(yaml.safe_load(dumped)) == profile


@SETTINGS
@given(profiles)
def test_json_output_with_analysis_loads_back(data: dict[str, Any]) -> None:
    profile = Profile.from_data(data)
    again = Profile.from_data(json.loads(json.dumps(profile.to_json())))
    assert [n.to_json() for n in again.needs] == [n.to_json() for n in profile.needs]
    assert again.budget == profile.budget and again.timeline == profile.timeline


def test_money_amount_keeps_its_value_through_json() -> None:
    p = Profile.from_data(
        {
            "account": "A",
            "needs": ["x"],
            "budget": {"amount": "0.1000000000000000055511151231257827", "currency": "USD"},
        }
    )
    again = Profile.from_data(json.loads(json.dumps(p.model_dump(mode="json"))))
    assert again.budget is not None and again.budget.amount == Decimal(
        "0.1000000000000000055511151231257827"
    )
