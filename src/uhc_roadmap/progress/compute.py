"""``compute_progress``: every figure of one roadmap at one reference date."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from uhc_roadmap.countries import country_name, subdivision_name
from uhc_roadmap.i18n import LANGUAGES, SOURCE_LANGUAGE, translations
from uhc_roadmap.model import Roadmap, Text
from uhc_roadmap.progress.activities import activity_progress, combined
from uhc_roadmap.progress.budget import budget_progress
from uhc_roadmap.progress.indicators import indicator_progress, ordered
from uhc_roadmap.progress.milestones import DEFAULT_WINDOW_DAYS, milestones_due
from uhc_roadmap.progress.results import (
    NATIONAL,
    ActivityProgress,
    AxisProgress,
    BudgetFigures,
    BudgetProgress,
    RoadmapProgress,
    StatusCounts,
)


def report_language(roadmap: Roadmap) -> str:
    """The roadmap's first language when the tool has labels for it, else English."""
    first = roadmap.default_language
    return first if first in LANGUAGES else SOURCE_LANGUAGE


class _Names:
    """Texts and labels of one roadmap in the report language."""

    def __init__(self, roadmap: Roadmap, lang: str) -> None:
        self.roadmap = roadmap
        self.lang = lang
        self.organisations = {o.id: o.name for o in roadmap.organisations}
        self.axes = {a.id: a.title for a in roadmap.axes}

    def text(self, value: Text) -> str:
        return value.get(self.lang, self.roadmap.default_language)[0]

    def axis(self, axis_id: str) -> str:
        title = self.axes.get(axis_id)
        return axis_id if title is None else self.text(title)

    def organisation(self, org_id: str) -> str:
        name = self.organisations.get(org_id)
        return org_id if name is None else self.text(name)

    def region(self, code: str) -> str:
        if code == NATIONAL:
            gettext = translations(self.lang).gettext if self.lang in LANGUAGES else str
            return gettext("National")
        label = self.roadmap.region_labels.get(code)
        return subdivision_name(code, self.lang) if label is None else self.text(label)


def status_counts(activities: Sequence[ActivityProgress]) -> StatusCounts:
    statuses = [a.status for a in activities]
    return StatusCounts(**{s: statuses.count(s) for s in set(statuses)})


def _axes(
    roadmap: Roadmap, activities: Sequence[ActivityProgress], budget: BudgetProgress, names: _Names
) -> tuple[AxisProgress, ...]:
    money = {row.key: row.figures for row in budget.by_axis}
    found = []
    for axis in roadmap.axes:
        mine = [a for a in activities if a.axis == axis.id]
        found.append(
            AxisProgress(
                id=axis.id,
                title=names.text(axis.title),
                completion=combined(mine),
                statuses=status_counts(mine),
                budget=money.get(axis.id, BudgetFigures()),
                overdue=sum(1 for a in mine if a.overdue),
                blocked=sum(1 for a in mine if a.blocked),
            )
        )
    return tuple(found)


def compute_progress(
    roadmap: Roadmap,
    as_of: date | None = None,
    lang: str | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> RoadmapProgress:
    """Every figure of docs/figures.md for ``roadmap`` at ``as_of``.

    ``as_of`` defaults to the roadmap's own ``as_of``, else today; ``lang`` (the language of
    titles and names) to ``report_language(roadmap)``.
    """
    reference = as_of or roadmap.reference_date()
    names = _Names(roadmap, lang or report_language(roadmap))
    statuses = {a.id: a.status for a in roadmap.activities}
    activities = tuple(
        activity_progress(a, names.text(a.title), reference, statuses, roadmap.currency)
        for a in roadmap.activities
    )
    budget = budget_progress(roadmap, names.axis, names.organisation, names.region)
    upcoming, late = milestones_due(roadmap, reference, window_days, names.text)
    return RoadmapProgress(
        country=roadmap.country,
        country_name=country_name(roadmap.country, names.lang),
        title=names.text(roadmap.title),
        phase=roadmap.phase.id,
        phase_start=roadmap.phase.start,
        phase_end=roadmap.phase.end,
        as_of=reference,
        lang=names.lang,
        currency=roadmap.currency,
        completion=combined(activities),
        statuses=status_counts(activities),
        axes=_axes(roadmap, activities, budget, names),
        activities=activities,
        milestones_upcoming=upcoming,
        milestones_late=late,
        window_days=window_days,
        budget=budget,
        indicators=ordered(
            [indicator_progress(i, reference, names.text) for i in roadmap.indicators]
        ),
    )
