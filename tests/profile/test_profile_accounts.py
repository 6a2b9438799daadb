"""Account lists: encodings, dialects, needs columns, mappings, formats, and bad rows."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from benefitkit.errors import InputError
from benefitkit.profile import (
    ColumnMapping,
    Profile,
    RowError,
    load_mapping,
    pick_mapping,
    read_accounts,
)

REF = dt.date(2026, 1, 1)
SF_HEADER = "Account Name,Industry,NumberOfEmployees,BillingCity,BillingState,BillingCountry,Contact Name,Contact Title,Needs,Budget,Timeline,Current Vendor"


def read(path: Path, **kw: object) -> tuple[list[Profile], list[RowError]]:
    profiles: list[Profile] = []
    errors: list[RowError] = []
    for r in read_accounts(path, ref_date=REF, **kw):  # type: ignore[arg-type]
        (errors if isinstance(r, RowError) else profiles).append(r)  # type: ignore[arg-type]
    return profiles, errors


def write(tmp_path: Path, text: str, name: str = "accounts.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_salesforce_columns_load_with_no_mapping(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        SF_HEADER + "\r\n"
        'Acme Health,Healthcare,"1,200",Austin,TX,United States,Dana Ruiz,CIO,'
        '"Works with Epic; HIPAA compliant","$60,000",by Q3 2027,Contoso\r\n',
    )
    (p,), errors = read(path)
    assert errors == []
    assert p.account == "Acme Health"
    assert p.employees == 1200
    assert p.region == "Austin, TX, United States"
    assert p.contact is not None and (p.contact.name, p.contact.role) == ("Dana Ruiz", "CIO")
    assert [n.text for n in p.needs] == ["Works with Epic", "HIPAA compliant"]
    assert p.budget is not None and p.budget.amount == Decimal(60000)
    assert p.timeline is not None and (p.timeline.text, p.timeline.date) == (
        "by Q3 2027",
        dt.date(2027, 9, 30),
    )
    assert p.current_vendor == "Contoso"


def test_numeric_dates_are_month_first_in_us_accounts_unless_the_mapping_says(
        tmp_path: Path) -> None:
    # 03/04/2027: March 4 in a US export, 3 April elsewhere; a date no month can start
    # (17/01/2027, 01/17/2027) reads the same either way
    path = write(
        tmp_path,
        SF_HEADER + "\r\n"
        "Acme Health,Healthcare,12,Austin,TX,United States,Dana Ruiz,CIO,HIPAA,$600,03/04/2027,\r\n"
        "Tern Cafe,Hospitality,8,Leeds,,United Kingdom,Sam Hale,Owner,Quick setup,£600,03/04/2027,\r\n"
        "Bay Kiosks,Retail,9,,,,Ari Cole,Owner,Quick setup,$600,03/04/2027,\r\n"
        "Koala Co,Retail,9,Sydney,NSW,Australia,Mel Hart,Owner,Quick setup,$600,03/04/2027,\r\n"
        "Dune Ltd,Retail,9,,,,Jo Page,Owner,Quick setup,,03/04/2027,\r\n"
        "Late Co,Retail,9,,,,Lu Fay,Owner,Quick setup,£600,01/17/2027,\r\n",
    )
    march, april = dt.date(2027, 3, 4), dt.date(2027, 4, 3)
    profiles, errors = read(path)
    assert errors == []
    assert [p.timeline.date for p in profiles if p.timeline] == [
        march, april, march, april, april, dt.date(2027, 1, 17)]
    assert profiles[0].timeline is not None and profiles[0].timeline.text == "03/04/2027"
    for dates, day in (("day-first", april), ("month-first", march)):
        mapping = load_mapping("salesforce").model_copy(update={"dates": dates})
        read_back = [p.timeline.date for p in read(path, mapping=mapping)[0] if p.timeline]
        assert read_back[:5] == [day] * 5


def test_utf8_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "Account Name,Needs\nCafé Olé,Fast setup\n", encoding="utf-8-sig")
    (p,), _ = read(path)
    assert p.account == "Café Olé"


def test_cp1252(tmp_path: Path) -> None:
    path = write(
        tmp_path, "Account Name;Needs;Budget\nCafé Müller;Fast setup;€12,000\n", encoding="cp1252"
    )
    (p,), errors = read(path)
    assert errors == []
    assert p.account == "Café Müller"
    assert p.budget is not None and p.budget.currency == "EUR"


def test_one_cp1252_line_in_a_utf8_file_costs_one_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        "Account Name,Needs\nZoë Ltd,Fast\n".encode() + "Renée SA,Cheap\n".encode("cp1252")
    )
    profiles, _ = read(path)
    assert [p.account for p in profiles] == ["Zoë Ltd", "Renée SA"]


@pytest.mark.parametrize("delimiter", [";", "\t", "|", ","])
def test_dialect_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    rows = [
        ["Account Name", "Description", "Needs"],
        ["Acme", "Shops, cafés", "Fast setup"],
        ["Beta", "Labs", "Cheap"],
    ]
    text = "".join(
        delimiter.join(f'"{c}"' if "," in c and delimiter == "," else c for c in r) + "\n"
        for r in rows
    )
    profiles, errors = read(write(tmp_path, text))
    assert errors == []
    assert [p.description for p in profiles] == ["Shops, cafés", "Labs"]


def test_needs_split_on_semicolon_pipe_and_newline(tmp_path: Path) -> None:
    path = write(
        tmp_path, 'Account Name,Needs,Description\nAcme,"One; Two | Three\nFour",has; semicolons\n'
    )
    (p,), _ = read(path)
    assert [n.text for n in p.needs] == ["One", "Two", "Three", "Four"]
    assert p.description == "has; semicolons"


def test_numbered_need_and_priority_columns(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Account Name,Need 1,Priority 1,Need 2,Priority 2,Need 3\n"
        "Acme,Works offline,high,Under $5k,2,\n",
    )
    (p,), errors = read(path)
    assert errors == []
    assert [(n.text, n.priority) for n in p.needs] == [("Works offline", 5), ("Under $5k", 2)]


def test_row_numbers_count_records_with_header_as_row_1(tmp_path: Path) -> None:
    path = write(tmp_path, 'Account Name,Needs\nA,"multi\nline"\n\nB,\nC,ok\n')
    profiles, errors = read(path)
    assert [p.account for p in profiles] == ["A", "C"]
    assert [(e.row, e.column, e.error.code) for e in errors] == [(4, "Needs", "no-needs")]


BAD_ROWS = (
    SF_HEADER + "\n"
    "Good One,Gov,10,X,Y,Z,Ann,CIO,Fast setup,$1,2027-01-01,V\n"
    "Bad Budget,Gov,10,X,Y,Z,Ann,CIO,Fast setup,pending vote,2027-01-01,V\n"
    "Bad Date,Gov,10,X,Y,Z,Ann,CIO,Fast setup,$1,2027-02-30,V\n"
    ",Gov,10,X,Y,Z,Ann,CIO,Fast setup,$1,2027-01-01,V\n"
    "Short Row,Gov,10,X,Y,Z,Ann,CIO,Fast setup\n"
    "No Needs,Gov,10,X,Y,Z,Ann,CIO,,$1,2027-01-01,V\n"
    "Long Row,Gov,10,X,Y,Z,Ann,CIO,Fast,$1,2027-01-01,V,extra\n"
    "Bad Count,Gov,lots,X,Y,Z,Ann,CIO,Fast setup,$1,2027-01-01,V\n"
    "Good Two,Gov,10,X,Y,Z,Ann,CIO,Fast setup,$0,2027-01-01,\n"
)


def test_each_bad_row_is_an_error_record_and_the_rest_load(tmp_path: Path) -> None:
    path = write(tmp_path, BAD_ROWS)
    profiles, errors = read(path)
    assert [p.account for p in profiles] == ["Good One", "Good Two"]
    got = [(e.row, e.column, e.value, e.error.code, e.account) for e in errors]
    assert got == [
        (3, "Budget", "pending vote", "bad-money", "Bad Budget"),
        (4, "Timeline", "2027-02-30", "bad-date", "Bad Date"),
        (5, "Account Name", None, "missing-field", None),
        (6, "Budget", None, "short-row", "Short Row"),
        (7, "Needs", "", "no-needs", "No Needs"),
        (8, None, "extra", "long-row", "Long Row"),
        (9, "NumberOfEmployees", "lots", "wrong-type", "Bad Count"),
    ]
    for e in errors:
        assert e.error.path == str(path) and e.error.row == e.row
        assert f"{path}:{e.row}" in str(e)
        assert json.dumps(e.to_json())


def test_bad_priority_names_the_priority_column(tmp_path: Path) -> None:
    path = write(tmp_path, "Account Name,Need 1,Priority 1\nAcme,Fast,urgent\n")
    _, (e,) = read(path)
    assert (e.row, e.column, e.value, e.error.code) == (2, "Priority 1", "urgent", "bad-priority")


def test_file_with_no_header(tmp_path: Path) -> None:
    path = write(tmp_path, "Acme,Healthcare,Fast setup\nBeta,Retail,Cheap\n")
    with pytest.raises(InputError) as info:
        read_accounts(path)
    assert (info.value.code, info.value.row, info.value.path) == ("no-header", 1, str(path))


def test_header_without_an_account_column_suggests_one(tmp_path: Path) -> None:
    path = write(tmp_path, "Acount Nme,Needs\nAcme,Fast\n")
    with pytest.raises(InputError) as info:
        read_accounts(path)
    assert info.value.code == "missing-column"
    assert info.value.hint == "Did you mean 'Acount Nme'?"


@pytest.mark.parametrize("mapping", ["hubspot", "salesforce"])
def test_a_contact_name_is_joined_from_first_and_last_names(tmp_path: Path, mapping: str) -> None:
    header = "Company name" if mapping == "hubspot" else "Account Name"
    path = write(tmp_path, f"{header},First Name,Last Name,Job Title,Needs\n"
                           "Harbor Foods,Dana,Ruiz,CFO,Need SSO through Okta\nSolo Co,,Lee,,Fast\n")
    (harbor, solo), errors = read(path, mapping=mapping)
    assert not errors
    assert (harbor.contact.name, harbor.contact.role) == ("Dana Ruiz", "CFO")
    assert solo.contact.name == "Lee"


def test_a_header_without_a_needs_column_is_one_error_for_the_file(tmp_path: Path) -> None:
    rows = "".join(f"Acme {i},note {i}\n" for i in range(500))
    path = write(tmp_path, "Account Name,Neds\n" + rows)
    with pytest.raises(InputError) as info:
        read_accounts(path)
    err = info.value
    assert (err.code, err.row, err.path) == ("missing-column", 1, str(path))
    assert "needs" in str(err) and err.hint == "Did you mean 'Neds'?"
    with pytest.raises(InputError) as info:  # no far-fetched suggestion
        read_accounts(write(tmp_path, "Account,Industry,Notes\nAcme,Retail,x\n"))
    assert info.value.hint == "Map 'needs' in a mapping file"


def test_a_column_read_twice_is_refused_but_an_unread_one_is_not(tmp_path: Path) -> None:
    path = write(tmp_path, "Account Name,Needs,NEEDS\nDup,Must sync with Xero,Need SSO\n")
    with pytest.raises(InputError) as info:
        read_accounts(path)
    err = info.value
    assert (err.code, err.row, err.field, err.path) == ("duplicate-column", 1, "Needs", str(path))
    assert "columns 2, 3" in str(err)
    assert "'Needs' columns" in (err.hint or "")
    (ok,), errors = read(write(tmp_path, "Account Name,Needs,Notes,Notes\nAcme,Fast,a,b\n"))
    assert not errors and [n.text for n in ok.needs] == ["Fast"]


@pytest.mark.parametrize("text", ["", "\n\n", ",,,\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    with pytest.raises(InputError) as info:
        read_accounts(write(tmp_path, text))
    assert info.value.code == "empty-file"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_accounts(tmp_path / "nope.csv")
    assert info.value.code == "unreadable-file"


def test_reading_is_lazy(tmp_path: Path) -> None:
    path = write(tmp_path, "Account Name,Needs\n" + "".join(f"A{i},Fast\n" for i in range(1000)))
    records = read_accounts(path)
    assert isinstance(records, Iterator)
    first = next(records)
    assert isinstance(first, Profile) and first.account == "A0"


HUBSPOT = (
    "Record ID,Company name,Company Domain Name,Industry,Number of Employees,Annual Revenue,City,"
    "State/Region,Country/Region,Description,Needs\n"
    "123,Globex,globex.com,Retail,250,1000000,Lyon,,France,Shops,Fast checkout; Works with Shopify\n"
)


def test_hubspot_export_picks_the_hubspot_preset(tmp_path: Path) -> None:
    path = write(tmp_path, HUBSPOT)
    assert pick_mapping(HUBSPOT.splitlines()[0].split(",")).name == "hubspot"
    (p,), _ = read(path)
    assert (p.account, p.employees, p.region) == ("Globex", 250, "Lyon, France")
    assert p.custom == {"record_id": "123", "domain": "globex.com", "annual_revenue": "1000000"}


def test_user_mapping_file_extends_a_preset(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "extends: salesforce\ncolumns:\n  account: Client\n  custom.tier: Tier\nneeds: [Wants]\n"
    )
    path = write(tmp_path, "Client,Wants,Tier,Budget\nAcme,Fast | Cheap,Gold,USD 100\n")
    (p,), errors = read(path, mapping=str(mapping))
    assert errors == []
    assert (p.account, [n.text for n in p.needs], p.custom, p.budget is not None) == (
        "Acme",
        ["Fast", "Cheap"],
        {"tier": "Gold"},
        True,
    )


def test_mapping_object_and_preset_name(tmp_path: Path) -> None:
    path = write(tmp_path, "Org,Asks\nAcme,Fast\n")
    mapping = ColumnMapping(columns={"account": ("Org",)}, needs=("Asks",))
    assert read(path, mapping=mapping)[0][0].account == "Acme"
    with pytest.raises(InputError) as info:
        read_accounts(path, mapping="salesfroce")
    assert (info.value.code, info.value.hint) == ("unknown-mapping", "Did you mean 'salesforce'?")


@pytest.mark.parametrize(
    ("yaml_text", "code", "field"),
    [
        ("columns:\n  acount: Name\n", "invalid-value", "columns"),
        ("colums:\n  account: Name\n", "unknown-key", "colums"),
        ("need_pattern: Need\n", "invalid-value", "need_pattern"),
    ],
)
def test_bad_mapping_file(tmp_path: Path, yaml_text: str, code: str, field: str) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text(yaml_text)
    with pytest.raises(InputError) as info:
        ColumnMapping.from_file(mapping)
    assert (info.value.code, info.value.field) == (code, field)
    assert info.value.path == str(mapping)


def test_presets_load() -> None:
    for name in ("salesforce", "hubspot"):
        assert load_mapping(name).name == name


def test_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        ["Account Name", "NumberOfEmployees", "Needs", "Budget", "Timeline", "Current Vendor"]
    )
    ws.append(["Acme", 120, "Fast; Cheap", 25000, dt.datetime(2027, 3, 1), "Contoso"])
    ws.append(["Beta", 5.0, "Simple", "USD 900"])  # trailing cells absent, as Excel writes them
    ws.append(["Gamma", 5, "Simple", 900])  # a budget number with no currency format
    ws.cell(row=2, column=4).number_format = '"$"#,##0'
    path = tmp_path / "accounts.xlsx"
    wb.save(path)
    profiles, errors = read(path)
    assert [p.account for p in profiles] == ["Acme", "Beta"]
    acme = profiles[0]
    assert acme.budget is not None and (acme.budget.amount, acme.budget.currency) == (
        Decimal(25000),
        "USD",
    )
    assert acme.timeline is not None and acme.timeline.date == dt.date(2027, 3, 1)
    assert profiles[1].employees == 5
    assert [(e.row, e.column, e.error.code) for e in errors] == [(4, "Budget", "bad-money")]


def test_not_really_xlsx(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_accounts(write(tmp_path, "just text", name="a.xlsx"))
    assert info.value.code == "bad-xlsx"


def test_jsonl_profiles_and_column_rows(tmp_path: Path) -> None:
    lines = [
        json.dumps({"account": "Acme", "needs": ["Fast"], "budget": "$5,000"}),
        "",
        "{not json",
        json.dumps({"Account Name": "Beta", "Needs": "Cheap; Simple", "NumberOfEmployees": 12}),
        json.dumps({"account": "Gamma", "needs": ["x"], "budgte": 1}),
        json.dumps(["a list"]),
        json.dumps({"Whatever": 1}),
    ]
    path = write(tmp_path, "\n".join(lines) + "\n", name="accounts.jsonl")
    profiles, errors = read(path)
    assert [p.account for p in profiles] == ["Acme", "Beta"]
    assert profiles[1].employees == 12 and len(profiles[1].needs) == 2
    assert [(e.row, e.error.code) for e in errors] == [
        (3, "bad-json"),
        (5, "unknown-key"),
        (6, "not-an-object"),
        (7, "no-header"),
    ]
    assert errors[1].error.hint == "Did you mean 'budget'?"


def test_format_is_sniffed_when_the_suffix_says_nothing(tmp_path: Path) -> None:
    jsonl = write(tmp_path, json.dumps({"account": "A", "needs": ["x"]}) + "\n", name="export.dat")
    csvf = write(tmp_path, "Account Name,Needs\nB,y\n", name="export2.dat")
    assert read(jsonl)[0][0].account == "A"
    assert read(csvf)[0][0].account == "B"
