"""Output file names from CRM text: inside the folder, portable, unique, deterministic."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benefitkit.batch import FileNamer, slugify


@pytest.mark.parametrize(
    ("account", "slug"),
    [
        ("Northwind Clinics", "northwind-clinics"),
        ("../../etc/passwd", "etc-passwd"),
        ("..\\..\\Windows\\system32", "windows-system32"),
        ("a/b", "a-b"),
        ("/absolute", "absolute"),
        ("..", ""),
        (".hidden", "hidden"),
        ("CON", "con-account"),
        ("con", "con-account"),
        ("Ｃｏｎ", "con-account"),  # full-width letters fold to the reserved name
        ("LPT1", "lpt1-account"),
        ("nul.txt", "nul-txt"),
        ("Bayou Parish Sheriff's Office", "bayou-parish-sheriffs-office"),
        ("Café Nord", "café-nord"),
        ("名古屋商事", "名古屋商事"),
        ("tab\there\x00nul", "tab-here-nul"),
        ("   ", ""),
    ],
)
def test_slugify(account: str, slug: str) -> None:
    assert slugify(account) == slug


def test_long_names_are_cut_to_a_safe_length() -> None:
    assert len(slugify("x" * 1000).encode()) <= 120
    assert len(slugify("é" * 1000).encode()) <= 120


def test_names_are_unique_in_row_order_and_case_blind() -> None:
    namer = FileNamer("md")
    names = [namer.name(a, row) for row, a in enumerate(
        ["Acme", "ACME", "Acme 2", "acme", None, "!!!", "Account 8"], start=2)]
    assert names == ["acme.md", "acme-2.md", "acme-2-2.md", "acme-3.md", "account-6.md",
                     "account-7.md", "account-8.md"]


@given(st.lists(st.text(max_size=40), max_size=30))
def test_any_names_stay_in_the_folder_and_never_collide(accounts: list[str]) -> None:
    namer = FileNamer("html")
    names = [namer.name(a, row) for row, a in enumerate(accounts, start=2)]
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        stem = name.removesuffix(".html")
        assert stem and "/" not in name and "\\" not in name and not name.startswith(".")
        assert ".." not in name and "\x00" not in name
        assert stem.split("-")[0] not in {"con", "prn", "aux", "nul"} or "-" in stem
