"""Reading a workbook as a person filled it: Excel habits, and every problem at its cell."""

from __future__ import annotations

from datetime import datetime, time

from openpyxl import Workbook

from tests.spreadsheets.conftest import (
    column_of,
    edited,
    example_workbook,
    fixture_workbook,
    imported,
    row_of,
)
from uhc_roadmap.spreadsheets.reader import cell_name, read_workbook

MOROCCO = "morocco.yaml"


def activity(raw: bytes, ident: str) -> dict:  # type: ignore[type-arg]
    found = imported(raw)
    assert found.data is not None, [(d.cell, d.message) for d in found.result.diagnostics]
    return next(a for a in found.data["activities"] if a["id"] == ident)


def set_cell(
    raw: bytes, sheet: str, ident: str, header: str, value: object, fmt: str = ""
) -> bytes:
    cell = f"{column_of(raw, sheet, header)}{row_of(raw, sheet, ident)}"

    def change(book: Workbook) -> None:
        book[sheet][cell] = value
        if fmt:
            book[sheet][cell].number_format = fmt

    return edited(raw, change)


def findings(raw: bytes) -> list[tuple[str, str, str]]:
    return [(d.cell, d.code, d.message) for d in imported(raw).result.diagnostics]


def test_stray_spaces_around_a_choice_or_an_id_are_trimmed() -> None:
    raw = set_cell(example_workbook(MOROCCO), "activities", "GOV-03", "status", "  completed ")
    assert activity(raw, "GOV-03")["status"] == "completed"


def test_a_text_keeps_its_spaces() -> None:
    raw = set_cell(example_workbook(MOROCCO), "activities", "GOV-03", "title.en", " Spaced ")
    assert activity(raw, "GOV-03")["title"]["en"] == " Spaced "


def test_a_date_is_a_date_cell_in_any_display_format_or_an_iso_text() -> None:
    raw = example_workbook(MOROCCO)
    as_cell = set_cell(
        raw, "activities", "GOV-03", "actual.end", datetime(2021, 10, 15), "DD/MM/YYYY"
    )
    assert activity(as_cell, "GOV-03")["actual"]["end"] == "2021-10-15"
    as_text = set_cell(raw, "activities", "GOV-03", "actual.end", " 2021-10-15 ")
    assert activity(as_text, "GOV-03")["actual"]["end"] == "2021-10-15"


def test_a_day_first_date_typed_as_text_gets_the_validators_hint_at_its_cell() -> None:
    raw = set_cell(example_workbook(MOROCCO), "activities", "GOV-03", "actual.end", "15/10/2021")
    found = imported(raw).result.diagnostics
    (finding,) = [d for d in found if d.code == "S007"]
    assert (
        finding.cell
        == f"activities!{column_of(raw, 'activities', 'actual.end')}{row_of(raw, 'activities', 'GOV-03')}"
    )
    assert "2021-10-15" in finding.hint


def test_a_number_or_a_time_where_a_date_goes_is_refused_at_its_cell() -> None:
    raw = example_workbook(MOROCCO)
    number = set_cell(raw, "activities", "GOV-03", "actual.end", 44484)
    assert [(c, code) for c, code, _ in findings(number)] == [
        (
            f"activities!{column_of(raw, 'activities', 'actual.end')}{row_of(raw, 'activities', 'GOV-03')}",
            "S007",
        )
    ]
    clock = set_cell(raw, "activities", "GOV-03", "actual.end", time(10, 30))
    assert [code for _, code, _ in findings(clock)] == ["S007"]


def test_numbers_typed_the_french_or_english_way_are_numbers() -> None:
    raw = example_workbook(MOROCCO)
    found = set_cell(raw, "activities", "GOV-03", "progress", "72,5")
    assert activity(found, "GOV-03")["progress"] == 72.5

    def amount(book: Workbook) -> None:
        book["budget"][f"{column_of(raw, 'budget', 'planned')}3"] = "12 000,50"

    data = imported(edited(raw, amount)).data
    assert data is not None
    lines = [line for a in data["activities"] for line in a.get("budget", [])]
    assert lines[0]["planned"] == 12000.5


