"""Formats of a roadmap's progress over time (``report --history --format``), by name.

A history is a time series (one row per revision), not a report or a portfolio, so it is a
family of its own. The formats lay out ``uhc_roadmap.history.History``; they compute nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from uhc_roadmap.formats.registry import FormatInfo, Registry

if TYPE_CHECKING:
    from uhc_roadmap.formats.history.base import HistoryFormat

_HERE = "uhc_roadmap.formats.history"
HISTORY_FORMATS: Registry[HistoryFormat] = Registry(
    "--format",
    [
        FormatInfo("table", f"{_HERE}.table:TableFormat", "for the terminal", (".txt",)),
        FormatInfo("json", f"{_HERE}.json:JsonFormat", "for scripts", (".json",)),
        FormatInfo("csv", f"{_HERE}.csv:CsvFormat", "one row per revision", (".csv",)),
        FormatInfo("markdown", f"{_HERE}.markdown:MarkdownFormat", "a wiki page", (".md",)),
    ],
)

__all__ = ["HISTORY_FORMATS"]
