"""Building the view-model templates see (``render/views.py``) from a roadmap and its progress
figures, joined by id.

Templates do no arithmetic: every count, sum, share and date difference comes from the progress
core; this module only resolves texts (marking fallbacks), names (organisations, regions) and
labels, and orders things for display. The variables are documented in docs/templates.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from uhc_roadmap import __version__
from uhc_roadmap.countries import country_name, subdivision_name
from uhc_roadmap.i18n.languages import language
from uhc_roadmap.model import Activity, Axis, Indicator, Milestone, Organisation, Roadmap, Text
from uhc_roadmap.progress import (
    ActivityProgress,
    AxisProgress,
    BudgetCell,
    BudgetFigures,
    IndicatorProgress,
    MilestoneDue,
    RoadmapProgress,
)
from uhc_roadmap.progress.funders import funded_by
from uhc_roadmap.render import labels
from uhc_roadmap.render.text import UserText, localise
from uhc_roadmap.render.views import (
    ActivityBudgetView,
    ActivityView,
    AxisView,
    BudgetCellView,
    BudgetLineView,
    BudgetRowView,
    DocumentContext,
    DocumentView,
    DueView,
    FundingView,
    IndicatorView,
    MeasurementView,
    MilestoneView,
    OrganisationView,
    RoadmapView,
)

Gettext = Callable[[str], str]


class _Builder:
    """Resolves one roadmap's texts in one language; one instance per document."""

    def __init__(self, roadmap: Roadmap, lang: str, gettext: Gettext) -> None:
        self.roadmap = roadmap
        self.lang = lang
        self.gettext = gettext
        self.default = roadmap.default_language

    def text(self, value: Text) -> UserText:
        return localise(value, self.lang, self.default)

    def maybe(self, value: Text | None) -> UserText | None:
        return None if value is None else self.text(value)

    def region(self, code: str) -> UserText:
        """A region by name; a region group as its regions' names (its id is a code, not a
        name a reader knows, so it is not shown).

        A group's members are named as regions, never expanded as groups: with rule R005 off,
        a group may list itself, and expanding it would never end.
        """
        members = self.roadmap.region_groups.get(code)
        if members is not None:
            separator = language(self.lang).list_separator
            return UserText(separator.join(self._subdivision(m).text for m in members))
        return self._subdivision(code)

    def _subdivision(self, code: str) -> UserText:
        label = self.roadmap.region_labels.get(code)
        if label is not None:
            return self.text(label)
        return UserText(subdivision_name(code, self.lang))

    def organisations(self, money: Mapping[str, BudgetFigures]) -> dict[str, OrganisationView]:
        """Every organisation with its roles; ``money``: each funder's figures by id."""
        leads: dict[str, list[str]] = {}
        partners: dict[str, list[str]] = {}
        funded: dict[str, list[str]] = {}
        for activity in self.roadmap.activities:
            if activity.lead:
                leads.setdefault(activity.lead, []).append(activity.id)
            for partner in activity.partners:
                partners.setdefault(partner, []).append(activity.id)
            for funder in dict.fromkeys(line.funder for line in activity.budget):
                funded.setdefault(funder, []).append(activity.id)
        return {
            o.id: self.organisation(
                o, leads.get(o.id, []), partners.get(o.id, []), funded.get(o.id, []), money
            )
            for o in self.roadmap.organisations
        }

    def organisation(
        self,
        org: Organisation,
        leads: list[str],
        partner_in: list[str],
        funded: list[str],
        money: Mapping[str, BudgetFigures],
    ) -> OrganisationView:
        type_label = self.gettext(labels.ORGANISATION_TYPES[org.type])
        return OrganisationView(
            org.id,
            self.text(org.name),
            org.type,
            type_label,
            tuple(leads),
            tuple(partner_in),
            bool(funded),
            tuple(funded),
            money.get(org.id),
        )

    def activity(
        self, activity: Activity, figures: ActivityProgress, orgs: Mapping[str, OrganisationView]
    ) -> ActivityView:
        actual = activity.actual
        return ActivityView(
            id=activity.id,
            axis=activity.axis,
            title=self.text(activity.title),
            description=self.maybe(activity.description),
            status=activity.status,
            status_label=self.gettext(labels.STATUSES[activity.status]),
            planned_start=activity.planned.start,
            planned_end=activity.planned.end,
            actual_start=actual.start if actual else None,
            actual_end=actual.end if actual else None,
            lead=orgs.get(activity.lead) if activity.lead else None,
            partners=tuple(orgs[p] for p in activity.partners if p in orgs),
            regions=tuple(self.region(r) for r in activity.regions),
            depends_on=tuple(activity.depends_on),
            milestones=tuple(self.milestone(m) for m in activity.milestones),
            budget=tuple(self.budget_line(line, orgs) for line in activity.budget),
            refs=tuple(UserText(r) for r in activity.refs),
            documents=tuple(DocumentView(self.text(d.title), d.url) for d in activity.documents),
            figures=figures,
            funding=tuple(
                FundingView(orgs.get(row.key) or _unknown_org(row.key), row.figures)
                for row in figures.by_funder
            ),
            open_end_label=self.gettext(
                labels.SUSPENDED if activity.status == "suspended" else labels.ONGOING
            ),
        )

    def milestone(self, milestone: Milestone) -> MilestoneView:
        return MilestoneView(
            milestone.id, self.text(milestone.title), milestone.due, milestone.done_on
        )

    def budget_line(self, line: Any, orgs: Mapping[str, OrganisationView]) -> BudgetLineView:
        funder = orgs.get(line.funder) or _unknown_org(line.funder)
        return BudgetLineView(
            line.year, funder, line.planned, line.committed, line.spent, line.currency
        )

    def indicator(
        self, indicator: Indicator, figures: IndicatorProgress, subjects: Mapping[str, UserText]
    ) -> IndicatorView:
        subject_id = indicator.axis or indicator.activity or ""
        axis = indicator.axis or self._axis_of(indicator.activity)
        return IndicatorView(
            id=indicator.id,
            title=self.text(indicator.title),
            subject=subjects.get(subject_id, UserText(subject_id)),
            subject_id=subject_id,
            axis=axis,
            measure=indicator.measure,
            unit=self.maybe(indicator.unit),
            direction=indicator.direction,
            direction_label=self.gettext(labels.DIRECTIONS[indicator.direction]),
            key=indicator.key,
            values=tuple(self.measurement(p) for p in indicator.values),
            latest_text=self._latest_text(indicator, figures),
            status_label=self.gettext(labels.INDICATOR_STATUSES[figures.status]),
            trend_label=self.gettext(labels.TRENDS[figures.trend]) if figures.trend else None,
            figures=figures,
            latest_region=self.region(figures.latest_region) if figures.latest_region else None,
        )

    def _latest_text(self, indicator: Indicator, figures: IndicatorProgress) -> UserText | None:
        """The latest value of a qualitative indicator, its fallback language marked."""
        if not isinstance(figures.latest, str):
            return None
        found = [
            p.value
            for p in indicator.values
            if (p.date, p.region) == (figures.latest_date, figures.latest_region)
            and isinstance(p.value, Text)
        ]
        return self.text(found[-1]) if found else UserText(figures.latest)

    def measurement(self, point: Any) -> MeasurementView:
        value = point.value if isinstance(point.value, float) else self.text(point.value)
        region = self.region(point.region) if point.region else None
        source = UserText(point.source) if point.source else None
        return MeasurementView(point.date, value, region, source)

    def _axis_of(self, activity_id: str | None) -> str:
        return next((a.axis for a in self.roadmap.activities if a.id == activity_id), "")

    def axis(
        self,
        axis: Axis,
        figures: AxisProgress,
        activities: tuple[ActivityView, ...],
        indicators: tuple[IndicatorView, ...],
    ) -> AxisView:
        block = axis.building_block
        return AxisView(
            id=axis.id,
            title=self.text(axis.title),
            objective=self.maybe(axis.objective),
            building_block=block,
            building_block_label=self.gettext(labels.BUILDING_BLOCKS[block]) if block else None,
            activities=tuple(a for a in activities if a.axis == axis.id),
            indicators=tuple(i for i in indicators if i.axis == axis.id),
            figures=figures,
        )

    def header(self, progress: RoadmapProgress) -> RoadmapView:
        r = self.roadmap
        return RoadmapView(
            country=r.country,
            country_name=country_name(r.country, self.lang),
            title=self.text(r.title),
            summary=self.maybe(r.summary),
            programme=UserText(r.programme) if r.programme else None,
            phase=r.phase.id,
            phase_start=r.phase.start,
            phase_end=r.phase.end,
            currency=r.currency,
            languages=tuple(r.languages),
            default_language=r.default_language,
        )


