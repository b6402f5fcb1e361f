"""``uhc-roadmap set`` and ``record``, and ``validate --fix``: the write path's commands.

Thin: arguments are parsed here, the edit is made by ``uhc_roadmap.editing``; what is shown
and the exit code are decided here. Exit 0 written (or nothing to change), 1 refused (the
file does not load, an unknown id or field, errors the edit would add, the file changed on
disk meanwhile), 2 usage or unreadable file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from uhc_roadmap.cli.common import ExitCode, load_config, note
from uhc_roadmap.cli.options import ConfigOption
from uhc_roadmap.errors import Bug, FindingsError, UsageError

if TYPE_CHECKING:
    from uhc_roadmap.diagnostics import Diagnostic, FileResult
    from uhc_roadmap.discovery import Source
    from uhc_roadmap.editing import Change, Document, EditError
    from uhc_roadmap.editing.paths import Assignment
    from uhc_roadmap.validation import ValidationOptions

FileArgument = Annotated[
    Path, typer.Argument(help="The roadmap file to change.", show_default=False)
]
ForceOption = Annotated[
    bool,
    typer.Option("--force", help="Write even if the edit adds errors (they are shown)."),
]
DiffOption = Annotated[
    bool, typer.Option("--diff", help="Show the change as a diff; write nothing.")
]


def set_(
    file: FileArgument,
    assignments: Annotated[
        list[str],
        typer.Argument(
            help="ID (an activity, indicator, milestone, axis, organisation or the phase; "
            "none for the roadmap's own fields), then FIELD=VALUE ... (e.g. status=completed "
            "actual.end=2021-10-15 budget.2021.EU.spent=12000).",
            show_default=False,
        ),
    ],
    unset: Annotated[
        list[str] | None,
        typer.Option("--unset", help="Remove this field (repeatable).", show_default=False),
    ] = None,
    force: ForceOption = False,
    show_diff: DiffOption = False,
    config: ConfigOption = None,
) -> None:
    """Change fields of a roadmap in place, with the smallest diff; comments are kept.

    The result is validated: an edit that would add errors is refused and the file is left
    byte for byte. See docs/editing.md for the address syntax.
    """
    from uhc_roadmap.editing import EditError
    from uhc_roadmap.editing.paths import Assignment, resolve

    object_id, fields = _split(assignments, unset or [])
    options = _options(config)
    raw, doc = _open(file, options)
    try:
        items = [Assignment.parse(a) for a in fields] + [Assignment(f, None) for f in unset or []]
        resolved = resolve(doc.data, object_id, items)
    except EditError as exc:
        _refused(exc, file)
    label = f"{object_id}: " if object_id else ""
    summary = ", ".join(_describe(doc.data, r.change, r.assignment) for r in resolved)
    _apply(file, raw, doc, [r.change for r in resolved], options, force, show_diff, label + summary)


def record(
    file: FileArgument,
    indicator: Annotated[str, typer.Argument(help="The indicator's id.", show_default=False)],
    value: Annotated[
        str,
        typer.Option(
            "--value",
            help="The value measured: a number, or text for a qualitative indicator.",
            show_default=False,
        ),
    ],
    day: Annotated[
        str, typer.Option("--date", help="The day it describes, YYYY-MM-DD.", show_default=False)
    ],
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            help="Where it was measured (ISO 3166-2 code or region group); national if left out.",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", help="Where the figure comes from.", show_default=False),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Replace the value already recorded for this date and region."
        ),
    ] = False,
    force: ForceOption = False,
    show_diff: DiffOption = False,
    config: ConfigOption = None,
) -> None:
    """Record a dated measurement of an indicator, in date order among its values."""
    from uhc_roadmap.editing import EditError
    from uhc_roadmap.editing.record import measurement_change

    options = _options(config)
    raw, doc = _open(file, options)
    try:
        change = measurement_change(
            doc.data, indicator, value, day, region=region, source=source, replace=replace
        )
    except EditError as exc:
        _refused(exc, file)
    where = f" in {region}" if region else ""
    summary = f"{indicator}: {'replaced' if replace else 'recorded'} {value} on {day}{where}"
    _apply(file, raw, doc, [change], options, force, show_diff, summary)


# -- shared steps ----------------------------------------------------------------------------


def _split(arguments: list[str], unset: list[str]) -> tuple[str | None, list[str]]:
    """ID first unless the first argument is already FIELD=VALUE (the roadmap's own fields)."""
    if not arguments:
        raise UsageError(
            "give FIELD=VALUE to set, e.g. `uhc-roadmap set FILE GOV-03 status=completed`"
        )
    first, rest = arguments[0], arguments[1:]
    if "=" in first:
        return None, arguments
    if not rest and not unset:
        raise UsageError(f"nothing to set on {first}: give FIELD=VALUE, e.g. status=completed")
    return first, rest


def _options(config: Path | None) -> ValidationOptions:
    return load_config(config).validation_options()


def _open(file: Path, options: ValidationOptions) -> tuple[bytes, Document]:
    """The file's bytes and its loaded document; a file that does not load exits 1 with its
    findings, an unreadable one exits 2."""
    from uhc_roadmap.editing import Document, NotLoadable
    from uhc_roadmap.editing.files import read_for_edit

    raw = read_for_edit(file, options.limits.max_bytes)
    try:
        return raw, Document.parse(raw, str(file), options.limits)
    except NotLoadable as exc:
        _refused(exc, file)


def _apply(
    file: Path,
    raw: bytes,
    doc: Document,
    changes: list[Change],
    options: ValidationOptions,
    force: bool,
    show_diff: bool,
    summary: str,
) -> None:
    from uhc_roadmap.editing import EditBug, EditError, edit
    from uhc_roadmap.editing.textdiff import unified

    try:
        outcome = edit(doc, changes, options, force=force)
    except EditBug as exc:
        raise Bug(exc.message) from None
    except EditError as exc:
        _refused(exc, file)
    if not outcome.changed:
        note(f"{file}: nothing to change")
        return
    show_findings(outcome.new)
    if outcome.added:
        count = len(outcome.added)
        note(f"warning: --force: writing {file} with {count} new error{'s' * (count > 1)}")
    if show_diff:
        sys.stdout.write(unified(str(file), doc.text, outcome.text))
        return
    write_or_refuse(file, raw, outcome.raw)
    note(f"{file}: {summary}")


def write_or_refuse(file: Path, raw: bytes, new: bytes) -> None:
    """Write the edited bytes back; a file changed meanwhile exits 1, a failed write 2."""
    from uhc_roadmap.editing import ConcurrentEdit
    from uhc_roadmap.editing.files import write_back

    try:
        write_back(file, raw, new)
    except ConcurrentEdit as exc:
        raise FindingsError(exc.message) from None


def _refused(exc: EditError, file: Path) -> NoReturn:
    show_findings(exc.diagnostics)
    hint = f"\n    hint: {exc.hint}" if exc.hint else ""
    unchanged = f"; {file} is unchanged" if exc.diagnostics else ""
    if exc.diagnostics and "would add" in exc.message:
        unchanged += " (--force writes it anyway)"
    raise FindingsError(f"{exc.message}{unchanged}{hint}")


def show_findings(diagnostics: list[Diagnostic]) -> None:
    """Findings on standard error, as ``validate`` prints them."""
    from uhc_roadmap.loading.source import visible

    for d in diagnostics:
        print(
            f"{visible(d.file)}:{d.line}:{d.col}: {d.code} {d.severity.value}: {visible(d.message)}",
            file=sys.stderr,
        )
        if d.hint:
            print(f"    hint: {visible(d.hint)}", file=sys.stderr)


def _describe(data: dict[str, Any], change: Change, assignment: Assignment) -> str:
    """``field old → new`` as typed, ``field = new`` for what was not there, ``field removed``."""
    from uhc_roadmap.editing import DELETE

    field = assignment.field
    if change.value is DELETE:
        return f"{field} removed"
    old: Any = data
    for element in change.path:
        if isinstance(old, dict):
            old = old.get(element)
        elif isinstance(old, list) and isinstance(element, int) and element < len(old):
            old = old[element]
        else:
            old = None
    new = assignment.value or ""
    if old is None or isinstance(old, dict | list):
        return f"{field} = {_short(new)}"
    return f"{field} {_short(old)} → {_short(new)}"


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


# -- validate --fix / --diff -----------------------------------------------------------------


def fix_sources(
    sources: list[Source], options: ValidationOptions, *, show_diff: bool
) -> list[FileResult]:
    """``validate --fix`` (write) or ``--diff`` (show): the safe fixes of each file, what was
    fixed on standard error, and the findings left for the report."""
    from uhc_roadmap.discovery import read
    from uhc_roadmap.editing.fixes import fix
    from uhc_roadmap.editing.textdiff import unified

    results: list[FileResult] = []
    fixed_files = fixed_count = 0
    stdin = None
    for source in sources:
        if source.path is None and not show_diff:
            raise UsageError(
                "--fix cannot write back to standard input; use --diff to see the fixes"
            )
        if source.path is None and stdin is None:
            stdin = sys.stdin.buffer.read(options.limits.max_bytes + 1)
        raw = read(source, stdin, max_bytes=options.limits.max_bytes)
        outcome = fix(raw, source.name, options)
        results.append(outcome.result)
        if not outcome.applied:
            continue
        fixed_files += 1
        fixed_count += len(outcome.applied)
        verb = "would fix" if show_diff else "fixed"
        for item in outcome.applied:
            note(f"{source.name}:{item.line}:{item.col}: {item.code} {verb}: {item.description}")
        if show_diff:
            assert outcome.doc is not None
            sys.stdout.write(unified(source.name, outcome.doc.text, outcome.text))
        elif source.path is not None:
            write_or_refuse(source.path, raw, outcome.raw)
    if fixed_count:
        files = f"{fixed_files} file{'s' * (fixed_files > 1)}"
        verb = "would fix" if show_diff else "fixed"
        note(f"{verb} {fixed_count} finding{'s' * (fixed_count > 1)} in {files}")
    if show_diff:
        raise typer.Exit(ExitCode.FINDINGS if fixed_count else ExitCode.OK)
    return results
