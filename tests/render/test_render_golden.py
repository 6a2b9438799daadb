"""Golden files: the talk-track and personalised flier of the fixture prospect, every format.

Regenerate after an intended change with ``BENEFITKIT_REGEN_GOLDEN=1 pytest tests/render``
and review the diff.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from render_fixtures import FIXTURES, GOLDEN

from benefitkit.model import Flier
from benefitkit.render import (
    Writer,
    load_comparison,
    personalised_flier,
    render_document,
    talk_track,
)

REGEN = os.environ.get("BENEFITKIT_REGEN_GOLDEN") == "1"
CASES = [("talk_track", fmt) for fmt in ("md", "html", "txt", "json")] + [
    ("flier", fmt) for fmt in ("md", "html", "txt", "json")
]


@pytest.mark.parametrize(("kind", "fmt"), CASES)
def test_golden(kind: str, fmt: str, writer: Writer, flier: Flier, profile: Any,
                result: Any) -> None:
    comparison = load_comparison(FIXTURES / "comparison.yaml")
    if kind == "talk_track":
        doc: Any = talk_track(writer, flier, profile, result, comparison=comparison)
    else:
        doc = personalised_flier(writer, flier, profile, result)
    text = render_document(writer, doc, flier, profile, fmt, comparison=comparison)
    path = GOLDEN / f"{kind}.{fmt}"
    if REGEN:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with BENEFITKIT_REGEN_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")
