"""export then import gives the same roadmap; edits come back as exactly those edits."""

from __future__ import annotations

import io
import re
from datetime import datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from openpyxl import Workbook, load_workbook

from tests.conftest import ROADMAPS
from tests.hardening.strategies import dump, roadmap_data
from tests.spreadsheets.conftest import (
    EXAMPLES,
    UNITS_AND_VALUES,
    column_of,
    edited,
    example_workbook,
    fixture_workbook,
    imported,
    roadmap_of,
    row_of,
    same_roadmap,
)
from uhc_roadmap.editing import Document
from uhc_roadmap.formats.export.base import Refused
from uhc_roadmap.spreadsheets.importing import apply_to, yaml_text
from uhc_roadmap.spreadsheets.workbook import roadmap_workbook, template_workbook
from uhc_roadmap.validation import ValidationOptions, check_bytes


@pytest.mark.parametrize("name", EXAMPLES)
def test_an_example_comes_back_the_same(name: str) -> None:
    original = roadmap_of((ROADMAPS / name).read_text(encoding="utf-8"), name)
    found = imported(example_workbook(name))
    assert found.result.diagnostics == []
    assert found.roadmap is not None
    assert same_roadmap(found.roadmap, original)
    assert found.data is not None
    text = yaml_text(found.data, found.languages, name)
    assert same_roadmap(roadmap_of(text), original)


@pytest.mark.parametrize("name", EXAMPLES)
def test_an_example_applied_to_itself_changes_nothing(name: str) -> None:
    raw = (ROADMAPS / name).read_bytes()
    found = imported(example_workbook(name))
    assert found.data is not None
    applied = apply_to(Document.parse(raw, name), found.data, ValidationOptions())
    assert not applied.edited.changed
    assert applied.changes == 0


def test_units_and_values_in_every_shape_come_back_the_same() -> None:
    checked = check_bytes(UNITS_AND_VALUES.read_bytes(), UNITS_AND_VALUES.name)
    assert checked.roadmap is not None
    found = imported(fixture_workbook())
    assert found.roadmap is not None
    assert same_roadmap(found.roadmap, checked.roadmap)
    # The same findings (the fixture's Q001 warnings), each now at its cell.
    expected = [(d.code, d.message) for d in checked.result.diagnostics]
    assert [(d.code, d.message) for d in found.result.diagnostics] == expected
    assert [d.cell for d in found.result.diagnostics] == ["indicators!G5", "values!C5", "values!C7"]
    assert found.data is not None
    text = yaml_text(found.data, found.languages, UNITS_AND_VALUES.name)
    assert same_roadmap(roadmap_of(text), checked.roadmap)


def test_units_and_values_applied_to_their_file_change_nothing() -> None:
    found = imported(fixture_workbook())
    assert found.data is not None
    doc = Document.parse(UNITS_AND_VALUES.read_bytes(), UNITS_AND_VALUES.name)
    applied = apply_to(doc, found.data, ValidationOptions())
    assert not applied.edited.changed
    assert applied.changes == 0


def changed_lines(raw: bytes) -> list[str]:
    """The lines of the fixture that importing ``raw`` into it changes, spaces collapsed."""
    doc = Document.parse(UNITS_AND_VALUES.read_bytes(), UNITS_AND_VALUES.name)
    found = imported(raw)
    assert found.data is not None, [(d.cell, d.message) for d in found.result.diagnostics]
    applied = apply_to(doc, found.data, ValidationOptions())
    before, after = doc.text.splitlines(), applied.edited.text.splitlines()
    assert len(before) == len(after)
    return [re.sub(r"\s+", " ", b.strip()) for a, b in zip(before, after, strict=True) if a != b]


def set_value(
    raw: bytes, sheet: str, ident: str, when: object, header: str, value: object
) -> bytes:
    cell = f"{column_of(raw, sheet, header)}{row_of(raw, sheet, ident, when)}"

    def change(book: Workbook) -> None:
        book[sheet][cell] = value

    return edited(raw, change)


def test_a_value_or_a_unit_edited_in_one_language_changes_that_text_alone() -> None:
    raw = fixture_workbook()
    english = set_value(
        raw, "values", "IND-STRAT", datetime(2020, 11, 30), "value.en", "Draft under review"
    )
    assert changed_lines(english) == [
        '- {date: 2020-11-30, value: {fr: "Projet soumis au ministère", en: "Draft under review"}}'
    ]
    translated = set_value(
        raw, "values", "IND-STRAT", datetime(2019, 6, 30), "value.en", "Concept note"
    )
    assert changed_lines(translated) == [
        "- {date: 2019-06-30, value: {fr: Note conceptuelle, en: Concept note}}"
    ]
    unit = set_value(raw, "indicators", "IND-SITES", None, "unit.fr", "sites")
    assert changed_lines(unit) == ['unit: {fr: sites, en: "sites"}']
    number = set_value(raw, "indicators", "IND-DENS", None, "target.value.fr", 25)
    assert changed_lines(number) == ["target: {value: 25, date: 2021-12-31}"]


