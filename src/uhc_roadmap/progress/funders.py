"""One funder's part of a roadmap: the activities it funds, with its budget lines only.

``report --funder EU`` and ``render --funder EU`` compute every figure of docs/figures.md on
this part, so that a funder's view reads like a roadmap of its own: completion of the work it
pays for, its money planned, committed and spent, the milestones and indicators of that work.
"""

from __future__ import annotations

from uhc_roadmap.errors import UsageError
from uhc_roadmap.model import Roadmap
from uhc_roadmap.suggest import did_you_mean


class FunderError(UsageError, LookupError):
    """``--funder`` names no organisation that funds a budget line of the roadmap."""


def funder_ids(roadmap: Roadmap) -> list[str]:
    """Organisations that fund at least one budget line, in the roadmap's order."""
    funding = {line.funder for activity in roadmap.activities for line in activity.budget}
    ordered = [org.id for org in roadmap.organisations if org.id in funding]
    return ordered + sorted(funding - set(ordered))


def find_funder(roadmap: Roadmap, wanted: str) -> str:
    """The funder's id as the roadmap writes it (``eu`` finds ``EU``), or a FunderError."""
    known = funder_ids(roadmap)
    for funder in known:
        if funder.casefold() == wanted.strip().casefold():
            return funder
    if not known:
        raise FunderError(f"--funder: no budget line of this roadmap names a funder; `{wanted}`")
    hint = did_you_mean(wanted.upper(), known, otherwise="")
    listed = ", ".join(known)
    raise FunderError(
        f"--funder: `{wanted}` funds no budget line of this roadmap"
        + (f"; {hint}" if hint else "")
        + f" (funders: {listed})"
    )


def funded_by(roadmap: Roadmap, funder: str) -> Roadmap:
    """The activities ``funder`` pays for, each with only its lines of that funder; the axes
    holding them; the indicators measuring them or those axes. Everything else is kept.

    The result is a view for figures, not a roadmap to validate or write: an activity may
    depend on one that is not in it (its status still counts; see ``compute_progress``).
    """
    activities = [
        activity.model_copy(
            update={"budget": [line for line in activity.budget if line.funder == funder]}
        )
        for activity in roadmap.activities
        if any(line.funder == funder for line in activity.budget)
    ]
    kept = {activity.id for activity in activities}
    axes = [axis for axis in roadmap.axes if any(a.axis == axis.id for a in activities)]
    axis_ids = {axis.id for axis in axes}
    indicators = [
        indicator
        for indicator in roadmap.indicators
        if (indicator.activity in kept)
        or (indicator.activity is None and indicator.axis in axis_ids)
    ]
    return roadmap.model_copy(
        update={"activities": activities, "axes": axes, "indicators": indicators}
    )
