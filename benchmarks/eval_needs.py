"""Score need analysis on ``needs.gold.jsonl``: category micro-F1 and constraint exact share.

Usage: ``python benchmarks/eval_needs.py [--errors] [--ref-date YYYY-MM-DD]`` (``--errors``
lists every miss; ``--ref-date`` is the day dates without a year are resolved against, for a
gold set written on another day than the dev one).
The corpus is ``../shared/corpus`` beside the checkout, or ``$BENEFITKIT_CORPUS``; when it is
absent the script says so and exits 0.
"""

from __future__ import annotations

import json
import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def corpus_dir() -> Path:
    env = os.environ.get("BENEFITKIT_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def _unit(unit: Any) -> Any:
    """A unit as find_values names it, so "terabyte" and "TB" compare equal."""
    if not isinstance(unit, str):
        return unit
    from benefitkit.extract import values

    tables = values._T  # the alias table is the normaliser the whole project uses
    return tables.unit_of.get(unit.lower(), unit.lower() if unit.lower() == unit else unit)


def constraint_key(c: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two constraints the same: kind and normalised value (never the words)."""
    v = c["value"]
    amount = v.get("amount")
    return (
        c["kind"],
        v.get("kind"),
        None if amount is None else Decimal(str(amount)).normalize(),
        _unit(v.get("unit")),
        v.get("currency"),
        v.get("period"),
        v.get("date"),
    )


def main(argv: list[str]) -> int:
    gold_path = corpus_dir() / "dev" / "needs.gold.jsonl"
    if not gold_path.exists():
        print(f"skipped: {gold_path} not found (set BENEFITKIT_CORPUS)")
        return 0
    from benefitkit.profile.analysis import DEFAULT_REF_DATE, analyse_need

    show = "--errors" in argv
    ref_date = DEFAULT_REF_DATE
    if "--ref-date" in argv:
        import datetime as dt

        ref_date = dt.date.fromisoformat(argv[argv.index("--ref-date") + 1])
    tp = fp = fn = 0
    found = total = 0
    for line in gold_path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        gold = json.loads(line)
        got = analyse_need(gold["text"], ref_date=ref_date)
        pred_cats = {str(c) for c in got.categories}
        gold_cats = set(gold["categories"])
        tp += len(pred_cats & gold_cats)
        fp += len(pred_cats - gold_cats)
        fn += len(gold_cats - pred_cats)
        pred_keys = {constraint_key(c.to_json()) for c in got.constraints}
        missed = [c for c in gold["constraints"] if constraint_key(c) not in pred_keys]
        total += len(gold["constraints"])
        found += len(gold["constraints"]) - len(missed)
        if show and (pred_cats != gold_cats or missed):
            print(f"- {gold['text']}")
            if pred_cats != gold_cats:
                print(f"    categories: got {sorted(pred_cats)} gold {sorted(gold_cats)}")
                print(f"    reasons: {'; '.join(got.reasons)}")
            for c in missed:
                print(f"    missed constraint {c}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    share = found / total if total else 1.0
    print(f"needs: {gold_path}")
    print(f"category micro P/R/F1: {precision:.3f} / {recall:.3f} / {f1:.3f}  (target F1 >= 0.85)")
    print(f"constraints exact: {found}/{total} = {share:.3f}  (target >= 0.90)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
