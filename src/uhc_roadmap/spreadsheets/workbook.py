"""A roadmap as an xlsx workbook, in the layout of ``layout`` (and a blank one to fill).

Dates are date cells, amounts numbers with their currency's number format, lists one cell of
comma-separated values. A text has one column per language; so has an indicator's value, whose
number is a number cell in the first language's column and whose text (a qualitative value)
fills the columns of its languages. Row 1 holds the field paths, row 2 a label in the
roadmap's language; both are frozen, with filters on row 2, columns sized to their content and
drop-down lists for the fields that take one of a few words (status, measure, direction...) or
an id of another sheet (axis, lead, funder...). A ``README`` sheet comes first and says how to
edit the workbook and import it back.

A value that no workbook can hold (a character XML refuses, a text over 32,767 characters) is
refused with its document path: nothing is written.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from uhc_roadmap.formats.export.base import Refusal, Refused
from uhc_roadmap.loading.sourcemap import DocPath
from uhc_roadmap.model import Roadmap, Text
from uhc_roadmap.spreadsheets import layout
from uhc_roadmap.spreadsheets.layout import Column, Field, Sheet

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "yyyy-mm-dd"
FIRST_DATE = date(1900, 3, 1)
"""Spreadsheets count days from 1900 (with a 29 February 1900 that never was): an earlier
date is written as ISO text, which import reads as well."""
LAST_ROW = 10_000
"""How far down drop-down lists reach, for rows a person adds."""
MAX_WIDTH = 60


class WorkbookRefused(Refused):
    code = "XLSX"


@dataclass(frozen=True)
class Record:
    """One row: the record's document path, its values by field, and its parent's id."""

    path: DocPath
    value: Any
    parent: str = ""
    parent_field: str = ""


def roadmap_workbook(roadmap: Roadmap, lang: str, created: datetime | None = None) -> bytes:
    """The workbook of ``roadmap``, labels in ``lang``; raises Refused for values no
    workbook can hold."""
    languages = _languages(roadmap)
    builder = _Builder(lang, roadmap.default_language, roadmap.currency)
    builder.readme()
    builder.roadmap_sheet(roadmap, languages)
    for sheet in layout.SHEETS[1:]:
        records = list(records_of(roadmap, sheet))
        builder.record_sheet(sheet, records, _sheet_languages(languages, sheet, records))
    return builder.finish(created)


def template_workbook(
    languages: Sequence[str], lang: str, created: datetime | None = None
) -> bytes:
    """A blank workbook to fill: every sheet with its headers, the roadmap sheet with its
    fields listed and ``schema_version`` and ``languages`` filled in."""
    builder = _Builder(lang, languages[0], None)
    builder.readme()
    builder.roadmap_sheet(None, list(languages))
    for sheet in layout.SHEETS[1:]:
        builder.record_sheet(sheet, [], list(languages))
    return builder.finish(created)


# -- records ---------------------------------------------------------------------------------


def records_of(roadmap: Roadmap, sheet: Sheet) -> Iterator[Record]:
    """The rows of a record sheet, in the roadmap's order."""
    if sheet.mapping:
        (name,) = sheet.where
        for key, value in getattr(roadmap, name).items():
            yield Record((name, key), (key, value))
        return
    if len(sheet.where) == 1:
        for index, item in enumerate(getattr(roadmap, sheet.where[0])):
            yield Record((sheet.where[0], index), item)
        return
    owners_name, _, children = sheet.where
    for index, owner in enumerate(getattr(roadmap, owners_name)):
        for position, item in enumerate(getattr(owner, children)):
            path = (owners_name, index, children, position)
            yield Record(path, item, owner.id, sheet.parent_field)


def field_value(record: Record, item: Field) -> Any:
    """The value of ``item`` in a record (None where it has none)."""
    if isinstance(record.value, tuple):  # a map entry: (key, value)
        key, value = record.value
        return key if item.path and item.path[0] in ("id", "region") else value
    node: Any = record.value
    for element in item.path:
        if node is None:
            return None
        node = getattr(node, element)
    return node


def field_path(record: Record, item: Field) -> DocPath:
    """The document path of a field of a record (for a map entry, the entry itself)."""
    if isinstance(record.value, tuple):
        return record.path
    return (*record.path, *item.path)


def _languages(roadmap: Roadmap) -> list[str]:
    return list(dict.fromkeys(roadmap.languages))


