"""Comparison files: the {vendor, facts: [{claim, source}]} shape, bare sentences, and errors
that name the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from benefitkit.errors import InputError
from benefitkit.lint import Comparison, ComparisonFact, load_comparison

GOOD = """vendor: Slotwise
facts:
  - claim: Slotwise charges $4 per reminder text.
    source: https://slotwise.example/pricing
  - claim: Slotwise has no Epic integration.
    source: Slotwise integrations page, May 2026
"""


def _write(tmp_path: Path, text: str, name: str = "compare.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_comparison(tmp_path: Path) -> None:
    comparison = load_comparison(_write(tmp_path, GOOD))
    assert comparison.vendor == "Slotwise"
    assert comparison.facts[0] == ComparisonFact(
        claim="Slotwise charges $4 per reminder text.", source="https://slotwise.example/pricing")
    assert comparison.sources()[0] == ("Slotwise", None)
    assert len(comparison.sources()) == 3


def test_json_is_the_same_shape(tmp_path: Path) -> None:
    text = '{"vendor": "Slotwise", "facts": [{"claim": "No Epic sync.", "source": "docs"}]}'
    assert load_comparison(_write(tmp_path, text, "c.json")).facts[0].source == "docs"


def test_bare_sentences_are_facts_without_a_source(tmp_path: Path) -> None:
    comparison = load_comparison(_write(tmp_path, "vendor: Slotwise\nfacts:\n  - No Epic sync.\n"))
    assert comparison.facts == (ComparisonFact(claim="No Epic sync."),)


def test_to_render_gives_the_writers_comparison(tmp_path: Path) -> None:
    rendered = load_comparison(_write(tmp_path, GOOD)).to_render()
    assert rendered.vendor == "Slotwise"
    assert rendered.facts == ("Slotwise charges $4 per reminder text.",
                              "Slotwise has no Epic integration.")


@pytest.mark.parametrize(("text", "field"), [
    ("facts: []\n", "vendor"),
    ("vendor: Slotwise\nfacts:\n  - claim: ''\n    source: x\n", "facts.0.claim"),
    ("vendor: Slotwise\nfacts:\n  - {claim: x, source: y, note: z}\n", "facts.0.note"),
    ("vendor: Slotwise\nfacts: 7\n", "facts"),
])
def test_bad_files_name_the_field(tmp_path: Path, text: str, field: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_comparison(path)
    assert info.value.code == "bad-comparison"
    assert info.value.path == str(path)
    assert info.value.field == field


@pytest.mark.parametrize("text", ["- just\n- a list\n", "vendor: [unclosed\n"])
def test_unreadable_files(tmp_path: Path, text: str) -> None:
    with pytest.raises(InputError) as info:
        load_comparison(_write(tmp_path, text))
    assert info.value.code == "bad-comparison"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_comparison(tmp_path / "nope.yaml")
    assert "nope.yaml" in str(info.value)


def test_model_is_frozen() -> None:
    comparison = Comparison(vendor="Slotwise")
    with pytest.raises(ValueError):
        comparison.vendor = "Other"  # type: ignore[misc]
