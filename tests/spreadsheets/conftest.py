"""Helpers for the spreadsheet tests: the examples' workbooks, edits as a person makes them,
and roadmaps compared by meaning."""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache
from typing import Any

from openpyxl import Workbook, load_workbook
from pydantic import BaseModel

from tests.conftest import FIXTURES, ROADMAPS
from uhc_roadmap.model import Roadmap, Text
from uhc_roadmap.spreadsheets.importing import WorkbookCheck, check_workbook
from uhc_roadmap.spreadsheets.workbook import roadmap_workbook
from uhc_roadmap.validation import ValidationOptions, check_bytes

EXAMPLES = sorted(p.name for p in ROADMAPS.glob("*.yaml"))
UNITS_AND_VALUES = FIXTURES / "spreadsheets" / "units_and_values.yaml"
"""A roadmap whose units and indicator values take every shape the format allows: numbers, and
texts per language, plain, in one language or in a language outside `languages`."""


def roadmap_of(text: str, name: str = "roadmap.yaml") -> Roadmap:
    checked = check_bytes(text.encode("utf-8"), name)
    assert checked.roadmap is not None, checked.result.diagnostics[:3]
    return checked.roadmap


@cache
def example_workbook(name: str, lang: str = "fr") -> bytes:
    return roadmap_workbook(roadmap_of((ROADMAPS / name).read_text(encoding="utf-8"), name), lang)


@cache
def fixture_workbook(lang: str = "fr") -> bytes:
    text = UNITS_AND_VALUES.read_text(encoding="utf-8")
    return roadmap_workbook(roadmap_of(text, UNITS_AND_VALUES.name), lang)


def edited(raw: bytes, change: Callable[[Workbook], Any]) -> bytes:
    """The workbook changed with openpyxl, as a person's spreadsheet would change it."""
    book = load_workbook(io.BytesIO(raw))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def imported(raw: bytes, name: str = "plan.xlsx") -> WorkbookCheck:
    return check_workbook(raw, name, ValidationOptions())


def row_of(raw: bytes, sheet: str, ident: str, when: object = None) -> int:
    """The row of the record whose column A holds ``ident`` (and column B ``when``, for a
    measurement: its date)."""
    book = load_workbook(io.BytesIO(raw), read_only=True)
    for number, row in enumerate(book[sheet].iter_rows(values_only=True), start=1):
        if row and row[0] == ident and (when is None or row[1] == when):
            return number
    raise AssertionError(f"no {ident} in {sheet}")


def column_of(raw: bytes, sheet: str, header: str) -> str:
    """The letter of the column whose row 1 holds ``header``."""
    from openpyxl.utils import get_column_letter

    book = load_workbook(io.BytesIO(raw), read_only=True)
    first = next(book[sheet].iter_rows(max_row=1, values_only=True))
    return get_column_letter(list(first).index(header) + 1)


def meaning(value: Any, default_language: str) -> Any:
    """A roadmap as comparable data: a plain text is its default language's text."""
    if isinstance(value, Text):
        return {default_language: value.values[""]} if value.plain else dict(value.values)
    if isinstance(value, BaseModel):
        return {k: meaning(getattr(value, k), default_language) for k in type(value).model_fields}
    if isinstance(value, dict):
        return {k: meaning(v, default_language) for k, v in value.items()}
    if isinstance(value, list):
        return [meaning(v, default_language) for v in value]
    return value


def same_roadmap(a: Roadmap, b: Roadmap) -> bool:
    return meaning(a, a.default_language) == meaning(b, b.default_language)
