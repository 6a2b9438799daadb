"""Statement throughput of the writer against plain Jinja on the same templates (the floor).

    python benchmarks/bench_render.py [--repeat N] [--limit N]

For every dev flier + profile pair the writer writes a statement per match: context
building, phrasing choice, opener check, rendering and the provenance check. The floor renders
the same templates, with the same variables (recorded from the writer's own calls and
precomputed), through a plain ``jinja2.Environment`` in this run. Target: the writer within
2x of the floor (ratio <= 2.0). Also prints the writer with provenance off, to show its cost.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import best_of, require
from _pairs import AS_OF, load_pairs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    corpus = require("dev/matching").parents[1]
    try:
        pairs = list(load_pairs(corpus, args.limit))
    except ImportError as exc:
        print(f"skipped: benefitkit.match is not available yet ({exc})")
        return 0
    import jinja2

    from benefitkit.render import FILTERS, Writer, package_templates_dir

    writer = Writer(as_of=AS_OF)
    plain = Writer(writer.env, as_of=AS_OF, provenance=False)

    # Record the render each statement kept: the same template and variables, precomputed.
    calls: list[tuple[str, dict[str, Any], str]] = []
    kept: list[tuple[str, dict[str, Any]]] = []
    original_render, original_statement = writer.render, writer.statement

    def recording(name: str, context: dict[str, Any], *, collapse: bool = True) -> str:
        text = original_render(name, context, collapse=collapse)
        calls.append((name, dict(context), text))
        return text

    def statement(*a: Any, **kw: Any) -> Any:
        calls.clear()
        b = original_statement(*a, **kw)
        kept.append(next((n, c) for n, c, t in calls if t == b.text))
        return b

    writer.render = recording  # type: ignore[method-assign]
    writer.statement = statement  # type: ignore[method-assign]
    count = sum(len(writer.statements(f, p, r.matches)) for _, f, p, r in pairs)
    writer.render, writer.statement = original_render, original_statement  # type: ignore[method-assign]
    floor_env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(package_templates_dir())),
        undefined=jinja2.StrictUndefined, auto_reload=False, cache_size=-1,
    )
    floor_env.filters.update(FILTERS)
    compiled = [(floor_env.get_template(name), ctx) for name, ctx in kept]

    def floor() -> None:
        for template, ctx in compiled:
            " ".join(template.render(ctx).split())

    sandboxed = [(writer.env.get_template(name), ctx) for name, ctx in kept]

    def sandbox_floor() -> None:
        for template, ctx in sandboxed:
            " ".join(template.render(ctx).split())

    def run(w: Writer) -> None:
        for _, flier, profile, result in pairs:
            w.statements(flier, profile, result.matches)

    run(writer)  # warm caches (inflect import, Babel locale data, feature sources)
    floor()
    # Interleaved rounds, best of each: other load on the machine hits every path alike.
    paths = {"floor": floor, "sandbox": sandbox_floor, "plain": lambda: run(plain),
             "writer": lambda: run(writer)}
    best = dict.fromkeys(paths, float("inf"))
    for _ in range(args.repeat):
        for key, fn in paths.items():
            best[key] = min(best[key], best_of(fn, 1))
    t_floor, t_sandbox, t_plain, t_writer = (best[k] for k in paths)
    n = len(compiled)
    print(f"pairs {len(pairs)}, statements {count} (floor renders {n})")
    print(f"{'path':28} {'statements/s':>13} {'ratio':>6}")
    print(f"{'plain Jinja (floor)':28} {n / t_floor:13,.0f} {1.0:6.2f}")
    print(f"{'same, sandboxed env':28} {n / t_sandbox:13,.0f} {t_sandbox / t_floor:6.2f}")
    print(f"{'writer, provenance off':28} {count / t_plain:13,.0f} {t_plain / t_floor:6.2f}")
    print(f"{'writer (full)':28} {count / t_writer:13,.0f} {t_writer / t_floor:6.2f}   (target <= 2.00)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
