"""Which files a command works on: files, directories, quoted globs and standard input."""

from __future__ import annotations

import fnmatch
import glob
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

YAML_SUFFIXES = (".yaml", ".yml")
STDIN = "-"


class InputError(Exception):
    """A path that cannot be read: a usage problem (exit 2), not a finding in a roadmap."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input: ``name`` is what diagnostics print, ``path`` is None for standard input."""

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
        raise InputError(f"{argument}: no such file or directory") from None
    except OSError as exc:
        raise InputError(f"{argument}: cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(mode):
        yield from (_source(p) for p in _walk(path))
    else:
        yield _source(path)


def _walk(root: Path) -> list[Path]:
    """YAML files below a directory, sorted; symlinked directories are not followed (no loops)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, onerror=None, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder, f) for f in files if f.endswith(YAML_SUFFIXES))
    return sorted(found)


def _source(path: Path) -> Source:
    name = path.as_posix()
    return Source(name[2:] if name.startswith("./") else name, path)


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


def read(source: Source, stdin: bytes | None = None) -> bytes:
    """The bytes of a source; unreadable paths raise InputError with one line of explanation."""
    if source.path is None:
        return stdin or b""
    try:
        if not source.path.is_file():
            raise InputError(f"{source.name}: not a regular file")
        return source.path.read_bytes()
    except PermissionError:
        raise InputError(f"{source.name}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{source.name}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{source.name}: cannot be read ({exc.strerror})") from None
