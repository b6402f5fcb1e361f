"""The Typer application: one module per command, imported lazily by the commands themselves."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from uhc_roadmap import __version__
from uhc_roadmap.cli.cache import cache
from uhc_roadmap.cli.common import ExitCode
from uhc_roadmap.cli.diff import diff
from uhc_roadmap.cli.edit import record, set_
from uhc_roadmap.cli.export import export
from uhc_roadmap.cli.fmt import fmt
from uhc_roadmap.cli.guard import guarded
from uhc_roadmap.cli.import_ import import_
from uhc_roadmap.cli.lsp import lsp
from uhc_roadmap.cli.new import new
from uhc_roadmap.cli.regions import regions
from uhc_roadmap.cli.render import render
from uhc_roadmap.cli.report import report
from uhc_roadmap.cli.rules import rules
from uhc_roadmap.cli.schema import schema
from uhc_roadmap.cli.site import site
from uhc_roadmap.cli.validate import validate

app = typer.Typer(
    name="uhc-roadmap",
    help="Validate, report on and render UHC partnership roadmaps kept as YAML files.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion: Typer imports its completion code anyway
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: Rich help formatting costs ~70 ms of start-up
    context_settings={"help_option_names": ["-h", "--help"]},
)
_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        print(f"uhc-roadmap {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback for internal errors.")
    ] = False,
) -> None:
    """Validate, report on and render UHC partnership roadmaps kept as YAML files."""
    _state["debug"] = debug


# In the order a user meets them: check, report, render, review a change, start, look up.
app.command()(validate)
app.command()(report)
app.command()(cache)
app.command()(render)
app.command()(diff)
app.command()(export)
app.command(name="import")(import_)
app.command()(site)
app.command(name="set")(set_)
app.command()(record)
app.command()(fmt)
app.command()(lsp)
app.command()(new)
app.command()(rules)
app.command()(regions)
app.command()(schema)


def main(argv: list[str] | None = None) -> int:
    """Run a command through Typer: every expected error is printed once, with its exit code;
    anything else is a bug, said to be one, never a traceback unless --debug asks
    (``guard.py``)."""
    return guarded(
        lambda: _run(argv), debug=lambda: _state["debug"] or "--debug" in (argv or sys.argv)
    )


def _run(argv: list[str] | None) -> int:
    try:
        app(args=argv, prog_name="uhc-roadmap")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else ExitCode.USAGE
        if code == ExitCode.INTERRUPTED:  # Typer turns Ctrl-C into a silent exit 130
            print("uhc-roadmap: interrupted", file=sys.stderr)
        return code
    return ExitCode.OK
