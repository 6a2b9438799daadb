"""Writing quality over every dev flier + profile pair.

    python benchmarks/eval_writing.py [--limit N] [--verbose] [--cross] [--semantic]

For each pair in ``corpus/dev/matching/*/*.yaml``: parse, match, write a statement per match,
then the talk-track (md, html, txt) and the personalised flier (md, html). Prints:

- statements written;
- template errors (target 0): a template that failed to render;
- facts without a source (target 0): every number, date, name or claim in any statement or
  document that the flier and profile do not state (counted, not stopped at the first);
- matched needs no statement addresses (target 0): a need with a benefit match but no
  statement that quotes or ties to it;
- benefit share (target >= 0.95): among statements for benefit matches, the share the
  feature/advantage/benefit check (``benefitkit.render.lint``) classes as benefits.

Needs ``benefitkit.match``; until it exists this prints a message and exits 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import require
from _pairs import AS_OF, cross_pairs, load_pairs, make_matcher


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--cross", action="store_true",
                    help="also every dev flier with every dev profile (dev/profiles/*.yaml)")
    ap.add_argument("--semantic", action="store_true",
                    help="match with sentence similarity (the semantic extra)")
    args = ap.parse_args()
    corpus = require("dev/matching").parents[1]
    try:
        import benefitkit.match.matcher  # noqa: F401
    except ImportError as exc:
        print(f"skipped: benefitkit.match is not available yet ({exc})")
        return 0
    from benefitkit.errors import ProvenanceError, TemplateError
    from benefitkit.render import (
        Sources,
        Writer,
        classify,
        personalised_flier,
        render_document,
        talk_track,
        unsupported,
    )

    # Provenance off inside the writer so every unsupported fact is counted, not just the first.
    writer = Writer(as_of=AS_OF, provenance=False)
    pairs = statements = template_errors = facts = unaddressed = matched_needs = 0
    benefit_total = benefit_ok = 0
    import itertools

    matcher = make_matcher(args.semantic)
    sources = [load_pairs(corpus, args.limit, matcher)]
    if args.cross:
        sources.append(cross_pairs(corpus, args.limit, matcher))
    for name, flier, profile, result in itertools.chain(*sources):
        pairs += 1
        needs = [n.text for n in profile.needs]
        names = [profile.account] + ([profile.contact.name] if profile.contact and profile.contact.name else [])
        try:
            state = writer.start(flier, profile)
            written = writer.statements(flier, profile, result.matches, state=state)
        except TemplateError as exc:
            template_errors += 1
            print(f"{name}: template error {exc}")
            continue
        statements += len(written)
        for b in written:
            src = Sources.combine(state.sources, writer.sources_for(flier.feature(b.feature_id), flier))
            bad = unsupported(b.text, src)
            facts += len(bad)
            if bad and args.verbose:
                print(f"{name}: {[f.text for f in bad]} in {b.text!r}")
        needed = {m.need for m in result.matches if m.kind == "benefit" and m.need is not None}
        matched_needs += len(needed)
        for i in needed:
            hits = [b for b in written if b.need_index == i
                    and (needs[i].rstrip(".") in b.text or classify(b.text, needs, names).need == i)]
            unaddressed += not hits
        for b in written:
            if b.kind != "benefit":
                continue
            benefit_total += 1
            verdict = classify(b.text, needs, names)
            benefit_ok += verdict.label == "benefit"
            if verdict.label != "benefit" and args.verbose:
                print(f"{name}: classed {verdict.label}: {b.text}")
        for build, formats in ((talk_track, ("md", "html", "txt")), (personalised_flier, ("md", "html"))):
            try:
                doc = build(writer, flier, profile, result)
                for fmt in formats:
                    text = render_document(writer, doc, flier, profile, fmt)
                    doc_src = Sources.combine(state.sources, writer.flier_sources(flier),
                                              Sources(numbers={f.source.page for f in flier.features}))
                    bad = unsupported(text, doc_src, html=fmt == "html")
                    facts += len(bad)
                    if bad and args.verbose:
                        print(f"{name} {build.__name__}.{fmt}: {[f.text for f in bad]}")
            except (TemplateError, ProvenanceError) as exc:
                template_errors += isinstance(exc, TemplateError)
                print(f"{name}: {exc}")
    share = benefit_ok / benefit_total if benefit_total else 1.0
    print(f"pairs                              {pairs}")
    print(f"statements written                 {statements}")
    print(f"template errors                    {template_errors}   (target 0)")
    print(f"facts without a source             {facts}   (target 0)")
    print(f"matched needs not addressed        {unaddressed} of {matched_needs}   (target 0)")
    print(f"benefit share of benefit matches   {share:.3f} ({benefit_ok}/{benefit_total})   (target >= 0.95)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
