"""The dev corpus: every profile loads; accounts.csv loads but for exactly its five bad rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from benefitkit.profile import Profile, RowError, read_accounts

CORPUS = Path(__file__).parents[2].parent / "shared" / "corpus"
DEV = CORPUS / "dev"
REF = dt.date(2026, 1, 1)

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not DEV.exists(), reason=f"corpus not found at {DEV}"),
]


def profile_files() -> list[Path]:
    if not DEV.exists():
        return []
    return sorted(
        [*(DEV / "profiles").glob("*.yaml"), *(DEV / "matching").glob("*/*.profile.yaml")]
    )


@pytest.mark.parametrize("path", profile_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_dev_profile_loads(path: Path) -> None:
    profile = Profile.from_file(path, ref_date=REF)
    assert profile.account and profile.needs
    for need in profile.needs:
        assert need.analysis.categories


def test_accounts_csv_has_exactly_the_five_bad_rows() -> None:
    records = list(read_accounts(DEV / "profiles" / "accounts.csv", ref_date=REF))
    errors = [r for r in records if isinstance(r, RowError)]
    profiles = [r for r in records if isinstance(r, Profile)]
    assert [(e.row, e.column) for e in errors] == [
        (10, "Budget"),
        (18, "Timeline"),
        (30, "Account Name"),
        (37, "Budget"),
        (55, "Needs"),
    ]
    assert [e.error.code for e in errors] == [
        "bad-money",
        "bad-date",
        "missing-field",
        "short-row",
        "no-needs",
    ]
    assert len(profiles) == 55
    by_name = {p.account: p for p in profiles}
    # valid rows that look unusual (BAD_ROWS.md): zero budgets, euro and CAD budgets, phrases
    assert any(p.budget is not None and p.budget.amount == 0 for p in profiles)
    assert {p.budget.currency for p in profiles if p.budget} >= {"USD", "EUR", "CAD"}
    assert any(p.timeline is not None and p.timeline.text == "by Q3 2027" for p in profiles)
    assert all(p.timeline is None or p.timeline.date is not None for p in profiles)
    assert not any("Description" in n.text for p in by_name.values() for n in p.needs)