def _sheet_languages(languages: list[str], sheet: Sheet, records: list[Record]) -> list[str]:
    """The roadmap's languages, then any other language a text (or a value given as text)
    of the sheet is written in."""
    found = list(languages)
    texts = [f for f in sheet.fields if f.translated]
    for record in records:
        for item in texts:
            value = field_value(record, item)
            if isinstance(value, Text) and not value.plain:
                found.extend(lang for lang in value.values if lang not in found)
    return found


# -- building --------------------------------------------------------------------------------


class _Builder:
    def __init__(self, lang: str, default_language: str, currency: str | None) -> None:
        from openpyxl import Workbook

        from uhc_roadmap.i18n import translations

        self.book: Workbook = Workbook()
        self.gettext: Callable[[str], str] = translations(_label_language(lang)).gettext
        self.default_language = default_language
        self.currency = currency
        self.refusals: list[Refusal] = []

    # -- sheets ------------------------------------------------------------------------

    def readme(self) -> None:
        from uhc_roadmap.spreadsheets.readme import readme_lines

        sheet = self.book.active
        assert sheet is not None
        sheet.title = layout.README
        for row, line in enumerate(readme_lines(self.gettext), start=1):
            sheet.cell(row, 1, line)
        sheet.column_dimensions["A"].width = 110
        sheet["A1"].font = _font(bold=True, size=14)

    def roadmap_sheet(self, roadmap: Roadmap | None, languages: list[str]) -> None:
        sheet = self.book.create_sheet(layout.ROADMAP)
        spec = layout.ROADMAP_SHEET
        for col, header in enumerate(layout.ROADMAP_HEADERS, start=1):
            sheet.cell(1, col, header)
        self._style_header(sheet, len(layout.ROADMAP_HEADERS), rows=1)
        record = Record((), roadmap)
        for row, column in enumerate(spec.columns(languages), start=2):
            sheet.cell(row, 1, column.header)
            sheet.cell(row, 3, layout.column_label(column, self.gettext)).font = _font(italic=True)
            if roadmap is not None:
                self._write(sheet.cell(row, 2), record, column)
            elif column.header == "schema_version":
                sheet.cell(row, 2, "1")
            elif column.header == "languages":
                sheet.cell(row, 2, layout.join_list(languages))
            if column.field.choices:
                self._choices(sheet, column.field, f"B{row}")
        sheet.freeze_panes = "A2"
        self._widths(sheet)

    def record_sheet(self, spec: Sheet, records: list[Record], languages: list[str]) -> None:
        sheet = self.book.create_sheet(spec.name)
        columns = spec.columns(languages)
        for col, column in enumerate(columns, start=1):
            sheet.cell(1, col, column.header)
            sheet.cell(layout.LABEL_ROW, col, layout.column_label(column, self.gettext))
        self._style_header(sheet, len(columns), rows=2)
        for row, record in enumerate(records, start=layout.FIRST_ROW):
            for col, column in enumerate(columns, start=1):
                self._write(sheet.cell(row, col), record, column)
        from openpyxl.utils import get_column_letter

        last = get_column_letter(len(columns))
        sheet.freeze_panes = "B3"
        sheet.auto_filter.ref = f"A{layout.LABEL_ROW}:{last}{layout.LABEL_ROW + len(records)}"
        for col, column in enumerate(columns, start=1):
            letter = get_column_letter(col)
            cells = f"{letter}{layout.FIRST_ROW}:{letter}{LAST_ROW}"
            if column.field.choices:
                self._choices(sheet, column.field, cells)
            elif column.field.refers and column.field.kind == "id":
                self._reference(sheet, column.field.refers, cells)
        self._widths(sheet)

    def finish(self, created: datetime | None) -> bytes:
        if self.refusals:
            raise WorkbookRefused(self.refusals)
        if created is not None:
            moment = created.replace(tzinfo=None)
            self.book.properties.created = moment
            self.book.properties.modified = moment
        self.book.active = 0
        buffer = io.BytesIO()
        self.book.save(buffer)
        return buffer.getvalue()

    # -- cells -------------------------------------------------------------------------

    def _write(self, cell: Any, record: Record, column: Column) -> None:
        item = column.field
        if record.parent_field and item.path == (record.parent_field,):
            value: Any = record.parent
        else:
            value = field_value(record, item)
        if value is None:
            return
        path = field_path(record, item)
        kind = item.kind
        if kind == "value" and not isinstance(value, Text):
            # A number is one value whatever the language: the first language's column.
            if column.lang == self.default_language:
                _number(cell, value)
        elif kind in layout.TRANSLATED:
            text = self._text(value, column.lang)
            if text is not None:
                self._string(cell, text, path if value.plain else (*path, column.lang))
        elif kind == "list":
            if value:
                self._string(cell, layout.join_list([str(v) for v in value]), path)
        elif kind == "date":
            if value < FIRST_DATE:  # before the spreadsheets' calendar: ISO text
                self._string(cell, value.isoformat(), path)
                return
            cell.value = value
            cell.number_format = DATE_FORMAT
        elif kind == "money":
            _number(cell, value)
            cell.number_format = _money_format(_currency_of(record) or self.currency)
        elif isinstance(value, str):
            self._string(cell, value, path)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            _number(cell, value)
        else:
            cell.value = value

    def _text(self, value: Text, lang: str) -> str | None:
        if value.plain:
            return value.values[""] if lang == self.default_language else None
        return value.values.get(lang)

    def _string(self, cell: Any, text: str, path: DocPath) -> None:
        if not layout.xml_safe(text):
            self.refusals.append(
                Refusal(
                    path,
                    "this text holds a character a workbook cannot store (U+FFFE, U+FFFF "
                    "or a control character)",
                    "remove the character",
                )
            )
            return
        stored = layout.escape_text(text)
        if len(stored) > layout.MAX_CELL:
            self.refusals.append(
                Refusal(
                    path,
                    f"this text has {len(stored):,} characters; a cell holds at most "
                    f"{layout.MAX_CELL:,}",
                    "shorten it, or link to a document (`documents`) that holds it",
                )
            )
            return
        cell.value = stored
        cell.data_type = "s"  # text, even `=1+1` or `#N/A`: never a formula or an error
        if "\n" in text:
            from openpyxl.styles import Alignment

            cell.alignment = Alignment(wrap_text=True, vertical="top")

    # -- decoration --------------------------------------------------------------------

    def _style_header(self, sheet: Worksheet, columns: int, *, rows: int) -> None:
        from openpyxl.styles import PatternFill

        fill = PatternFill("solid", fgColor="DDEBF7")
        for col in range(1, columns + 1):
            head = sheet.cell(1, col)
            head.font = _font(bold=True)
            head.fill = fill
            if rows > 1:
                label = sheet.cell(layout.LABEL_ROW, col)
                label.font = _font(italic=True)
                label.fill = fill

    def _choices(self, sheet: Worksheet, item: Field, cells: str) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        rule = DataValidation(
            type="list",
            formula1='"' + ",".join(item.choices) + '"',
            allow_blank=not item.required,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle=item.key,
            error=self.gettext("Choose one of the list."),
        )
        rule.add(cells)
        sheet.add_data_validation(rule)

    def _reference(self, sheet: Worksheet, target: str, cells: str) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        rule = DataValidation(
            type="list",
            formula1=f"{target}!$A${layout.FIRST_ROW}:$A${LAST_ROW}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=target,
            error=self.gettext("Not an id of the sheet %(sheet)s.") % {"sheet": target},
        )
        rule.add(cells)
        sheet.add_data_validation(rule)

    def _widths(self, sheet: Worksheet) -> None:
        from openpyxl.utils import get_column_letter

        widths: dict[int, int] = {}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                size = _width(cell.value)
                widths[cell.column] = max(widths.get(cell.column, 8), size)
        for col, width in widths.items():
            sheet.column_dimensions[get_column_letter(col)].width = min(width + 2, MAX_WIDTH)