def test_text_in_a_number_column_is_one_finding_at_its_cell() -> None:
    raw = set_cell(example_workbook(MOROCCO), "activities", "GOV-03", "progress", "beaucoup")
    ((cell, code, message),) = findings(raw)
    assert code == "S003"
    assert cell.startswith("activities!")
    assert "beaucoup" in message


def test_yes_and_no_are_read_in_french_and_english() -> None:
    raw = example_workbook(MOROCCO)
    for word, meaning in (("oui", True), ("NON", False), ("TRUE", True), ("false", False)):
        changed = set_cell(raw, "indicators", "IND-PHC-PAR", "key", word)
        data = imported(changed).data
        assert data is not None
        (indicator,) = [i for i in data["indicators"] if i["id"] == "IND-PHC-PAR"]
        assert indicator["key"] is meaning


def test_an_empty_row_is_skipped() -> None:
    def insert(book: Workbook) -> None:
        book["activities"].insert_rows(5, 2)

    raw = edited(example_workbook(MOROCCO), insert)
    before = imported(example_workbook(MOROCCO)).data
    after = imported(raw).data
    assert before is not None
    assert after is not None
    assert [a["id"] for a in after["activities"]] == [a["id"] for a in before["activities"]]


def test_an_unknown_column_is_refused_by_name_with_the_nearest() -> None:
    raw = example_workbook(MOROCCO)
    column = column_of(raw, "activities", "status")

    def rename(book: Workbook) -> None:
        book["activities"][f"{column}1"] = "statut"

    ((cell, code, message),) = findings(edited(raw, rename))
    assert (cell, code) == (f"activities!{column}1", "X003")
    assert "`statut`" in message
    assert "did you mean `status`?" in message


def test_a_sheet_name_in_other_case_is_the_sheet() -> None:
    def rename(book: Workbook) -> None:
        book["activities"].title = "tmp"  # openpyxl refuses a title equal but for case
        book["tmp"].title = "Activities"

    assert findings(edited(example_workbook(MOROCCO), rename)) == []


def test_labels_in_any_language_are_recognised() -> None:
    assert findings(example_workbook(MOROCCO, "en")) == []


def test_a_workbook_without_the_label_row_is_read_from_row_two() -> None:
    def drop(book: Workbook) -> None:
        for name in book.sheetnames[2:]:
            book[name].delete_rows(2)

    raw = edited(example_workbook(MOROCCO), drop)
    assert findings(raw) == []


def test_a_file_that_is_not_a_workbook_is_one_finding_for_the_file() -> None:
    read = read_workbook(b"id,axis\nGOV-01,GOV\n", "plan.xlsx")
    assert read.data is None
    (finding,) = read.findings
    assert finding.code == "X001"
    assert "CSV" in finding.message


def test_cell_names_are_written_as_excel_writes_them() -> None:
    assert cell_name("activities", 12, 6) == "activities!F12"
    assert cell_name("Budget 2022", 1, 1) == "'Budget 2022'!A1"
    assert cell_name("budget") == "budget"


# -- an indicator value: a number in the first language's column, or a text per language -----

DENS_2018 = ("values", "IND-DENS", datetime(2018, 12, 31))
STRAT_2020 = ("values", "IND-STRAT", datetime(2020, 11, 30))


def set_values(raw: bytes, where: tuple[str, str, datetime], values: dict[str, object]) -> bytes:
    sheet, ident, when = where
    row = row_of(raw, sheet, ident, when)
    cells = {f"{column_of(raw, sheet, header)}{row}": value for header, value in values.items()}

    def change(book: Workbook) -> None:
        for cell, value in cells.items():
            book[sheet][cell] = value

    return edited(raw, change)


