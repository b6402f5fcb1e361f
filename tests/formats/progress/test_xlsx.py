"""report --format xlsx: the csv tables as sheets, numbers as numbers, shares as percentages."""

from __future__ import annotations

import io
from datetime import datetime

from openpyxl import load_workbook

from uhc_roadmap.formats.progress import PROGRESS_FORMATS
from uhc_roadmap.formats.progress.base import ProgressOptions
from uhc_roadmap.formats.progress.csv import SECTIONS
from uhc_roadmap.progress import Portfolio, RoadmapProgress


def workbook(found: RoadmapProgress | Portfolio):  # type: ignore[no-untyped-def]
    raw = PROGRESS_FORMATS.get("xlsx")(ProgressOptions()).render(found)
    assert isinstance(raw, bytes)
    return load_workbook(io.BytesIO(raw))


def test_one_sheet_per_section_with_the_csv_headers(small_en: RoadmapProgress) -> None:
    book = workbook(small_en)
    assert book.sheetnames == list(SECTIONS)
    for name, table in SECTIONS.items():
        headers, rows = table(small_en)
        sheet = book[name]
        assert [c.value for c in sheet[1]] == headers
        assert sheet.max_row == len(rows) + 1
        assert sheet.freeze_panes == "A2"


def test_shares_are_numbers_with_a_percent_format(small_en: RoadmapProgress) -> None:
    sheet = workbook(small_en)["axes"]
    headers = [c.value for c in sheet[1]]
    cell = sheet.cell(2, headers.index("completion") + 1)
    assert isinstance(cell.value, float)
    assert 0 <= cell.value <= 1
    assert cell.number_format == "0.0%"
    planned = sheet.cell(2, headers.index("planned") + 1)
    assert isinstance(planned.value, int | float)
    assert planned.number_format == "#,##0.00"


def test_dates_are_date_cells(small_en: RoadmapProgress) -> None:
    sheet = workbook(small_en)["activities"]
    headers = [c.value for c in sheet[1]]
    cell = sheet.cell(2, headers.index("planned_start") + 1)
    assert isinstance(cell.value, datetime)
    assert cell.number_format == "yyyy-mm-dd"


def test_the_portfolio_is_one_sheet(small_portfolio: Portfolio) -> None:
    book = workbook(small_portfolio)
    assert book.sheetnames == ["portfolio"]
    assert book["portfolio"]["A1"].value == "country"
