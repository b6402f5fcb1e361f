"""Which files a command works on: files, directories, quoted globs and standard input."""

from __future__ import annotations

import fnmatch
import glob
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")
STDIN = "-"


class InputError(Exception):
    """A path that cannot be read: a usage problem (exit 2), not a finding in a roadmap."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input: ``name`` is what diagnostics print, ``path`` is None for standard input."""

    name: str
    path: Path | None


def expand(arguments: Iterable[str], exclude: Iterable[str] = ()) -> list[Source]:
    """Sources for the command-line paths, in a stable order, without duplicates."""
    seen: set[str] = set()
    found: list[Source] = []
    excluded = list(exclude)
    for argument in arguments:
        for source in _expand_one(argument):
            if source.name in seen or _excluded(source.name, excluded):
                continue
            seen.add(source.name)
            found.append(source)
    return found


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


def _excluded(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) or Path(name).match(p) for p in patterns)


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
