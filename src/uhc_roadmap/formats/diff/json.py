"""The diff as JSON: a stable structure for scripts (docs/diff.md, version 2)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from uhc_roadmap.authoring.diff import (
    ActivityChange,
    FileDiff,
    IndicatorValues,
    ListChange,
    Measurement,
    MilestoneChange,
)
from uhc_roadmap.formats.diff.base import DiffFormat
from uhc_roadmap.formats.json_text import dumps

FORMAT_VERSION = 2
"""2: budget changes per year (``year``), and an activity's ``progress``, ``actual`` dates,
``milestones`` (all their changes, in place of ``milestones_done``), ``lead``, ``partners``,
``regions``, ``depends_on``; an indicator's ``baseline`` and ``target``."""


class JsonFormat(DiffFormat):
    name = "json"

    def render(self, files: list[FileDiff]) -> str:
        document = {
            "format_version": FORMAT_VERSION,
            "changed": any(f.status != "unchanged" for f in files),
            "files": [_json_file(f) for f in files],
        }
        return dumps(document)


def _json_file(file: FileDiff) -> dict[str, Any]:
    found: dict[str, Any] = {"old": file.old, "new": file.new, "status": file.status}
    if file.diff is None:
        return found
    diff = file.diff
    return found | {
        "language": diff.lang,
        "roadmap": [asdict(c) for c in diff.roadmap],
        "activities": {
            "added": [asdict(a) for a in diff.added],
            "removed": [asdict(a) for a in diff.removed],
            "changed": [_json_change(c) for c in diff.changed],
        },
        "indicators": {
            "added": list(diff.indicators_added),
            "removed": list(diff.indicators_removed),
            "values": [_json_values(v) for v in diff.indicator_values],
        },
    }


def _json_change(change: ActivityChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "title": change.title,
        "status": _pair(change.status),
        "progress": _pair(change.progress),
        "actual": [
            {"which": a.which, "old": _day(a.old), "new": _day(a.new), "days": a.days}
            for a in change.actual
        ],
        "planned": [
            {"which": s.which, "old": str(s.old), "new": str(s.new), "days": s.days}
            for s in change.slips
        ],
        "milestones": [_json_milestone(m) for m in change.milestones],
        "budget": [
            {
                "year": b.year,
                "funder": b.funder,
                "currency": b.currency,
                "old": None if b.old is None else asdict(b.old),
                "new": None if b.new is None else asdict(b.new),
            }
            for b in change.budget
        ],
        "lead": _pair(change.lead),
        "partners": _listed(change.partners),
        "regions": _listed(change.regions),
        "depends_on": _listed(change.depends_on),
        "axis": _pair(change.axis),
        "titles": [asdict(t) for t in change.titles],
    }


def _pair(values: tuple[Any, Any] | None) -> dict[str, Any] | None:
    return None if values is None else {"old": values[0], "new": values[1]}


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _listed(change: ListChange | None) -> dict[str, list[str]] | None:
    return (
        None if change is None else {"added": list(change.added), "removed": list(change.removed)}
    )


def _json_milestone(change: MilestoneChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "title": change.title,
        "change": change.kind,
        "due": {"old": _day(change.due[0]), "new": _day(change.due[1])},
        "done_on": {"old": _day(change.done_on[0]), "new": _day(change.done_on[1])},
        "days_late": change.days_late,
    }


def _json_values(values: IndicatorValues) -> dict[str, Any]:
    return {
        "id": values.id,
        "title": values.title,
        "unit": values.unit,
        "added": [_json_point(p) for p in values.added],
        "revised": [
            {"date": str(a.date), "region": a.region, "old": b.value, "new": a.value}
            for b, a in values.revised
        ],
        "removed": [_json_point(p) for p in values.removed],
        "baseline": _reference(values.baseline),
        "target": _reference(values.target),
    }


def _reference(pair: tuple[Measurement | None, Measurement | None] | None) -> dict[str, Any] | None:
    if pair is None:
        return None
    old, new = (None if p is None else {"date": str(p.date), "value": p.value} for p in pair)
    return {"old": old, "new": new}


def _json_point(point: Measurement) -> dict[str, Any]:
    return {
        "date": str(point.date),
        "value": point.value,
        "region": point.region,
        "source": point.source,
    }
