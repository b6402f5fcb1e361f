"""Writing output files atomically: a failure never leaves a partial or truncated file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from uhc_roadmap.discovery import was_read
from uhc_roadmap.errors import UsageError


class OutputError(UsageError):
    """The output file could not be written (exit 2)."""


class ChangedOnDisk(OutputError):
    """The file being rewritten in place changed since it was read; it is left as it is."""


def write_atomic(path: Path, content: str | bytes, *, replacing: bytes | None = None) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``.

    ``replacing`` rewrites an input file in place (an edit): the bytes it had when it was
    read. Just before the rename the file is read again, and if it changed meanwhile nothing
    is replaced (ChangedOnDisk). An interruption leaves the old file.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: is a directory")
    if replacing is None and was_read(path):
        raise OutputError(f"{path}: is one of the input files; write the output elsewhere")
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write in {folder} ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())  # on disk before the rename makes it the file
        _keep_mode(path, temporary)
        if replacing is not None:
            _unchanged(path, replacing)
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot be written ({exc.strerror})") from None
        raise


def _unchanged(path: Path, expected: bytes) -> None:
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        raise ChangedOnDisk(f"{path}: was removed while it was being edited") from None
    if current != expected:
        raise ChangedOnDisk(
            f"{path}: changed on disk while it was being edited; nothing was written "
            "(run the command again on the new version)"
        )


def _keep_mode(path: Path, temporary: str) -> None:
    """A replaced file keeps its permissions; a new one gets the usual 0644 less the umask."""
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    else:
        if not os.access(path, os.W_OK):
            raise PermissionError(13, "permission denied", str(path))
    os.chmod(temporary, mode)
