"""A workbook back into roadmap data, with the cell every value came from.

The data is what the YAML loader would produce for the same roadmap (dates as ISO text,
texts as a string or a map of language to string), so that the validator, the edit engine and
``fmt`` take it as they take a file. Each value's document path is registered with its cell
(``CellMap``): the validator's findings, which are located by document path, are then told
by cell (``activities!F12``).

Excel habits are read as a person means them: a date cell or an ISO date typed as text, a
number cell or a number typed the French or English way (``12 000,50``), ``TRUE``/``FALSE``
or ``oui``/``non``, stray spaces trimmed, empty rows skipped. What cannot be read is one
located finding (family X, ``rules/workbook_checks.py``; S003 for a value of the wrong type),
never an exception: a formula's saved value is read and flagged, never evaluated.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from uhc_roadmap.diagnostics import Diagnostic, builtin_finding
from uhc_roadmap.editing.values import number
from uhc_roadmap.loading.sourcemap import DocPath, SourceMap
from uhc_roadmap.spreadsheets import archive, layout
from uhc_roadmap.spreadsheets.layout import Column, Field, Sheet
from uhc_roadmap.suggest import nearest

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

_LANG = re.compile(r"[a-z]{2}")
_TRUE = frozenset({"true", "vrai", "oui", "yes", "1", "x"})
_FALSE = frozenset({"false", "faux", "non", "no", "0"})
_EMPTY = object()
_MAX_COVERED = 10_000
_BOOLEANS = frozenset({"TRUE()", "FALSE()"})
_KEPT_AS_TYPED = frozenset({"text", "string", "value"})
"""Kinds whose text is kept as typed, spaces included (free text: a title, a source); the
spaces around an id, a code, a choice or a date are trimmed."""
_STRUCTURAL = frozenset({"X002", "X003", "X009"})
"""Findings about the workbook's shape (a sheet or a column missing or unknown, too many
rows): the roadmap is not validated until they are fixed."""


def cell_name(sheet: str, row: int = 0, col: int = 0) -> str:
    """``activities!F12``; ``activities`` for the whole sheet; a sheet name that is not a
    plain word quoted as Excel quotes it (``'My sheet'!A1``)."""
    from openpyxl.utils import get_column_letter

    shown = (
        sheet
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet)
        else "'" + sheet.replace("'", "''") + "'"
    )
    if not row:
        return shown
    return f"{shown}!{get_column_letter(col)}{row}"


@dataclass
class CellMap:
    """Document paths and findings by cell, through positions the validator understands.

    The validator locates a finding by its document path's (line, column) in a source map.
    Here each cell gets a number, in workbook order, and the source map holds ``(number, 1)``:
    a finding's "line" is its cell's number, which ``cell`` turns back into the cell.
    """

    cells: list[tuple[str, int, int]] = field(default_factory=lambda: [("", 1, 1)])
    source_map: SourceMap = field(default_factory=SourceMap)
    _numbers: dict[tuple[str, int, int], int] = field(default_factory=dict)

    def number(self, sheet: str, row: int = 0, col: int = 0) -> int:
        key = (sheet, row, col)
        found = self._numbers.get(key)
        if found is None:
            found = self._numbers[key] = len(self.cells)
            self.cells.append(key)
        return found

    def put(self, path: DocPath, sheet: str, row: int, col: int) -> None:
        """``path``'s value is in this cell (kept from the first cell that names it), and so
        are those of the records holding it that have no cell yet (``phase`` for
        ``phase.start``): a missing record is reported at its first field's cell."""
        values = self.source_map.values
        if path in values:
            return
        position = (self.number(sheet, row, col), 1)
        values[path] = position
        for end in range(len(path) - 1, 0, -1):
            if path[:end] in values:
                break
            values[path[:end]] = position

    def cell(self, line: int) -> tuple[str, int, int]:
        return self.cells[line] if 0 < line < len(self.cells) else self.cells[0]


@dataclass
class Imported:
    """A workbook read: its roadmap data (None when it could not be read), where each value
    came from, and what reading it found (located by cell number, like the validator's)."""

    file: str
    data: dict[str, Any] | None
    cells: CellMap
    findings: list[Diagnostic]
    covered: frozenset[int] = frozenset()
    """Cells (by number) where the validator's findings only echo the reader's."""


