"""Pair precision and recall of the matcher on ``dev/matching`` (scored as in DESIGN.md).

For each labelled need, each predicted (need, feature) is paired with the labelled feature
of that need it overlaps most (token F1 of lower-cased alphanumeric tokens); it is a hit
when that F1 is at least 0.5. Precision = hits on label 2 / hits on label 0 or 2; recall =
label-2 pairs hit / all label-2 pairs; label 1 is neither rewarded nor punished.

Usage: python benchmarks/eval_match.py [--split dev] [--as-of 2026-01-01] [--semantic] [-v]

``--semantic`` adds sentence similarity (the ``semantic`` extra) to the matcher's evidence.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"[a-z0-9]+")


def corpus_dir() -> Path:
    env = os.environ.get("BENEFITKIT_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def token_f1(a: str, b: str) -> float:
    ta, tb = _WORD.findall(a.lower()), _WORD.findall(b.lower())
    if not ta or not tb:
        return 0.0
    common = sum((Counter(ta) & Counter(tb)).values())
    if common == 0:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


class Score:
    def __init__(self) -> None:
        self.hit2 = self.hit0 = self.hit1 = self.ignored = 0
        self.gold2 = 0
        self.found2: set[tuple[str, int, int]] = set()

    def add(self, other: Score) -> None:
        self.hit2 += other.hit2
        self.hit0 += other.hit0
        self.hit1 += other.hit1
        self.ignored += other.ignored
        self.gold2 += other.gold2
        self.found2 |= other.found2

    @property
    def precision(self) -> float:
        return self.hit2 / (self.hit2 + self.hit0) if self.hit2 + self.hit0 else 0.0

    @property
    def recall(self) -> float:
        return len(self.found2) / self.gold2 if self.gold2 else 0.0

    def line(self, name: str) -> str:
        return (f"{name:8s} precision {self.precision:.3f} ({self.hit2}/{self.hit2 + self.hit0})  "
                f"recall {self.recall:.3f} ({len(self.found2)}/{self.gold2})  "
                f"label1 {self.hit1}  unlabelled {self.ignored}")


class _Plain:
    """A stand-in profile (needs not analysed) for when the profile stage cannot be imported."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.__dict__.update({k: v for k, v in data.items() if k != "needs"})
        self.needs = [_PlainNeed(n) for n in data["needs"]]


class _PlainNeed:
    def __init__(self, raw: Any) -> None:
        self.text = raw["text"] if isinstance(raw, dict) else str(raw)
        self.priority = None
        self.analysis = type("A", (), {"categories": (), "terms": (), "constraints": ()})()


_WARNED: list[str] = []


def load_profile(path: Path) -> Any:
    try:
        from benefitkit.profile import Profile
    except ImportError as exc:
        if not _WARNED:
            _WARNED.append(str(exc))
            print(f"note: profile stage unavailable ({exc}); needs are not analysed", file=sys.stderr)
        return _Plain(yaml.safe_load(path.read_text("utf-8")))
    return Profile.from_file(path)


def score_case(case: Path, matcher: Any, fliers: dict[Path, Any], as_of: dt.date, verbose: bool) -> Score:
    from benefitkit.api import parse_flier

    spec = yaml.safe_load(case.read_text("utf-8"))
    flier_path = (case.parent / spec["flier"]).resolve()
    if flier_path not in fliers:
        fliers[flier_path] = parse_flier(flier_path)
    flier = fliers[flier_path]
    profile = load_profile(case.parent / spec["profile"])
    result = matcher.match(flier, profile, as_of=as_of)
    text = {f.id: f.text for f in flier.features}
    labelled: dict[int, list[tuple[int, str, int]]] = {}
    for i, pair in enumerate(spec["pairs"]):
        labelled.setdefault(int(pair["need"]), []).append((i, str(pair["feature"]), int(pair["label"])))
    score = Score()
    score.gold2 = sum(1 for p in spec["pairs"] if int(p["label"]) == 2)
    for m in result.matches:
        if m.need is None:
            continue
        best = max(((token_f1(text[m.feature], t), i, label) for i, t, label in labelled.get(m.need, ())),
                   default=(0.0, -1, -1), key=lambda x: x[0])
        f1, i, label = best
        if f1 < 0.5:
            score.ignored += 1
            continue
        if label == 2:
            score.hit2 += 1
            score.found2.add((case.name, m.need, i))
        elif label == 0:
            score.hit0 += 1
        else:
            score.hit1 += 1
        if verbose and label == 0:
            print(f"  FP {case.name} need {m.need}: {text[m.feature][:90]!r} ({m.rule} {m.score})")
    if verbose:
        for i, pair in enumerate(spec["pairs"]):
            if int(pair["label"]) == 2 and (case.name, int(pair["need"]), i) not in score.found2:
                print(f"  FN {case.name} need {pair['need']}: {str(pair['feature'])[:90]!r}")
    return score


def evaluate(base: Path, as_of: dt.date, verbose: bool = False,
             semantic: bool = False) -> dict[str, Score]:
    """Score every subset of a ``matching`` folder; keys are subset names and ``overall``."""
    from benefitkit.match import Matcher

    if semantic:
        from benefitkit.match.vectors import SentenceSimilarity

        matcher = Matcher(similarity=SentenceSimilarity())
    else:
        matcher = Matcher()
    fliers: dict[Path, Any] = {}
    out: dict[str, Score] = {}
    total = Score()
    for subset in sorted(p for p in base.iterdir() if p.is_dir()):
        sub = Score()
        for case in sorted(subset.glob("*.yaml")):
            if case.name.endswith(".profile.yaml"):
                continue
            sub.add(score_case(case, matcher, fliers, as_of, verbose))
        out[subset.name] = sub
        total.add(sub)
    out["overall"] = total
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--as-of", default="2026-01-01", help="the matcher's 'today' (fixed, for stable scores)")
    ap.add_argument("--semantic", action="store_true", help="add sentence similarity (semantic extra)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list false positives and misses")
    args = ap.parse_args(argv)
    base = corpus_dir() / args.split / "matching"
    if not base.exists():
        print(f"skipped: corpus folder {base} not found (set BENEFITKIT_CORPUS)")
        return 0
    for name, score in evaluate(base, dt.date.fromisoformat(args.as_of), args.verbose,
                                   args.semantic).items():
        print(score.line(name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
