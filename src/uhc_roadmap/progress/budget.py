"""Budget figures: planned, committed and spent by axis, funder, year and region.

Only lines in the roadmap's currency are added up; other currencies are totalled apart and
never converted (no exchange rate is part of the format). Cancelled activities are left out
of every figure but ``cancelled``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date

from uhc_roadmap.model import Activity, BudgetLine, Roadmap
from uhc_roadmap.progress.results import (
    NATIONAL,
    BudgetCell,
    BudgetFigures,
    BudgetProgress,
    BudgetRow,
    CurrencyTotal,
)

Labeller = Callable[[str], str]
Totals = dict[str, BudgetFigures]


def figures(line: BudgetLine) -> BudgetFigures:
    """A line's amounts; a missing ``committed`` or ``spent`` counts 0."""
    return BudgetFigures(line.planned, line.committed or 0.0, line.spent or 0.0)


def in_currency(line: BudgetLine, currency: str | None) -> bool:
    return line.currency is None or line.currency == currency


def regions_of(activity: Activity, groups: Mapping[str, list[str]]) -> list[str]:
    """ISO 3166-2 codes an activity covers, groups expanded; ``national`` when none."""
    found: list[str] = []
    for region in activity.regions:
        for code in groups.get(region, [region]):
            if code not in found:
                found.append(code)
    return found or [NATIONAL]


def _add(totals: Totals, key: str, amount: BudgetFigures) -> None:
    totals[key] = totals.get(key, BudgetFigures()) + amount


def _open_lines(roadmap: Roadmap) -> Iterator[tuple[Activity, BudgetLine]]:
    """Lines in the roadmap's currency of activities that are not cancelled."""
    for activity in roadmap.activities:
        if activity.status != "cancelled":
            for line in activity.budget:
                if in_currency(line, roadmap.currency):
                    yield activity, line


def _breakdowns(roadmap: Roadmap) -> tuple[Totals, Totals, Totals, Totals]:
    by_axis: Totals = {}
    by_funder: Totals = {}
    by_year: Totals = {}
    by_region: Totals = {}
    for activity, line in _open_lines(roadmap):
        amount = figures(line)
        _add(by_axis, activity.axis, amount)
        _add(by_funder, line.funder, amount)
        _add(by_year, str(line.year), amount)
        regions = regions_of(activity, roadmap.region_groups)
        for region in regions:
            _add(by_region, region, amount.scaled(1 / len(regions)))
    return by_axis, by_funder, by_year, by_region


def _rows(totals: Totals, order: Iterable[str], label: Labeller) -> tuple[BudgetRow, ...]:
    """Rows in the roadmap's order; keys it does not declare (invalid input) come last."""
    keys = [key for key in dict.fromkeys(order) if key in totals]
    keys += sorted(set(totals) - set(keys))
    return tuple(BudgetRow(key, label(key), totals[key]) for key in keys)


def _region_order(totals: Totals) -> list[str]:
    return sorted(totals, key=lambda key: (key != NATIONAL, key))


def _cancelled(roadmap: Roadmap) -> BudgetFigures:
    total = BudgetFigures()
    for activity in roadmap.activities:
        if activity.status == "cancelled":
            for line in activity.budget:
                if in_currency(line, roadmap.currency):
                    total += figures(line)
    return total


def _other_currencies(roadmap: Roadmap) -> tuple[CurrencyTotal, ...]:
    totals: Totals = {}
    counts: dict[str, int] = defaultdict(int)
    for activity in roadmap.activities:
        for line in activity.budget:
            if activity.status != "cancelled" and not in_currency(line, roadmap.currency):
                currency = line.currency or ""
                _add(totals, currency, figures(line))
                counts[currency] += 1
    return tuple(CurrencyTotal(c, totals[c], counts[c]) for c in sorted(totals))


def total(roadmap: Roadmap, through_year: int | None = None) -> BudgetFigures:
    """The lines of open activities in the roadmap's currency; up to ``through_year`` when
    given (the budget planned so far)."""
    amount = BudgetFigures()
    for _, line in _open_lines(roadmap):
        if through_year is None or line.year <= through_year:
            amount += figures(line)
    return amount


def cells(roadmap: Roadmap) -> tuple[BudgetCell, ...]:
    """Open activities' lines by activity, year and funder, in the roadmap's order of
    activities, then by year and the order of organisations; one cell per currency."""
    order = {org.id: i for i, org in enumerate(roadmap.organisations)}
    found: dict[tuple[str, int, str, str | None], BudgetFigures] = {}
    for activity in roadmap.activities:
        if activity.status == "cancelled":
            continue
        lines = sorted(activity.budget, key=lambda b: (b.year, order.get(b.funder, len(order))))
        for line in lines:
            currency = None if in_currency(line, roadmap.currency) else line.currency
            key = (activity.id, line.year, line.funder, currency)
            found[key] = found.get(key, BudgetFigures()) + figures(line)
    return tuple(BudgetCell(*key, amount) for key, amount in found.items())


def budget_progress(
    roadmap: Roadmap,
    as_of: date,
    axis_label: Labeller,
    funder_label: Labeller,
    region_label: Labeller,
) -> BudgetProgress:
    by_axis, by_funder, by_year, by_region = _breakdowns(roadmap)
    axes = [axis.id for axis in roadmap.axes]
    funders = [org.id for org in roadmap.organisations]
    return BudgetProgress(
        currency=roadmap.currency,
        total=total(roadmap),
        to_date=total(roadmap, as_of.year),
        through_year=as_of.year,
        cells=cells(roadmap),
        by_axis=_rows(by_axis, axes, axis_label),
        by_funder=_rows(by_funder, funders, funder_label),
        by_year=_rows(by_year, sorted(by_year), str),
        by_region=_rows(by_region, _region_order(by_region), region_label),
        cancelled=_cancelled(roadmap),
        other_currencies=_other_currencies(roadmap),
    )
