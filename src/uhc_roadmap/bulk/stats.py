"""Which files are unchanged since their bytes were last hashed: git's index, for the cache.

A warm ``report`` over a portfolio should not read and hash 18 MB to learn that nothing
changed. Each file's stat fields (size, modification and change times, inode, device) are
kept with the digest of its bytes and the time they were hashed; when a file's stat fields
are the same again, its digest is taken from here without reading it.

The stat fields are trusted only where they can be: a file modified less than ``RACY_NS``
before its bytes were hashed may have been modified again within the same tick of a coarse
file-system clock (FAT keeps 2 s, ext3 and HFS+ 1 s) without any stat field changing, so it is
read and hashed again, as git does for "racily clean" entries. A rewrite that keeps the size
and restores the modification time still changes the change time (which no program can set)
or, written beside and renamed, the inode.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from uhc_roadmap.cache import Cache

NAMESPACE = "stat"
RACY_NS = 2_000_000_000
"""How close to the moment its bytes were hashed a file's modification time must not be, for
its stat fields to stand for its bytes: the coarsest file-system clock in use (2 s, FAT)."""
Stamp = tuple[int, int, int, int, int]


def content_digest(raw: bytes) -> str:
    """What stands for a file's bytes in cache keys."""
    return hashlib.blake2b(raw, digest_size=32).hexdigest()


def stamp(path: Path) -> Stamp | None:
    """A file's stat fields (size, mtime, ctime, inode, device), or None if it has none."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


class StatIndex:
    """Digests of the files of one project, found again by their stat fields."""

    def __init__(self, cache: Cache | None, root: Path) -> None:
        self.cache = cache
        self.key = cache.key(NAMESPACE, str(root.resolve())) if cache is not None else ""
        self.files: dict[str, list[int | str]] = {}
        self.changed = False
        if cache is not None:
            self.files = _valid(cache.get(NAMESPACE, self.key))

    def digest(self, path: Path) -> str | None:
        """The digest of the file's bytes when its stat fields say it is unchanged."""
        entry = self.files.get(_name(path))
        now = stamp(path)
        if entry is None or now is None or tuple(entry[:5]) != now:
            return None
        hashed_ns, digest = int(entry[5]), str(entry[6])  # their types checked by _valid
        if now[1] >= hashed_ns - RACY_NS:
            return None  # modified too close to the hashing for the stat fields to tell
        return digest

    def hashed(self, path: Path, before: Stamp | None, raw: bytes, hashed_ns: int) -> str:
        """The digest of ``raw``, read from ``path`` at ``hashed_ns`` (``time.time_ns()``) with
        the stat fields ``before`` taken just before; kept if the file did not change since."""
        digest = content_digest(raw)
        if self.cache is not None and before is not None and stamp(path) == before:
            self.files[_name(path)] = [*before, hashed_ns, digest]
            self.changed = True
        return digest

    def save(self) -> None:
        if self.cache is not None and self.changed:
            self.cache.put(NAMESPACE, self.key, self.files)
            self.changed = False


def now_ns() -> int:
    return time.time_ns()


def _name(path: Path) -> str:
    return os.path.abspath(path)


def _valid(value: object) -> dict[str, list[int | str]]:
    """The entry as stored, keeping only the files whose record has the right shape."""
    if not isinstance(value, dict):
        return {}
    kept: dict[str, list[int | str]] = {}
    for name, entry in value.items():
        if (
            isinstance(name, str)
            and isinstance(entry, list)
            and len(entry) == 7
            and all(type(v) is int for v in entry[:6])
            and isinstance(entry[6], str)
        ):
            kept[name] = entry
    return kept
