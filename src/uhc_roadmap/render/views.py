"""The template contract: every variable a document template sees, as frozen views.

Views hold the roadmap's content in the document's language, joined to the progress figures by
id; templates do no arithmetic. They are documented for template authors in
templates/README.md, and built by ``render/context.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from uhc_roadmap.progress import (
    ActivityProgress,
    AxisProgress,
    BudgetFigures,
    IndicatorProgress,
    MilestoneDue,
    RoadmapProgress,
)
from uhc_roadmap.render.text import UserText


@dataclass(frozen=True, slots=True)
class OrganisationView:
    id: str
    name: UserText
    type: str
    type_label: str
    leads: tuple[str, ...]
    partner_in: tuple[str, ...]
    funds: bool
    funded: tuple[str, ...] = ()
    """Ids of the activities it funds (a budget line names it)."""
    funding: BudgetFigures | None = None
    """Its money over the roadmap (``budget_by_funder``'s row), cancelled work left out."""


@dataclass(frozen=True, slots=True)
class MilestoneView:
    id: str | None
    title: UserText
    due: date
    done_on: date | None

    @property
    def done(self) -> bool:
        return self.done_on is not None


@dataclass(frozen=True, slots=True)
class BudgetLineView:
    year: int
    funder: OrganisationView
    planned: float
    committed: float | None
    spent: float | None
    currency: str | None


@dataclass(frozen=True, slots=True)
class FundingView:
    """What one funder puts into one activity, in the roadmap's currency."""

    funder: OrganisationView
    figures: BudgetFigures


@dataclass(frozen=True, slots=True)
class DocumentView:
    title: UserText
    url: str


@dataclass(frozen=True, slots=True)
class ActivityView:
    id: str
    axis: str
    title: UserText
    description: UserText | None
    status: str
    status_label: str
    planned_start: date
    planned_end: date
    actual_start: date | None
    actual_end: date | None
    lead: OrganisationView | None
    partners: tuple[OrganisationView, ...]
    regions: tuple[UserText, ...]
    depends_on: tuple[str, ...]
    milestones: tuple[MilestoneView, ...]
    budget: tuple[BudgetLineView, ...]
    refs: tuple[UserText, ...]
    documents: tuple[DocumentView, ...]
    figures: ActivityProgress
    funding: tuple[FundingView, ...] = ()
    """Its funders with their planned, committed and spent amounts (roadmap currency)."""
    open_end_label: str = ""
    """What stands for the actual end while there is none: "ongoing", or "suspended"."""


@dataclass(frozen=True, slots=True)
class MeasurementView:
    date: date
    value: float | UserText
    region: UserText | None
    source: UserText | None


@dataclass(frozen=True, slots=True)
class IndicatorView:
    id: str
    title: UserText
    subject: UserText
    subject_id: str
    axis: str
    measure: str
    unit: UserText | None
    direction: str
    direction_label: str
    key: bool
    values: tuple[MeasurementView, ...]
    latest_text: UserText | None
    """The latest value of a qualitative indicator (numbers are in ``figures``)."""
    status_label: str
    trend_label: str | None
    figures: IndicatorProgress
    latest_region: UserText | None = None
    """The region the latest value was measured in, when not national."""


@dataclass(frozen=True, slots=True)
class AxisView:
    id: str
    title: UserText
    objective: UserText | None
    building_block: str | None
    building_block_label: str | None
    activities: tuple[ActivityView, ...]
    indicators: tuple[IndicatorView, ...]
    figures: AxisProgress


@dataclass(frozen=True, slots=True)
class DueView:
    """A milestone due soon or late, with its activity."""

    activity: ActivityView
    title: UserText
    due: date
    days: int
    figures: MilestoneDue

    @property
    def days_late(self) -> int:
        """``days`` counted the other way, for a late milestone (0 when not late)."""
        return max(-self.days, 0)


@dataclass(frozen=True, slots=True)
class BudgetRowView:
    key: str
    label: UserText
    figures: BudgetFigures


@dataclass(frozen=True, slots=True)
class BudgetCellView:
    """An activity's lines for one year and one funder, added up; ``currency`` is None in the
    roadmap's currency."""

    year: int
    funder: OrganisationView
    currency: str | None
    figures: BudgetFigures


@dataclass(frozen=True, slots=True)
class ActivityBudgetView:
    """One activity's rows of the budget table by activity, year and funder."""

    activity: ActivityView
    cells: tuple[BudgetCellView, ...]


@dataclass(frozen=True, slots=True)
class RoadmapView:
    country: str
    country_name: str
    title: UserText
    summary: UserText | None
    programme: UserText | None
    phase: str
    phase_start: date
    phase_end: date
    currency: str | None
    languages: tuple[str, ...]
    default_language: str


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """Everything a template receives (see :meth:`variables` for the names)."""

    lang: str
    output_format: str
    as_of: date
    generator: str
    roadmap: RoadmapView
    axes: tuple[AxisView, ...]
    activities: tuple[ActivityView, ...]
    timeline: tuple[ActivityView, ...]
    organisations: tuple[OrganisationView, ...]
    indicators: tuple[IndicatorView, ...]
    overdue: tuple[ActivityView, ...]
    late_start: tuple[ActivityView, ...]
    blocked: tuple[ActivityView, ...]
    milestones_upcoming: tuple[DueView, ...]
    milestones_late: tuple[DueView, ...]
    budget_by_funder: tuple[BudgetRowView, ...]
    budget_by_year: tuple[BudgetRowView, ...]
    budget_by_axis: tuple[BudgetRowView, ...]
    budget_by_activity: tuple[ActivityBudgetView, ...]
    status_labels: Mapping[str, str]
    figures: RoadmapProgress
    funder: OrganisationView | None
    """The funder whose part of the roadmap the document shows (``--funder``), or None."""

    def variables(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}