def _unknown_org(org_id: str) -> OrganisationView:
    """A reference the rules already flag; shown by its id rather than failing the document."""
    return OrganisationView(org_id, UserText(org_id), "other", org_id, (), (), False)


def build_context(
    roadmap: Roadmap,
    progress: RoadmapProgress,
    lang: str,
    output_format: str,
    gettext: Gettext,
) -> DocumentContext:
    """The view-model of one document: ``progress`` must be computed for ``roadmap``."""
    if progress.funder is not None:
        roadmap = funded_by(roadmap, progress.funder)
    b = _Builder(roadmap, lang, gettext)
    orgs = b.organisations({row.key: row.figures for row in progress.budget.by_funder})
    by_id = {a.id: a for a in progress.activities}
    activities = tuple(b.activity(a, by_id[a.id], orgs) for a in roadmap.activities)
    views = {a.id: a for a in activities}
    indicators = _indicators(b, roadmap, progress, activities)
    axes_figures = {a.id: a for a in progress.axes}
    axes = tuple(
        b.axis(axis, axes_figures[axis.id], activities, indicators) for axis in roadmap.axes
    )
    return DocumentContext(
        lang=lang,
        output_format=output_format,
        as_of=progress.as_of,
        generator=f"uhc-roadmap {__version__}",
        roadmap=b.header(progress),
        axes=axes,
        activities=activities,
        timeline=tuple(sorted(activities, key=lambda a: (a.planned_start, a.planned_end, a.id))),
        organisations=tuple(orgs.values()),
        indicators=indicators,
        overdue=tuple(views[a.id] for a in progress.overdue),
        late_start=tuple(views[a.id] for a in progress.late_start),
        blocked=tuple(views[a.id] for a in progress.blocked),
        milestones_upcoming=_due(progress.milestones_upcoming, views),
        milestones_late=_due(progress.milestones_late, views),
        budget_by_funder=_rows(progress.budget.by_funder, {k: o.name for k, o in orgs.items()}),
        budget_by_year=_rows(progress.budget.by_year, {}),
        budget_by_axis=_rows(progress.budget.by_axis, {a.id: a.title for a in axes}),
        budget_by_activity=_by_activity(progress.budget.cells, views, orgs),
        status_labels={code: gettext(label) for code, label in labels.STATUSES.items()},
        figures=progress,
        funder=orgs.get(progress.funder) if progress.funder else None,
    )


