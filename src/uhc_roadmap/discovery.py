"""Which files a command works on: files, directories, quoted globs and standard input."""

from __future__ import annotations

import errno
import fnmatch
import glob
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from uhc_roadmap.errors import UsageError

YAML_SUFFIXES = (".yaml", ".yml")
STDIN = "-"


class InputError(UsageError):
    """A path that cannot be read: a usage problem (exit 2), not a finding in a roadmap."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input: ``name`` is the exact name (``<stdin>`` for standard input), which JSON
    outputs carry as it is and terminals show through :func:`printable`; ``path`` is None
    for standard input."""

    name: str
    path: Path | None


def expand(
    arguments: Iterable[str], exclude: Iterable[str] = (), base: Path | None = None
) -> list[Source]:
    """Sources for the command-line paths, in a stable order, without duplicates."""
    return select_sources(arguments, exclude, base)[0]


def select_sources(
    arguments: Iterable[str], exclude: Iterable[str] = (), base: Path | None = None
) -> tuple[list[Source], list[Source]]:
    """(kept, excluded) sources. Exclude globs match the path as given or relative to ``base``
    (the configuration's folder), and a glob matching a folder excludes everything below it.
    """
    seen: set[str] = set()
    kept: list[Source] = []
    dropped: list[Source] = []
    patterns = list(exclude)
    for argument in arguments:
        for source in _expand_one(argument):
            if source.name in seen:
                continue
            seen.add(source.name)
            (dropped if _excluded(source, patterns, base) else kept).append(source)
    return kept, dropped


def _expand_one(argument: str) -> Iterator[Source]:
    if argument == STDIN:
        yield Source("<stdin>", None)
        return
    if glob.has_magic(argument) and not os.path.exists(argument):
        matches = sorted(glob.glob(argument, recursive=True))
        yield from (_source(Path(m)) for m in matches if Path(m).is_file())
        return
    path = Path(argument)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"{printable(argument)}: no such file or directory") from None
    except OSError as exc:
        raise InputError(f"{printable(argument)}: cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(mode):
        yield from (_source(p) for p in _walk(path))
    else:
        yield _source(path)


def _walk(root: Path) -> list[Path]:
    """YAML files below a directory, sorted; symlinked directories are not followed (no loops).

    A folder that cannot be listed is an error (its roadmaps would go unchecked); a link
    that leads nowhere (a loop, a deleted target) is skipped with a warning.
    """
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, onerror=_unlistable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        candidates = (Path(folder, f) for f in files if f.endswith(YAML_SUFFIXES))
        found.extend(p for p in candidates if _reachable(p))
    return sorted(found)


def _unlistable(error: OSError) -> None:
    where = printable(str(error.filename or "?"))
    raise InputError(f"{where}: cannot be read ({error.strerror})")


def _reachable(path: Path) -> bool:
    try:
        path.stat()
    except OSError as exc:
        reasons = {errno.ELOOP: "a symbolic link loop", errno.ENOENT: "a link to a missing file"}
        reason = reasons.get(exc.errno or 0, f"cannot be read ({exc.strerror})")
        import logging  # only for this warning: a warm run never needs logging

        logging.getLogger(__name__).warning(
            "%s: skipped: %s", printable(_source(path).name), reason
        )
        return False
    return True


def _source(path: Path) -> Source:
    name = path.as_posix()
    return Source(name[2:] if name.startswith("./") else name, path)


def printable(name: str) -> str:
    """A file name as messages and terminals show it: undecodable bytes, control characters
    and invisible or bidirectional ones escaped (``bad\\xff \\x1b[31m.yaml``).

    A name is bytes on POSIX; a newline or an escape sequence in one must not forge a line
    of output or an annotation, and U+202E must not make ``lmay.exe`` read ``exe.yaml``.
    """
    if name.isascii() and name.isprintable():
        return name
    from uhc_roadmap.loading.source import visible  # the loading package imports PyYAML

    raw = os.fsencode(name)
    return visible(raw.decode("utf-8", errors="backslashreplace"))


def is_excluded(path: Path, exclude: Iterable[str], base: Path | None) -> bool:
    """True when the configuration's ``exclude`` leaves ``path`` out, as it would if the file
    were named on the command line from ``base`` (the language server asks this of each open
    file)."""
    name = path.as_posix()
    if base is not None and path.is_relative_to(base):
        name = path.relative_to(base).as_posix()
    return _excluded(Source(name, path), list(exclude), base)


def _excluded(source: Source, patterns: list[str], base: Path | None) -> bool:
    if not patterns or source.path is None:
        return False
    names = [source.name]
    resolved = source.path.resolve()
    if base is not None and resolved.is_relative_to(base.resolve()):
        names.append(resolved.relative_to(base.resolve()).as_posix())
    return any(_matches(name, pattern) for name in names for pattern in patterns)


def _matches(name: str, pattern: str) -> bool:
    """Like .gitignore: a pattern without ``/`` matches a file or folder name at any depth;
    one with ``/`` matches from the start of the path (``fnmatch``) or from its end."""
    pattern = pattern.removeprefix("./").rstrip("/")
    parts = name.split("/")
    if "/" not in pattern:
        return any(fnmatch.fnmatchcase(part, pattern) for part in parts)
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return any(fnmatch.fnmatchcase(p, pattern) for p in prefixes) or PurePosixPath(name).match(
        pattern
    )


def read(source: Source, stdin: bytes | None = None, *, max_bytes: int | None = None) -> bytes:
    """The bytes of a source; unreadable paths raise InputError with one line of explanation.

    Only regular files are opened (a FIFO or a device could block or never end). With
    ``max_bytes``, a larger file is read no further than one byte past it: enough for the
    loader to refuse it by size without holding it in memory.
    """
    if source.path is None:
        return stdin or b""
    try:
        _regular(source, os.stat(source.path).st_mode)
        with open(source.path, "rb", opener=_nonblocking) as handle:
            opened = os.fstat(handle.fileno())
            _regular(source, opened.st_mode)  # replaced since the stat?
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(f"{printable(source.name)}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{printable(source.name)}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{printable(source.name)}: cannot be read ({exc.strerror})") from None
    _READ.add((opened.st_dev, opened.st_ino))
    return data


_KINDS = (
    (stat.S_ISDIR, "is a directory"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a file"),
    (stat.S_ISSOCK, "is a socket, not a file"),
    (stat.S_ISCHR, "is a device, not a file"),
    (stat.S_ISBLK, "is a device, not a file"),
)


def _regular(source: Source, mode: int) -> None:
    if not stat.S_ISREG(mode):
        reason = next((r for test, r in _KINDS if test(mode)), "is not a regular file")
        raise InputError(f"{printable(source.name)}: {reason}")


def _nonblocking(path: str, flags: int) -> int:
    """Opening a FIFO for reading waits for a writer; without blocking it returns at once."""
    return os.open(path, flags | os.O_NONBLOCK)


# Every input file read in this process, by device and inode, so that no output is ever
# written over one (``uhc_roadmap.output`` asks before replacing a file).
_READ: set[tuple[int, int]] = set()


def _identity(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_dev, info.st_ino


def was_read(path: Path) -> bool:
    """True when ``path`` is (a link to) a file this process read as input."""
    try:
        return _identity(path) in _READ
    except OSError:
        return False
