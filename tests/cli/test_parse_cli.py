"""``benefitkit parse``: JSON contract, table output, one-line errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from benefitkit.cli import main

FLIER = "# Quill Dock\n\n* Charges two tablets at once\n* **Weight:** 800 g\n\nPrice: $89\n"


@pytest.fixture
def flier_file(tmp_path):
    path = tmp_path / "dock.md"
    path.write_text(FLIER, encoding="utf-8")
    return path


def test_parse_json(flier_file, capsys):
    assert main(["parse", str(flier_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"] == str(flier_file)
    assert data["title"] == "Quill Dock"
    assert [f["category"] for f in data["features"]] == ["capability", "size", "price"]
    weight = data["features"][1]
    assert weight["label"] == "Weight"
    assert weight["values"] == [{"kind": "quantity", "amount": 800, "unit": "gram", "text": "800 g"}]


def test_parse_table(flier_file, capsys):
    assert main(["parse", str(flier_file)]) == 0
    out = capsys.readouterr().out
    assert "Quill Dock" in out and "Charges two tablets at once" in out and "$89" in out


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"", "empty.md", "empty-file"),
        (b"\x00\x01\x02\x03" * 100, "junk.txt", "binary-file"),
        (b"%PDF-1.7\nnot really a pdf", "broken.pdf", "corrupt-pdf"),
        (b"Nothing\n\nHello there", "nofeatures.txt", "no-features"),
        (b"{\\rtf1\\ansi Ships in {\\b 2 days}}", "brochure.rtf", "unsupported-format"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "brochure.doc", "unsupported-format"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, content, name, code):
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert f"[{code}]" in err and name in err
    assert "Traceback" not in err


@pytest.mark.parametrize("module", ["benefitkit.cli", "benefitkit"])
def test_console_script_exit_code(tmp_path, module):
    path = tmp_path / "missing.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", module, "parse", str(path)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 2
    assert "[file-not-found]" in proc.stderr and "missing.pdf" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unknown_option_is_a_usage_error(flier_file, capsys):
    assert main(["parse", str(flier_file), "--nope"]) == 2


@pytest.mark.parametrize("day", ["next-week", "2026-02-30", "20270501", "2027-W18-1", ""])
def test_a_bad_as_of_date_is_one_line_and_exit_2(flier_file, capsys, day):
    assert main(["parse", str(flier_file), "--as-of", day]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("benefitkit: error: [bad-date]") and "--as-of" in err and day in err


def test_version_prints_the_version(capsys):
    from benefitkit import __version__

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"benefitkit {__version__}"


def test_engine_takes_an_iso_day_and_rejects_anything_else():
    import datetime as dt

    from benefitkit import Engine, InputError

    class Day(dt.date):  # what date libraries hand out
        pass

    assert Engine(as_of=Day(2027, 5, 1)).as_of == dt.date(2027, 5, 1)
    engine = Engine(as_of="2026-11-22", ref_date=dt.datetime(2026, 1, 5, 9, 30))
    assert (engine.as_of, engine.ref_date) == (dt.date(2026, 11, 22), dt.date(2026, 1, 5))
    assert engine.spec.as_of == dt.date(2026, 11, 22)
    for bad in ("soon", 20261122, "20261122", "2027-W18-1"):
        with pytest.raises(InputError) as err:
            Engine(as_of=bad)
        assert err.value.code == "bad-date" and err.value.field == "as_of"
