"""Writing output files: a failure never leaves a partial file, and a device is never replaced.

What ``-o PATH`` does depends on what PATH is (docs/safety.md):

* a regular file, or nothing yet: the text goes to a temporary file beside it, which is
  synced and then renamed over PATH, so PATH holds the old output or the new one, never
  half of one. A link to a regular file is followed: the file it points to is replaced and
  the link stays a link.
* a character device (``/dev/null``, a terminal) or a named pipe: the text is written into
  it. A device is never replaced by a regular file.
* a link to this process's standard output or error (``/dev/stdout``, ``/dev/fd/1``): the
  text goes to that stream, as with ``-o -``.
* a directory, a socket, a block device, a link to nothing: refused with one line.

A temporary file of ours left behind by a process that was killed (``SIGKILL`` cannot be
handled) is removed by the next write to the same output: one named ``.NAME.*.tmp``, owned by
this user, older than this process's first write, and not locked by a writer still at work.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
import time
from pathlib import Path

from uhc_roadmap.discovery import printable, was_read
from uhc_roadmap.errors import UsageError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None  # type: ignore[assignment]

_STARTED = time.time()
"""No temporary file made after this moment is a leftover: it belongs to a run at work."""
_RANDOM = "[a-z0-9_]{8}"  # what tempfile.mkstemp puts between prefix and suffix
_KINDS = (
    (stat.S_ISDIR, "is a directory"),
    (stat.S_ISSOCK, "is a socket, not a file"),
    (stat.S_ISBLK, "is a block device, not a file"),
)


class OutputError(UsageError):
    """The output file could not be written (exit 2)."""


class ChangedOnDisk(OutputError):
    """The file being rewritten in place changed since it was read; it is left as it is."""


def write_atomic(path: Path, content: str | bytes, *, replacing: bytes | None = None) -> None:
    """Write ``content`` to ``path`` as the module docstring says: replace a regular file whole
    (temporary file beside it, then rename), write into a device or a pipe, refuse the rest.

    ``replacing`` rewrites an input file in place (an edit): the bytes it had when it was
    read. Just before the rename the file is read again, and if it changed meanwhile nothing
    is replaced (ChangedOnDisk). An interruption leaves the old file.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    shown = printable(str(path))
    if replacing is not None:
        _replace(path, data, shown, replacing)
        return
    try:
        is_link = stat.S_ISLNK(os.lstat(path).st_mode)
    except FileNotFoundError:
        _replace(path, data, shown)
        return
    except OSError as exc:
        raise OutputError(f"{shown}: cannot be written ({exc.strerror})") from None
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise OutputError(f"{shown}: is a link to a missing file") from None
    except OSError as exc:
        raise OutputError(f"{shown}: cannot be written ({exc.strerror})") from None
    stream = _standard_stream(info) if is_link else None
    if stream is not None:
        _write_stream(stream, data, shown)
    elif stat.S_ISREG(info.st_mode):
        _replace(_link_target(path, info) if is_link else path, data, shown)
    elif stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
        _write_into(path, data, shown)
    else:
        reason = next((r for test, r in _KINDS if test(info.st_mode)), "is not a regular file")
        raise OutputError(f"{shown}: {reason}")


def _replace(path: Path, data: bytes, shown: str, replacing: bytes | None = None) -> None:
    """A temporary file beside ``path``, synced, then renamed over it (or to it)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{shown}: the folder {printable(str(folder))} does not exist")
    if replacing is None and was_read(path):
        raise OutputError(f"{shown}: is one of the input files; write the output elsewhere")
    remove_leftovers(path)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(
            f"{shown}: cannot write in {printable(str(folder))} ({exc.strerror})"
        ) from None
    try:
        _lock(fd)  # held until closed: a later run sees a writer at work
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(fd)  # on disk before the rename makes it the file
            _keep_mode(path, fd)
            if replacing is not None:
                _unchanged(path, replacing)
            os.replace(temporary, path)
    except BaseException as exc:  # SIGINT, SIGTERM and SIGHUP arrive as exceptions too
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise OutputError(f"{shown}: cannot be written ({exc.strerror})") from None
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


def _keep_mode(path: Path, fd: int) -> None:
    """A replaced file keeps its permissions (and its owner, where we may set it); a new one
    gets the usual 0644 less the umask."""
    try:
        info = path.stat()
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        return
    if not os.access(path, os.W_OK):
        raise PermissionError(13, "permission denied", str(path))
    os.fchmod(fd, info.st_mode & 0o777)
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        with contextlib.suppress(OSError):  # only root may give a file away
            os.fchown(fd, info.st_uid, info.st_gid)


def _link_target(path: Path, info: os.stat_result) -> Path:
    """The file a link leads to, so that the file is replaced and the link stays."""
    target = Path(os.path.realpath(path))
    try:
        same = os.path.samestat(os.stat(target), info)
    except OSError:
        same = False
    if not same:  # a /proc/PID/fd link to a deleted file: no name to write beside
        raise OutputError(f"{printable(str(path))}: is a link to a file that has no name")
    return target


def _standard_stream(info: os.stat_result) -> int | None:
    """1 or 2 when ``info`` is this process's standard output or error (``/dev/stdout``)."""
    for fd in (1, 2):
        with contextlib.suppress(OSError):
            if os.path.samestat(os.fstat(fd), info):
                return fd
    return None


def _write_stream(fd: int, data: bytes, shown: str) -> None:
    """Into the open stream itself: its position and append mode stay the shell's."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    try:
        _write_all(fd, data)
    except OSError as exc:
        raise OutputError(f"{shown}: cannot be written ({exc.strerror})") from None


def _write_into(path: Path, data: bytes, shown: str) -> None:
    """A device or a named pipe: opened for writing (a pipe waits for its reader), never
    created, truncated or replaced."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise OutputError(f"{shown}: cannot be written ({exc.strerror})") from None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):  # became a file since it was looked at
            raise OutputError(f"{shown}: changed while it was being opened; run again")
        _write_all(fd, data)
    except OSError as exc:
        raise OutputError(f"{shown}: cannot be written ({exc.strerror})") from None
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _lock(fd: int) -> None:
    if fcntl is not None:
        with contextlib.suppress(OSError):  # a file system without locks: age alone decides
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def remove_leftovers(path: Path) -> list[str]:
    """Remove the temporary files of earlier writes to ``path`` that were killed before they
    could clean up; returns their names. Never raises: a leftover is only clutter."""
    folder = path.parent if str(path.parent) else Path(".")
    pattern = re.compile(rf"\.{re.escape(path.name)}\.{_RANDOM}\.tmp")
    try:
        names = [n for n in os.listdir(folder) if pattern.fullmatch(n)]
    except OSError:
        return []
    return [name for name in names if _remove_if_stale(folder / name)]


def _remove_if_stale(candidate: Path) -> bool:
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(candidate, flags)
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not (stat.S_ISREG(info.st_mode) and _ours(info) and info.st_mtime < _STARTED):
            return False
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False  # its writer is still at work
            except OSError:
                pass  # no locks on this file system
        if not os.path.samestat(os.lstat(candidate), info):
            return False
        os.unlink(candidate)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _ours(info: os.stat_result) -> bool:
    return not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