def value_of(raw: bytes, where: tuple[str, str, datetime]) -> object:
    data = imported(raw).data
    assert data is not None
    (indicator,) = [i for i in data["indicators"] if i["id"] == where[1]]
    (point,) = [p for p in indicator["values"] if p["date"] == where[2].date().isoformat()]
    return point["value"]


def value_findings(raw: bytes) -> list[tuple[str, str, str, str]]:
    return [
        (d.cell, d.code, d.message, d.hint)
        for d in imported(raw).result.diagnostics
        if d.code != "Q001"  # the fixture's own warnings
    ]


def cell_of(raw: bytes, where: tuple[str, str, datetime], header: str) -> str:
    sheet, ident, when = where
    return f"{sheet}!{column_of(raw, sheet, header)}{row_of(raw, sheet, ident, when)}"


def test_a_number_in_another_languages_column_is_named_and_the_hint_works() -> None:
    raw = fixture_workbook()
    moved = set_values(raw, DENS_2018, {"value.fr": None, "value.en": 15.9})
    ((cell, code, message, hint),) = value_findings(moved)
    assert (cell, code) == (cell_of(raw, DENS_2018, "value.en"), "S003")
    assert "`value.en` holds the number 15.9" in message
    assert hint == "move the number to `value.fr`"
    followed = set_values(moved, DENS_2018, {"value.fr": 15.9, "value.en": None})
    assert value_findings(followed) == []
    assert value_of(followed, DENS_2018) == 15.9


def test_a_number_repeated_or_different_in_another_language_is_named() -> None:
    raw = fixture_workbook()
    repeated = set_values(raw, DENS_2018, {"value.en": 15.9})
    ((cell, code, message, hint),) = value_findings(repeated)
    assert (cell, code, hint) == (cell_of(raw, DENS_2018, "value.en"), "S003", "clear this cell")
    assert "repeats the number of `value.fr`" in message
    different = set_values(raw, DENS_2018, {"value.en": 16})
    ((_, _, message, hint),) = value_findings(different)
    assert "`value.en` holds the number 16 and `value.fr` the number 15.9" in message
    assert hint == "keep the right number in `value.fr` and clear this cell"
    assert value_findings(set_values(different, DENS_2018, {"value.en": None})) == []


def test_a_number_beside_a_text_is_named_and_either_way_out_works() -> None:
    raw = fixture_workbook()
    mixed = set_values(raw, STRAT_2020, {"value.fr": 12})
    ((cell, code, message, hint),) = value_findings(mixed)
    assert (cell, code) == (cell_of(raw, STRAT_2020, "value.fr"), "S003")
    assert "while `value.en` holds a text; a value is a number or a text, not both" in message
    assert hint == (
        "for a number, clear `value.en`; for a text (a qualitative value), type this cell as "
        "text ('12)"
    )
    as_text = set_values(mixed, STRAT_2020, {"value.fr": "12"})  # what '12 types in Excel
    assert value_findings(as_text) == []
    assert value_of(as_text, STRAT_2020) == {"fr": "12", "en": "Draft submitted to the ministry"}
    as_number = set_values(mixed, STRAT_2020, {"value.en": None})
    assert value_of(as_number, STRAT_2020) == 12
    # A number on a qualitative indicator is then the model's warning, not a lost value.
    assert [code for _, code, _, _ in value_findings(as_number)] == ["I003"]
    elsewhere = set_values(raw, STRAT_2020, {"value.en": 12})
    ((_, _, _, hint),) = value_findings(elsewhere)
    assert hint.endswith("for a number, write it in `value.fr` alone")


def test_a_value_typed_as_text_on_a_number_indicator_is_the_number() -> None:
    raw = set_values(fixture_workbook(), DENS_2018, {"value.fr": "15,9"})
    assert value_findings(raw) == []
    assert value_of(raw, DENS_2018) == 15.9
