"""The layout is read off the models: every field has its place, texts a column per language."""

from __future__ import annotations

from typing import Annotated

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, Field

from uhc_roadmap.model import (
    Activity,
    Axis,
    BudgetLine,
    Indicator,
    IndicatorPoint,
    Milestone,
    Organisation,
    Roadmap,
    Text,
)
from uhc_roadmap.model.roadmap import Document
from uhc_roadmap.spreadsheets import layout

SHEET_MODELS: list[tuple[str, type[BaseModel]]] = [
    ("roadmap", Roadmap),
    ("organisations", Organisation),
    ("axes", Axis),
    ("activities", Activity),
    ("milestones", Milestone),
    ("budget", BudgetLine),
    ("documents", Document),
    ("indicators", Indicator),
    ("values", IndicatorPoint),
]
NESTED = {"organisations", "axes", "activities", "indicators", "region_groups", "region_labels",
          "milestones", "budget", "documents", "values"}  # fmt: skip


@pytest.mark.parametrize(("name", "model"), SHEET_MODELS)
def test_every_field_of_a_model_has_a_column_or_a_sheet(name: str, model: type[BaseModel]) -> None:
    sheet = layout.SHEETS_BY_NAME[name]
    placed = {f.path[0] for f in sheet.fields}
    missing = [f for f in model.model_fields if f not in placed and f not in NESTED]
    assert missing == []


def test_the_sheets_are_those_of_the_format_in_order() -> None:
    assert [s.name for s in layout.SHEETS] == [
        "roadmap", "organisations", "axes", "activities", "milestones", "budget", "documents",
        "indicators", "values", "region_groups", "region_labels",
    ]  # fmt: skip


def test_row_one_holds_the_field_paths_of_the_format() -> None:
    headers = [c.header for c in layout.SHEETS_BY_NAME["activities"].columns(["fr", "en"])]
    assert headers[:9] == [
        "id", "axis", "title.fr", "title.en", "description.fr", "description.en", "status",
        "planned.start", "planned.end",
    ]  # fmt: skip
    assert {"actual.end", "depends_on", "regions", "partners", "sector", "iati_ref"} <= set(headers)
    budget = [c.header for c in layout.SHEETS_BY_NAME["budget"].columns(["fr"])]
    assert budget == ["activity", "year", "funder", "planned", "committed", "spent", "currency"]


def test_a_text_field_has_one_column_per_language() -> None:
    columns = layout.SHEETS_BY_NAME["axes"].columns(["en", "fr", "ar"])
    assert [c.header for c in columns if c.field.key == "title"] == [
        "title.en",
        "title.fr",
        "title.ar",
    ]


def test_kinds_and_choices_come_from_the_models() -> None:
    fields = {f.key: f for f in layout.SHEETS_BY_NAME["activities"].fields}
    assert fields["status"].kind == "choice"
    assert "ongoing" in fields["status"].choices
    assert fields["planned.start"].kind == "date"
    assert fields["planned.start"].required
    assert not fields["actual.end"].required
    assert fields["axis"].refers == "axes"
    assert fields["partners"].kind == "list"
    money = {f.key: f.kind for f in layout.SHEETS_BY_NAME["budget"].fields}
    assert money["planned"] == "money"
    assert money["year"] == "integer"
    indicators = {f.key: f for f in layout.SHEETS_BY_NAME["indicators"].fields}
    assert indicators["direction"].default == "increase"
    assert indicators["baseline.value"].kind == "value"


def test_a_unit_is_a_text_and_a_value_has_a_column_per_language() -> None:
    indicators = {f.key: f for f in layout.SHEETS_BY_NAME["indicators"].fields}
    assert indicators["unit"].kind == "text"
    assert {indicators[k].kind for k in ("baseline.value", "target.value")} == {"value"}
    headers = [c.header for c in layout.SHEETS_BY_NAME["indicators"].columns(["fr", "en"])]
    assert {"unit.fr", "unit.en", "baseline.value.fr", "target.value.en"} <= set(headers)
    values = [c.header for c in layout.SHEETS_BY_NAME["values"].columns(["fr", "en"])]
    assert values == ["indicator", "date", "value.fr", "value.en", "region", "source"]


def test_a_number_or_a_text_is_a_value_and_a_number_alone_a_number() -> None:
    class Measured(BaseModel):
        value: Annotated[float, Field(allow_inf_nan=False)] | Text
        count: float

    value, count = layout.fields_of(Measured)
    assert isinstance(value, layout.Field)
    assert isinstance(count, layout.Field)
    assert (value.kind, count.kind) == ("value", "number")
    assert value.translated
    assert not count.translated


def test_a_field_that_becomes_a_text_gets_language_columns() -> None:
    class Translated(BaseModel):
        unit: Text | None = None

    (found,) = layout.fields_of(Translated)
    assert isinstance(found, layout.Field)
    assert found.kind == "text"


def test_a_field_the_workbook_cannot_hold_is_refused() -> None:
    class Odd(BaseModel):
        value: complex

    with pytest.raises(layout.LayoutError, match=r"Odd\.value"):
        list(layout.fields_of(Odd))


items = st.lists(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12))


@given(items)
def test_a_list_cell_gives_back_its_items(values: list[str]) -> None:
    kept = [v for v in values if v.strip()]
    assert layout.split_list(layout.join_list(kept)) == kept


def test_a_list_cell_is_read_as_people_write_it() -> None:
    assert layout.split_list(" DPRF ,EU,, WHO ") == ["DPRF", "EU", "WHO"]
    assert layout.split_list('"Plan 2021, annex", 1.1.1') == ["Plan 2021, annex", "1.1.1"]
    assert layout.split_list('"open') is None
    assert layout.join_list(["a", "b, c"]) == 'a, "b, c"'


@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_cell_escapes_give_back_the_text(text: str) -> None:
    assert layout.unescape_text(layout.escape_text(text)) == text


def test_an_escape_is_read_as_excel_reads_it() -> None:
    assert layout.unescape_text("_x0041_BC") == "ABC"
    assert layout.escape_text("_x0041_") == "_x005F_x0041_"


def test_labels_are_translated_and_fall_back_to_words() -> None:
    column = layout.Column(layout.SHEETS_BY_NAME["activities"].fields[0])
    assert layout.column_label(column, str) == "Id"
    assert layout.english_label("planned.start") == "Planned start"
    assert layout.english_label("new_field.part") == "New field part"
