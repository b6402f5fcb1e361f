"""JSON: a stable structure (docs/report-json.md), version 1; keys never translated.

Shares are fractions rounded to 4 decimals, amounts rounded to 2, dates ISO 8601, and a
figure that cannot be computed is null.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from uhc_roadmap import __version__
from uhc_roadmap.formats.json_text import dumps
from uhc_roadmap.formats.progress.base import ProgressFormat
from uhc_roadmap.progress import (
    ActivityProgress,
    AxisProgress,
    BudgetFigures,
    BudgetProgress,
    BudgetRow,
    Completion,
    IndicatorProgress,
    MilestoneDue,
    Portfolio,
    PortfolioRow,
    RoadmapProgress,
    StatusCounts,
)

FORMAT_VERSION = 1
Json = dict[str, Any]


def share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def amount(value: float) -> float:
    return round(value, 2)


def day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def figures(f: BudgetFigures) -> Json:
    return {
        "planned": amount(f.planned),
        "committed": amount(f.committed),
        "spent": amount(f.spent),
        "commitment_rate": share(f.commitment_rate),
        "execution_rate": share(f.execution_rate),
    }


def completion(c: Completion) -> Json:
    return {
        "by_count": share(c.by_count),
        "by_budget": share(c.by_budget),
        "activities": c.activities,
        "weight": amount(c.weight),
    }


def statuses(s: StatusCounts) -> Json:
    return dict(s.items())


def axis(a: AxisProgress) -> Json:
    return {
        "id": a.id,
        "title": a.title,
        "completion": completion(a.completion),
        "statuses": statuses(a.statuses),
        "budget": figures(a.budget),
        "overdue": a.overdue,
        "blocked": a.blocked,
    }


def activity(a: ActivityProgress) -> Json:
    return {
        "id": a.id,
        "axis": a.axis,
        "title": a.title,
        "status": a.status,
        "completion": share(a.completion),
        "completion_source": a.completion_source,
        "planned": {"start": day(a.planned_start), "end": day(a.planned_end)},
        "planned_budget": amount(a.planned_budget),
        "milestones": {"done": a.milestones_done, "total": a.milestones_total},
        "overdue_days": a.overdue_days,
        "late_start_days": a.late_start_days,
        "blocked_by": list(a.blocked_by),
    }


def milestone(m: MilestoneDue) -> Json:
    return {
        "activity": m.activity,
        "activity_title": m.activity_title,
        "id": m.id,
        "title": m.title,
        "due": day(m.due),
        "days": m.days,
    }


def rows(found: tuple[BudgetRow, ...]) -> list[Json]:
    return [{"key": r.key, "label": r.label, **figures(r.figures)} for r in found]


def budget(b: BudgetProgress) -> Json:
    return {
        "currency": b.currency,
        "total": figures(b.total),
        "to_date": {"through_year": b.through_year, **figures(b.to_date)},
        "by_axis": rows(b.by_axis),
        "by_funder": rows(b.by_funder),
        "by_year": rows(b.by_year),
        "by_region": rows(b.by_region),
        "by_activity": [
            {
                "activity": c.activity,
                "year": c.year,
                "funder": c.funder,
                "currency": c.currency or b.currency,
                **figures(c.figures),
            }
            for c in b.cells
        ],
        "cancelled": figures(b.cancelled),
        "other_currencies": [
            {"currency": o.currency, "lines": o.lines, **figures(o.figures)}
            for o in b.other_currencies
        ],
    }


def value(v: float | str | None) -> float | str | None:
    return v if v is None or isinstance(v, str) else round(v, 6)


def indicator(i: IndicatorProgress) -> Json:
    return {
        "id": i.id,
        "title": i.title,
        "axis": i.axis,
        "activity": i.activity,
        "measure": i.measure,
        "unit": i.unit,
        "direction": i.direction,
        "key": i.key,
        "baseline": {"value": value(i.baseline), "date": day(i.baseline_date)},
        "latest": {
            "value": value(i.latest),
            "date": day(i.latest_date),
            "region": i.latest_region,
            "region_name": i.latest_region_name,
        },
        "target": {"value": value(i.target), "date": day(i.target_date)},
        "previous": value(i.previous),
        "achievement": share(i.achievement),
        "elapsed": share(i.elapsed),
        "expected": value(i.expected),
        "status": i.status,
        "trend": i.trend,
    }


def roadmap(p: RoadmapProgress) -> Json:
    return {
        "country": p.country,
        "country_name": p.country_name,
        "title": p.title,
        "phase": {"id": p.phase, "start": day(p.phase_start), "end": day(p.phase_end)},
        "as_of": day(p.as_of),
        "currency": p.currency,
        "completion": completion(p.completion),
        "statuses": statuses(p.statuses),
        "axes": [axis(a) for a in p.axes],
        "activities": [activity(a) for a in p.activities],
        "overdue": [a.id for a in p.overdue],
        "late_start": [a.id for a in p.late_start],
        "blocked": [a.id for a in p.blocked],
        "milestones": {
            "window_days": p.window_days,
            "upcoming": [milestone(m) for m in p.milestones_upcoming],
            "late": [milestone(m) for m in p.milestones_late],
        },
        "budget": budget(p.budget),
        "indicators": [indicator(i) for i in p.indicators],
        "indicators_on_track": p.indicators_on_track,
        "indicators_assessed": p.indicators_assessed,
        "funder": p.funder,
    }


def portfolio_row(r: PortfolioRow) -> Json:
    return {
        "country": r.country,
        "name": r.name,
        "phase": r.phase,
        "as_of": day(r.as_of),
        "currency": r.currency,
        "completion": share(r.completion),
        "weighted_completion": share(r.weighted_completion),
        "planned": amount(r.planned),
        "spent": amount(r.spent),
        "execution": share(r.execution),
        "overdue": r.overdue,
        "blocked": r.blocked,
        "on_track": r.on_track,
        "assessed": r.assessed,
    }


class JsonFormat(ProgressFormat):
    name = "json"

    def _document(self, kind: str, body: Json) -> str:
        head = {
            "format_version": FORMAT_VERSION,
            "tool": {"name": "uhc-roadmap", "version": __version__},
            "kind": kind,
            "lang": self.options.lang,
        }
        return dumps(head | body)

    def report(self, progress: RoadmapProgress) -> str:
        return self._document("roadmap", {"roadmap": roadmap(progress)})

    def portfolio(self, portfolio: Portfolio) -> str:
        body = {
            "sort": {"column": portfolio.sort, "descending": portfolio.descending},
            "countries": [portfolio_row(r) for r in portfolio.rows],
        }
        return self._document("portfolio", body)
