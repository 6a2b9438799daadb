"""The matcher on the shared dev corpus (skipped when the corpus is absent)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("BENEFITKIT_CORPUS", ROOT.parent / "shared" / "corpus"))

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


def _eval_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_match", ROOT / "benchmarks" / "eval_match.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_matching_scores_stay_above_the_floor() -> None:
    base = CORPUS / "dev" / "matching"
    if not base.exists():
        pytest.skip(f"corpus not found at {base}")
    scores = _eval_module().evaluate(base, dt.date(2026, 1, 1))
    overall = scores["overall"]
    # A regression floor a little under the measured figures (see benchmarks/eval_match.py).
    assert overall.precision >= 0.80, overall.line("overall")
    assert overall.recall >= 0.75, overall.line("overall")