def read_workbook(raw: bytes, file: str) -> Imported:
    """Read ``raw`` as a workbook of the layout."""
    cells = CellMap()
    cells.put((), layout.ROADMAP, 1, 1)
    refused = archive.refusal(raw, file)
    if refused is not None:
        found = builtin_finding("X001", file, 0, 1, refused.message, refused.hint)
        return Imported(file, None, cells, [found])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return _Reader(raw, file, cells).read()
        except _Unreadable as exc:
            found = builtin_finding("X001", file, 0, 1, str(exc), exc.hint)
            return Imported(file, None, cells, [found])


class _Unreadable(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


_DAMAGED_HINT = "open it in Excel or LibreOffice, save it again and import that copy"


# -- rows of a sheet -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RawCell:
    row: int
    col: int
    value: Any
    formula: bool = False
    error: bool = False


def _parser_class() -> type[Any]:
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        """openpyxl's streaming sheet parser, reading each formula's saved value and
        noting that it was a formula (openpyxl reads either, not both)."""

        def parse_cell(self, element: Any) -> dict[str, Any]:
            formula = element.find(FORMULA_TAG)
            cell: dict[str, Any] = super().parse_cell(element)
            # LibreOffice saves a TRUE or FALSE typed in a cell as the formula TRUE() or
            # FALSE(): that is a plain value, not a formula.
            plain = formula is not None and cell["data_type"] == "b" and formula.text in _BOOLEANS
            cell["formula"] = formula is not None and not plain
            return cell

    return Parser


class _Reader:
    def __init__(self, raw: bytes, file: str, cells: CellMap) -> None:
        self.raw = raw
        self.file = file
        self.cells = cells
        self.findings: list[Diagnostic] = []
        self.languages: list[str] = []
        self.catalogs = _catalogs()
        self.covered: set[int] = set()
        """Cells (by number) under a finding of the reader's, such as a merged range: the
        validator's findings there are echoes of it."""
        self.ignored: set[tuple[str, int]] = set()
        """Columns whose header was refused: their cells are not reported one by one."""

    # -- findings ----------------------------------------------------------------------

    def finding(
        self, code: str, sheet: str, row: int, col: int, message: str, hint: str = ""
    ) -> None:
        line = self.cells.number(sheet, row, col)
        self.findings.append(builtin_finding(code, self.file, line, 1, message, hint))

    # -- the workbook ------------------------------------------------------------------

    def read(self) -> Imported:
        book = self._open()
        try:
            names = self._sheets(book)
            data: dict[str, Any] = {}
            raw_rows = {name: self._rows(book, actual) for name, actual in names.items()}
        finally:
            book.close()
        if layout.ROADMAP in raw_rows:
            data = self._roadmap(raw_rows[layout.ROADMAP])
        owners: dict[str, dict[str, int]] = {"activities": {}, "indicators": {}}
        """The position of each activity and indicator by id, for their sheets' rows."""
        for sheet in layout.SHEETS[1:]:
            rows = raw_rows.get(sheet.name)
            if rows is None:
                continue
            if sheet.mapping:
                self._mapping(sheet, rows, data)
            elif sheet.parent:
                if sheet.parent in raw_rows:  # else the parent's X002 says it all
                    self._children(sheet, rows, data, owners[sheet.parent])
            else:
                (name,) = sheet.where
                self.cells.put((name,), sheet.name, layout.FIRST_ROW, 1)
                records = self._records(sheet, rows)
                data[name] = [record for record, _ in records]
                if name in owners:
                    for position, (record, _) in enumerate(records):
                        ident = record.get("id")
                        if isinstance(ident, str):
                            owners[name].setdefault(ident, position)
        _numbers_for_numeric_indicators(data)
        if any(f.code in _STRUCTURAL for f in self.findings):
            # Records read through a wrong header would only echo it, finding after finding.
            return Imported(self.file, None, self.cells, self.findings)
        for required in ("organisations", "axes", "activities"):
            data.setdefault(required, [])
        return Imported(self.file, data, self.cells, self.findings, frozenset(self.covered))

    def _open(self) -> Workbook:
        from openpyxl import load_workbook

        try:
            return load_workbook(
                io.BytesIO(self.raw), read_only=True, data_only=True, keep_links=False
            )
        except Exception as exc:  # a damaged part raises whatever its parser raises
            raise _Unreadable(
                f"{self.file} cannot be read as a workbook: {_reason(exc)}", _DAMAGED_HINT
            ) from None

    def _sheets(self, book: Workbook) -> dict[str, str]:
        """The layout's sheets found in the workbook (name -> the workbook's spelling); a
        missing sheet, a hidden one or one the layout does not know is a finding."""
        present = {name.strip().casefold(): name for name in book.sheetnames}
        found: dict[str, str] = {}
        for sheet in layout.SHEETS:
            actual = present.get(sheet.name)
            if actual is None:
                self.finding(
                    "X002",
                    sheet.name,
                    0,
                    0,
                    f"the workbook has no sheet `{sheet.name}`",
                    "keep every sheet of the exported workbook, even an empty one; "
                    "`uhc-roadmap export --template -o blank.xlsx` has them all",
                )
                continue
            found[sheet.name] = actual
            if getattr(book[actual], "sheet_state", "visible") != "visible":
                self.finding(
                    "X007",
                    actual,
                    0,
                    0,
                    f"the sheet `{actual}` is hidden; its rows are imported all the same",
                    "unhide it (right-click a sheet tab > Unhide) to see what is imported",
                )
        known = {s.name for s in layout.SHEETS} | {layout.README.casefold()}
        for folded, actual in present.items():
            if folded in known:
                continue
            hidden = getattr(book[actual], "sheet_state", "visible") != "visible"
            close = nearest(folded, [s.name for s in layout.SHEETS])
            self.finding(
                "X010",
                actual,
                0,
                0,
                f"the {'hidden ' if hidden else ''}sheet `{actual}` is not part of a roadmap "
                "workbook; it is not imported",
                f"rename it `{close}` if it holds those records"
                if close
                else "move what it holds into the roadmap's sheets, or delete it",
            )
        return found

    def _rows(self, book: Workbook, name: str) -> list[list[RawCell]]:
        """The non-empty rows of a sheet (each its non-empty cells), up to ``MAX_ROWS``."""
        # openpyxl's read-only sheets stream their rows through WorkSheetParser, whose
        # private inputs (the part, shared strings, date styles) are read here too.
        sheet: Any = book[name]
        private: Any = book
        parser_class = _parser_class()
        rows: list[list[RawCell]] = []
        limit = layout.MAX_ROWS + layout.FIRST_ROW - 1
        try:
            with sheet._get_source() as source:
                parser = parser_class(
                    source,
                    sheet._shared_strings,
                    data_only=True,
                    epoch=private.epoch,
                    date_formats=private._date_formats,
                    timedelta_formats=private._timedelta_formats,
                )
                for index, raw in parser.parse():
                    found = [c for c in (self._cell(name, item) for item in raw) if c is not None]
                    if not found:
                        continue
                    if index > limit:
                        self.finding(
                            "X009",
                            name,
                            index,
                            found[0].col,
                            f"row {index:,} holds a value; a sheet holds at most "
                            f"{layout.MAX_ROWS:,} records, so the sheet is not read past "
                            f"row {limit:,}",
                            "delete the rows below the records (select them, right-click > Delete)",
                        )
                        return rows
                    rows.append(found)
                self._merged(name, parser.merged_cells)
        except Exception as exc:  # a damaged sheet raises whatever its parser raises
            raise _Unreadable(
                f"{self.file}: the sheet `{name}` cannot be read: {_reason(exc)}", _DAMAGED_HINT
            ) from None
        return rows

    def _cell(self, sheet: str, item: dict[str, Any]) -> RawCell | None:
        value = item["value"]
        row, col = item["row"], item["column"]
        if item.get("data_type") == "e":
            self.finding(
                "X012",
                sheet,
                row,
                col,
                f"the cell holds the error `{value}`",
                "type the value itself, or fix the formula that gives the error",
            )
            return None
        if item.get("formula"):
            if value is None or value == "":
                self.finding(
                    "X005",
                    sheet,
                    row,
                    col,
                    "the cell holds a formula without a saved value; formulas are not evaluated",
                    "type the value itself, or open and save the workbook in Excel or "
                    "LibreOffice so that the value is saved with it",
                )
                return None
            self.finding(
                "X004",
                sheet,
                row,
                col,
                f"the cell holds a formula; its saved value `{_shown(value)}` is imported",
                "type the value itself so that the roadmap does not depend on a formula",
            )
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, str) and len(value) > layout.MAX_CELL:
            self.finding(
                "X008",
                sheet,
                row,
                col,
                f"the cell holds {len(value):,} characters; a cell holds at most "
                f"{layout.MAX_CELL:,} (Excel cuts the rest off)",
                "shorten it, or link to a document (sheet `documents`) that holds the text",
            )
            return None
        return RawCell(row, col, value, bool(item.get("formula")))

    def _merged(self, sheet: str, merged: Any) -> None:
        ranges = getattr(merged, "mergeCell", None) or []
        for cell_range in ranges:
            ref = str(getattr(cell_range, "ref", ""))
            first, _, last = ref.partition(":")
            row, col = _coordinates(first)
            end_row, end_col = _coordinates(last or first)
            if (end_row - row + 1) * (end_col - col + 1) <= _MAX_COVERED:
                self.covered.update(
                    self.cells.number(sheet, r, c)
                    for r in range(row, end_row + 1)
                    for c in range(col, end_col + 1)
                )
            self.finding(
                "X006",
                sheet,
                row,
                col,
                f"the cells {ref} are merged; only the first holds the value, the others "
                "would read as empty",
                "unmerge them (Home > Merge & Center) and fill each cell",
            )

    # -- the roadmap sheet -------------------------------------------------------------

    def _roadmap(self, rows: list[list[RawCell]]) -> dict[str, Any]:
        sheet = layout.ROADMAP_SHEET
        name = sheet.name
        fields = {f.key: f for f in sheet.fields}
        entries: dict[str, tuple[RawCell | None, int]] = {}
        for cells in rows:
            by_col = {c.col: c for c in cells}
            head = by_col.get(1)
            row = cells[0].row
            if head is None:
                self._stray(name, cells[0], "its row has no field name in column A")
                continue
            key = _text(head.value).strip()
            if row == 1 and key.casefold() == layout.ROADMAP_HEADERS[0]:
                continue
            for extra in cells:
                if extra.col > len(layout.ROADMAP_HEADERS):
                    self._stray(
                        name, extra, "the roadmap sheet has three columns: field, value, label"
                    )
            if key in entries:
                self.finding(
                    "X003",
                    name,
                    row,
                    1,
                    f"the field `{key}` is given twice (rows {entries[key][1]} and {row})",
                    "keep one of the two rows",
                )
                continue
            base, lang = _split_lang(key, fields)
            if base is None:
                close = nearest(
                    key, [c.header for c in sheet.columns(self.languages or ["fr", "en"])]
                )
                self.finding(
                    "X003",
                    name,
                    row,
                    1,
                    f"unknown field `{_shown(key)}` in the roadmap sheet"
                    + (f"; did you mean `{close}`?" if close else ""),
                    f"rename it `{close}`"
                    if close
                    else "see docs/format.md for the roadmap's fields",
                )
                continue
            entries[key] = (by_col.get(2), row)
        languages_entry = entries.get("languages")
        if languages_entry is not None and languages_entry[0] is not None:
            parsed = layout.split_list(_text(languages_entry[0].value))
            self.languages = [lang for lang in parsed or [] if _LANG.fullmatch(lang)]
        data: dict[str, Any] = {}
        record = _Record(self, name, data, ())
        for key, (cell, row) in entries.items():
            base, lang = _split_lang(key, fields)
            assert base is not None
            record.add(Column(base, lang), cell, row, 2)
        record.finish(self.languages)
        self._missing(sheet, set(entries), 1, by_row=True)
        return data

    # -- record sheets -----------------------------------------------------------------

    def _header(self, sheet: Sheet, rows: list[list[RawCell]]) -> tuple[dict[int, Column], int]:
        """The column of each position, from row 1; the first row of records (after the
        label row, when there is one)."""
        fields = {f.key: f for f in sheet.fields}
        if sheet.parent_field:
            parent = layout.parent_key_field(sheet)
            fields[parent.key] = parent
        header = rows[0] if rows and rows[0][0].row == 1 else []
        columns: dict[int, Column] = {}
        seen: dict[str, int] = {}
        unknown = False
        for cell in header:
            key = _text(cell.value).strip()
            base, lang = _split_lang(key, fields)
            if base is None:
                unknown = True
                self.ignored.add((sheet.name, cell.col))
                known = [c.header for c in sheet.columns(self.languages or ["fr", "en"])]
                close = nearest(key, known)
                self.finding(
                    "X003",
                    sheet.name,
                    1,
                    cell.col,
                    f"unknown column `{_shown(key)}`"
                    + (f"; did you mean `{close}`?" if close else ""),
                    f"rename it `{close}`"
                    if close
                    else "row 1 holds the field names of the "
                    "format; columns of your own go in another workbook",
                )
                continue
            column = Column(base, lang)
            if column.header in seen:
                self.finding(
                    "X003",
                    sheet.name,
                    1,
                    cell.col,
                    f"the column `{column.header}` appears twice (columns {_letter(seen[column.header])} and {_letter(cell.col)})",
                    "delete one of the two",
                )
                continue
            seen[column.header] = cell.col
            columns[cell.col] = column
        if not unknown:  # else the unknown column's finding names the missing one
            self._missing(sheet, set(seen), 1)
        first = layout.LABEL_ROW
        second = next((r for r in rows[:2] if r[0].row == layout.LABEL_ROW), None)
        if second is not None and self._is_label_row(second, columns):
            self._labels_agree(sheet, second, columns)
            first = layout.FIRST_ROW
        return columns, first

    def _missing(self, sheet: Sheet, present: set[str], row: int, *, by_row: bool = False) -> None:
        """Every column of the layout is there (a text's in each of the roadmap's languages):
        a column left out would drop its values from the roadmap."""
        wanted = [c.header for c in sheet.columns(self.languages)]
        missing = [h for h in wanted if h not in present]
        if not missing:
            return
        listed = ", ".join(f"`{h}`" for h in missing)
        where = "in column A" if by_row else "in row 1"
        self.finding(
            "X003",
            sheet.name,
            row,
            1,
            f"the sheet `{sheet.name}` has no {'row' if by_row else 'column'} for {listed}",
            f"add {'them' if len(missing) > 1 else 'it'} {where}, even empty: a workbook holds "
            "every field of the format, so that nothing is dropped on import",
        )

    def _is_label_row(self, cells: list[RawCell], columns: dict[int, Column]) -> bool:
        labels = self._all_labels(columns)
        texts = [layout.fold(_text(c.value)) for c in cells]
        known = sum(1 for t in texts if t in labels)
        return known > 0 and 2 * known >= len(texts)

    def _all_labels(self, columns: dict[int, Column]) -> dict[str, str]:
        found: dict[str, str] = {}
        for column in columns.values():
            for label in layout.known_labels(column, self.catalogs):
                found.setdefault(label, column.header)
        return found

    def _labels_agree(self, sheet: Sheet, cells: list[RawCell], columns: dict[int, Column]) -> None:
        labels = self._all_labels(columns)
        for cell in cells:
            column = columns.get(cell.col)
            if column is None:
                continue
            text = layout.fold(_text(cell.value))
            own = layout.known_labels(column, self.catalogs)
            other = labels.get(text)
            if text in own or other is None:
                continue
            self.finding(
                "X003",
                sheet.name,
                2,
                cell.col,
                f"the two header rows disagree: row 1 says `{column.header}`, row 2 says "
                f"“{_shown(cell.value)}”, the label of `{other}`",
                "columns were moved in one row only: put the field name back above its "
                "label, or delete row 2",
            )

    def _records(self, sheet: Sheet, rows: list[list[RawCell]]) -> list[tuple[dict[str, Any], int]]:
        columns, first = self._header(sheet, rows)
        found: list[tuple[dict[str, Any], int]] = []
        (name,) = sheet.where
        for cells in rows:
            row = cells[0].row
            if row < first:
                continue
            data: dict[str, Any] = {}
            record = _Record(self, sheet.name, data, (name, len(found)))
            self._fill(record, cells, columns, row, first)
            found.append((data, row))
        return found

    def _fill(
        self,
        record: _Record,
        cells: list[RawCell],
        columns: dict[int, Column],
        row: int,
        first: int,
    ) -> None:
        by_col = {c.col: c for c in cells}
        if not record.entry:
            self.cells.put(record.path, record.sheet, row, min(by_col))
        for col, column in columns.items():
            if column.field.path == record.skip:
                continue
            record.add(column, by_col.get(col), row, col)
        for cell in cells:
            if cell.col not in columns and (record.sheet, cell.col) not in self.ignored:
                self._stray(record.sheet, cell, "its column has no field name in row 1")
        record.finish(self.languages)

    def _children(
        self, sheet: Sheet, rows: list[list[RawCell]], data: dict[str, Any], owners: dict[str, int]
    ) -> None:
        columns, first = self._header(sheet, rows)
        owner_list = data.get(sheet.where[0])
        parent_col = next(
            (col for col, c in columns.items() if c.field.path == (sheet.parent_field,)), None
        )
        counts: dict[int, int] = {}
        for cells in rows:
            row = cells[0].row
            if row < first:
                continue
            by_col = {c.col: c for c in cells}
            ident = _text(by_col[parent_col].value).strip() if parent_col in by_col else ""
            position = owners.get(ident)
            if position is None or not isinstance(owner_list, list):
                where = parent_col or 1
                parent_sheet = sheet.parent
                self.finding(
                    "X011",
                    sheet.name,
                    row,
                    where,
                    f"no {sheet.parent_field} `{_shown(ident)}` in the sheet `{parent_sheet}`"
                    if ident
                    else f"the row names no {sheet.parent_field}, so it belongs to none",
                    _parent_hint(ident, list(owners), sheet),
                )
                continue
            owner = owner_list[position]
            index = counts.get(position, 0)
            counts[position] = index + 1
            child: dict[str, Any] = {}
            path = (sheet.where[0], position, sheet.where[2], index)
            record = _Record(self, sheet.name, child, path, skip=(sheet.parent_field,))
            self._fill(record, cells, columns, row, first)
            owner.setdefault(sheet.where[2], []).append(child)

    def _mapping(self, sheet: Sheet, rows: list[list[RawCell]], data: dict[str, Any]) -> None:
        columns, first = self._header(sheet, rows)
        (name,) = sheet.where
        key_field = sheet.fields[0]
        found: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for cells in rows:
            row = cells[0].row
            if row < first:
                continue
            by_col = {c.col: c for c in cells}
            key_col = next((col for col, c in columns.items() if c.field is key_field), None)
            key = _text(by_col[key_col].value).strip() if key_col in by_col else ""
            if not key or key in seen:
                self.finding(
                    "X011",
                    sheet.name,
                    row,
                    key_col or 1,
                    f"`{_shown(key)}` is given twice (rows {seen[key]} and {row})"
                    if key
                    else f"the row has no `{key_field.key}`",
                    "keep one of the two rows" if key else f"fill in its `{key_field.key}`",
                )
                continue
            seen[key] = row
            holder: dict[str, Any] = {}
            record = _Record(self, sheet.name, holder, (name, key), skip=key_field.path, entry=True)
            self._fill(record, cells, columns, row, first)
            value_field = sheet.fields[1]
            held = holder.get(value_field.path[0] if value_field.path else "")
            if held is not None:
                found[key] = held
        if found:
            data[name] = found

    def _stray(self, sheet: str, cell: RawCell, why: str) -> None:
        self.finding(
            "X003",
            sheet,
            cell.row,
            cell.col,
            f"the cell holds “{_shown(cell.value)}” but {why}",
            "move the value to its column, or delete it",
        )


