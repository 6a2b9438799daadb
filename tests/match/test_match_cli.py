"""``benefitkit match`` and ``benefitkit rules``: JSON shape, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benefitkit.cli import main

FLIER = """# Larkspur Tablet Register

* Set up in under 10 minutes with the guided installer
* Works with Shopify and Square inventory
* PCI DSS certified card reader
* Warranty: 3 years with on-site replacement

Price: $649 per terminal

In stock: ships within 3 business days
"""

PROFILE = """account: Harbor Lane Grocers
contact: {name: Priya Nair, role: IT Manager}
industry: retail
budget: {amount: 12000, currency: USD}
timeline: 2026-03-01
needs:
  - text: Must work with our Shopify inventory
    priority: high
  - Keep card payments PCI compliant
  - We need a kitchen display for the deli counter
objections:
  - Our cashiers have no time for training
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    flier = tmp_path / "larkspur.md"
    flier.write_text(FLIER, encoding="utf-8")
    profile = tmp_path / "harbor.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    return flier, profile


def test_match_json_shape(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    flier, profile = files
    assert main(["match", str(flier), str(profile), "--json", "--as-of", "2026-01-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"matches", "unmatched_needs", "unused_features"}
    assert data["matches"], data
    for m in data["matches"]:
        assert set(m) == {"feature", "need", "rule", "score", "reasons", "statement"}
        assert m["feature"].startswith("f")
        assert m["need"] is None or isinstance(m["need"], int)
        assert 0 <= m["score"] <= 1
    first = next(m for m in data["matches"] if m["need"] == 0)
    # The statement is the writer's: the flier's fact tied to the buyer's own words.
    assert "Shopify" in first["statement"]
    assert "must work with our shopify inventory" in first["statement"].lower()
    assert data["unmatched_needs"] == [2]
    assert all(isinstance(f, str) for f in data["unused_features"])


def test_match_is_deterministic(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    flier, profile = files
    args = ["match", str(flier), str(profile), "--json", "--as-of", "2026-01-01"]
    main(args)
    first = capsys.readouterr().out
    main(args)
    assert capsys.readouterr().out == first


def test_match_table(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    flier, profile = files
    assert main(["match", str(flier), str(profile), "--as-of", "2026-01-01"]) == 0
    out = capsys.readouterr().out
    assert "Shopify" in out and "still to discover" in out


def test_rules_check_ok_and_broken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.yml"
    good.write_text("rules:\n  - id: integration-compatibility\n    score: 0.5\n    when:\n"
                    "      feature: {category: integration}\n", encoding="utf-8")
    assert main(["rules", "check", str(good)]) == 0
    assert "ok, 1 rule(s) (1 replacing defaults)" in capsys.readouterr().out
    bad = tmp_path / "bad.yml"
    bad.write_text("rules:\n  - id: a\n    when:\n      feature: {categry: price}\n", encoding="utf-8")
    assert main(["rules", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "[rule-unknown-field]" in err and f"{bad}:4" in err and "did you mean 'category'?" in err


def test_match_with_user_rules_and_bad_inputs(files: tuple[Path, Path], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    flier, profile = files
    rules = tmp_path / "mine.yml"
    rules.write_text("rules:\n  - id: integration-compatibility\n    enabled: false\n", encoding="utf-8")
    assert main(["match", str(flier), str(profile), "--json", "--as-of", "2026-01-01", "--rules", str(rules)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(m["rule"] != "integration-compatibility" for m in data["matches"])
    assert main(["match", str(flier), str(profile), "--as-of", "01/02/2026"]) == 2
    assert "[bad-date]" in capsys.readouterr().err
    assert main(["match", str(flier), str(tmp_path / "nobody.yaml")]) == 2
    assert "benefitkit: error:" in capsys.readouterr().err


def test_rules_explain_prints_the_trace(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    flier, profile = files
    assert main(["rules", "explain", str(flier), str(profile), "--as-of", "2026-01-01"]) == 0
    out = capsys.readouterr().out
    assert "need 0: 'Must work with our Shopify inventory'" in out
    assert "evidence=" in out and "rule integration-compatibility" in out
