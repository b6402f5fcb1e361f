"""The portfolio: one row of headline figures per country, sortable by any column."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from uhc_roadmap.countries import normalise
from uhc_roadmap.errors import UsageError
from uhc_roadmap.progress.results import Portfolio, PortfolioRow, RoadmapProgress

SortKey = str | float | int | date | None

PORTFOLIO_COLUMNS: dict[str, Callable[[PortfolioRow], SortKey]] = {
    "country": lambda r: r.country,
    "name": lambda r: normalise(r.name),
    "phase": lambda r: r.phase,
    "as_of": lambda r: r.as_of,
    "completion": lambda r: r.completion,
    "weighted_completion": lambda r: r.weighted_completion,
    "planned": lambda r: r.planned,
    "spent": lambda r: r.spent,
    "execution": lambda r: r.execution,
    "overdue": lambda r: r.overdue,
    "blocked": lambda r: r.blocked,
    "on_track": lambda r: r.on_track,
}
"""Column name -> sort key. Amounts compare as numbers whatever their currency."""


class SortError(UsageError, ValueError):
    """``--sort`` names no column."""


def parse_sort(spec: str, reverse: bool = False) -> tuple[str, bool]:
    """``-completion`` -> ("completion", True); ``reverse`` flips the direction again."""
    descending = spec.startswith("-")
    column = spec.lstrip("-+").strip().replace("-", "_").lower()
    if column not in PORTFOLIO_COLUMNS:
        raise SortError(f"cannot sort by `{spec}`; columns: {', '.join(PORTFOLIO_COLUMNS)}")
    return column, descending != reverse


def portfolio_row(progress: RoadmapProgress) -> PortfolioRow:
    budget = progress.budget.total
    return PortfolioRow(
        country=progress.country,
        name=progress.country_name,
        phase=progress.phase,
        as_of=progress.as_of,
        currency=progress.currency,
        completion=progress.completion.by_count,
        weighted_completion=progress.completion.by_budget,
        planned=budget.planned,
        spent=budget.spent,
        execution=budget.execution_rate,
        overdue=len(progress.overdue),
        blocked=len(progress.blocked),
        on_track=progress.indicators_on_track,
        assessed=progress.indicators_assessed,
    )


def _sorted(rows: list[PortfolioRow], column: str, descending: bool) -> list[PortfolioRow]:
    """Sorted by ``column``, ties by country code; missing values last in both directions."""
    key = PORTFOLIO_COLUMNS[column]
    rows = sorted(rows, key=lambda r: r.country)
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    present.sort(key=lambda r: key(r), reverse=descending)  # type: ignore[arg-type,return-value]
    return present + missing


def portfolio(
    reports: Iterable[RoadmapProgress], sort: str = "country", descending: bool = False
) -> Portfolio:
    """One row per report, sorted by a column of ``PORTFOLIO_COLUMNS``."""
    return portfolio_of_rows([portfolio_row(r) for r in reports], sort, descending)


def portfolio_of_rows(
    rows: Iterable[PortfolioRow], sort: str = "country", descending: bool = False
) -> Portfolio:
    """The same from rows already computed (the report's cache keeps rows, not roadmaps)."""
    if sort not in PORTFOLIO_COLUMNS:
        raise SortError(f"cannot sort by `{sort}`; columns: {', '.join(PORTFOLIO_COLUMNS)}")
    return Portfolio(tuple(_sorted(list(rows), sort, descending)), sort, descending)
