"""Reading a roadmap file to edit it, and writing it back only if nobody else changed it."""

from __future__ import annotations

from pathlib import Path

from uhc_roadmap.discovery import Source, read
from uhc_roadmap.editing.errors import ConcurrentEdit
from uhc_roadmap.output import ChangedOnDisk, write_atomic


def read_for_edit(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; InputError (from ``discovery``) when it cannot be read. A file over
    ``max_bytes`` is read one byte past it, for the loader to refuse by size."""
    return read(Source(str(path), path), max_bytes=max_bytes)


def write_back(path: Path, original: bytes, edited: bytes) -> None:
    """Replace the file atomically with ``edited``, unless it no longer holds ``original``
    (ConcurrentEdit); through a symbolic link, the file it points to is replaced. Other
    failures raise OutputError."""
    target = path.resolve()
    try:
        write_atomic(target, edited, replacing=original)
    except ChangedOnDisk as exc:
        raise ConcurrentEdit(str(exc)) from None