def _number(cell: Any, value: float) -> None:
    """A number cell holding exactly ``value``. openpyxl writes numbers with 16 significant
    digits, which changes some doubles (0.30000000000000004, 1.7976931348623157e308 becomes
    infinite) and integers over 2**53; for those the cell's text is Python's exact one,
    which Excel, LibreOffice and openpyxl read back as the same number."""
    cell.value = value
    if float(f"{value:.16g}") != value or (isinstance(value, int) and abs(value) > 2**53):
        cell._value = repr(value)  # openpyxl writes a str as it stands


def _currency_of(record: Record) -> str | None:
    value = record.value
    return getattr(value, "currency", None) if isinstance(value, BaseModel) else None


def _money_format(currency: str | None) -> str:
    return f'#,##0.00 "{currency}"' if currency else "#,##0.00"


def _width(value: Any) -> int:
    if isinstance(value, date | datetime):
        return 10
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def _font(*, bold: bool = False, italic: bool = False, size: float | None = None) -> Any:
    from openpyxl.styles import Font

    return Font(bold=bold, italic=italic, size=size)


def _label_language(lang: str) -> str:
    """The language of the labels: ``lang`` where the tool has labels for it, else English."""
    from uhc_roadmap.i18n import LANGUAGES, SOURCE_LANGUAGE

    return lang if lang in LANGUAGES else SOURCE_LANGUAGE
