"""Which versions `diff` compares, and their validation: two files, or files against git.

Both versions go through the same validation as `validate`, with the same configuration: a
diff of a roadmap that does not validate would describe a document nobody can rely on, so its
errors are reported instead (:class:`~uhc_roadmap.errors.InvalidRoadmaps`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from uhc_roadmap.authoring.diff import FileDiff, diff_roadmaps
from uhc_roadmap.authoring.git import NotAtRevision, show_at
from uhc_roadmap.diagnostics import FileResult
from uhc_roadmap.discovery import InputError, Source, expand, printable, read
from uhc_roadmap.errors import InvalidRoadmaps
from uhc_roadmap.model import Roadmap
from uhc_roadmap.validation import check_bytes

if TYPE_CHECKING:
    from uhc_roadmap.config import Config
    from uhc_roadmap.validation import ValidationOptions

REFUSAL = "a version does not validate; nothing compared"
Pair = tuple[str, bytes | None, str, bytes]


def has_differences(diffs: list[FileDiff]) -> bool:
    return any(d.status != "unchanged" for d in diffs)


def compare_files(
    old: str, new: str, config: Config, options: ValidationOptions, lang: str | None = None
) -> list[FileDiff]:
    """``diff OLD NEW``: two roadmap files."""
    limit = config.limits.max_bytes
    return _compare([(old, _read_file(old, limit), new, _read_file(new, limit))], options, lang)


def compare_since(
    revision: str,
    arguments: list[str],
    config: Config,
    options: ValidationOptions,
    lang: str | None = None,
) -> list[FileDiff]:
    """``diff --since REV [PATH...]``: each file against its version at ``revision``.

    A file named on the command line must exist at the revision; a file found in a folder may
    be new, and is then reported as added.
    """
    from uhc_roadmap.selection import find, nothing_found

    found = find(arguments, config)
    if not found.sources:
        raise nothing_found(found, config)
    named = {a for a in arguments if not Path(a).is_dir()}
    limit = config.limits.max_bytes
    pairs = [_pair_since(revision, s, _named(s, named), limit) for s in found.sources]
    return _compare(pairs, options, lang)


def _named(source: Source, named: set[str]) -> bool:
    return source.path is not None and any(Path(a) == source.path for a in named)


def _pair_since(revision: str, source: Source, explicit: bool, limit: int) -> Pair:
    if source.path is None:
        raise InputError("standard input has no git history; name the file")
    current = read(source, max_bytes=limit)
    try:
        older: bytes | None = show_at(revision, source.path)
    except NotAtRevision:
        if explicit:
            raise
        older = None
    return f"{source.name}@{revision}", older, source.name, current


def _read_file(argument: str, limit: int) -> bytes:
    sources = expand([argument])
    if len(sources) != 1 or sources[0].path is None or Path(argument).is_dir():
        raise InputError(
            f"{printable(argument)}: give a roadmap file, not a folder or standard input"
        )
    return read(sources[0], max_bytes=limit)


def _compare(pairs: list[Pair], options: ValidationOptions, lang: str | None) -> list[FileDiff]:
    diffs: list[FileDiff] = []
    invalid: list[FileResult] = []
    for old_name, old_raw, new_name, new_raw in pairs:
        new = _checked(new_raw, new_name, options, invalid)
        old = _checked(old_raw, old_name, options, invalid) if old_raw is not None else None
        if new is not None and (old is not None or old_raw is None):
            diff = diff_roadmaps(old, new, lang) if old is not None else None
            diffs.append(FileDiff(old_name, new_name, diff, lang or new.default_language))
    if invalid:
        raise InvalidRoadmaps(invalid, REFUSAL)
    return diffs


def _checked(
    raw: bytes, name: str, options: ValidationOptions, invalid: list[FileResult]
) -> Roadmap | None:
    checked = check_bytes(raw, name, options)
    if checked.result.has_errors or checked.roadmap is None:
        invalid.append(checked.result)
        return None
    return checked.roadmap
