"""``benefitkit talk-track`` and ``benefitkit demo`` end to end, and the Engine behind them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from benefitkit import Engine
from benefitkit.cli import main

FLIER = """# Larkspur Kiosk

* Works with Shopify and Square
* Setup in 15 minutes
* Warranty: 2 years

Price: $1,200 per kiosk

Order by 30 June 2027

Email sales@larkspur.example to order
"""

PROFILE = """account: Fern & Finch Cafes
contact: {name: Ola Berg, role: Operations Manager}
budget: USD 5,000
needs:
  - text: Must work with our Shopify store
    priority: high
  - Fast setup for busy staff
objections:
  - We tried kiosks before and setup was painful
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    flier = tmp_path / "kiosk.md"
    flier.write_text(FLIER, encoding="utf-8")
    profile = tmp_path / "fern.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    return flier, profile


def test_talk_track_markdown(files, capsys):
    flier, profile = files
    assert main(["talk-track", str(flier), str(profile), "--as-of", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Talk-track: Fern & Finch Cafes")
    assert "Must work with our Shopify store" in out
    assert "Works with Shopify and Square" in out
    assert "We tried kiosks before" in out  # the objection is answered


def test_talk_track_html_escapes_crm_text(files, tmp_path):
    flier, profile = files
    out = tmp_path / "t.html"
    assert main(["talk-track", str(flier), str(profile), "-f", "html", "-o", str(out), "--as-of", "2026-11-22"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Fern &amp; Finch Cafes" in html and "Fern & Finch" not in html


def test_talk_track_is_byte_for_byte_stable(files, capsys):
    flier, profile = files
    args = ["talk-track", str(flier), str(profile), "-f", "json", "--as-of", "2026-11-22"]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert main(args) == 0
    assert capsys.readouterr().out == first
    json.loads(first)


def test_bad_format_is_exit_2(files, capsys):
    flier, profile = files
    assert main(["talk-track", str(flier), str(profile), "-f", "pdf"]) == 2
    assert "[bad-format]" in capsys.readouterr().err


def test_expired_offer_is_not_presented_as_open(files):
    flier, profile = files
    text = Engine(as_of=dt.date(2027, 7, 1)).talk_track(flier, profile)
    assert "Terms that still apply: Order by 30 June 2027" not in text


def test_demo_runs_and_writes_files(tmp_path, capsys):
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out)]) == 0
    assert {p.name for p in out.iterdir()} == {"talk-track.md", "talk-track.html", "flier.md", "matches.json"}
    printed = capsys.readouterr().out
    assert "Quillpad Pro Tablet POS" in printed and "Harbor Lane Grocers" in printed
    matches = json.loads((out / "matches.json").read_text(encoding="utf-8"))
    assert matches["matches"] and all(m["statement"] for m in matches["matches"])


def test_engine_translate_statements_carry_spans(files):
    flier, profile = files
    engine = Engine(as_of=dt.date(2026, 11, 22))
    parsed = engine.parse(flier)
    benefits = engine.translate(parsed, profile)
    assert benefits
    for b in benefits:
        assert b.kind in ("benefit", "advantage")
        for span in b.spans:
            assert parsed.text[span.start : span.end]
