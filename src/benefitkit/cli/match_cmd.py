"""``benefitkit match`` and ``benefitkit rules``: which features answer which needs, and why."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from benefitkit.cli._common import date_option

if TYPE_CHECKING:
    from benefitkit.engine import Engine
    from benefitkit.match import MatchResult
    from benefitkit.model import Flier

__all__ = ["register"]

RulesOpt = Annotated[
    list[Path] | None,
    typer.Option("--rules", help="A rule file merged over the defaults by rule id (repeatable)."),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="Today's date (YYYY-MM-DD) for lead times and offer deadlines."),
]
SemanticOpt = Annotated[
    bool,
    typer.Option("--semantic", help="Add sentence similarity to matching (needs the semantic extra)."),
]
FlierArg = Annotated[Path, typer.Argument(help="A flier: .txt, .md, .html, .pdf or .docx.")]
ProfileArg = Annotated[Path, typer.Argument(help="A prospect profile (YAML or JSON).")]

rules_app = typer.Typer(help="Check and explain matching rules.", no_args_is_help=True)


def _as_of(text: str | None) -> dt.date:
    return date_option(text) or dt.date.today()


def _run(flier_path: Path, profile_path: Path, as_of: dt.date, rules: list[Path] | None,
         trace: bool = False, semantic: bool = False) -> tuple[Flier, Any, MatchResult, Engine]:
    from benefitkit.engine import Engine

    engine = Engine(rules=rules or (), as_of=as_of, semantic=semantic)
    profile = engine.profile(profile_path)
    flier = engine.parse(flier_path)
    return flier, profile, engine.matcher.match(flier, profile, as_of=as_of, trace=trace), engine


def match(
    flier: FlierArg,
    profile: ProfileArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print the matches as JSON.")] = False,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
    semantic: SemanticOpt = False,
) -> None:
    """Match FLIER's features to PROFILE's needs, with the reason for each match."""
    day = _as_of(as_of)
    flier_obj, profile_obj, result, engine = _run(flier, profile, day, rules, semantic=semantic)
    if as_json:
        out = engine.match_json(flier_obj, profile_obj)
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"{flier_obj.title or flier} x {getattr(profile_obj, 'account', profile)}")
    for col in ("need", "feature", "rule", "score", "kind"):
        table.add_column(col, overflow="fold")
    for m in result.matches:
        need = profile_obj.needs[m.need].text if m.need is not None else "-"
        table.add_row(need, f"{m.feature}: {flier_obj.feature(m.feature).text}", m.rule, f"{m.score:.2f}", m.kind)
    console.print(table)
    for m in result.conflicts:
        details = "; ".join(c.detail for c in m.checks if c.outcome == "exceeds")
        console.print(f"[yellow]conflict[/]: need {m.need} x {m.feature}: {details}")
    if result.unmatched_needs:
        console.print("still to discover: " + "; ".join(profile_obj.needs[i].text for i in result.unmatched_needs))
    if result.unused_features:
        console.print("unused features: " + ", ".join(result.unused_features))


@rules_app.command("check")
def check(
    file: Annotated[Path, typer.Argument(help="A rule file to lint.")],
) -> None:
    """Parse and type-check FILE, alone and merged over the default rules."""
    from benefitkit.match import load_rules

    own = load_rules(file, defaults=False)
    merged = load_rules(file)
    defaults = {r.id for r in load_rules().rules}
    replaced = sum(1 for r in own.rules if r.id in defaults)
    typer.echo(
        f"{file}: ok, {len(own.rules)} rule(s) ({replaced} replacing defaults); "
        f"{len(merged.rules)} rules in effect, hit policy {merged.hit_policy}"
    )


@rules_app.command("explain")
def explain(
    flier: FlierArg,
    profile: ProfileArg,
    as_of: AsOfOpt = None,
    rules: RulesOpt = None,
    semantic: SemanticOpt = False,
) -> None:
    """Print the matcher's full trace: every candidate pair, its evidence, rules and score."""
    flier_obj, _, result, _ = _run(flier, profile, _as_of(as_of), rules, trace=True,
                                   semantic=semantic)
    for f in flier_obj.features:
        typer.echo(f"{f.id} [{', '.join(str(c) for c in f.categories or (f.category,))}] {f.text}")
    typer.echo("")
    for line in result.trace:
        typer.echo(line)
    typer.echo("")
    for m in result.matches + result.conflicts:
        label = "conflict" if m in result.conflicts else m.kind
        typer.echo(f"{label}: need {m.need} <- {m.feature} ({m.rule}, {m.score:.2f})")
        for reason in m.reasons:
            typer.echo(f"    {reason}")


def register(app: typer.Typer) -> None:
    """Add ``match`` and the ``rules`` group to the ``benefitkit`` app."""
    app.command("match")(match)
    app.add_typer(rules_app, name="rules")
