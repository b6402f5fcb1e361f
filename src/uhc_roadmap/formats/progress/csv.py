"""CSV: one table per ``--section``, stable English headers, raw values.

Values are not localised so that programs and spreadsheets read them as numbers and dates:
shares are fractions (format the column as a percentage), amounts plain numbers, dates ISO
8601. The default is RFC 4180 for machines; ``--excel`` writes what Excel opens as it is in
the report's language (a BOM, and ``;`` with decimal commas in French). The tables are built
once here (each section's columns declared as (header, reader) pairs) and the xlsx report
writes the same tables.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from uhc_roadmap.formats.progress import json as j
from uhc_roadmap.formats.progress.base import ProgressFormat, SectionError
from uhc_roadmap.progress import (
    ActivityProgress,
    AxisProgress,
    BudgetFigures,
    BudgetRow,
    IndicatorProgress,
    MilestoneDue,
    Portfolio,
    RoadmapProgress,
)
from uhc_roadmap.progress.results import PortfolioRow

Row = dict[str, Any]
T = TypeVar("T")
Columns = tuple[tuple[str, Callable[[T], Any]], ...]
"""A table's columns, each a header and how to read its cell from one item: the header list
and the row builder are one list, so they cannot drift apart."""
FIGURES = ("planned", "committed", "spent", "commitment_rate", "execution_rate")


Table = tuple[list[str], list[Row]]
"""A section as data: its headers and its rows (the xlsx report writes the same tables)."""


@dataclass(frozen=True)
class Dialect:
    """How a CSV is written: RFC 4180 for machines (``,`` and ``.``), or for a spreadsheet
    application (``--excel``): a BOM so that Excel reads UTF-8, and in a language that writes
    decimal commas (French), ``;`` between fields and ``,`` in numbers."""

    delimiter: str = ","
    decimal: str = "."
    bom: bool = False
    newline: str = "\n"

    @classmethod
    def for_excel(cls, lang: str) -> Dialect:
        from babel.numbers import get_decimal_symbol

        from uhc_roadmap.i18n.languages import language

        decimal = get_decimal_symbol(language(lang).locale)
        return cls(";" if decimal == "," else ",", decimal, bom=True, newline="\r\n")

    def cell(self, value: Any) -> Any:
        if value is None:
            return ""
        if self.decimal != "." and isinstance(value, float):
            return repr(value).replace(".", self.decimal)
        return value


def _text(table: Table, dialect: Dialect | None = None) -> str:
    dialect = dialect or Dialect()
    header, rows = table
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, header, lineterminator=dialect.newline, restval="", delimiter=dialect.delimiter
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({k: dialect.cell(v) for k, v in row.items()})
    return ("\ufeff" if dialect.bom else "") + buffer.getvalue()


def _columns(columns: Columns[T], items: Iterable[T]) -> Table:
    rows = [{name: read(item) for name, read in columns} for item in items]
    return [name for name, _ in columns], rows


def _figures(f: BudgetFigures) -> Row:
    found = j.figures(f)
    return {name: found[name] for name in FIGURES}


def _figure(name: str) -> Callable[[AxisProgress], Any]:
    return lambda a: j.figures(a.budget)[name]


AXES: Columns[AxisProgress] = (
    ("axis", lambda a: a.id),
    ("title", lambda a: a.title),
    ("activities", lambda a: a.statuses.total),
    ("completion", lambda a: j.share(a.completion.by_count)),
    ("weighted_completion", lambda a: j.share(a.completion.by_budget)),
    ("overdue", lambda a: a.overdue),
    ("blocked", lambda a: a.blocked),
    *((name, _figure(name)) for name in FIGURES),
)
ACTIVITIES: Columns[ActivityProgress] = (
    ("activity", lambda a: a.id),
    ("axis", lambda a: a.axis),
    ("title", lambda a: a.title),
    ("status", lambda a: a.status),
    ("completion", lambda a: j.share(a.completion)),
    ("completion_source", lambda a: a.completion_source),
    ("planned_start", lambda a: j.day(a.planned_start)),
    ("planned_end", lambda a: j.day(a.planned_end)),
    ("planned_budget", lambda a: j.amount(a.planned_budget)),
    ("milestones_done", lambda a: a.milestones_done),
    ("milestones_total", lambda a: a.milestones_total),
    ("overdue_days", lambda a: a.overdue_days),
    ("late_start_days", lambda a: a.late_start_days),
    ("blocked_by", lambda a: " ".join(a.blocked_by)),
)
MILESTONES: Columns[tuple[str, MilestoneDue]] = (
    ("kind", lambda km: km[0]),
    ("due", lambda km: j.day(km[1].due)),
    ("days", lambda km: km[1].days),
    ("activity", lambda km: km[1].activity),
    ("milestone", lambda km: km[1].id),
    ("title", lambda km: km[1].title),
    ("activity_title", lambda km: km[1].activity_title),
)
INDICATORS: Columns[IndicatorProgress] = (
    ("indicator", lambda i: i.id),
    ("title", lambda i: i.title),
    ("key", lambda i: i.key),
    ("measure", lambda i: i.measure),
    ("unit", lambda i: i.unit),
    ("direction", lambda i: i.direction),
    ("baseline", lambda i: j.value(i.baseline)),
    ("baseline_date", lambda i: j.day(i.baseline_date)),
    ("latest", lambda i: j.value(i.latest)),
    ("latest_date", lambda i: j.day(i.latest_date)),
    ("target", lambda i: j.value(i.target)),
    ("target_date", lambda i: j.day(i.target_date)),
    ("achievement", lambda i: j.share(i.achievement)),
    ("expected", lambda i: j.value(i.expected)),
    ("status", lambda i: i.status),
    ("trend", lambda i: i.trend),
)
BUDGET: tuple[str, ...] = ("dimension", "key", "label", "currency", *FIGURES)


def activities(p: RoadmapProgress) -> Table:
    return _columns(ACTIVITIES, p.activities)


def axes(p: RoadmapProgress) -> Table:
    return _columns(AXES, p.axes)


def milestones(p: RoadmapProgress) -> Table:
    found = [("upcoming", m) for m in p.milestones_upcoming]
    found += [("late", m) for m in p.milestones_late]
    return _columns(MILESTONES, found)


def indicators(p: RoadmapProgress) -> Table:
    return _columns(INDICATORS, p.indicators)


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


def budget(p: RoadmapProgress) -> Table:
    return list(BUDGET), list(_budget_rows(p))


SECTIONS: dict[str, Callable[[RoadmapProgress], Table]] = {
    "activities": activities,
    "axes": axes,
    "budget": budget,
    "indicators": indicators,
    "milestones": milestones,
}
"""Every section of a country's report, as a table; the first is the default."""


def portfolio_table(portfolio: Portfolio) -> Table:
    return [f.name for f in fields(PortfolioRow)], [j.portfolio_row(r) for r in portfolio.rows]


class CsvFormat(ProgressFormat):
    name = "csv"
    sections = tuple(SECTIONS)

    def _dialect(self) -> Dialect:
        return Dialect.for_excel(self.options.lang) if self.options.excel else Dialect()

    def report(self, progress: RoadmapProgress) -> str:
        section = self.options.section or self.sections[0]
        if section not in SECTIONS:
            choices = ", ".join(SECTIONS)
            raise SectionError(f"unknown section `{section}`; choose one of: {choices}")
        return _text(SECTIONS[section](progress), self._dialect())

    def portfolio(self, portfolio: Portfolio) -> str:
        if self.options.section not in (None, "portfolio"):
            raise SectionError("the portfolio is a single table; --section needs --country")
        return _text(portfolio_table(portfolio), self._dialect())
