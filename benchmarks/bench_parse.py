"""Parse throughput on the dev fliers, as a ratio to spaCy's bare tokenizer on the same text.

    python benchmarks/bench_parse.py [--repeat N]

For every text and Markdown flier: the whole parse (read + extract) against
``spacy.blank("en").tokenizer`` over the file's text, both timed in this run. For PDFs: the
median wall time of a whole parse per page. Targets: text/Markdown within 10x the tokenizer;
a one-page PDF under 150 ms median.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import best_of, require


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    folder = require("dev/fliers")
    import spacy

    from benefitkit.extract import Extractor
    from benefitkit.read import read_document

    tokenizer = spacy.blank("en").tokenizer
    extractor = Extractor()
    by_format: dict[str, list[Path]] = {}
    for p in sorted(folder.iterdir()):
        if not p.name.endswith(".gold.json"):
            by_format.setdefault(p.suffix, []).append(p)
    print(f"{'format':7} {'files':>5} {'parse ms':>9} {'tok ms':>8} {'ratio':>7}")
    for suffix, paths in sorted(by_format.items()):
        datas = [(p, p.read_bytes()) for p in paths]
        extractor.parse(datas[0][1], name=datas[0][0].name)  # warm caches

        def parse_all(datas: list = datas) -> None:
            for p, d in datas:
                extractor.parse(d, name=p.name)

        parse_s = best_of(parse_all, args.repeat)
        if suffix in (".txt", ".md", ".html"):
            texts = [d.decode("utf-8", "replace") for _, d in datas]
        else:
            texts = [read_document(d, name=p.name).text for p, d in datas]

        def tok_all(texts: list = texts) -> None:
            for t in texts:
                tokenizer(t)

        tok_s = best_of(tok_all, args.repeat)
        print(f"{suffix:7} {len(paths):>5} {parse_s * 1e3:9.1f} {tok_s * 1e3:8.2f} {parse_s / tok_s:7.1f}x")
        if suffix == ".pdf":
            per_page = []
            for p, d in datas:
                pages = read_document(d, name=p.name).pages
                per_page.append(best_of(lambda d=d, p=p: extractor.parse(d, name=p.name), args.repeat) / pages)
            print(f"        pdf per page: median {statistics.median(per_page) * 1e3:.1f} ms, "
                  f"max {max(per_page) * 1e3:.1f} ms (target < 150 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
