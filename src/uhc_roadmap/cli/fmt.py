"""``uhc-roadmap fmt``: lay roadmap files out canonically, every comment kept.

Exit 0 when every file is (now) in the layout; 1 with ``--check`` or ``--diff`` when a file
would change, or when a file does not load (it is left as it is); 2 usage or unreadable path.
"""

from __future__ import annotations

import sys
from functools import partial
from typing import TYPE_CHECKING, Annotated

import typer

from uhc_roadmap.cli.common import ExitCode, load_config, note
from uhc_roadmap.cli.options import ConfigOption, JobsOption

if TYPE_CHECKING:
    from uhc_roadmap.bulk import Job
    from uhc_roadmap.discovery import Source
    from uhc_roadmap.editing.fmt import FileOutcome


def fmt(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, directories, quoted globs, or - (standard input to standard output). "
            "Default: the configured `roadmaps` folder.",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; name the files that would change, exit 1."),
    ] = False,
    show_diff: Annotated[
        bool, typer.Option("--diff", help="Write nothing; show the changes as a diff, exit 1.")
    ] = False,
    config: ConfigOption = None,
    jobs: JobsOption = None,
) -> None:
    """Lay roadmap files out in the canonical layout: indentation, key order, quotes, flow
    style, blank lines. Comments and meaning are kept; run twice, nothing more changes."""
    from uhc_roadmap.bulk.workers import run_all
    from uhc_roadmap.editing.fmt import format_job
    from uhc_roadmap.selection import find, nothing_found, read_jobs

    conf = load_config(config)
    options = conf.validation_options()
    found = find(paths or [], conf)
    if not found.sources:
        raise nothing_found(found, conf)
    sources = found.sources
    work = read_jobs(sources, conf, sys.stdin.buffer)
    quick = check and not show_diff and all(s.path is not None for s in sources)
    outcomes = run_all(partial(format_job, check_only=quick), work, options, jobs)
    failed = _report(sources, work, outcomes, check=check, show_diff=show_diff)
    raise typer.Exit(ExitCode.FINDINGS if failed else ExitCode.OK)


def _report(
    sources: list[Source],
    work: list[Job],
    outcomes: list[FileOutcome],
    *,
    check: bool,
    show_diff: bool,
) -> bool:
    """Write or show each file's outcome; True when the run fails."""
    from uhc_roadmap.cli.edit import show_findings, write_or_refuse
    from uhc_roadmap.editing.textdiff import unified

    changed = unloadable = 0
    for source, job, outcome in zip(sources, work, outcomes, strict=True):
        if outcome.problem:
            unloadable += 1
            show_findings(list(outcome.diagnostics))
            note(f"error: {outcome.problem}; not formatted")
            continue
        if source.path is None and not check and not show_diff:
            sys.stdout.write(outcome.text or outcome.original)
            changed += outcome.changed
            continue
        if not outcome.changed:
            continue
        changed += 1
        if show_diff:
            sys.stdout.write(unified(source.name, outcome.original, outcome.text))
        elif check:
            print(f"would reformat {source.name}")
        elif source.path is not None:
            write_or_refuse(source.path, job.raw, outcome.text.encode("utf-8"))
            note(f"reformatted {source.name}")
    _summary(len(sources), changed, unloadable, written=not (check or show_diff))
    return bool(unloadable) or (bool(changed) and (check or show_diff))


def _summary(total: int, changed: int, unloadable: int, *, written: bool) -> None:
    def files(n: int) -> str:
        return f"{n} file{'s' * (n != 1)}"

    left = total - changed - unloadable
    parts = [f"{files(changed)} {'reformatted' if written else 'would be reformatted'}"]
    parts.append(f"{files(left)} {'left unchanged' if written else 'already formatted'}")
    if unloadable:
        parts.append(f"{files(unloadable)} not loaded")
    note(", ".join(parts))
