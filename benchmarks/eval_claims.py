"""How well the provenance check tells supported claims from invented ones.

    python benchmarks/eval_claims.py [--verbose]

Each ``corpus/dev/claims/*.yaml`` lists the claims of a sales message written from one flier,
labelled supported or not. A claim is *flagged* when ``benefitkit.render.provenance`` finds a
fact in it (number, date, name, code, claim word) that the flier's text does not state.
Prints, per claim type, how many unsupported claims are flagged (recall) and how many
supported ones are flagged by mistake. The check reads facts, not meaning: an invented
promise in plain words ("get you to production in weeks") is out of its reach by design.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import require


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    folder = require("dev/claims")
    from benefitkit.api import parse_flier
    from benefitkit.render import Sources, unsupported

    caught: collections.Counter[str] = collections.Counter()
    missed: collections.Counter[str] = collections.Counter()
    false: collections.Counter[str] = collections.Counter()
    fine: collections.Counter[str] = collections.Counter()
    for path in sorted(folder.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        flier = (path.parent / spec["flier"]).resolve()
        parsed = parse_flier(flier)  # the document's text, whatever its format
        sources = Sources([parsed.text, *(f.text for f in parsed.features)])
        for claim in spec["claims"]:
            bad = unsupported(claim["text"], sources)
            kind = claim.get("type", "other")
            if claim["supported"]:
                (false if bad else fine)[kind] += 1
            else:
                (caught if bad else missed)[kind] += 1
            if args.verbose and bool(bad) == bool(claim["supported"]):
                print(f"{path.stem}: supported={claim['supported']} flagged={[f.text for f in bad]}"
                      f" {claim['text']!r}")
    print(f"{'type':14} {'unsupported flagged':>20} {'supported flagged':>18}")
    for kind in sorted(set(caught) | set(missed) | set(false) | set(fine)):
        print(f"{kind:14} {caught[kind]:>9} of {caught[kind] + missed[kind]:<8} "
              f"{false[kind]:>8} of {false[kind] + fine[kind]:<6}")
    c, m, f, o = (sum(x.values()) for x in (caught, missed, false, fine))
    print(f"{'all':14} {c:>9} of {c + m:<8} {f:>8} of {f + o:<6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
