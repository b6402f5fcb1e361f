"""Which roadmap file a report is about, when a country has several phases."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol, TypeVar

from uhc_roadmap.discovery import printable
from uhc_roadmap.errors import UsageError


class _Phase(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def start(self) -> date: ...
    @property
    def end(self) -> date: ...


class Phased(Protocol):
    """A roadmap, or what a cached portfolio keeps of one: its phase."""

    @property
    def phase(self) -> _Phase: ...


P = TypeVar("P", bound=Phased)
Candidate = tuple[str, P]
"""A roadmap with the name of the file it was read from."""


class PhaseError(UsageError, LookupError):
    """No roadmap of the country has the phase asked for, or two files claim the same one."""


def latest_first(candidates: Sequence[Candidate[P]]) -> list[Candidate[P]]:
    """Most recent phase first: by start date, then end date, then file name."""
    return sorted(
        candidates,
        key=lambda c: (c[1].phase.start, c[1].phase.end, c[0]),
        reverse=True,
    )


def choose_phase(candidates: Sequence[Candidate[P]], phase_id: str | None) -> Candidate[P]:
    """The roadmap of ``phase_id``, or the latest phase when it is None."""
    if not candidates:
        raise PhaseError("no roadmap to choose from")
    ordered = latest_first(candidates)
    wanted = phase_id or ordered[0][1].phase.id
    chosen = [c for c in ordered if c[1].phase.id == wanted]
    if not chosen:
        phases = ", ".join(c[1].phase.id for c in ordered)
        raise PhaseError(f"no phase `{phase_id}`; phases found: {phases}")
    if len(chosen) > 1:
        files = ", ".join(sorted(printable(c[0]) for c in chosen))
        raise PhaseError(f"phase `{wanted}` is in several files: {files}")
    return chosen[0]
