"""X: problems found while reading a workbook (``uhc-roadmap import``, ``uhc_roadmap.spreadsheets``).

A class here documents its code; the code's default severity is in
``uhc_roadmap.diagnostics.BUILTIN_SEVERITIES``, where the reader reads it. Findings are located
by cell (``plan.xlsx:activities!F12``); the examples show cells as ``sheet!CELL: value``.
docs/spreadsheets.md describes the workbook's layout.
"""

from __future__ import annotations

from uhc_roadmap.rules.base import BuiltinRule


class X001(BuiltinRule, name="not-a-workbook"):
    """The file cannot be read as an .xlsx workbook.

    An Excel 97-2003 workbook (.xls), a CSV file renamed .xlsx, an OpenDocument spreadsheet,
    a password-protected workbook, a damaged file, or one whose parts would unpack to more
    than a roadmap's workbook ever holds (a zip bomb) is refused before it is opened.

    Bad:
        plan.xlsx: an .xls workbook renamed
    Good:
        plan.xlsx: saved as "Excel Workbook (.xlsx)"
    """


class X002(BuiltinRule, name="missing-sheet"):
    """A sheet of the layout is missing.

    Every sheet is read, even an empty one: a sheet left out would drop its records (all the
    budget lines, say) from the roadmap.

    Bad:
        sheets: README, roadmap, organisations, axes, activities
    Good:
        sheets: README, roadmap, organisations, axes, activities, milestones, budget, ...
    """


class X003(BuiltinRule, name="bad-header"):
    """A column is unknown, missing or given twice, or the two header rows disagree.

    So is a field of the `roadmap` sheet, and a value standing outside the columns. Row 1 holds the field names of the format; the import reads values by them. A renamed
    column would be dropped, a missing one would drop its values, and row 2's labels under
    the wrong field mean columns were moved in one row only.

    Bad:
        activities!F1: statut
    Good:
        activities!F1: status
    """


class X004(BuiltinRule, name="formula"):
    """A cell holds a formula: its saved value is imported, the formula is not.

    Formulas are never evaluated on import; the value Excel or LibreOffice saved with the
    workbook is read. The roadmap then holds that value, not the formula.

    Bad:
        budget!D3: =B3*1000
    Good:
        budget!D3: 120000
    """


class X005(BuiltinRule, name="formula-without-value"):
    """A cell holds a formula with no saved value.

    Workbooks written by programs often hold formulas that no spreadsheet has computed
    yet. Formulas are never evaluated, so there is no value to import.

    Bad:
        budget!D3: =SUM(E3:F3) (never computed)
    Good:
        budget!D3: 120000
    """


class X006(BuiltinRule, name="merged-cells"):
    """Cells are merged.

    A merged range keeps its value in its first cell only; the others read as empty, so
    records below the first would lose the value.

    Bad:
        activities!B3:B5: merged, holding GOV
    Good:
        activities!B3, B4, B5: GOV each
    """


class X007(BuiltinRule, name="hidden-sheet"):
    """A sheet of the layout is hidden; its rows are imported all the same.

    What is imported should be what people reviewing the workbook can see.

    Bad:
        budget: hidden
    Good:
        budget: visible
    """


class X008(BuiltinRule, name="cell-too-long"):
    """A cell holds more than 32,767 characters.

    That is the most a cell holds in Excel, which cuts the rest off when it opens the file:
    the workbook would not say the same in every spreadsheet.

    Bad:
        activities!E3: a description of 40,000 characters
    Good:
        activities!E3: a description, with the full text in a linked document
    """


class X009(BuiltinRule, name="too-many-rows"):
    """A sheet holds values beyond its 20,000th record.

    No roadmap comes near; a value a million rows down is a stray keystroke or a pasted
    column, and reading a million rows would make the import slow for nothing.

    Bad:
        activities!A1048576: x
    Good:
        activities: records in rows 3 to 202
    """


class X010(BuiltinRule, name="unknown-sheet"):
    """A sheet that is not part of the layout; it is not imported.

    Notes and pivot tables are welcome in a copy of the workbook, but nothing in them
    reaches the roadmap, and a sheet renamed by mistake would otherwise go unnoticed.

    Bad:
        sheets: ..., Budget 2022
    Good:
        sheets: ..., budget
    """


class X011(BuiltinRule, name="row-without-place"):
    """A row has no place in the roadmap.

    A milestone, budget line or document names an activity that the `activities` sheet does
    not have (a measurement, an indicator the `indicators` sheet does not have), or names
    none; a region group or label is given twice.

    Bad:
        budget!A3: GOV-9
    Good:
        budget!A3: GOV-09
    """


class X012(BuiltinRule, name="cell-error"):
    """A cell holds an error value such as `#N/A` or `#DIV/0!`.

    It is what a formula gave, not a value of the roadmap.

    Bad:
        budget!F3: #DIV/0!
    Good:
        budget!F3: 45000
    """


WORKBOOK_RULES: tuple[type[BuiltinRule], ...] = (
    X001, X002, X003, X004, X005, X006, X007, X008, X009, X010, X011, X012,
)  # fmt: skip
