"""One unit of work: a file's name (as diagnostics print it) and its bytes, or a file not read
yet whose bytes may not be needed at all (a warm portfolio)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from uhc_roadmap.bulk.stats import content_digest

if TYPE_CHECKING:
    from uhc_roadmap.bulk.stats import StatIndex
    from uhc_roadmap.discovery import Source


@dataclass(frozen=True, slots=True)
class Job:
    """One file to check: the name diagnostics use, and its bytes."""

    name: str
    raw: bytes

    def read(self) -> Job:
        return self

    def digest(self) -> str:
        return content_digest(self.raw)


@dataclass(slots=True)
class FileJob:
    """A file on disk, read only when its bytes are needed: its digest comes from the stat
    index (``bulk.stats``) while the file is unchanged, so a cache hit never reads it."""

    name: str
    source: Source
    index: StatIndex
    max_bytes: int
    _job: Job | None = field(default=None, repr=False)
    _digest: str = field(default="", repr=False)

    def read(self) -> Job:
        """The file's bytes (read once; no further than one byte past ``max_bytes``)."""
        if self._job is None:
            from uhc_roadmap.bulk.stats import now_ns, stamp
            from uhc_roadmap.discovery import read

            assert self.source.path is not None  # standard input is a Job
            hashed_ns, before = now_ns(), stamp(self.source.path)
            raw = read(self.source, max_bytes=self.max_bytes)
            self._digest = self.index.hashed(self.source.path, before, raw, hashed_ns)
            self._job = Job(self.name, raw)
        return self._job

    def digest(self) -> str:
        assert self.source.path is not None
        known = None if self._job is not None else self.index.digest(self.source.path)
        if known is not None:
            return known
        self.read()
        return self._digest