# -- one record ------------------------------------------------------------------------------


class _Record:
    """Builds one record's data from its cells, registering each value's cell."""

    def __init__(
        self,
        reader: _Reader,
        sheet: str,
        data: dict[str, Any],
        path: DocPath,
        *,
        skip: tuple[str, ...] = ("\0",),
        entry: bool = False,
    ) -> None:
        self.reader = reader
        self.sheet = sheet
        self.data = data
        self.path = path
        self.skip = skip
        self.entry = entry
        self.texts: dict[tuple[str, ...], dict[str, str]] = {}
        self.values: dict[tuple[str, ...], dict[str, tuple[Any, int, int]]] = {}
        """An indicator value's cells by language: what each holds, its row and column."""

    def _path(self, inner: tuple[str, ...]) -> DocPath:
        return self.path if self.entry else (*self.path, *inner)

    def add(self, column: Column, cell: RawCell | None, row: int, col: int) -> None:
        item = column.field
        cells = self.reader.cells
        path = self._path(item.path)
        cells.put(path, self.sheet, row, col)
        if column.lang:
            cells.put((*path, column.lang), self.sheet, row, col)
        if cell is None:
            return
        value = convert(
            item,
            cell.value,
            lambda m, h: self.reader.finding(
                "S003" if item.kind != "date" else "S007", self.sheet, row, col, m, h
            ),
        )
        if value is _EMPTY:
            return
        if item.kind == "text":
            self.texts.setdefault(item.path, {})[column.lang] = value
            return
        if item.kind == "value" and column.lang:
            self.values.setdefault(item.path, {})[column.lang] = (value, row, col)
            return
        _put(self.data, item.path or ("",), value)

    def finish(self, languages: Sequence[str]) -> None:
        default = languages[0] if languages else None
        for inner, values in self.texts.items():
            _put(self.data, inner or ("",), _text_of(values, languages))
        for inner, cells in self.values.items():
            _put(self.data, inner, self._value(inner, cells, default, languages))

    def _value(
        self,
        inner: tuple[str, ...],
        cells: dict[str, tuple[Any, int, int]],
        default: str | None,
        languages: Sequence[str],
    ) -> Any:
        """An indicator value from its language columns: a number in the first language's
        column alone, or a text in one or several languages. A number elsewhere, or beside a
        text, is a finding at its cell (the value is kept, so that no echo follows it)."""
        numbers = {lang: v for lang, (v, _, _) in cells.items() if not isinstance(v, str)}
        if not numbers:
            return _text_of({lang: v for lang, (v, _, _) in cells.items()}, languages)
        key = ".".join(inner)
        texts = [lang for lang, (v, _, _) in cells.items() if isinstance(v, str)]
        if texts:
            # A number beside a text: a value is one or the other.
            text_cells = " and ".join(f"`{key}.{lang}`" for lang in texts)
            first = default or next(iter(numbers))
            for lang, number in numbers.items():
                _, row, col = cells[lang]
                shown = _shown(number)
                as_text = f"for a text (a qualitative value), type this cell as text ('{shown})"
                self.reader.finding(
                    "S003",
                    self.sheet,
                    row,
                    col,
                    f"`{key}.{lang}` holds the number {shown} while {text_cells} "
                    f"{'holds' if len(texts) == 1 else 'hold'} a text; a value is a number or "
                    "a text, not both",
                    f"for a number, clear {text_cells}; {as_text}"
                    if lang == first
                    else f"{as_text}; for a number, write it in `{key}.{first}` alone",
                )
            return _text_of({lang: _text(v) for lang, (v, _, _) in cells.items()}, languages)
        first = default or next(iter(numbers))
        home = f"`{key}.{first}`"
        kept = numbers.get(first, next(iter(numbers.values())))
        for lang, number in numbers.items():
            if lang == first:
                continue
            _, row, col = cells[lang]
            if first not in numbers:
                message = (
                    f"`{key}.{lang}` holds the number {_shown(number)}; a number is written "
                    f"in {home}, the column of the roadmap's first language"
                )
                hint = f"move the number to {home}"
            elif number == kept:
                message = (
                    f"`{key}.{lang}` repeats the number of {home}; a number is the same in "
                    f"every language, written once, in {home}"
                )
                hint = "clear this cell"
            else:
                message = (
                    f"`{key}.{lang}` holds the number {_shown(number)} and {home} the number "
                    f"{_shown(kept)}; a number is the same in every language, written once, "
                    f"in {home}"
                )
                hint = f"keep the right number in {home} and clear this cell"
            self.reader.finding("S003", self.sheet, row, col, message, hint)
        return kept


