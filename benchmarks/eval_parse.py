"""Score ``benefitkit parse --json`` against the gold features of the dev fliers.

Scoring (DESIGN.md, "Evaluation"): a predicted feature matches a gold one when the token F1
of their lower-cased alphanumeric tokens is at least 0.5, one-to-one, best pairs first.
Feature P/R/F1 are micro-averaged over all fliers; category accuracy counts a matched pair
as right when the predicted category is among the gold ones; value accuracy counts a gold
value as found when its matched feature carries the same normalised value.

    python benchmarks/eval_parse.py [--cli] [--show-misses] [FLIER_DIR]

``--cli`` runs the real command in a subprocess per flier (slow, same numbers).
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import require

_TOKEN = re.compile(r"[a-z0-9]+")
FORMAT = {".md": "md", ".txt": "txt", ".html": "html", ".pdf": "pdf", ".docx": "docx"}


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def token_f1(a: Counter[str], b: Counter[str]) -> float:
    common = sum((a & b).values())
    if not common:
        return 0.0
    p, r = common / sum(a.values()), common / sum(b.values())
    return 2 * p * r / (p + r)


def pair(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one matches with token F1 >= 0.5, best pairs first."""
    pt = [tokens(p["text"]) for p in pred]
    gt = [tokens(g["text"]) for g in gold]
    cands = sorted(
        ((token_f1(a, b), i, j) for i, a in enumerate(pt) for j, b in enumerate(gt)),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for f1, i, j in cands:
        if f1 < 0.5:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


@functools.cache
def _case_sensitive() -> dict[str, str]:
    from benefitkit.extract import values

    return {a.lower(): a for a in values._T.case_sensitive}


def _unit(u: Any) -> str:
    """A unit as the value recognisers name it, so "volt" and "V", "kilometre per hour" and
    "km/h" compare equal (the alias table is the normaliser the whole project uses); other
    names lower-cased and without a plural "s"."""
    from benefitkit.extract import values

    raw = str(u or "").strip()
    s = raw.lower()
    # an alias whose case matters counts only as written ("Nm" is torque, "nm" a wavelength)
    if _case_sensitive().get(s, raw) != raw:
        return s
    if raw in values._T.kind_of or s in values._T.kind_of:  # a canonical name already
        return s
    found = values._T.unit_of.get(s)
    if found is not None:
        return found.lower()
    return s[:-1] if s.endswith("s") and len(s) > 3 else s


def value_key(v: dict[str, Any]) -> tuple[Any, ...]:
    kind = v.get("kind")
    if kind == "date":
        return (kind, v.get("date"))
    amount = Decimal(str(v.get("amount"))).normalize() if v.get("amount") is not None else None
    if kind == "money":
        return (kind, amount, str(v.get("currency") or "").upper(), v.get("period") or None)
    if kind in ("quantity", "duration"):
        return (kind, amount, _unit(v.get("unit")))
    return (kind, amount)


def predict(path: Path, use_cli: bool) -> dict[str, Any]:
    if use_cli:
        out = subprocess.run(
            [sys.executable, "-m", "benefitkit.cli", "parse", str(path), "--json"],
            check=True, capture_output=True, text=True,
        )
        return json.loads(out.stdout)
    from benefitkit.api import parse_flier

    return parse_flier(path).to_json()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("fliers", nargs="?", type=Path)
    ap.add_argument("--cli", action="store_true")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()
    folder = args.fliers or require("dev/fliers")
    stats: dict[str, Counter[str]] = defaultdict(Counter)
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        stem = gold_path.name[: -len(".gold.json")]
        flier = next(p for p in folder.glob(stem + ".*") if not p.name.endswith(".gold.json"))
        fmt = FORMAT.get(flier.suffix, flier.suffix)
        try:
            pred = predict(flier, args.cli)["features"]
        except Exception as exc:  # report and score as all-missed
            print(f"{flier.name}: error: {exc}")
            pred = []
        gfeat = gold["features"]
        pairs = pair(pred, gfeat)
        for key in (fmt, "all"):
            s = stats[key]
            s["pred"] += len(pred)
            s["gold"] += len(gfeat)
            s["hit"] += len(pairs)
            for i, j in pairs:
                s["cat_ok"] += pred[i]["category"] in gfeat[j]["categories"]
                have = {value_key(v) for v in pred[i]["values"]}
                for gv in gfeat[j]["values"]:
                    s["val_ok"] += value_key(gv) in have
            s["val_all"] += sum(len(g["values"]) for g in gfeat)
        if args.show_misses:
            matched_p = {i for i, _ in pairs}
            matched_g = {j for _, j in pairs}
            for j, g in enumerate(gfeat):
                if j not in matched_g:
                    print(f"  MISS {flier.name}: {g['text'][:90]}")
            for i, p in enumerate(pred):
                if i not in matched_p:
                    print(f"  EXTRA {flier.name}: {p['text'][:90]}")
            for i, j in pairs:
                if pred[i]["category"] not in gfeat[j]["categories"]:
                    print(f"  CAT {flier.name}: {pred[i]['category']} not in {gfeat[j]['categories']}: {gfeat[j]['text'][:70]}")
                have = {value_key(v) for v in pred[i]["values"]}
                for gv in gfeat[j]["values"]:
                    if value_key(gv) not in have:
                        print(f"  VAL {flier.name}: {value_key(gv)} in {gfeat[j]['text'][:60]!r} got {sorted(map(str, have))}")
    print(f"{'format':8} {'gold':>6} {'P':>6} {'R':>6} {'F1':>6} {'cat':>6} {'value':>6}")
    for key in sorted(stats, key=lambda k: (k == "all", k)):
        s = stats[key]
        p = s["hit"] / s["pred"] if s["pred"] else 0.0
        r = s["hit"] / s["gold"] if s["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        cat = s["cat_ok"] / s["hit"] if s["hit"] else 0.0
        val = s["val_ok"] / s["val_all"] if s["val_all"] else 1.0
        print(f"{key:8} {s['gold']:>6} {p:6.3f} {r:6.3f} {f:6.3f} {cat:6.3f} {val:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
