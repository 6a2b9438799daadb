"""``benefitkit personalize``: one flier, a whole account list, one file per account.

Exit codes: 0 when every account was written (or skipped as already done); 1 when the run
finished but some rows were rejected (each is in ``errors.jsonl``, and every good account was
still written); 2 for input that cannot be used as a whole (unreadable flier or list, no
account column, unknown format) and for ``--fail-fast`` stopping at a bad row; 130 when
interrupted (run again with ``--resume`` to finish).
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from benefitkit.cli._common import date_option
from benefitkit.cli.match_cmd import SemanticOpt
from benefitkit.errors import InputError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, Task
    from rich.text import Text

__all__ = ["register"]

FORMATS = ("md", "html", "txt", "json")


def personalize(
    flier: Annotated[Path, typer.Argument(help="A flier: .txt, .md, .html, .pdf or .docx.")],
    accounts: Annotated[Path, typer.Argument(help="An account list: .csv, .xlsx or .jsonl.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the files.")] = Path(
        "personalized"
    ),
    format: Annotated[str, typer.Option("--format", "-f", help="md, html, txt or json.")] = "md",
    document: Annotated[
        str, typer.Option("--document", help="flier (personalised flier) or talk-track.")
    ] = "flier",
    mapping: Annotated[
        str | None,
        typer.Option("--mapping", help="Column mapping: salesforce, hubspot or a YAML file."),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes.")] = 1,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip accounts already written by an earlier run.")
    ] = False,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="Stop at the first bad row (exit 2).")
    ] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Today's date (YYYY-MM-DD).")
    ] = None,
    rules: Annotated[list[Path] | None, typer.Option("--rules", help="Extra rule file.")] = None,
    templates: Annotated[
        list[Path] | None,
        typer.Option("--templates", help="A folder of templates that override ours."),
    ] = None,
    semantic: SemanticOpt = False,
) -> None:
    """Write each account's personalised flier (or talk-track), a manifest and an error list.

    Files go directly into --out as <account name>.<format>, with manifest.jsonl (one line
    per account) and errors.jsonl (rejected rows: row, column, reason). Exit 0 when all were
    written, 1 when some rows were rejected, 2 for unusable input or --fail-fast.
    """
    from contextlib import closing

    from rich.console import Console
    from rich.markup import escape

    from benefitkit.batch import ERRORS, count_rows
    from benefitkit.batch import personalize as run_batch
    from benefitkit.engine import Engine

    if format not in FORMATS:
        raise InputError("unknown format", code="bad-format", field="--format", value=format,
                         hint="Use md, html, txt or json")
    console = Console(stderr=True)
    with console.status("Preparing the engine and parsing the flier..."):
        engine = Engine(rules=rules or (), templates=templates or (),
                        as_of=date_option(as_of), semantic=semantic)
        results = run_batch(flier, accounts, engine=engine, format=format, document=document,
                            workers=workers, out=out, mapping=mapping, resume=resume,
                            fail_fast=fail_fast)
    counts = {"ok": 0, "skipped": 0, "error": 0}
    start = time.perf_counter()
    stopped_at: int | None = None
    try:
        with closing(results):
            # The first result starts the worker processes: fork them before the progress
            # bar starts its refresh thread.
            first = next(results, None)
            with _progress(console) as progress:
                task = progress.add_task("personalising", total=count_rows(accounts))
                for result in itertools.chain([first] if first else [], results):
                    counts[result.status] += 1
                    progress.advance(task)
                    if fail_fast and result.status == "error":
                        stopped_at = result.row
                        console.print(f"[red]row {result.row}[/]: {escape(str(result.error))}",
                                      highlight=False)
                progress.update(task, total=progress.tasks[0].completed)
    except KeyboardInterrupt:
        console.print(f"interrupted after {sum(counts.values())} accounts; "
                      "run again with --resume to finish", highlight=False)
        raise typer.Exit(130) from None
    seconds = time.perf_counter() - start
    done = counts["ok"] + counts["skipped"]
    console.print(
        f"{counts['ok']} written, {counts['skipped']} already done, {counts['error']} rejected "
        f"in {seconds:.1f} s ({done / max(seconds, 1e-9):.0f} accounts/s) -> {out}/"
        + (f"; see {out / ERRORS}" if counts["error"] else ""),
        highlight=False,
    )
    if stopped_at is not None:
        console.print(f"stopped at row {stopped_at} (--fail-fast)", highlight=False)
        raise typer.Exit(2)
    raise typer.Exit(1 if counts["error"] else 0)


def _progress(console: Console) -> Progress:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    class RateColumn(ProgressColumn):
        """Accounts per second, from rich's moving window."""

        def render(self, task: Task) -> Text:
            from rich.text import Text

            return Text("-- /s" if task.speed is None else f"{task.speed:,.0f}/s",
                        style="progress.data.speed")

    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=console,
        transient=False,
    )


def register(app: typer.Typer) -> None:
    app.command("personalize")(personalize)
