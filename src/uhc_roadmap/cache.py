"""A content cache, as ruff and mypy keep one: results per file, keyed by what decides them.

An entry's key is a hash of everything its value depends on: the file's bytes and name, the
effective options, this tool's code and the versions of the libraries whose behaviour shows
in results (pydantic's checks, libyaml's parser, pycountry's code lists). An entry is only
ever found again by that key, so a changed byte, option or upgrade simply misses.

The folder is trusted as ruff's and mypy's are: it is this user's, on this machine, and
never committed (its ``.gitignore`` says ``*``). So it is used only when it is that: a real
folder (not a symbolic link, which a repository could carry to point anywhere), owned by
this user, holding our ``CACHEDIR.TAG`` (or empty). Anything else turns the cache off for
the run (``validate --verbose`` says why; ``cache info`` shows it; ``cache clear`` refuses
to delete it). Entries are opened as regular files only, without blocking and without
following a link, so a named pipe or a device put in place of an entry is a miss, not a hang.

Nothing read back is trusted either: an entry whose first line names another layout,
namespace or key, or whose checksum does not match the rest (damaged, cut short), or that is
not JSON, is a miss; callers check the value's shape again before use. Entries are written to
a temporary file and renamed into place, so a reader never sees half an entry, concurrent
runs at worst write the same entry twice, and nothing is ever written through a link. A
folder that cannot be written turns the cache off for the run; the cache can only make a run
faster, never make it fail.

Layout::

    .uhc-roadmap-cache/
        CACHEDIR.TAG            marks the folder for backup tools (bford.info/cachedir)
        .gitignore              "*": never committed
        v1/<namespace>/<key>.json  "uhc-roadmap-cache 1 <namespace> <key> <checksum>" + JSON
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from uhc_roadmap import __version__
from uhc_roadmap.errors import UsageError

CACHE_DIR = ".uhc-roadmap-cache"
LAYOUT = 1
"""The entry layout; a change of layout moves entries to a new ``v<LAYOUT>`` folder."""
MAX_ENTRY_BYTES = 64 * 1024 * 1024
_MAX_TAG_BYTES = 4096
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by uhc-roadmap.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
GITIGNORE = "# Created by uhc-roadmap: the cache is never committed.\n*\n"
_NAMESPACE = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
_KEY = re.compile(r"^[0-9a-f]{64}$")
# Libraries whose upgrades can change a result: messages, parsing, code lists.
_DEPENDENCIES = ("pydantic", "pydantic_core", "yaml", "pycountry", "babel")


@dataclass(frozen=True, slots=True)
class CacheInfo:
    """What ``uhc-roadmap cache info`` shows."""

    folder: Path
    exists: bool
    entries: dict[str, int]
    size: int
    refused: str | None = None
    """Why the folder is not used (a link, another user's...), or None."""


class CacheRefused(UsageError):
    """``cache clear`` on a folder that is not this user's cache: it is left alone (exit 2)."""


@dataclass
class Cache:
    """Entries under one folder; ``problem`` says why writing stopped, when it did."""

    folder: Path
    problem: str | None = None
    _ready: bool = field(default=False, repr=False)
    _trust: bool | None = field(default=None, repr=False)
    _safe_folders: set[Path] = field(default_factory=set, repr=False)

    @classmethod
    def in_project(cls, root: Path) -> Cache:
        """The cache of the project whose root (configuration folder, else cwd) is ``root``."""
        return cls(root / CACHE_DIR)

    def key(self, namespace: str, *parts: str | bytes) -> str:
        """A key for ``parts`` in ``namespace``, also bound to this tool and its libraries."""
        digest = hashlib.blake2b(digest_size=32)
        for part in (str(LAYOUT), _check_namespace(namespace), environment_stamp(), *parts):
            data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
        return digest.hexdigest()

    def get(self, namespace: str, key: str) -> Any | None:
        """The value stored under ``key``, or None for a missing, damaged or foreign entry."""
        path = self._entry(namespace, key)
        if not self._trusted() or not self._safe_folder(path.parent):
            return None
        raw = _read_regular(path, MAX_ENTRY_BYTES + 1)
        if raw is None:
            return None
        header, newline, body = raw.partition(b"\n")
        if len(raw) > MAX_ENTRY_BYTES or not newline:
            return None
        if header != _header(namespace, key, body):  # another entry, or damaged, or cut short
            return None
        try:
            return json.loads(body)
        except (ValueError, RecursionError):
            return None

    def put(self, namespace: str, key: str, value: Any) -> None:
        """Store ``value`` (plain JSON data); on failure the cache is off for this run."""
        if self.problem is not None or not self._trusted():
            return
        body = _json_bytes(value)
        path = self._entry(namespace, key)
        try:
            self._prepare(path.parent)
            _write_replace(path, _header(namespace, key, body) + b"\n" + body)
        except OSError as exc:
            self.problem = f"cannot write the cache in {self.folder} ({exc.strerror or exc})"

    def refusal(self) -> str | None:
        """Why the folder is not this user's cache (``is a symbolic link``...), or None when
        it is, or does not exist yet."""
        try:
            info = os.lstat(self.folder)
        except FileNotFoundError:
            return None
        except OSError as exc:
            return f"cannot be read ({exc.strerror})"
        if stat.S_ISLNK(info.st_mode):
            return "is a symbolic link"
        if not stat.S_ISDIR(info.st_mode):
            return "is not a folder"
        if not _owned(info):
            return f"belongs to another user (uid {info.st_uid})"
        if not _tagged(self.folder) and _listdir(self.folder):
            return "is not a uhc-roadmap cache (it has no CACHEDIR.TAG of ours)"
        return None

    def clear(self) -> int:
        """Remove the whole cache folder; returns the number of entries it held. A folder
        that is not this user's cache is refused, never deleted."""
        reason = self.refusal()
        if reason is not None:
            raise CacheRefused(
                f"cannot clear the cache: {self.folder} {reason}; "
                "remove it yourself if it should go"
            )
        if not self.folder.exists():
            return 0
        count = sum(self.info().entries.values())
        shutil.rmtree(self.folder)
        return count

    def info(self) -> CacheInfo:
        reason = self.refusal()
        if reason is not None:
            return CacheInfo(self.folder, os.path.lexists(self.folder), {}, 0, reason)
        entries: dict[str, int] = {}
        size = 0
        layout = self.folder / f"v{LAYOUT}"
        for namespace in sorted(_listdir(layout)):
            files = [f for f in _listdir(layout / namespace) if f.endswith(".json")]
            entries[namespace] = len(files)
            size += sum(_size(layout / namespace / f) for f in files)
        return CacheInfo(self.folder, self.folder.is_dir(), entries, size)

    def _trusted(self) -> bool:
        """Whether the folder may be used, decided once per run; if not, ``problem`` says why."""
        if self._trust is None:
            reason = self.refusal()
            self._trust = reason is None
            if reason is not None:
                self.problem = f"not used: {self.folder} {reason}"
        return self._trust

    def _safe_folder(self, folder: Path) -> bool:
        """``v1/`` and ``v1/<namespace>/``: real folders (or not there yet), never links."""
        if folder in self._safe_folders:
            return True
        for part in (folder.parent, folder):
            try:
                info = os.lstat(part)
            except FileNotFoundError:
                return True  # a miss now; made as folders by _prepare
            except OSError:
                return False
            if not stat.S_ISDIR(info.st_mode):
                return False
        self._safe_folders.add(folder)
        return True

    def _entry(self, namespace: str, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError(f"not a cache key: {key!r}")
        return self.folder / f"v{LAYOUT}" / _check_namespace(namespace) / f"{key}.json"

    def _prepare(self, folder: Path) -> None:
        """The entry's folder, and the tag and .gitignore the first time the cache is made.

        Each folder is made one level at a time and must then be a real folder: a link put
        in the way is refused, never followed. The tag files are written by rename, so an
        existing link of that name is replaced, never written through.
        """
        if self._ready and folder in self._safe_folders:
            return
        _make_folder(self.folder)
        if self.refusal() is not None:  # replaced since it was first looked at
            raise NotADirectoryError(20, "not a cache folder", str(self.folder))
        for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", GITIGNORE)):
            if not os.path.lexists(self.folder / name):
                _write_replace(self.folder / name, text.encode("utf-8"))
        _make_folder(folder.parent)
        _make_folder(folder)
        self._safe_folders.add(folder)
        self._ready = True


def _json_bytes(value: Any) -> bytes:
    """Compact UTF-8 JSON; a file name with undecodable bytes (lone surrogates) is written
    as ``\\udcff`` escapes, which read back as the same name."""
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, separators=(",", ":")).encode("ascii")


def _header(namespace: str, key: str, body: bytes) -> bytes:
    """The first line of an entry: what it is, for which key, and a checksum of the rest."""
    checksum = hashlib.blake2b(body, digest_size=16).hexdigest()
    return f"uhc-roadmap-cache {LAYOUT} {namespace} {key} {checksum}".encode("ascii")


def _check_namespace(namespace: str) -> str:
    if not _NAMESPACE.match(namespace):
        raise ValueError(f"not a cache namespace: {namespace!r}")
    return namespace


def _make_folder(folder: Path) -> None:
    """``folder`` made if missing; it must then be a real folder, not a link or a file."""
    with contextlib.suppress(FileExistsError):
        os.mkdir(folder)
    if not stat.S_ISDIR(os.lstat(folder).st_mode):
        raise NotADirectoryError(20, "a link or a file where a cache folder should be", str(folder))


def _read_regular(path: Path, limit: int) -> bytes | None:
    """At most ``limit`` bytes of a regular file; None for anything else, without waiting on
    a named pipe or following a link."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit)
    except OSError:
        return None
    finally:
        os.close(fd)


def _tagged(folder: Path) -> bool:
    """The folder holds a CACHEDIR.TAG written by uhc-roadmap."""
    tag = _read_regular(folder / "CACHEDIR.TAG", _MAX_TAG_BYTES)
    return (
        tag is not None
        and tag.startswith(CACHEDIR_TAG.split("\n", 1)[0].encode())
        and (b"uhc-roadmap" in tag)
    )


def _owned(info: os.stat_result) -> bool:
    return not hasattr(os, "geteuid") or info.st_uid == os.geteuid()


def _write_replace(path: Path, data: bytes) -> None:
    """Temporary file and rename: never half an entry, even with several runs at once.

    Not synced to disk: an entry lost or cut short by a crash is a miss, nothing worse,
    and a sync per file would cost more than the cache saves.
    """
    fd, temporary = tempfile.mkstemp(prefix=f".{path.stem[:16]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, _file_mode())  # as any other file, not mkstemp's owner-only
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@cache
def _file_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _listdir(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@cache
def environment_stamp() -> str:
    """This tool's version and code, and the installed state of the libraries it relies on.

    An installed tool and its libraries stand for themselves by what pip recorded: the
    distribution's version, and for this tool the hashes of its files (the RECORD of its
    ``.dist-info``). Those are the same after each fresh install of the same versions, so a
    cache restored in CI (docs/ci.md) is found again, where file times (which pip sets to the
    time of installation) would miss every entry. A development checkout (an editable
    install) has no such record: the sizes and modification times of its files stand for its
    code, so an edited rule changes the stamp. Reading either costs a millisecond, where
    ``importlib.metadata`` costs ten.
    """
    package = Path(__file__).resolve().parent
    parts = [__version__, *code_stamp(package)]
    for name in _DEPENDENCIES:
        spec = find_spec(name)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        parts.append(f"{name}={library_stamp(name, origin) if origin else 'absent'}")
    return "\n".join(parts)


def code_stamp(package: Path) -> list[str]:
    """The RECORD of the package's own installed distribution, else its files' sizes and times."""
    site = package.parent
    for info in _distributions(site, package.name):
        try:
            record = (info / "RECORD").read_bytes()
        except OSError:
            continue
        if f"{package.name}/__init__.py,".encode() in record:  # not an editable install
            return [f"record={hashlib.blake2b(record, digest_size=16).hexdigest()}"]
    return list(_tree_stamp(package))


# The distribution of each library whose module name is not its own (PyYAML gives `yaml`).
_DISTRIBUTIONS = {"yaml": "pyyaml"}


def library_stamp(module: str, origin: Path) -> str:
    """The installed version of the library (its ``.dist-info`` folder's name), else the size
    and time of its ``__init__.py``."""
    package = origin.parent if origin.name == "__init__.py" else origin
    found = _distributions(package.parent, _DISTRIBUTIONS.get(module, module))
    return found[0].name if found else _file_stamp(origin)


def _distributions(site: Path, name: str) -> list[Path]:
    """The ``<name>-<version>.dist-info`` folders in ``site`` (names compared as pip does)."""
    wanted = _normal(name)
    return sorted(
        site / entry
        for entry in _listed(site)
        if entry.endswith(".dist-info") and _normal(entry.split("-", 1)[0]) == wanted
    )


@cache
def _listed(folder: Path) -> tuple[str, ...]:
    return tuple(_listdir(folder))


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _tree_stamp(package: Path) -> Iterable[str]:
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if not name.endswith((".pyc", ".tmp")):
                path = Path(folder, name)
                yield f"{path.relative_to(package).as_posix()}={_file_stamp(path)}"


def _file_stamp(path: Path) -> str:
    try:
        info = path.stat()
    except OSError:
        return "unreadable"
    return f"{info.st_size}:{info.st_mtime_ns}"
