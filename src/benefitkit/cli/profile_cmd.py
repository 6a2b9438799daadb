"""``benefitkit profile check`` and ``benefitkit schema profile``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from benefitkit.cli._common import date_option

if TYPE_CHECKING:
    from rich.console import Console

    from benefitkit.profile import Profile, RowError

__all__ = ["register"]

_PROFILE_SUFFIXES = (".yaml", ".yml", ".json")

profile_app = typer.Typer(help="Check profiles and account lists.", no_args_is_help=True)
schema_app = typer.Typer(
    help="Print the JSON Schema of a file benefitkit reads.", no_args_is_help=True
)


def _as_of(text: str | None) -> dt.date:
    return date_option(text) or dt.date.today()


@profile_app.command("check")
def check(
    file: Annotated[
        Path,
        typer.Argument(help="A profile (.yaml, .json) or an account list (.csv, .xlsx, .jsonl)."),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (JSON Lines for account lists).")
    ] = False,
    mapping: Annotated[
        str | None,
        typer.Option(
            "--mapping", help="Column mapping: a preset (salesforce, hubspot) or a YAML file."
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Reference date (YYYY-MM-DD) for phrases such as 'by Q3'."),
    ] = None,
) -> None:
    """Validate FILE and print each need's categories, terms and constraints, and every row error.

    Exits 2 when the file or any row has an error.
    """
    ref = _as_of(as_of)
    if file.suffix.lower() in _PROFILE_SUFFIXES:
        from benefitkit.profile import Profile

        profile = Profile.from_file(file, ref_date=ref)
        if as_json:
            typer.echo(json.dumps(profile.to_json(), ensure_ascii=False, indent=2))
        else:
            _print_profile(profile, _console())
        return
    if _check_accounts(file, as_json=as_json, mapping=mapping, ref=ref):
        raise typer.Exit(code=2)


def _check_accounts(file: Path, *, as_json: bool, mapping: str | None, ref: dt.date) -> int:
    """Print every profile and row error of an account list; return the number of errors."""
    from benefitkit.profile import RowError, read_accounts

    console = None if as_json else _console()
    profiles = errors = 0
    for record in read_accounts(file, mapping=mapping, ref_date=ref):
        if isinstance(record, RowError):
            errors += 1
            if console is None:
                typer.echo(
                    json.dumps({"row": record.row, "error": record.to_json()}, ensure_ascii=False)
                )
            else:
                _print_row_error(record, console)
            continue
        profiles += 1
        if console is None:
            typer.echo(json.dumps({"profile": record.to_json()}, ensure_ascii=False))
        else:
            _print_profile(record, console, compact=True)
    if console is not None:
        style = "red" if errors else "green"
        console.print(f"[{style}]{_count(profiles, 'profile')}, {_count(errors, 'row error')}"
                      f"[/{style}] in {file}")
    return errors


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def _constraint_text(c: dict[str, Any]) -> str:
    v = c["value"]
    if v["kind"] == "date":
        shown = v["date"]
    elif v["kind"] == "money":
        shown = f"{v['amount']:,} {v['currency']}" + (f"/{v['period']}" if v.get("period") else "")
    else:
        shown = f"{v['amount']:,} {v.get('unit') or ''}".strip()
    return f"{c['kind']} {shown}"


def _print_profile(profile: Profile, console: Console, *, compact: bool = False) -> None:
    from rich.markup import escape
    from rich.table import Table

    needs = [n.to_json() for n in profile.needs]
    if compact:
        console.print(f"[bold]{escape(profile.account)}[/bold]: {_count(len(needs), 'need')}")
        for n in needs:
            extra = "; ".join(_constraint_text(c) for c in n["constraints"])
            console.print(
                f"  - {escape(n['text'])} [cyan]{', '.join(n['categories'])}[/cyan]"
                + (f" [magenta]{escape(extra)}[/magenta]" if extra else "")
            )
        return
    title = profile.account + (
        f" ({profile.contact.name})" if profile.contact and profile.contact.name else ""
    )
    table = Table(title=title, show_lines=False)
    for col in ("#", "priority", "need", "categories", "terms", "constraints"):
        table.add_column(col, overflow="fold")
    for i, (need, n) in enumerate(zip(profile.needs, needs, strict=True)):
        table.add_row(
            str(i),
            need.priority_label or "",
            escape(n["text"]),
            ", ".join(n["categories"]),
            escape(", ".join(n["terms"])),
            escape("; ".join(_constraint_text(c) for c in n["constraints"])),
        )
    console.print(table)
    facts = [
        (
            "budget",
            profile.budget
            and _constraint_text({"kind": "", "value": profile.budget.to_value().to_json()}),
        ),
        (
            "timeline",
            profile.timeline
            and (
                profile.timeline.text
                + (
                    f" -> {profile.timeline.date}"
                    if profile.timeline.date and profile.timeline.text != str(profile.timeline.date)
                    else ""
                )
            ),
        ),
    ]
    for label, text in facts:
        if text:
            console.print(f"{label}: {escape(str(text).strip())}")


def _print_row_error(record: RowError, console: Console) -> None:
    from rich.markup import escape

    who = f" ({escape(record.account)})" if record.account else ""
    console.print(f"[red]row {record.row}{who}: {escape(str(record.error))}[/red]")


@schema_app.command("profile")
def schema_profile() -> None:
    """Print the JSON Schema of a profile file (YAML or JSON)."""
    from benefitkit.profile import Profile

    typer.echo(json.dumps(Profile.model_json_schema(), indent=2))


@schema_app.command("mapping")
def schema_mapping() -> None:
    """Print the JSON Schema of a column mapping file."""
    from benefitkit.profile import ColumnMapping

    typer.echo(json.dumps(ColumnMapping.model_json_schema(), indent=2))


def register(app: typer.Typer) -> None:
    """Add the ``profile`` and ``schema`` command groups to ``app``."""
    app.add_typer(profile_app, name="profile")
    app.add_typer(schema_app, name="schema")


def _count(n: int, noun: str) -> str:
    """"1 need", "2 needs": how many, with the noun to match."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
