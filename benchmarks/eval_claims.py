"""How well ``check_claims`` finds the unsupported claims seeded in sales drafts.

    python benchmarks/eval_claims.py [--verbose]

Each ``corpus/dev/claims/NAME.yaml`` names the flier a draft (``NAME.md``) was written from
and lists claims of the draft, each labelled supported or not, with a type. A seeded
unsupported claim is *caught* when a claim ``check_claims`` reports as unsupported overlaps
it (character spans in the draft). Every reported unsupported claim that overlaps no
unsupported gold claim is a *false alarm*, whether it sits on a claim labelled supported or
on words the file does not list. Prints recall per type and overall (target >= 0.95) and
false alarms per draft (target <= 0.2).
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import require


def _spans(text: str, phrase: str) -> list[tuple[int, int]]:
    out, pos = [], text.find(phrase)
    while pos >= 0:
        out.append((pos, pos + len(phrase)))
        pos = text.find(phrase, pos + 1)
    return out


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true", help="print misses and false alarms")
    args = ap.parse_args()
    folder = require("dev/claims")
    from benefitkit.api import parse_flier
    from benefitkit.lint import check_claims

    caught: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    drafts = false_alarms = on_supported = supported_total = 0
    for path in sorted(folder.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        draft = path.with_suffix(".md").read_text(encoding="utf-8")
        flier = parse_flier((path.parent / spec["flier"]).resolve())
        report = check_claims(draft, flier)
        flagged = [(c.start, c.end) for c in report.unsupported]
        bad_spans: list[tuple[int, int]] = []
        drafts += 1
        for claim in spec["claims"]:
            spans = _spans(draft, claim["text"])
            if not spans:
                print(f"{path.stem}: gold claim not in the draft: {claim['text']!r}")
                continue
            if claim["supported"]:
                supported_total += 1
                hit = any(_overlaps(f, spans) for f in flagged)
                on_supported += hit
                continue
            bad_spans.extend(spans)
            kind = claim.get("type", "other")
            total[kind] += 1
            hit = any(_overlaps(f, spans) for f in flagged)
            caught[kind] += hit
            if not hit and args.verbose:
                print(f"{path.stem}: MISSED {kind}: {claim['text']!r}")
        for c in report.unsupported:
            if not _overlaps((c.start, c.end), bad_spans):
                false_alarms += 1
                if args.verbose:
                    print(f"{path.stem}: FALSE ALARM {c.kind}: {c.text!r} ({c.reason})")
    print(f"{'type':14} {'caught':>8}")
    for kind in sorted(total):
        print(f"{kind:14} {caught[kind]:>3} of {total[kind]}")
    c, t = sum(caught.values()), sum(total.values())
    print(f"recall of unsupported claims    {c / t if t else 1:.3f} ({c}/{t})   (target >= 0.95)")
    print(f"false alarms per draft          {false_alarms / drafts if drafts else 0:.2f} "
          f"({false_alarms} in {drafts} drafts)   (target <= 0.2)")
    print(f"supported claims flagged        {on_supported} of {supported_total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