def _text_of(values: dict[str, str], languages: Sequence[str]) -> Any:
    """A text from its language columns: a plain string when the first language's alone."""
    default = languages[0] if languages else None
    if default is not None and set(values) == {default}:
        return values[default]
    order = {lang: i for i, lang in enumerate(languages)}
    return dict(sorted(values.items(), key=lambda kv: order.get(kv[0], len(order))))


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = data
    for element in path[:-1]:
        node = node.setdefault(element, {})
    node[path[-1]] = value


# -- values ----------------------------------------------------------------------------------


def convert(item: Field, value: Any, problem: Callable[[str, str], None]) -> Any:
    """What a cell means for a field of ``item``'s kind (``_EMPTY`` for nothing); a value
    that cannot be read is reported through ``problem`` and taken as nothing."""
    if isinstance(value, str):
        value = layout.unescape_text(value)
    kind = item.kind
    name = f"`{item.key}`"
    if isinstance(value, time | timedelta):
        problem(f"{name} holds a time of day, not a {_what(kind)}", _hint(kind))
        return _EMPTY
    if kind == "date":
        return _date(value, name, problem)
    if kind in ("number", "money", "integer"):
        return _number(kind, value, name, problem)
    if kind == "bool":
        return _bool(value, name, problem)
    if kind == "value" and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = _text(value)
    if kind == "list":
        items = layout.split_list(text)
        if items is None:
            problem(
                f"{name}: a quote is left open in “{_shown(text)}”",
                'close it: "Plan 2021, annex", 1.1.1',
            )
            return _EMPTY
        return items or _EMPTY
    if not text.strip():
        return _EMPTY
    return text if kind in _KEPT_AS_TYPED else text.strip()


