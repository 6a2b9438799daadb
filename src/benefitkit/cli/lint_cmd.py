"""``benefitkit lint`` and ``benefitkit check-claims``: keeping sales and marketing honest.

``lint`` always exits 0 (it advises); ``check-claims`` exits 1 when a claim has no source,
so it can gate an outbound email in another tool, and 2 on bad input (through ``main``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from benefitkit.errors import InputError

__all__ = ["check_claims_command", "lint_command", "register"]

# a TEXT_OR_FILE argument longer than this, or with a line break, is text, never a path
_MAX_PATH = 1024
_TEXT_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".text", ".html", ".htm", ".eml",
                            ".rst"})


def _read_text(value: str, what: str) -> tuple[str, str]:
    """(text, name) for an argument that is either a file path or the text itself."""
    if value == "-":
        import sys

        return sys.stdin.read(), "<stdin>"
    if len(value) <= _MAX_PATH and "\n" not in value:
        path = Path(value)
        if path.is_file():
            return _read_file(path, what), str(path)
        # one word that looks like a file name is a mistyped path, not a text to lint
        if " " not in value and (path.suffix.lower() in _TEXT_SUFFIXES or "/" in value):
            raise InputError(f"the {what} file does not exist", code="missing-file",
                             path=path, hint="check the path, or quote the text to lint")
    return value, "<text>"


def _read_file(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(f"the {what} does not exist", code="missing-file", path=path,
                         hint="check the path") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the {what}: {exc}", code="unreadable-file",
                         path=path) from exc


def lint_command(
    text_or_file: Annotated[str, typer.Argument(
        metavar="TEXT_OR_FILE", help="A file to lint, the text itself, or - for stdin.")],
    profile: Annotated[Path | None, typer.Option(
        "--profile", help="The buyer's profile (YAML/JSON): their needs make benefits.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the verdicts as JSON.")] = False,
) -> None:
    """Class each sentence as a feature, an advantage or a benefit, with the reason."""
    from benefitkit.lint import lint_text

    text, _ = _read_text(text_or_file, "text")
    buyer: Any = None
    if profile is not None:
        from benefitkit.profile import Profile

        buyer = Profile.from_file(profile)
    report = lint_text(text, buyer)
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return
    for s in report.sentences:
        typer.echo(f"{s.label.upper():9} {s.text}")
        typer.echo(f"          why: {s.reason}")
        if s.suggestion:
            typer.echo(f"          try: {s.suggestion}")
    counts = report.counts()
    typer.echo(", ".join(f"{n} {label}{'s' if n != 1 else ''}" for label, n in counts.items()))


def check_claims_command(
    draft: Annotated[Path, typer.Argument(help="The email or talk-track to check.")],
    flier: Annotated[Path, typer.Option(
        "--flier", help="The flier the claims must come from.")],
    compare: Annotated[Path | None, typer.Option(
        "--compare", help="Comparison facts about a competitor, also accepted as sources.")]
    = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print every claim as JSON.")] = False,
) -> None:
    """Flag every claim in DRAFT the flier does not support; exit 1 if any."""
    from benefitkit.api import parse_flier
    from benefitkit.lint import check_claims, load_comparison

    text = _read_file(draft, "draft")
    parsed = parse_flier(flier)
    comparison = load_comparison(compare) if compare is not None else None
    report = check_claims(text, parsed, comparison=comparison)
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        for c in report.unsupported:
            line = text.count("\n", 0, c.start) + 1
            typer.echo(f"{draft}:{line}: {c.kind}: {c.text!r} [{c.start}:{c.end}]")
            typer.echo(f"    why: {c.reason}")
            typer.echo(f"    closest source: {c.source}")
        bad = len(report.unsupported)
        typer.echo(f"{len(report.claims)} claims checked, {bad} without a source")
    if report.unsupported:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``lint`` and ``check-claims`` to the ``benefitkit`` command."""
    app.command("lint")(lint_command)
    app.command("check-claims")(check_claims_command)
