"""Which versions `diff` compares, and their validation: two files, or files against git.

Both versions go through the same validation as `validate`: a diff of a roadmap that does not
validate would describe a document nobody can rely on, so its errors are reported instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from uhc_roadmap.authoring.diff import FileDiff, diff_roadmaps
from uhc_roadmap.authoring.git import NotAtRevision, show_at
from uhc_roadmap.diagnostics import FileResult
from uhc_roadmap.discovery import InputError, Source, expand, read
from uhc_roadmap.model import Roadmap
from uhc_roadmap.validation import check_bytes

DEFAULT_FOLDER = "roadmaps"


@dataclass
class Comparison:
    """The diffs, and the results of files that did not validate (then there are no diffs)."""

    diffs: list[FileDiff] = field(default_factory=list)
    invalid: list[FileResult] = field(default_factory=list)

    @property
    def has_differences(self) -> bool:
        return any(d.status != "unchanged" for d in self.diffs)


def compare_files(old: str, new: str, lang: str | None = None) -> Comparison:
    """``diff OLD NEW``: two roadmap files."""
    return _compare([(old, _read_file(old), new, _read_file(new))], lang)


def compare_since(revision: str, arguments: list[str], lang: str | None = None) -> Comparison:
    """``diff --since REV [PATH...]``: each file against its version at ``revision``.

    A file named on the command line must exist at the revision; a file found in a folder may
    be new, and is then reported as added.
    """
    pairs: list[tuple[str, bytes | None, str, bytes]] = []
    for argument in arguments or [DEFAULT_FOLDER]:
        explicit = not Path(argument).is_dir()
        for source in expand([argument]):
            pairs.append(_pair_since(revision, source, explicit))
    if not pairs:
        raise InputError("no roadmap files found in " + ", ".join(arguments or [DEFAULT_FOLDER]))
    return _compare(pairs, lang)


def _pair_since(
    revision: str, source: Source, explicit: bool
) -> tuple[str, bytes | None, str, bytes]:
    if source.path is None:
        raise InputError("standard input has no git history; name the file")
    current = read(source)
    try:
        older: bytes | None = show_at(revision, source.path)
    except NotAtRevision:
        if explicit:
            raise
        older = None
    return f"{source.name}@{revision}", older, source.name, current


def _read_file(argument: str) -> bytes:
    sources = expand([argument])
    if len(sources) != 1 or sources[0].path is None or Path(argument).is_dir():
        raise InputError(f"{argument}: give a roadmap file, not a folder or standard input")
    return read(sources[0])


def _compare(pairs: list[tuple[str, bytes | None, str, bytes]], lang: str | None) -> Comparison:
    comparison = Comparison()
    for old_name, old_raw, new_name, new_raw in pairs:
        new = _checked(new_raw, new_name, comparison)
        old = _checked(old_raw, old_name, comparison) if old_raw is not None else None
        if new is not None and (old is not None or old_raw is None):
            diff = diff_roadmaps(old, new, lang) if old is not None else None
            comparison.diffs.append(FileDiff(old_name, new_name, diff))
    if comparison.invalid:
        comparison.diffs.clear()
    return comparison


def _checked(raw: bytes, name: str, comparison: Comparison) -> Roadmap | None:
    checked = check_bytes(raw, name)
    if checked.result.has_errors or checked.roadmap is None:
        comparison.invalid.append(checked.result)
        return None
    return checked.roadmap
