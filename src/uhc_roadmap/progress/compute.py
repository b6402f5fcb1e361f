"""``compute_progress``: every figure of one roadmap at one reference date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from uhc_roadmap.countries import country_name, subdivision_name
from uhc_roadmap.i18n import LANGUAGES, SOURCE_LANGUAGE, translations
from uhc_roadmap.i18n.languages import language
from uhc_roadmap.model import Indicator, Roadmap, Text
from uhc_roadmap.progress.activities import activity_progress, combined
from uhc_roadmap.progress.budget import budget_progress
from uhc_roadmap.progress.funders import find_funder, funded_by
from uhc_roadmap.progress.indicators import indicator_progress, ordered
from uhc_roadmap.progress.milestones import DEFAULT_WINDOW_DAYS, milestones_due
from uhc_roadmap.progress.results import (
    NATIONAL,
    ActivityProgress,
    AxisProgress,
    BudgetFigures,
    BudgetProgress,
    IndicatorProgress,
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

    def place(self, code: str) -> str:
        """A region, or a region group as its regions' names."""
        members = self.roadmap.region_groups.get(code)
        if members is None:
            return self.region(code)
        return language(self.lang).list_separator.join(self.region(m) for m in members)

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
    axis_of = {a.id: a.axis for a in activities}
    so_far: dict[str, BudgetFigures] = {}
    for cell in budget.cells:
        if cell.currency is None and cell.year <= budget.through_year:
            key = axis_of.get(cell.activity, "")
            so_far[key] = so_far.get(key, BudgetFigures()) + cell.figures
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
                budget_to_date=so_far.get(axis.id, BudgetFigures()),
            )
        )
    return tuple(found)


def _indicator(indicator: Indicator, reference: date, names: _Names) -> IndicatorProgress:
    found = indicator_progress(indicator, reference, names.text)
    if found.latest_region is None:
        return found
    return replace(found, latest_region_name=names.place(found.latest_region))


def compute_progress(
    roadmap: Roadmap,
    as_of: date | None = None,
    lang: str | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
    funder: str | None = None,
) -> RoadmapProgress:
    """Every figure of docs/figures.md for ``roadmap`` at ``as_of``.

    ``as_of`` defaults to the roadmap's own ``as_of``, else today; ``lang`` (the language of
    titles and names) to ``report_language(roadmap)``. With ``funder`` (an organisation id,
    any case), the figures are those of the activities it funds, with its lines only; a
    dependency on another activity still counts (FunderError for a funder of no line).
    """
    reference = as_of or roadmap.reference_date()
    names = _Names(roadmap, lang or report_language(roadmap))
    statuses = {a.id: a.status for a in roadmap.activities}
    funder_id = None if funder is None else find_funder(roadmap, funder)
    if funder_id is not None:
        roadmap = funded_by(roadmap, funder_id)
    orgs = [o.id for o in roadmap.organisations]
    activities = tuple(
        activity_progress(
            a, names.text(a.title), reference, statuses, roadmap.currency, orgs, names.organisation
        )
        for a in roadmap.activities
    )
    budget = budget_progress(roadmap, reference, names.axis, names.organisation, names.region)
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
        indicators=ordered([_indicator(i, reference, names) for i in roadmap.indicators]),
        funder=funder_id,
        funder_name=None if funder_id is None else names.organisation(funder_id),
    )