def _date(value: Any, name: str, problem: Callable[[str, str], None]) -> Any:
    if isinstance(value, datetime):
        if value.time() != time(0):
            problem(
                f"{name} holds a date and a time ({value.isoformat(' ')}); give the day only",
                "format the cell as a date, e.g. 2021-06-15",
            )
            return _EMPTY
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        problem(
            f"{name} holds the number {_shown(value)}, not a date",
            "format the cell as a date (Format > Cells > Date), or type the date as YYYY-MM-DD",
        )
        return _EMPTY
    text = _text(value).strip()
    return text or _EMPTY


def _number(kind: str, value: Any, name: str, problem: Callable[[str, str], None]) -> Any:
    found: Any = None
    if isinstance(value, bool):
        found = None
    elif isinstance(value, int | float):
        found = value
    elif isinstance(value, str):
        found = number(value)
    if found is not None and kind == "integer":
        if float(found).is_integer():
            return int(found)
        problem(f"{name} must be a whole number, not {_shown(value)}", "write it without decimals")
        return _EMPTY
    if found is None:
        problem(f"{name} must be a number, not {_describe(value)}", _hint(kind))
        return _EMPTY
    return found


def _bool(value: Any, name: str, problem: Callable[[str, str], None]) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    word = _text(value).strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    problem(f"{name} must be TRUE or FALSE, not {_describe(value)}", _hint("bool"))
    return _EMPTY


