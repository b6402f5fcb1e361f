"""The figures a progress report shows, as frozen dataclasses (see docs/figures.md).

These are the contract between the computation (``compute_progress``, ``portfolio``) and every
consumer: the ``report`` formatters, the ``render`` templates and the JSON output. Conventions:

- every share, rate and achievement is a fraction (0.65 means 65 %), never a percentage;
- every amount is in the roadmap's ``currency`` unless a field says otherwise;
- texts (titles, names) are already resolved in the report's language;
- ``None`` means "cannot be computed" (e.g. a rate over a zero budget), never zero.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Literal

from uhc_roadmap.model.types import Status

CompletionSource = Literal["status", "progress", "milestones", "finalising", "none"]
"""Where an activity's completion comes from (docs/figures.md, "Activity completion")."""

IndicatorStatus = Literal["on_track", "off_track", "no_data", "qualitative"]
Trend = Literal["improving", "worsening", "stable"]
NATIONAL = "national"
"""The region key under which activities without ``regions`` are counted."""


def ratio(part: float, whole: float) -> float | None:
    """``part / whole``, or None when the whole is zero (a rate of nothing is not 0 %).

    None too when the quotient overflows (a budget of 5e-324 spent): infinity is no rate.
    """
    if not whole:
        return None
    quotient = part / whole
    return quotient if math.isfinite(quotient) else None


@dataclass(frozen=True, slots=True)
class BudgetFigures:
    """Planned, committed and spent amounts in one currency.

    A budget line without ``committed`` or ``spent`` counts 0 for that amount.
    """

    planned: float = 0.0
    committed: float = 0.0
    spent: float = 0.0

    @property
    def commitment_rate(self) -> float | None:
        """committed / planned."""
        return ratio(self.committed, self.planned)

    @property
    def execution_rate(self) -> float | None:
        """spent / planned: the budget execution rate."""
        return ratio(self.spent, self.planned)

    def __add__(self, other: BudgetFigures) -> BudgetFigures:
        return BudgetFigures(
            self.planned + other.planned,
            self.committed + other.committed,
            self.spent + other.spent,
        )

    def scaled(self, factor: float) -> BudgetFigures:
        """A share of these figures (an activity's budget split over its regions)."""
        return BudgetFigures(self.planned * factor, self.committed * factor, self.spent * factor)


@dataclass(frozen=True, slots=True)
class BudgetRow:
    """One line of a budget breakdown.

    ``key`` is an axis id, a funder (organisation) id, a year written as digits, an ISO 3166-2
    code or ``"national"``; ``label`` is its name in the report language.
    """

    key: str
    label: str
    figures: BudgetFigures


@dataclass(frozen=True, slots=True)
class CurrencyTotal:
    """Budget lines written in a currency other than the roadmap's: totalled, never converted."""

    currency: str
    figures: BudgetFigures
    lines: int


@dataclass(frozen=True, slots=True)
class BudgetCell:
    """The amounts of one activity for one year and one funder (its lines added up), in
    ``currency`` (None: the roadmap's)."""

    activity: str
    year: int
    funder: str
    currency: str | None
    figures: BudgetFigures


@dataclass(frozen=True, slots=True)
class BudgetProgress:
    """Budget of the activities that are not cancelled, in the roadmap's currency.

    ``cancelled`` holds the roadmap-currency lines of cancelled activities, left out of every
    other figure; ``other_currencies`` the lines written in another currency, left out too.
    ``to_date`` adds up the lines of the years up to the reference date's (``through_year``):
    its execution rate is spending against what was planned so far, where ``total``'s is
    against the whole phase. ``cells`` are the lines by activity, year and funder (lines in
    another currency included, each in its own).
    """

    currency: str | None
    total: BudgetFigures
    to_date: BudgetFigures
    through_year: int
    by_axis: tuple[BudgetRow, ...]
    by_funder: tuple[BudgetRow, ...]
    by_year: tuple[BudgetRow, ...]
    by_region: tuple[BudgetRow, ...]
    cells: tuple[BudgetCell, ...]
    cancelled: BudgetFigures
    other_currencies: tuple[CurrencyTotal, ...]


@dataclass(frozen=True, slots=True)
class StatusCounts:
    """Activities by status (cancelled ones included: this is a count, not a rate)."""

    planned: int = 0
    ongoing: int = 0
    finalising: int = 0
    completed: int = 0
    cancelled: int = 0
    suspended: int = 0

    @property
    def total(self) -> int:
        return (
            self.planned
            + self.ongoing
            + self.finalising
            + self.completed
            + self.cancelled
            + self.suspended
        )

    def items(self) -> tuple[tuple[Status, int], ...]:
        """(status, count) pairs in the format's order of statuses."""
        return (
            ("planned", self.planned),
            ("ongoing", self.ongoing),
            ("finalising", self.finalising),
            ("completed", self.completed),
            ("cancelled", self.cancelled),
            ("suspended", self.suspended),
        )


@dataclass(frozen=True, slots=True)
class Completion:
    """Completion of a set of activities, cancelled ones left out.

    ``by_count`` is the plain mean of the activities' completions; ``by_budget`` the mean
    weighted by each activity's planned budget. ``activities`` is the size of the denominator
    of ``by_count``, ``weight`` that of ``by_budget``.
    """

    by_count: float | None
    by_budget: float | None
    activities: int
    weight: float