def _by_activity(
    cells: tuple[BudgetCell, ...],
    views: Mapping[str, ActivityView],
    orgs: Mapping[str, OrganisationView],
) -> tuple[ActivityBudgetView, ...]:
    """The budget cells grouped by activity, in the order the core gives them."""
    grouped: dict[str, list[BudgetCellView]] = {}
    for cell in cells:
        funder = orgs.get(cell.funder) or _unknown_org(cell.funder)
        view = BudgetCellView(cell.year, funder, cell.currency, cell.figures)
        grouped.setdefault(cell.activity, []).append(view)
    return tuple(ActivityBudgetView(views[key], tuple(rows)) for key, rows in grouped.items())


def _indicators(
    b: _Builder,
    roadmap: Roadmap,
    progress: RoadmapProgress,
    activities: tuple[ActivityView, ...],
) -> tuple[IndicatorView, ...]:
    subjects = {a.id: b.text(a.title) for a in roadmap.axes} | {a.id: a.title for a in activities}
    figures = {i.id: i for i in progress.indicators}
    models = {i.id: i for i in roadmap.indicators}
    return tuple(b.indicator(models[i.id], figures[i.id], subjects) for i in progress.indicators)


def _due(items: tuple[MilestoneDue, ...], views: Mapping[str, ActivityView]) -> tuple[DueView, ...]:
    return tuple(_one_due(m, views[m.activity]) for m in items)


def _one_due(due: MilestoneDue, activity: ActivityView) -> DueView:
    """The milestone's own localised title, found by id, else by date and resolved title."""
    match = next(
        (
            m
            for m in activity.milestones
            if (due.id is not None and m.id == due.id)
            or (due.id is None and m.due == due.due and m.title.text == due.title)
        ),
        None,
    )
    title = match.title if match else UserText(due.title)
    return DueView(activity, title, due.due, due.days, due)


def _rows(rows: tuple[Any, ...], names: Mapping[str, UserText]) -> tuple[BudgetRowView, ...]:
    """Budget rows labelled with the localised name of their key (the core's label otherwise)."""
    return tuple(
        BudgetRowView(r.key, names.get(r.key) or UserText(r.label), r.figures) for r in rows
    )
