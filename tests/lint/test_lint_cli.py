"""``benefitkit lint`` and ``benefitkit check-claims``: output, JSON and exit codes
(0 clean, 1 unsupported claims, 2 bad input)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer

from benefitkit.cli import lint_cmd
from benefitkit.errors import BenefitkitError

FLIER = """# Fernleaf Scheduling

- Business plan: $18 per provider per month.
- Two-way sync with Epic and Cerner.
- Setup takes about three days per location.
"""
CLEAN = "The Business plan is $18 per provider per month, and setup takes about three days.\n"
DIRTY = "Setup takes one day, and we integrate with Salesforce Health Cloud.\n"
PROFILE = """account: Oriel Health Partners
contact: {name: Ines Varga}
needs:
  - Cut patient no-shows at our 9 clinics
  - Must work with our Epic EHR
"""


def _app() -> typer.Typer:
    app = typer.Typer(add_completion=False)

    @app.callback()
    def _root() -> None:  # a group, as the real command is
        pass

    lint_cmd.register(app)
    return app


def run(argv: list[str]) -> int:
    """Run the commands the way ``benefitkit.cli.main`` does (errors become exit 2)."""
    from benefitkit.cli import app as real_app
    from benefitkit.cli import main

    if any(c.name == "check-claims" for c in real_app.registered_commands):
        return main(argv)
    try:
        result = _app()(args=argv, standalone_mode=False)
    except BenefitkitError as exc:
        typer.echo(f"benefitkit: error: {exc}", err=True)
        return 2
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except Exception as exc:
        if hasattr(exc, "exit_code") and callable(getattr(exc, "show", None)):
            exc.show()  # a usage error
            return 2
        raise
    return int(result or 0)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("flier.md", FLIER), ("clean.md", CLEAN), ("dirty.md", DIRTY),
                       ("profile.yaml", PROFILE)):
        out[name] = tmp_path / name
        out[name].write_text(text, encoding="utf-8")
    return out


def test_lint_text_argument(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["lint", "Automatic reminders mean fewer empty slots."]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ADVANTAGE ") and "why: gain 'fewer'" in out


def test_lint_file_with_profile_json(files: dict[str, Path],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = files["clean.md"]
    path.write_text("Ines, your 9 clinics will see fewer no-shows. You get 500 texts a month.\n",
                    encoding="utf-8")
    assert run(["lint", str(path), "--profile", str(files["profile.yaml"]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["label"] for s in data["sentences"]] == ["benefit", "feature"]
    assert data["sentences"][0]["need"] == 0
    assert "which means" in data["sentences"][1]["suggestion"]


def test_lint_prints_the_bridge(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["lint", "You get 500 free text messages each month."]) == 0
    assert "try: add the missing bridge" in capsys.readouterr().out


def test_lint_bad_profile_is_exit_2(files: dict[str, Path], tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("account: X\n", encoding="utf-8")
    assert run(["lint", "Some text here.", "--profile", str(bad)]) == 2
    assert "bad.yaml" in capsys.readouterr().err


def test_lint_missing_file_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["lint", str(tmp_path / "email.md")]) == 2
    assert "missing-file" in capsys.readouterr().err


def test_lint_reads_stdin(monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Each roll holds 1,200 labels."))
    assert run(["lint", "-"]) == 0
    assert capsys.readouterr().out.startswith("FEATURE ")


def test_check_claims_clean_is_exit_0(files: dict[str, Path],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check-claims", str(files["clean.md"]), "--flier", str(files["flier.md"])]) == 0
    assert "0 without a source" in capsys.readouterr().out


def test_check_claims_unsupported_is_exit_1(files: dict[str, Path],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["check-claims", str(files["dirty.md"]), "--flier", str(files["flier.md"])])
    assert code == 1
    out = capsys.readouterr().out
    assert "number: 'one day'" in out and "integration: 'Salesforce Health Cloud'" in out
    assert "closest source: Setup takes about three days per location." in out


def test_check_claims_json(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["check-claims", str(files["dirty.md"]), "--flier", str(files["flier.md"]),
                "--json"])
    assert code == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["unsupported"] == 2
    for claim in data["claims"]:
        assert DIRTY[claim["start"]:claim["end"]] == claim["text"]


def test_check_claims_compare_file_is_a_source(files: dict[str, Path], tmp_path: Path) -> None:
    compare = tmp_path / "compare.yaml"
    compare.write_text("vendor: Slotwise\nfacts:\n  - claim: Fernleaf also integrates with "
                       "Salesforce Health Cloud and is live in one day.\n    source: docs\n",
                       encoding="utf-8")
    args = ["check-claims", str(files["dirty.md"]), "--flier", str(files["flier.md"])]
    assert run(args) == 1
    assert run([*args, "--compare", str(compare)]) == 0


@pytest.mark.parametrize("which", ["draft", "flier", "compare"])
def test_check_claims_bad_input_is_exit_2(files: dict[str, Path], tmp_path: Path, which: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    args = {"draft": str(files["dirty.md"]), "flier": str(files["flier.md"])}
    extra: list[str] = []
    if which == "compare":
        bad = tmp_path / "compare.yaml"
        bad.write_text("facts: []\n", encoding="utf-8")
        extra = ["--compare", str(bad)]
    else:
        args[which] = str(tmp_path / "missing.md")
    code = run(["check-claims", args["draft"], "--flier", args["flier"], *extra])
    assert code == 2
    assert "error" in capsys.readouterr().err
