"""The diff as JSON: a stable structure for scripts (docs/diff.md, version 1)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from uhc_roadmap.authoring.diff import ActivityChange, FileDiff, IndicatorValues, Measurement
from uhc_roadmap.formats.diff.base import DiffFormat
from uhc_roadmap.formats.json_text import dumps

FORMAT_VERSION = 1


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
    def pair(values: tuple[str, str] | None) -> dict[str, str] | None:
        return None if values is None else {"old": values[0], "new": values[1]}

    return {
        "id": change.id,
        "title": change.title,
        "status": pair(change.status),
        "axis": pair(change.axis),
        "titles": [asdict(t) for t in change.titles],
        "planned": [
            {"which": s.which, "old": str(s.old), "new": str(s.new), "days": s.days}
            for s in change.slips
        ],
        "budget": [
            {
                "funder": b.funder,
                "currency": b.currency,
                "old": None if b.old is None else asdict(b.old),
                "new": None if b.new is None else asdict(b.new),
            }
            for b in change.budget
        ],
        "milestones_done": [
            {
                "id": m.id,
                "title": m.title,
                "due": str(m.due),
                "done_on": str(m.done_on),
                "days_late": m.days_late,
            }
            for m in change.milestones_done
        ],
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
    }


def _json_point(point: Measurement) -> dict[str, Any]:
    return {
        "date": str(point.date),
        "value": point.value,
        "region": point.region,
        "source": point.source,
    }
