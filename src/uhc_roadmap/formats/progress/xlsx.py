"""``report --format xlsx``: the report as a workbook, one sheet per section (the csv format's
tables), or the portfolio on one sheet. Numbers are number cells, shares numbers with a
percent format, dates date cells, amounts numbers with thousands separators; headers are the
csv format's stable English names, frozen, with filters. openpyxl is an extra
(``uhc-roadmap[xlsx]``).
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from uhc_roadmap.formats.progress.base import ProgressFormat, ProgressOptions
from uhc_roadmap.formats.progress.csv import SECTIONS, Table, portfolio_table
from uhc_roadmap.progress import Portfolio, RoadmapProgress
from uhc_roadmap.spreadsheets import require_openpyxl

SHARES = frozenset(
    {"completion", "weighted_completion", "commitment_rate", "execution_rate", "achievement",
     "execution"}
)  # fmt: skip
"""Columns holding a fraction (0.25), shown as a percentage (25.0%)."""
AMOUNTS = frozenset({"planned", "committed", "spent", "planned_budget"})
DATES = frozenset(
    {"planned_start", "planned_end", "due", "baseline_date", "latest_date", "target_date", "as_of"}
)
PERCENT = "0.0%"
AMOUNT = "#,##0.00"
DATE = "yyyy-mm-dd"
MAX_WIDTH = 60


class XlsxFormat(ProgressFormat):
    name = "xlsx"

    def __init__(self, options: ProgressOptions | None = None) -> None:
        super().__init__(options)
        require_openpyxl()

    def report(self, progress: RoadmapProgress) -> bytes:
        return _workbook([(name, table(progress)) for name, table in SECTIONS.items()])

    def portfolio(self, portfolio: Portfolio) -> bytes:
        return _workbook([("portfolio", portfolio_table(portfolio))])


def _workbook(sheets: list[tuple[str, Table]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name, table in sheets:
        _sheet(book.create_sheet(name), table)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(sheet: Any, table: Table) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    headers, rows = table
    for col, header in enumerate(headers, start=1):
        sheet.cell(1, col, header).font = Font(bold=True)
    widths = [len(h) for h in headers]
    for number, row in enumerate(rows, start=2):
        for col, header in enumerate(headers, start=1):
            value = _value(header, row.get(header))
            cell = sheet.cell(number, col, value)
            cell.number_format = _format(header, value)
            if isinstance(value, str):
                cell.data_type = "s"  # a title such as `=1+1` stays text, never a formula
            if value is not None:
                size = 10 if isinstance(value, date) else len(str(value))
                widths[col - 1] = max(widths[col - 1], size)
    last = get_column_letter(max(len(headers), 1))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = min(width + 2, MAX_WIDTH)


def _value(header: str, value: Any) -> Any:
    """Dates (ISO text in the tables) as date cells."""
    if header in DATES and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def _format(header: str, value: Any) -> str:
    if header in SHARES:
        return PERCENT
    if header in AMOUNTS and isinstance(value, int | float):
        return AMOUNT
    if header in DATES:
        return DATE
    return "General"
