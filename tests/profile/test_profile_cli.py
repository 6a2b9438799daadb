"""``benefitkit profile check`` and ``benefitkit schema profile`` through ``cli.main``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benefitkit.cli import main

PROFILE = """\
account: Northwind Clinics
contact: {name: Dana Ruiz, role: IT Director}
budget: {amount: 25000, currency: USD}
timeline: by Q3
needs:
  - text: Roll out to 14 clinics before March 1, 2027
    priority: high
  - Must work with our Epic EHR
"""


def test_check_profile_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE)
    assert main(["profile", "check", str(path), "--json", "--as-of", "2026-01-01"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["account"] == "Northwind Clinics"
    assert out["timeline"] == {"text": "by Q3", "date": "2026-09-30"}
    first, second = out["needs"]
    assert set(first) == {"text", "priority", "categories", "terms", "constraints"}
    assert first["priority"] == 5
    assert "meet_deadline" in first["categories"]
    assert {
        "kind": "deadline",
        "value": {"kind": "date", "date": "2027-03-01", "text": "March 1, 2027"},
    } in first["constraints"]
    assert {
        "kind": "quantity",
        "value": {"kind": "quantity", "amount": 14, "unit": "clinic", "text": "14 clinics"},
    } in first["constraints"]
    assert second["categories"] == ["compatibility"]
    assert second["terms"] == ["Epic EHR"]


def test_check_profile_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE)
    assert main(["profile", "check", str(path), "--as-of", "2026-01-01"]) == 0
    out = capsys.readouterr().out
    assert "Northwind Clinics" in out and "compatibility" in out and "budget: 25,000 USD" in out


def test_check_bad_profile_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE + "curent_vendor: Contoso\n")
    assert main(["profile", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert (
        "[unknown-key]" in err
        and "curent_vendor" in err
        and "Did you mean 'current_vendor'?" in err
    )


ACCOUNTS = "Account Name,Needs,Budget\nAcme,Fast setup; Works with Okta,$5000\nBeta,Cheap,pending\nGamma,,\n"


def test_check_account_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.csv"
    path.write_text(ACCOUNTS)
    assert main(["profile", "check", str(path)]) == 2
    out = capsys.readouterr().out
    assert "Acme" in out and "Works with Okta" in out
    assert "row 3 (Beta)" in out and "[bad-money]" in out
    assert "row 4 (Gamma)" in out and "[no-needs]" in out
    assert "1 profile, 2 row errors" in out


def test_check_account_list_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.csv"
    path.write_text(ACCOUNTS)
    assert main(["profile", "check", str(path), "--json"]) == 2
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records[0]["profile"]["account"] == "Acme"
    assert records[0]["profile"]["needs"][1]["categories"] == ["compatibility"]
    assert [(r["row"], r["error"]["code"], r["error"]["column"]) for r in records[1:]] == [
        (3, "bad-money", "Budget"),
        (4, "no-needs", "Needs"),
    ]


def test_clean_account_list_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("Account Name,Needs\nAcme,Fast\n")
    assert main(["profile", "check", str(path)]) == 0


def test_mapping_option(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("Company name,Needs\nAcme,Fast\n")
    assert main(["profile", "check", str(path), "--mapping", "hubspot"]) == 0
    assert main(["profile", "check", str(path), "--mapping", "nope"]) == 2


def test_file_level_error_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.csv"
    path.write_text("Acme,Fast\nBeta,Cheap\n")
    assert main(["profile", "check", str(path)]) == 2
    assert "[no-header]" in capsys.readouterr().err


def test_bad_as_of(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE)
    assert main(["profile", "check", str(path), "--as-of", "tomorrow"]) == 2
    assert "--as-of" in capsys.readouterr().err


def test_schema_profile(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "profile"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Profile"
    assert schema["additionalProperties"] is False
    assert "needs" in schema["required"]


def test_schema_mapping(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "mapping"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "ColumnMapping"
