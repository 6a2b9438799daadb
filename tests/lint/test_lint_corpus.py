"""The dev corpus: the linter and the claim check meet their targets (what
``benchmarks/eval_lint.py`` and ``benchmarks/eval_claims.py`` print)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from benefitkit.lint import Buyer, check_claims, classify_sentence

CORPUS = Path(os.environ.get("BENEFITKIT_CORPUS")
              or Path(__file__).parents[2].parent / "shared" / "corpus")
DEV = CORPUS / "dev"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not DEV.exists(), reason=f"corpus not found at {DEV}"),
]


def test_lint_accuracy_on_gold() -> None:
    from benefitkit.profile import Profile

    rows = [json.loads(line) for line in (DEV / "lint.gold.jsonl").read_text().splitlines()
            if line.strip()]
    right = 0
    for row in rows:
        buyer = Buyer.of(Profile.from_file(DEV / row["profile"])) if row["profile"] else Buyer()
        right += classify_sentence(row["text"], buyer).label == row["label"]
    assert right / len(rows) >= 0.85


def test_claims_recall_and_false_alarms() -> None:
    from benefitkit.api import parse_flier

    caught = seeded = false_alarms = drafts = 0
    for path in sorted((DEV / "claims").glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        draft = path.with_suffix(".md").read_text(encoding="utf-8")
        report = check_claims(draft, parse_flier((path.parent / spec["flier"]).resolve()))
        bad = [(draft.find(c["text"]), draft.find(c["text"]) + len(c["text"]))
               for c in spec["claims"] if not c["supported"]]
        flagged = [(c.start, c.end) for c in report.unsupported]
        drafts += 1
        seeded += len(bad)
        caught += sum(any(s < fe and fs < e for fs, fe in flagged) for s, e in bad)
        false_alarms += sum(not any(s < fe and fs < e for s, e in bad) for fs, fe in flagged)
    assert caught / seeded >= 0.95
    assert false_alarms / drafts <= 0.2
