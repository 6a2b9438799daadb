"""How well the benefit linter classes sentences as feature, advantage or benefit.

    python benchmarks/eval_lint.py [--verbose]

Reads ``corpus/dev/lint.gold.jsonl``: one sentence a line with its gold ``label`` and, where
the label depends on the buyer, the ``profile`` it is judged against (a path relative to
``corpus/dev``). Prints accuracy (target >= 0.85), per-class precision, recall and F1, and
the confusion matrix; ``--verbose`` also prints each miss with the linter's reason.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import require

LABELS = ("feature", "advantage", "benefit")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true", help="print every miss and its reason")
    args = ap.parse_args()
    gold_file = require("dev/lint.gold.jsonl")
    from benefitkit.lint import Buyer, classify_sentence
    from benefitkit.profile import Profile

    buyers: dict[str, Buyer] = {}
    confusion: collections.Counter[tuple[str, str]] = collections.Counter()
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        buyer = Buyer()
        if row.get("profile"):
            if row["profile"] not in buyers:
                buyers[row["profile"]] = Buyer.of(Profile.from_file(gold_file.parent / row["profile"]))
            buyer = buyers[row["profile"]]
        verdict = classify_sentence(row["text"], buyer)
        confusion[(row["label"], verdict.label)] += 1
        if args.verbose and verdict.label != row["label"]:
            print(f"{row['label']} -> {verdict.label}: {row['text']}\n    {verdict.reason}")
    total = sum(confusion.values())
    right = sum(n for (g, p), n in confusion.items() if g == p)
    print(f"sentences   {total}")
    print(f"accuracy    {right / total if total else 0:.3f}   (target >= 0.85)")
    print(f"{'class':10} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
    for label in LABELS:
        tp = confusion[(label, label)]
        predicted = sum(n for (_, p), n in confusion.items() if p == label)
        actual = sum(n for (g, _), n in confusion.items() if g == label)
        p = tp / predicted if predicted else 0.0
        r = tp / actual if actual else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{label:10} {p:6.3f} {r:6.3f} {f1:6.3f} {actual:5}")
    print("confusion (rows gold, columns predicted):")
    print(" " * 11 + "".join(f"{label[:9]:>10}" for label in LABELS))
    for g in LABELS:
        print(f"{g:10} " + "".join(f"{confusion[(g, p)]:>10}" for p in LABELS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
