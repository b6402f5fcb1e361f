"""Formats of the progress report (``report --format``), registered by name.

They turn the frozen results of ``uhc_roadmap.progress`` into text; they compute nothing. The
registry imports only the one chosen, so ``--format json`` never loads Rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from uhc_roadmap.formats.registry import FormatInfo, Registry

if TYPE_CHECKING:  # the registry is read at start-up; a format's code only when it runs
    from uhc_roadmap.formats.progress.base import ProgressFormat

_HERE = "uhc_roadmap.formats.progress"
PROGRESS_FORMATS: Registry[ProgressFormat] = Registry(
    "--format",
    [
        FormatInfo("table", f"{_HERE}.table:TableFormat", "for the terminal", (".txt",)),
        FormatInfo("json", f"{_HERE}.json:JsonFormat", "for scripts", (".json",)),
        FormatInfo("csv", f"{_HERE}.csv:CsvFormat", "one table (--section)", (".csv",)),
        FormatInfo("markdown", f"{_HERE}.markdown:MarkdownFormat", "a wiki page", (".md",)),
        FormatInfo(
            "xlsx", f"{_HERE}.xlsx:XlsxFormat", "a workbook, a sheet per section", (".xlsx",)
        ),
    ],
)

__all__ = ["PROGRESS_FORMATS"]
