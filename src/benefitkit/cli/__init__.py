"""The ``benefitkit`` command: a thin face over the public API.

Each command group lives in its own module with a ``register(app)`` function; this module
only assembles them and turns our errors into one line on stderr and exit code 2.
"""

from __future__ import annotations

import sys

import typer

from benefitkit.errors import BenefitkitError

__all__ = ["app", "main"]

app = typer.Typer(
    name="benefitkit",
    help="Turn a flier's features into benefits for one prospect.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from benefitkit import __version__

        typer.echo(f"benefitkit {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version,
                                 help="Print the version and exit."),
) -> None:
    """Turn a flier's features into benefits for one prospect."""


def _register_all() -> None:
    from benefitkit.cli import batch_cmd, lint_cmd, match_cmd, parse_cmd, profile_cmd, write_cmd

    for module in (parse_cmd, profile_cmd, match_cmd, write_cmd, batch_cmd, lint_cmd):
        module.register(app)


_register_all()


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 findings, 2 bad input)."""
    try:
        result = app(args=argv, standalone_mode=False)
    except BenefitkitError as exc:
        typer.echo(f"benefitkit: error: {exc}", err=True)
        return 2
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        typer.echo("benefitkit: aborted", err=True)
        return 130
    except Exception as exc:
        # Usage errors from the command-line parser (typer's click) know how to show
        # themselves; anything else is a bug and keeps its traceback.
        show = getattr(exc, "show", None)
        if callable(show) and hasattr(exc, "exit_code"):
            show()
            return 2
        raise
    return int(result or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