def with_extras(data: dict[str, Any]) -> dict[str, Any]:
    """Fields the shared strategy leaves out, so that every column is exercised."""
    data["summary"] = {data["languages"][0]: "Résumé, avec « guillemets »\net deux lignes"}
    data["programme"] = "UHC Partnership"
    for index, activity in enumerate(data["activities"]):
        activity["refs"] = ["1.1.1", "Plan 2021, annex", ' "quoted" ']
        activity["documents"] = [{"title": f"Doc {index}", "url": f"https://example.org/{index}"}]
        activity["sector"] = 12220
    data["region_labels"] = {"XX-01": {data["languages"][0]: "Région ; un"}}
    languages = data["languages"]
    for indicator in data.get("indicators", []):
        indicator["unit"] = {lang: f"unité {index}" for index, lang in enumerate(languages)}
        if indicator["measure"] == "qualitative":
            indicator["values"].append(
                {"date": data["phase"]["start"], "value": {languages[-1]: "12, en cours"}}
            )
    return data


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(roadmap_data())
def test_a_generated_roadmap_comes_back_the_same(data: dict[str, Any]) -> None:
    text = dump(with_extras(data))
    checked = check_bytes(text.encode("utf-8"), "generated.yaml")
    assume(checked.roadmap is not None)
    assert checked.roadmap is not None
    try:
        raw = roadmap_workbook(checked.roadmap, "fr")
    except Refused:
        assume(False)  # a character no workbook holds: refused at export, with its place
        return
    found = imported(raw)
    errors = [d for d in checked.result.diagnostics if d.severity.value == "error"]
    again = [d for d in found.result.diagnostics if d.severity.value == "error"]
    assert [d.code for d in again] == [d.code for d in errors]
    assert found.roadmap is not None, [(d.cell, d.message) for d in found.result.diagnostics]
    assert same_roadmap(found.roadmap, checked.roadmap)


def quarterly_update(raw: bytes, ident: str) -> bytes:
    """What the issue asks of a person: a status cell changed, a real date typed in
    actual.end with a DD/MM/YYYY display."""
    row = row_of(raw, "activities", ident)
    status = f"{column_of(raw, 'activities', 'status')}{row}"
    end = f"{column_of(raw, 'activities', 'actual.end')}{row}"

    def change(book: Workbook) -> None:
        sheet = book["activities"]
        sheet[status] = "completed"
        sheet[end] = datetime(2021, 9, 20)
        sheet[end].number_format = "DD/MM/YYYY"

    return edited(raw, change)


def test_a_quarterly_update_comes_back_as_exactly_that_change() -> None:
    name = "morocco.yaml"
    original = (ROADMAPS / name).read_bytes()
    found = imported(quarterly_update(example_workbook(name), "GOV-03"))
    assert found.data is not None
    doc = Document.parse(original, name)
    applied = apply_to(doc, found.data, ValidationOptions())
    before, after = doc.text.splitlines(), applied.edited.text.splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(before) == len(after)
    assert [re.sub(r"\s+", " ", b.strip()) for _, b in changed] == [
        "status: completed # overdue: planned end has passed",
        "actual: {start: 2019-03-01, end: 2021-09-20} # illustrative",
    ]
    comments = [line for line in before if line.lstrip().startswith("#")]
    assert all(line in after for line in comments)
    assert applied.changes == 2


def test_a_bad_status_is_named_by_its_cell() -> None:
    raw = example_workbook("morocco.yaml")
    cell = f"{column_of(raw, 'activities', 'status')}{row_of(raw, 'activities', 'GOV-03')}"

    def change(book: Workbook) -> None:
        book["activities"][cell] = "en cours"

    found = imported(edited(raw, change))
    (finding,) = found.result.diagnostics
    assert (finding.cell, finding.code, finding.severity.value) == (
        f"activities!{cell}",
        "S004",
        "error",
    )
    assert finding.where == f"plan.xlsx:activities!{cell}"


def test_rule_findings_are_named_by_their_cell() -> None:
    raw = example_workbook("morocco.yaml")
    row = row_of(raw, "activities", "GOV-03")
    axis = f"{column_of(raw, 'activities', 'axis')}{row}"

    def change(book: Workbook) -> None:
        book["activities"][axis] = "NOPE"

    (finding,) = imported(edited(raw, change)).result.diagnostics
    assert (finding.cell, finding.code) == (f"activities!{axis}", "R002")


def test_a_filled_template_imports_as_a_valid_roadmap() -> None:
    raw = template_workbook(("fr",), "fr")

    def fill(book: Workbook) -> None:
        roadmap = book["roadmap"]
        values = {
            "country": "MA", "title.fr": "Feuille de route", "phase.id": "P1",
            "phase.start": datetime(2024, 1, 1), "phase.end": datetime(2026, 12, 31),
            "currency": "MAD",
        }  # fmt: skip
        for row in roadmap.iter_rows(min_row=2):
            if row[0].value in values:
                row[1].value = values[row[0].value]
        book["organisations"].append(["MS", "Ministère de la Santé", "government"])
        book["axes"].append(["GOV", "Gouvernance"])
        activities = book["activities"]
        headers = [c.value for c in activities[1]]
        record = {"id": "GOV-01", "axis": "GOV", "title.fr": "Appui", "status": "planned",
                  "planned.start": datetime(2024, 3, 1), "planned.end": "2024-12-31"}  # fmt: skip
        activities.append([record.get(h) for h in headers])
        book["budget"].append(["GOV-01", 2024, "MS", "150 000"])

    found = imported(edited(raw, fill))
    assert [d for d in found.result.diagnostics if d.severity.value == "error"] == []
    assert found.roadmap is not None
    assert found.roadmap.activities[0].budget[0].planned == 150000


def test_a_hidden_sheet_still_imports_with_a_warning() -> None:
    def hide(book: Workbook) -> None:
        book["documents"].sheet_state = "hidden"

    found = imported(edited(example_workbook("morocco.yaml"), hide))
    assert [(d.cell, d.code) for d in found.result.diagnostics] == [("documents", "X007")]
    assert found.roadmap is not None


def test_workbook_bytes_open_in_openpyxl() -> None:
    book = load_workbook(io.BytesIO(example_workbook("algeria.yaml")), read_only=True)
    assert "region_groups" in book.sheetnames
