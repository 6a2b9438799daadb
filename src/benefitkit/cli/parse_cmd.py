"""``benefitkit parse``: a flier into features, as a table or as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from benefitkit.cli._common import date_option

__all__ = ["register"]


def parse(
    flier: Annotated[Path, typer.Argument(help="A flier: .txt, .md, .html, .pdf or .docx.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the features as JSON.")] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Reference date (YYYY-MM-DD) for dates without a year.")
    ] = None,
    format: Annotated[str | None, typer.Option("--format", help="Force the input format.")] = None,
) -> None:
    """Parse FLIER into typed features with categories, values and source spans."""
    from benefitkit.api import parse_flier

    ref = date_option(as_of)
    flier_obj = parse_flier(flier, ref_date=ref, format=format)
    if as_json:
        typer.echo(json.dumps(flier_obj.to_json(), ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=flier_obj.title or str(flier), show_lines=False)
    for col in ("id", "category", "feature", "values"):
        table.add_column(col, overflow="fold")
    for f in flier_obj.features:
        values = ", ".join(v.text for v in f.values)
        table.add_row(f.id, str(f.category), f.text, values)
    Console().print(table)


def register(app: typer.Typer) -> None:
    app.command("parse")(parse)
