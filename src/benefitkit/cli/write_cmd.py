"""``benefitkit talk-track`` and ``benefitkit demo``: the writer's output for one prospect."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from benefitkit.cli._common import date_option
from benefitkit.cli.match_cmd import SemanticOpt
from benefitkit.errors import InputError

__all__ = ["register"]

FORMATS = ("md", "html", "txt", "json")


def _write(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    from benefitkit._io import atomic_write

    atomic_write(output, text)
    typer.echo(f"wrote {output}", err=True)


def talk_track(
    flier: Annotated[Path, typer.Argument(help="A flier: .txt, .md, .html, .pdf or .docx.")],
    profile: Annotated[Path, typer.Argument(help="A prospect profile (YAML or JSON).")],
    format: Annotated[str, typer.Option("--format", "-f", help="md, html, txt or json.")] = "md",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Today's date (YYYY-MM-DD).")] = None,
    rules: Annotated[list[Path] | None, typer.Option("--rules", help="Extra rule file.")] = None,
    templates: Annotated[
        list[Path] | None, typer.Option("--templates", help="A folder of templates that override ours.")
    ] = None,
    compare: Annotated[
        Path | None, typer.Option("--compare", help="Facts about the current vendor (YAML).")
    ] = None,
    semantic: SemanticOpt = False,
) -> None:
    """Write the talk-track for one prospect: opening, benefits, questions, objections, next step."""
    from benefitkit.engine import Engine

    if format not in FORMATS:
        raise InputError("unknown format", code="bad-format", field="--format", value=format,
                         hint="use md, html, txt or json")
    engine = Engine(rules=rules or (), templates=templates or (), as_of=date_option(as_of),
                    semantic=semantic)
    _write(engine.talk_track(flier, profile, format=format, comparison=compare), output)


def demo(
    as_of: Annotated[
        str, typer.Option("--as-of", help="Today's date for the demo (YYYY-MM-DD).")
    ] = "2026-11-22",
    output: Annotated[
        Path, typer.Option("--out", help="Folder for the demo's files.")
    ] = Path("demo-out"),
) -> None:
    """Run the bundled example end to end: parse, profile, match, talk-track, flier."""
    import json

    from rich.console import Console
    from rich.table import Table

    from benefitkit.engine import Engine

    console = Console()
    examples = resources.files("benefitkit").joinpath("examples")
    flier_path = Path(str(examples.joinpath("quillpad-flier.md")))
    profile_path = Path(str(examples.joinpath("quillpad-profile.yaml")))
    engine = Engine(as_of=date_option(as_of))
    flier = engine.parse(flier_path, name="quillpad-flier.md")
    profile = engine.profile(profile_path)

    table = Table(title=f"1. Parsed: {flier.title}")
    for col in ("id", "category", "feature", "values"):
        table.add_column(col, overflow="fold")
    for f in flier.features:
        table.add_row(f.id, str(f.category), f.text, ", ".join(v.text for v in f.values))
    console.print(table)

    needs = Table(title=f"2. Profile: {profile.account}")
    for col in ("#", "need", "categories", "constraints"):
        needs.add_column(col, overflow="fold")
    for i, need in enumerate(profile.needs):
        a = need.analysis
        needs.add_row(str(i), need.text, ", ".join(map(str, a.categories)),
                      "; ".join(f"{c.kind} {c.value.text}" for c in a.constraints))
    console.print(needs)

    matches = engine.match_json(flier, profile)
    console.print(f"[bold]3. Matched[/] {len(matches['matches'])} feature-need pairs; "
                  f"needs still to discover: {matches['unmatched_needs']}")
    for m in matches["matches"]:
        console.print(f"  - [cyan]{m['feature']}[/] -> need {m['need']}: {m['statement']}")

    output.mkdir(parents=True, exist_ok=True)
    from benefitkit._io import atomic_write

    talk = engine.talk_track(flier, profile, format="md")
    atomic_write(output / "talk-track.md", talk)
    atomic_write(output / "talk-track.html", engine.talk_track(flier, profile, format="html"))
    atomic_write(output / "flier.md", engine.personalised_flier(flier, profile, format="md"))
    atomic_write(output / "matches.json", json.dumps(matches, indent=2, ensure_ascii=False) + "\n")
    console.print("\n[bold]4. Talk-track[/]\n")
    console.print(talk, markup=False, highlight=False)
    console.print(f"Files written to {output}/: talk-track.md, talk-track.html, flier.md, matches.json")


def register(app: typer.Typer) -> None:
    app.command("talk-track")(talk_track)
    app.command("demo")(demo)
