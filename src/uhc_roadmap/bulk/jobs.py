"""One unit of work: a file's name (as diagnostics print it) and its bytes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Job:
    """One file to check: the name diagnostics use, and its bytes."""

    name: str
    raw: bytes