def _what(kind: str) -> str:
    return {"date": "date", "bool": "yes or no"}.get(
        kind, "value" if kind not in ("number", "money", "integer") else "number"
    )


def _hint(kind: str) -> str:
    if kind in ("number", "money", "integer"):
        return "type a number, e.g. 12000 or 12 000,50"
    if kind == "bool":
        return "type TRUE or FALSE (oui or non)"
    return "type the value itself"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime | date):
        return f"the date {value.isoformat()[:10]}"
    return f"the text “{_shown(value)}”"


def _text(value: Any) -> str:
    """A cell's value as text: numbers as written (``2021``, ``1.5``), dates ISO."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _shown(value: Any, limit: int = 40) -> str:
    from uhc_roadmap.loading.source import visible

    text = visible(_text(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _split_lang(key: str, fields: dict[str, Field]) -> tuple[Field | None, str]:
    """The field of a header and its language: ``title.fr`` -> (title, fr), ``value.en`` ->
    (value, en)."""
    found = fields.get(key)
    if found is not None and not found.translated:
        return found, ""
    base, dot, lang = key.rpartition(".")
    if dot and _LANG.fullmatch(lang):
        text = fields.get(base)
        if text is not None and text.translated:
            return text, lang
    return None, ""


def _numbers_for_numeric_indicators(data: dict[str, Any]) -> None:
    """A value typed as text (``7,9``) on a number or percent indicator is the number."""
    indicators = data.get("indicators")
    if not isinstance(indicators, list):
        return
    for item in indicators:
        if not isinstance(item, dict) or item.get("measure") not in ("number", "percent"):
            continue
        holders = [item.get("baseline"), item.get("target"), *(item.get("values") or [])]
        for holder in holders:
            if isinstance(holder, dict) and isinstance(holder.get("value"), str):
                found = number(holder["value"])
                if found is not None:
                    holder["value"] = found


def _parent_hint(ident: str, known: list[str], sheet: Sheet) -> str:
    close = nearest(ident, known) if ident else None
    if close:
        return f"did you mean `{close}`?"
    return f"add the {sheet.parent_field} to the sheet `{sheet.parent}` first, or correct the id"


def _coordinates(ref: str) -> tuple[int, int]:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    try:
        letters, row = coordinate_from_string(ref)
        return row, column_index_from_string(letters)
    except ValueError:
        return 1, 1


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return _shown(text, 120)


def _catalogs() -> list[Callable[[str], str]]:
    from uhc_roadmap.i18n import LANGUAGES, translations

    return [translations(lang).gettext for lang in LANGUAGES]