@dataclass(frozen=True, slots=True)
class ActivityProgress:
    """One activity at the reference date."""

    id: str
    axis: str
    title: str
    status: Status
    completion: float | None
    """Fraction done; None for a cancelled activity."""
    completion_source: CompletionSource
    planned_start: date
    planned_end: date
    planned_budget: float
    """Sum of ``planned`` over the activity's budget lines in the roadmap's currency."""
    milestones_done: int
    milestones_total: int
    overdue_days: int | None
    """Days since the planned end, when the activity is overdue; else None."""
    late_start_days: int | None
    """Days since the planned start, when the activity is still ``planned``; else None."""
    blocked_by: tuple[str, ...]
    """Ids of the dependencies that are not completed (empty when not blocked)."""
    by_funder: tuple[BudgetRow, ...] = ()
    """The activity's lines in the roadmap's currency by funder, in the order of organisations
    (a cancelled activity's too: this is what the activity itself records)."""

    @property
    def overdue(self) -> bool:
        return self.overdue_days is not None

    @property
    def late_start(self) -> bool:
        return self.late_start_days is not None

    @property
    def blocked(self) -> bool:
        return bool(self.blocked_by)


@dataclass(frozen=True, slots=True)
class AxisProgress:
    id: str
    title: str
    completion: Completion
    statuses: StatusCounts
    budget: BudgetFigures
    overdue: int
    blocked: int
    budget_to_date: BudgetFigures = BudgetFigures()
    """The axis's lines of the years up to the reference date's (see BudgetProgress)."""


@dataclass(frozen=True, slots=True)
class MilestoneDue:
    """A milestone not done at the reference date, due soon or already late."""

    activity: str
    activity_title: str
    id: str | None
    title: str
    due: date
    days: int
    """Days from the reference date to ``due``: negative when the milestone is late."""


@dataclass(frozen=True, slots=True)
class IndicatorProgress:
    """An indicator's baseline → latest → target and whether it is on track.

    Numbers are None for a qualitative indicator (``latest`` then holds the latest text, and
    ``unit`` and ``title`` are in the report's language too).
    ``expected`` is the value of the straight line from baseline to target at the reference
    date; ``elapsed`` the share of the baseline-to-target period gone by then.
    """

    id: str
    title: str
    axis: str | None
    activity: str | None
    measure: Literal["number", "percent", "qualitative"]
    unit: str | None
    direction: Literal["increase", "decrease"]
    key: bool
    baseline: float | None
    baseline_date: date | None
    target: float | None
    target_date: date | None
    latest: float | str | None
    latest_date: date | None
    latest_region: str | None
    """The region code of the latest value, when it was measured in one region only."""
    latest_region_name: str | None
    previous: float | None
    achievement: float | None
    expected: float | None
    elapsed: float | None
    status: IndicatorStatus
    trend: Trend | None


@dataclass(frozen=True, slots=True)
class RoadmapProgress:
    """Everything ``report --country`` shows for one roadmap at one reference date."""

    country: str
    country_name: str
    title: str
    phase: str
    phase_start: date
    phase_end: date
    as_of: date
    """The reference date the figures are computed at."""
    lang: str
    currency: str | None
    completion: Completion
    statuses: StatusCounts
    axes: tuple[AxisProgress, ...]
    activities: tuple[ActivityProgress, ...]
    milestones_upcoming: tuple[MilestoneDue, ...]
    milestones_late: tuple[MilestoneDue, ...]
    window_days: int
    """The look-ahead of ``milestones_upcoming``, in days."""
    budget: BudgetProgress
    indicators: tuple[IndicatorProgress, ...]
    funder: str | None = None
    """The funder whose part of the roadmap the figures describe (``--funder``), or None."""
    funder_name: str | None = None
    """The funder's name in the report's language."""

    @property
    def overdue(self) -> tuple[ActivityProgress, ...]:
        """Overdue activities, the longest overdue first."""
        found = (a for a in self.activities if a.overdue_days is not None)
        return tuple(sorted(found, key=lambda a: (-(a.overdue_days or 0), a.id)))

    @property
    def late_start(self) -> tuple[ActivityProgress, ...]:
        found = (a for a in self.activities if a.late_start_days is not None)
        return tuple(sorted(found, key=lambda a: (-(a.late_start_days or 0), a.id)))

    @property
    def blocked(self) -> tuple[ActivityProgress, ...]:
        return tuple(a for a in self.activities if a.blocked_by)

    @property
    def indicators_on_track(self) -> int:
        return sum(1 for i in self.indicators if i.status == "on_track")

    @property
    def indicators_assessed(self) -> int:
        """Indicators with an on/off-track verdict (numeric, with a value)."""
        return sum(1 for i in self.indicators if i.status in ("on_track", "off_track"))


@dataclass(frozen=True, slots=True)
class PortfolioRow:
    """One country's headline figures (its latest phase unless another was asked for)."""

    country: str
    name: str
    phase: str
    as_of: date
    currency: str | None
    completion: float | None
    weighted_completion: float | None
    planned: float
    spent: float
    execution: float | None
    overdue: int
    blocked: int
    on_track: int
    assessed: int


@dataclass(frozen=True, slots=True)
class Portfolio:
    rows: tuple[PortfolioRow, ...]
    sort: str
    descending: bool
