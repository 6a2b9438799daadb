"""Profile models: strict keys with suggestions, loose input forms, and errors that say where."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from benefitkit.errors import InputError
from benefitkit.profile import Contact, Money, Need, Profile, Timeline

REF = dt.date(2026, 1, 1)
FIXTURES = Path(__file__).parent / "fixtures"


def load(data: object) -> Profile:
    return Profile.from_data(data, ref_date=REF, path="p.yaml")


def test_design_example_loads(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        """\
account: Northwind Clinics
contact: {name: Dana Ruiz, role: IT Director}
industry: healthcare
employees: 120
budget: {amount: 25000, currency: USD}
timeline: 2027-03-01
current_vendor: Contoso
needs:
  - text: Roll out to 14 clinics before March
    priority: high
  - text: Must work with our Epic EHR
  - Keep patient data HIPAA compliant
objections:
  - Nurses have no time for training
custom:
  crm_id: 001Ax
""",
        encoding="utf-8",
    )
    p = Profile.from_file(path, ref_date=REF)
    assert p.account == "Northwind Clinics"
    assert p.contact == Contact(name="Dana Ruiz", role="IT Director")
    assert p.budget == Money(amount=Decimal(25000), currency="USD")
    assert p.timeline is not None and p.timeline.date == dt.date(2027, 3, 1)
    assert [n.text for n in p.needs][2] == "Keep patient data HIPAA compliant"
    assert p.needs[0].priority == 5 and p.needs[0].priority_label == "high"
    assert p.needs[1].priority is None
    assert p.custom == {"crm_id": "001Ax"}


def test_json_profile_loads(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"account": "A", "needs": ["Works offline"]}), encoding="utf-8")
    assert Profile.from_file(path).needs == (Need(text="Works offline"),)


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [
        ("acount", "account"),
        ("need", "needs"),
        ("current_vender", "current_vendor"),
        ("budgett", "budget"),
    ],
)
def test_unknown_top_level_key_suggests_the_field(key: str, suggestion: str) -> None:
    data = {"account": "A", "needs": ["x"], key: "y"}
    with pytest.raises(InputError) as info:
        load(data)
    err = info.value
    assert err.code == "unknown-key"
    assert err.path == "p.yaml"
    assert err.field == key
    assert err.hint == f"Did you mean {suggestion!r}?"


def test_unknown_nested_key_suggests_within_the_nested_model() -> None:
    with pytest.raises(InputError) as info:
        load({"account": "A", "needs": [{"text": "x", "priorty": 2}]})
    assert info.value.code == "unknown-key"
    assert info.value.field == "needs.0.priorty"
    assert info.value.hint == "Did you mean 'priority'?"


def test_unknown_key_with_no_close_match_points_at_custom() -> None:
    with pytest.raises(InputError) as info:
        load({"account": "A", "needs": ["x"], "favourite_colour": "teal"})
    assert info.value.hint is not None and "custom" in info.value.hint


def test_custom_is_the_one_open_mapping() -> None:
    p = load({"account": "A", "needs": ["x"], "custom": {"anything": {"nested": [1, 2]}}})
    assert p.custom["anything"] == {"nested": [1, 2]}


def test_bare_string_need_and_single_string_needs() -> None:
    assert load({"account": "A", "needs": ["Fast setup"]}).needs[0] == Need(text="Fast setup")
    assert load({"account": "A", "needs": "Fast setup"}).needs[0].text == "Fast setup"


@pytest.mark.parametrize(
    ("given", "rank", "label"),
    [
        ("high", 5, "high"),
        ("Medium", 3, "medium"),
        ("LOW", 1, "low"),
        (4, 4, "high"),
        ("2", 2, "low"),
        (3, 3, "medium"),
        # a CRM's P1 is its most urgent
        ("P1", 5, "high"),
        ("p2", 4, "high"),
        ("P5", 1, "low"),
    ],
)
def test_priorities_normalise_to_rank_and_label(given: object, rank: int, label: str) -> None:
    need = load({"account": "A", "needs": [{"text": "x", "priority": given}]}).needs[0]
    assert (need.priority, need.priority_label) == (rank, label)


@pytest.mark.parametrize("bad", ["urgent", 0, 6, True, 2.5, "P0", "P6"])
def test_bad_priority_names_the_field(bad: object) -> None:
    with pytest.raises(InputError) as info:
        load({"account": "A", "needs": [{"text": "x", "priority": bad}]})
    assert info.value.field == "needs.0.priority"


@pytest.mark.parametrize(
    ("given", "amount", "currency", "period"),
    [
        ({"amount": 25000, "currency": "USD"}, 25000, "USD", None),
        ({"amount": "99.5", "currency": "eur", "period": "month"}, Decimal("99.5"), "EUR", "month"),
        ("$60,000", 60000, "USD", None),
        ("USD 250000", 250000, "USD", None),
        ("€30,000", 30000, "EUR", None),
        ("CAD 95,000", 95000, "CAD", None),
        ("$0", 0, "USD", None),
        ("$35,000/year", 35000, "USD", "year"),
    ],
)
def test_budget_forms(given: object, amount: object, currency: str, period: str | None) -> None:
    budget = load({"account": "A", "needs": ["x"], "budget": given}).budget
    assert budget == Money(amount=Decimal(str(amount)), currency=currency, period=period)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ("pending council vote", "bad-money"),
        (25000, "bad-money"),
        ("60000", "bad-money"),
        ({"amount": 10, "currency": "XXQ"}, "bad-currency"),
        ({"amount": -5, "currency": "USD"}, "out-of-range"),
        ({"amount": "lots", "currency": "USD"}, "wrong-type"),
    ],
)
def test_budget_that_is_not_money(bad: object, code: str) -> None:
    with pytest.raises(InputError) as info:
        load({"account": "A", "needs": ["x"], "budget": bad})
    assert info.value.code == code
    assert info.value.field is not None and info.value.field.startswith("budget")


def test_budget_json_form_is_a_plain_number() -> None:
    p = load({"account": "A", "needs": ["x"], "budget": "$60,000"})
    assert p.to_json()["budget"] == {"amount": 60000, "currency": "USD"}
    assert p.budget is not None and p.budget.to_value().to_json()["amount"] == 60000


@pytest.mark.parametrize(
    ("given", "text", "date"),
    [
        (dt.date(2027, 3, 1), "2027-03-01", dt.date(2027, 3, 1)),
        ("2027-03-01", "2027-03-01", dt.date(2027, 3, 1)),
        ("by Q3 2027", "by Q3 2027", dt.date(2027, 9, 30)),
        ("by Q3", "by Q3", dt.date(2026, 9, 30)),
        (
            "before the March store openings",
            "before the March store openings",
            dt.date(2026, 3, 31),
        ),
        ("when the board says yes", "when the board says yes", None),
        ({"text": "by Q2 2027"}, "by Q2 2027", dt.date(2027, 6, 30)),
        ({"text": "next spring", "date": "2027-05-31"}, "next spring", dt.date(2027, 5, 31)),
    ],
)
def test_timeline_keeps_words_and_resolves_date(
    given: object, text: str, date: dt.date | None
) -> None:
    timeline = load({"account": "A", "needs": ["x"], "timeline": given}).timeline
    assert timeline == Timeline(text=text, date=date)


@pytest.mark.parametrize(
    ("extra", "date"),
    [
        ({}, dt.date(2027, 4, 3)),  # nothing says where: day first
        ({"budget": "$5,000"}, dt.date(2027, 3, 4)),
        ({"budget": "USD 5000"}, dt.date(2027, 3, 4)),
        ({"region": "St. Louis, MO, United States"}, dt.date(2027, 3, 4)),
        ({"region": "Boston, USA", "budget": "£5,000"}, dt.date(2027, 3, 4)),
        ({"budget": "£5,000"}, dt.date(2027, 4, 3)),
        ({"region": "Sydney, NSW, Australia", "budget": "$5,000"}, dt.date(2027, 4, 3)),
        ({"region": "Brisbane, Australia"}, dt.date(2027, 4, 3)),
    ],
)
@pytest.mark.parametrize("timeline", ["03/04/2027", "live by 03/04/2027", {"text": "03/04/2027"}])
def test_a_numeric_date_is_month_first_for_an_account_in_the_us(
        extra: dict[str, str], date: dt.date, timeline: str | dict[str, str]) -> None:
    p = load({"account": "A", "needs": ["x"], "timeline": timeline, **extra})
    text = timeline["text"] if isinstance(timeline, dict) else timeline
    assert p.timeline == Timeline(text=text, date=date)


def test_a_caller_that_says_how_dates_are_written_is_followed() -> None:
    data = {"account": "A", "needs": ["x"], "timeline": "03/04/2027", "budget": "$5,000"}
    for day_first, date in ((True, dt.date(2027, 4, 3)), (False, dt.date(2027, 3, 4))):
        p = Profile.model_validate(data, context={"ref_date": dt.date(2026, 1, 1),
                                                  "day_first": day_first})
        assert p.timeline is not None and p.timeline.date == date


@pytest.mark.parametrize("bad", ["2027-02-30", "2027-13-01", "31/02/2027"])
def test_timeline_date_that_does_not_parse(bad: str) -> None:
    with pytest.raises(InputError) as info:
        load({"account": "A", "needs": ["x"], "timeline": bad})
    assert info.value.code == "bad-date"
    assert info.value.field == "timeline"
    assert info.value.value == bad


def test_timeline_json_form() -> None:
    p = load({"account": "A", "needs": ["x"], "timeline": "by Q3 2027"})
    assert p.to_json()["timeline"] == {"text": "by Q3 2027", "date": "2027-09-30"}
    p = load({"account": "A", "needs": ["x"], "timeline": "2027-03-01"})
    assert p.to_json()["timeline"] == "2027-03-01"


@pytest.mark.parametrize(
    ("data", "code", "field"),
    [
        ({"needs": ["x"]}, "missing-field", "account"),
        ({"account": "", "needs": ["x"]}, "empty-value", "account"),
        ({"account": "A"}, "missing-field", "needs"),
        ({"account": "A", "needs": []}, "empty-value", "needs"),
        ({"account": "A", "needs": [""]}, "empty-value", "needs.0.text"),
        ({"account": ["A"], "needs": ["x"]}, "wrong-type", "account"),
        ({"account": "A", "needs": ["x"], "employees": "many"}, "wrong-type", "employees"),
        ({"account": "A", "needs": ["x"], "employees": -3}, "out-of-range", "employees"),
        (
            {"account": "A", "needs": [{"text": "x", "categories": ["speed"]}]},
            "bad-choice",
            "needs.0.categories.0",
        ),
    ],
)
def test_wrong_values_name_the_field(data: object, code: str, field: str) -> None:
    with pytest.raises(InputError) as info:
        load(data)
    assert (info.value.code, info.value.field) == (code, field)
    assert "p.yaml" in str(info.value)


def test_employees_accept_digit_strings() -> None:
    assert load({"account": "A", "needs": ["x"], "employees": "1100"}).employees == 1100


def test_contact_as_a_bare_name() -> None:
    assert load({"account": "A", "needs": ["x"], "contact": "Dana Ruiz"}).contact == Contact(
        name="Dana Ruiz"
    )


def test_need_analysis_is_attached_and_overridable() -> None:
    p = load(
        {
            "account": "A",
            "needs": ["Keep it under $5,000 a month", {"text": "x", "categories": ["support"]}],
        }
    )
    first = p.to_json()["needs"][0]
    assert first["categories"][0] == "fit_budget"
    assert first["constraints"][0]["kind"] == "budget"
    assert p.needs[1].analysis.categories == ("support",)


def test_to_json_output_loads_back() -> None:
    p = load(
        {
            "account": "A",
            "needs": ["Must integrate with Salesforce by 2027-06-30"],
            "timeline": "by Q3 2027",
        }
    )
    again = load(p.to_json())
    assert again.needs[0].analysis.to_json() == p.needs[0].analysis.to_json()
    assert again.timeline == p.timeline


def test_ref_date_reaches_the_needs() -> None:
    p = Profile.from_data({"account": "A", "needs": ["Live by Q3"]}, ref_date=dt.date(2030, 1, 1))
    assert p.needs[0].analysis.constraints[0].value.date == dt.date(2030, 9, 30)


@pytest.mark.parametrize(
    ("name", "code", "row"),
    [
        ("bad-yaml.yaml", "bad-yaml", 2),
        ("bad-json.json", "bad-json", 1),
        ("not-a-mapping.yaml", "wrong-type", None),
        ("unknown-key.yaml", "unknown-key", None),
    ],
)
def test_broken_files_name_the_file(name: str, code: str, row: int | None) -> None:
    with pytest.raises(InputError) as info:
        Profile.from_file(FIXTURES / name)
    assert info.value.code == code
    assert info.value.path is not None and info.value.path.endswith(name)
    assert info.value.row == row


def test_missing_file() -> None:
    with pytest.raises(InputError) as info:
        Profile.from_file(FIXTURES / "nope.yaml")
    assert info.value.code == "unreadable-file"


def test_json_schema_describes_the_loose_forms() -> None:
    schema = json.dumps(Profile.model_json_schema())
    assert '"additionalProperties": false' in schema
    props = Profile.model_json_schema()["properties"]
    assert {"type": "string", "minLength": 1} in props["needs"]["items"]["anyOf"]
    assert {"type": "string", "minLength": 1} in props["budget"]["anyOf"]
    assert {"type": "string", "minLength": 1} in props["timeline"]["anyOf"]


def test_a_misspelt_required_key_is_reported_with_the_key_it_meant() -> None:
    # "acount" leaves "account" missing too: the error names the typo and what was meant
    with pytest.raises(InputError) as info:
        load({"acount": "Acme", "needs": ["Fast setup"]})
    err = info.value
    assert (err.code, err.field, err.hint) == ("unknown-key", "acount", "Did you mean 'account'?")
    with pytest.raises(InputError) as info:
        load({"needs": ["Fast setup"], "notes": "x"})
    assert info.value.code == "missing-field" and info.value.field == "account"


@pytest.mark.parametrize(
    ("name", "text", "code"),
    [("empty.yaml", "", "empty-file"), ("notes.yaml", "# to fill in\n\n", "empty-file"),
     ("empty.json", "  \n", "empty-file"), ("dashes.yaml", "---\n", "empty-file"),
     ("accounts.xlsx", "PK\x03\x04 not text \udcff", "bad-format"),
     ("accounts.csv", "Account Name,Needs\nAcme,Fast setup\n", "bad-format")],
)
def test_a_file_that_holds_no_profile_says_what_it_holds(tmp_path: Path, name: str, text: str,
                                                         code: str) -> None:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))  # \udcff: a 0xff byte
    with pytest.raises(InputError) as info:
        Profile.from_file(path)
    assert (info.value.code, info.value.path) == (code, str(path))
