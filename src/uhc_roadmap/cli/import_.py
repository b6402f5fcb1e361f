"""``uhc-roadmap import``: a workbook (``export --format xlsx`` or a filled template) back
into a roadmap file, every problem named by its cell.

Exit 0 written (or nothing to change), 1 findings (nothing written), 2 usage or unreadable
file. The findings go to standard output in ``--format`` (as ``validate`` prints them) when
the roadmap goes to a file, to standard error when it goes to standard output.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from uhc_roadmap.cli.common import ColorChoice, load_config, note, use_color
from uhc_roadmap.cli.options import ColorOption, ConfigOption, OutputOption, format_option, option
from uhc_roadmap.errors import Bug, FindingsError, UsageError
from uhc_roadmap.formats.diagnostics import DIAGNOSTIC_FORMATS

if TYPE_CHECKING:
    from uhc_roadmap.spreadsheets.importing import WorkbookCheck
    from uhc_roadmap.validation import ValidationOptions


def import_(
    workbook: Annotated[
        Path, typer.Argument(help="The workbook (.xlsx) to import.", show_default=False)
    ],
    output: OutputOption = None,
    into: Annotated[
        Path | None,
        option(
            "--into",
            metavar="FILE",
            help="Apply the workbook's changes to this roadmap file: only what differs is "
            "rewritten, its comments and layout are kept.",
        ),
    ] = None,
    show_diff: Annotated[
        bool, typer.Option("--diff", help="With --into: show the change as a diff, write nothing.")
    ] = False,
    output_format: Annotated[str | None, format_option(DIAGNOSTIC_FORMATS, "text")] = None,
    color: ColorOption = ColorChoice.AUTO,
    config: ConfigOption = None,
) -> None:
    """Import a workbook into a roadmap: a new file (-o), changes to an existing one (--into),
    or the YAML on standard output.

    The workbook is validated as a roadmap; every finding names its cell
    (plan.xlsx:activities!F12). Nothing is written when there is an error. See
    docs/spreadsheets.md.
    """
    from uhc_roadmap.spreadsheets import require_openpyxl
    from uhc_roadmap.spreadsheets.archive import MAX_FILE
    from uhc_roadmap.spreadsheets.importing import check_workbook

    if output is not None and into is not None:
        raise UsageError("give -o (a new file) or --into (an existing one), not both")
    if show_diff and into is None:
        raise UsageError("--diff shows the change --into makes; give --into FILE")
    chosen = DIAGNOSTIC_FORMATS.check(output_format or "text")
    require_openpyxl()
    options = load_config(config).validation_options()
    raw = _read(workbook, MAX_FILE + 1)
    checked = check_workbook(raw, str(workbook), options)
    to_stdout = output is None and into is None
    _report(checked, chosen, color, to_stderr=to_stdout or show_diff)
    if checked.result.has_errors or checked.data is None:
        raise FindingsError(f"nothing written: fix the errors in {workbook} first")
    if into is not None:
        _into(workbook, into, checked, options, show_diff)
        return
    text = _new_file(checked, output or Path("-"))
    if output is None:
        sys.stdout.write(text)
        return
    from uhc_roadmap.cli.common import emit

    emit(text, output)
    note(f"{output}: written from {workbook}")


def _read(path: Path, limit: int) -> bytes:
    from uhc_roadmap.discovery import Source, read

    return read(Source(str(path), path), max_bytes=limit)


def _report(checked: WorkbookCheck, chosen: str, color: ColorChoice, *, to_stderr: bool) -> None:
    """The findings in the chosen format; nothing in text when there are none."""
    from uhc_roadmap.formats.diagnostics.base import DiagnosticOptions

    stream = sys.stderr if to_stderr else sys.stdout
    if chosen == "text" and not checked.result.diagnostics:
        return
    formatter = DIAGNOSTIC_FORMATS.get(chosen)(
        DiagnosticOptions(color=chosen == "text" and use_color(color, stream))
    )
    stream.write(formatter.render([checked.result]))
    stream.flush()


def _new_file(checked: WorkbookCheck, output: Path) -> str:
    from uhc_roadmap.editing import EditBug
    from uhc_roadmap.spreadsheets.importing import yaml_text

    assert checked.data is not None
    try:
        return yaml_text(checked.data, checked.languages, str(output))
    except EditBug as exc:
        raise Bug(exc.message) from None


def _into(
    workbook: Path, into: Path, checked: WorkbookCheck, options: ValidationOptions, show_diff: bool
) -> None:
    from uhc_roadmap.cli.edit import show_findings, write_or_refuse
    from uhc_roadmap.editing import Document, EditBug, EditError, NotLoadable
    from uhc_roadmap.editing.files import read_for_edit
    from uhc_roadmap.editing.textdiff import unified
    from uhc_roadmap.spreadsheets.importing import apply_to

    assert checked.data is not None
    original = read_for_edit(into, options.limits.max_bytes)
    try:
        doc = Document.parse(original, str(into), options.limits)
        applied = apply_to(doc, checked.data, options)
    except NotLoadable as exc:
        show_findings(exc.diagnostics)
        raise FindingsError(f"{into} does not load, so nothing is applied to it") from None
    except EditBug as exc:
        raise Bug(exc.message) from None
    except EditError as exc:
        show_findings(exc.diagnostics)
        raise FindingsError(f"{exc.message}; {into} is unchanged") from None
    outcome = applied.edited
    if not outcome.changed:
        note(f"{into}: nothing to change (it holds what {workbook} holds)")
        return
    if show_diff:
        sys.stdout.write(unified(str(into), doc.text, outcome.text))
        return
    write_or_refuse(into, original, outcome.raw)
    count = applied.changes
    note(f"{into}: {count} value{'s' * (count != 1)} changed from {workbook}")
