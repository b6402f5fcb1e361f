"""The exported workbook: its sheets, headers, labels, cell types, lists and refusals."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from tests.hardening.conftest import minimal_with
from tests.spreadsheets.conftest import (
    column_of,
    example_workbook,
    fixture_workbook,
    imported,
    roadmap_of,
    row_of,
    same_roadmap,
)
from uhc_roadmap.errors import InvalidRoadmaps
from uhc_roadmap.formats.export.base import ExportOptions
from uhc_roadmap.formats.export.xlsx import XlsxFormat
from uhc_roadmap.selection import Chosen
from uhc_roadmap.spreadsheets import layout
from uhc_roadmap.spreadsheets.workbook import roadmap_workbook, template_workbook
from uhc_roadmap.validation import check_bytes


def book(raw: bytes):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(raw))


def test_the_readme_comes_first_then_one_sheet_per_table() -> None:
    found = book(example_workbook("morocco.yaml"))
    assert found.sheetnames == ["README", *(s.name for s in layout.SHEETS)]
    readme = [c.value for c in found["README"]["A"] if c.value]
    assert any("uhc-roadmap import plan.xlsx --into" in line for line in readme)


def test_row_one_holds_field_paths_and_row_two_labels_in_the_roadmaps_language() -> None:
    activities = book(example_workbook("morocco.yaml"))["activities"]
    assert [c.value for c in activities[1]][:3] == ["id", "axis", "title.fr"]
    labels = [c.value for c in activities[2]]
    assert "Statut" in labels
    assert "Titre (fr)" in labels
    assert activities.freeze_panes == "B3"
    assert activities.auto_filter.ref.startswith("A2:")
    english = book(example_workbook("morocco.yaml", "en"))["activities"]
    assert "Status" in [c.value for c in english[2]]


def test_dates_are_date_cells_and_amounts_numbers_in_their_currency() -> None:
    raw = example_workbook("morocco.yaml")
    found = book(raw)
    activities = found["activities"]
    row = row_of(raw, "activities", "GOV-03")
    start = activities[f"{column_of(raw, 'activities', 'planned.start')}{row}"]
    assert isinstance(start.value, datetime)
    assert start.number_format == "yyyy-mm-dd"
    budget = found["budget"]
    planned = budget[f"{column_of(raw, 'budget', 'planned')}3"]
    assert isinstance(planned.value, int | float)
    assert '"USD"' in planned.number_format


def test_lists_are_comma_separated_text() -> None:
    raw = example_workbook("morocco.yaml")
    activities = book(raw)["activities"]
    cells = [c.value for c in activities[column_of(raw, "activities", "partners")] if c.value]
    assert any(", " in str(v) for v in cells[2:])


def test_drop_down_lists_for_choices_and_ids_of_other_sheets() -> None:
    raw = example_workbook("morocco.yaml")
    rules = book(raw)["activities"].data_validations.dataValidation
    formulas = {str(r.sqref).split(":")[0]: r.formula1 for r in rules}
    status = column_of(raw, "activities", "status")
    axis = column_of(raw, "activities", "axis")
    assert "ongoing" in formulas[f"{status}3"]
    assert formulas[f"{axis}3"].startswith("axes!$A$3")


def test_units_are_texts_and_values_numbers_in_the_first_language_or_texts_per_language() -> None:
    raw = fixture_workbook()
    found = book(raw)

    def cells(sheet: str, ident: str, when: object, *headers: str) -> list[object]:
        row = row_of(raw, sheet, ident, when)
        return [found[sheet][f"{column_of(raw, sheet, h)}{row}"].value for h in headers]

    unit = ("unit.fr", "unit.en")
    assert cells("indicators", "IND-DENS", None, *unit) == [
        "pour 10 000 habitants",
        "per 10,000 population",
    ]
    assert cells("indicators", "IND-VAC", None, *unit) == ["%", None]
    assert cells("indicators", "IND-SITES", None, *unit) == [None, "sites"]
    target = cells("indicators", "IND-SITES", None, "target.value.fr", "target.value.en")
    assert target == [12, None]  # a number cell, in the first language's column
    value = ("value.fr", "value.en", "value.ar")
    assert cells("values", "IND-DENS", datetime(2018, 12, 31), *value) == [15.9, None, None]
    assert cells("values", "IND-STRAT", datetime(2020, 11, 30), *value) == [
        "Projet soumis au ministère",
        "Draft submitted to the ministry",
        None,
    ]
    assert cells("values", "IND-STRAT", datetime(2021, 3, 31), *value) == [
        None,
        "Consultation, round 2",
        None,
    ]
    assert cells("values", "IND-STRAT", datetime(2021, 6, 30), *value)[2] == "مصادق عليها"
    row = row_of(raw, "values", "IND-STRAT", datetime(2021, 9, 30))
    twelve = found["values"][f"{column_of(raw, 'values', 'value.fr')}{row}"]
    assert (twelve.value, twelve.data_type) == ("12", "s")  # a text that looks like a number


def test_a_text_with_a_formula_or_an_error_look_stays_text() -> None:
    raw = roadmap_workbook(
        roadmap_of(minimal_with("title: Feuille de route", 'title: "=1+1"')), "fr"
    )
    cell = next(c for c in book(raw)["roadmap"]["B"] if c.value == "=1+1")
    assert cell.data_type == "s"


def test_a_date_before_1900_is_iso_text_and_comes_back() -> None:
    text = minimal_with("phase: {id: P3, start: 2021-01-01", "phase: {id: P3, start: 1899-01-01")
    raw = roadmap_workbook(roadmap_of(text), "fr")
    cell = next(c for c in book(raw)["roadmap"]["B"] if c.value == "1899-01-01")
    assert cell.data_type == "s"
    assert same_roadmap(imported(raw).roadmap, roadmap_of(text))  # type: ignore[arg-type]


def test_a_value_no_workbook_can_hold_is_refused_at_its_line() -> None:
    text = minimal_with("title: Feuille de route", 'title: "Feuille\\uFFFE de route"')
    checked = check_bytes(text.encode("utf-8"), "roadmap.yaml")
    assert checked.roadmap is not None
    chosen = Chosen("roadmap.yaml", checked.roadmap, checked)
    exporter = XlsxFormat.from_options(ExportOptions(None, datetime(2024, 1, 1)))  # type: ignore[arg-type]
    with pytest.raises(InvalidRoadmaps) as raised:
        exporter.render(chosen)
    (result,) = raised.value.results
    (finding,) = result.diagnostics
    assert finding.code == "XLSX"
    assert text.splitlines()[finding.line - 1].startswith("title:")


def test_a_template_has_every_sheet_and_the_roadmap_fields_to_fill() -> None:
    found = book(template_workbook(("fr", "en"), "fr"))
    assert found.sheetnames[1:] == [s.name for s in layout.SHEETS]
    fields = {row[0].value: row[1].value for row in found["roadmap"].iter_rows(min_row=2)}
    assert fields["schema_version"] == "1"
    assert fields["languages"] == "fr, en"
    assert "title.en" in fields
    assert found["activities"].max_row == 2
