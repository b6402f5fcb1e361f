"""CSV for spreadsheets: one table per ``--section``, stable English headers, raw values.

Values are not localised so that spreadsheets read them as numbers and dates: shares are
fractions (format the column as a percentage), amounts plain numbers, dates ISO 8601.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from uhc_roadmap.formats.progress import json as j
from uhc_roadmap.formats.progress.base import ProgressFormat, SectionError
from uhc_roadmap.progress import BudgetFigures, BudgetRow, Portfolio, RoadmapProgress

Row = dict[str, Any]
FIGURES = ("planned", "committed", "spent", "commitment_rate", "execution_rate")


def _table(header: Sequence[str], rows: Iterable[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header, lineterminator="\n", restval="")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def _figures(f: BudgetFigures) -> Row:
    found = j.figures(f)
    return {name: found[name] for name in FIGURES}


AXES: tuple[str, ...] = (
    "axis",
    "title",
    "activities",
    "completion",
    "weighted_completion",
    "overdue",
    "blocked",
    *FIGURES,
)


def axes(p: RoadmapProgress) -> str:
    return _table(
        AXES,
        (
            {
                "axis": a.id,
                "title": a.title,
                "activities": a.statuses.total,
                "completion": j.share(a.completion.by_count),
                "weighted_completion": j.share(a.completion.by_budget),
                "overdue": a.overdue,
                "blocked": a.blocked,
                **_figures(a.budget),
            }
            for a in p.axes
        ),
    )


ACTIVITIES: tuple[str, ...] = (
    "activity",
    "axis",
    "title",
    "status",
    "completion",
    "completion_source",
    "planned_start",
    "planned_end",
    "planned_budget",
    "milestones_done",
    "milestones_total",
    "overdue_days",
    "late_start_days",
    "blocked_by",
)


def activities(p: RoadmapProgress) -> str:
    return _table(
        ACTIVITIES,
        (
            {
                "activity": a.id,
                "axis": a.axis,
                "title": a.title,
                "status": a.status,
                "completion": j.share(a.completion),
                "completion_source": a.completion_source,
                "planned_start": j.day(a.planned_start),
                "planned_end": j.day(a.planned_end),
                "planned_budget": j.amount(a.planned_budget),
                "milestones_done": a.milestones_done,
                "milestones_total": a.milestones_total,
                "overdue_days": a.overdue_days,
                "late_start_days": a.late_start_days,
                "blocked_by": " ".join(a.blocked_by),
            }
            for a in p.activities
        ),
    )


BUDGET: tuple[str, ...] = ("dimension", "key", "label", "currency", *FIGURES)


def _budget_rows(p: RoadmapProgress) -> Iterator[Row]:
    b = p.budget
    money = {"currency": b.currency}
    yield {"dimension": "total", **money, **_figures(b.total)}
    groups: tuple[tuple[str, tuple[BudgetRow, ...]], ...] = (
        ("axis", b.by_axis),
        ("funder", b.by_funder),
        ("year", b.by_year),
        ("region", b.by_region),
    )
    for dimension, found in groups:
        for r in found:
            yield {"dimension": dimension, "key": r.key, "label": r.label, **money} | _figures(
                r.figures
            )
    yield {"dimension": "cancelled", **money, **_figures(b.cancelled)}
    for other in b.other_currencies:
        yield {"dimension": "other_currency", "key": other.currency, "currency": other.currency} | (
            _figures(other.figures)
        )


def budget(p: RoadmapProgress) -> str:
    return _table(BUDGET, _budget_rows(p))


MILESTONES: tuple[str, ...] = (
    "kind",
    "due",
    "days",
    "activity",
    "milestone",
    "title",
    "activity_title",
)


def milestones(p: RoadmapProgress) -> str:
    found = [("upcoming", m) for m in p.milestones_upcoming]
    found += [("late", m) for m in p.milestones_late]
    return _table(
        MILESTONES,
        (
            {
                "kind": kind,
                "due": j.day(m.due),
                "days": m.days,
                "activity": m.activity,
                "milestone": m.id,
                "title": m.title,
                "activity_title": m.activity_title,
            }
            for kind, m in found
        ),
    )


INDICATORS: tuple[str, ...] = (
    "indicator",
    "title",
    "key",
    "measure",
    "unit",
    "direction",
    "baseline",
    "baseline_date",
    "latest",
    "latest_date",
    "target",
    "target_date",
    "achievement",
    "expected",
    "status",
    "trend",
)


def indicators(p: RoadmapProgress) -> str:
    return _table(
        INDICATORS,
        (
            {
                "indicator": i.id,
                "title": i.title,
                "key": i.key,
                "measure": i.measure,
                "unit": i.unit,
                "direction": i.direction,
                "baseline": j.value(i.baseline),
                "baseline_date": j.day(i.baseline_date),
                "latest": j.value(i.latest),
                "latest_date": j.day(i.latest_date),
                "target": j.value(i.target),
                "target_date": j.day(i.target_date),
                "achievement": j.share(i.achievement),
                "expected": j.value(i.expected),
                "status": i.status,
                "trend": i.trend,
            }
            for i in p.indicators
        ),
    )


SECTIONS: dict[str, Callable[[RoadmapProgress], str]] = {
    "activities": activities,
    "axes": axes,
    "budget": budget,
    "indicators": indicators,
    "milestones": milestones,
}
PORTFOLIO: tuple[str, ...] = (
    "country",
    "name",
    "phase",
    "as_of",
    "currency",
    "completion",
    "weighted_completion",
    "planned",
    "spent",
    "execution",
    "overdue",
    "blocked",
    "on_track",
    "assessed",
)


class CsvFormat(ProgressFormat):
    name = "csv"
    sections = tuple(SECTIONS)

    def report(self, progress: RoadmapProgress) -> str:
        section = self.options.section or self.sections[0]
        if section not in SECTIONS:
            choices = ", ".join(SECTIONS)
            raise SectionError(f"unknown section `{section}`; choose one of: {choices}")
        return SECTIONS[section](progress)

    def portfolio(self, portfolio: Portfolio) -> str:
        if self.options.section not in (None, "portfolio"):
            raise SectionError("the portfolio is a single table; --section needs --country")
        return _table(PORTFOLIO, (j.portfolio_row(r) for r in portfolio.rows))
