"""Output formats of ``uhc-roadmap report``: table (Rich), json, csv and markdown.

They turn the frozen results of ``uhc_roadmap.progress`` into text; they compute nothing.
Registered by name with a lazy import path, so ``--format json`` never loads Rich or Jinja.
These are separate from ``reporters/``, which format validation diagnostics.
"""

from __future__ import annotations

import importlib

from uhc_roadmap.report_formats.base import FormatOptions, ReportFormat

REPORT_FORMATS: dict[str, str] = {
    "table": "uhc_roadmap.report_formats.table:TableFormat",
    "json": "uhc_roadmap.report_formats.json:JsonFormat",
    "csv": "uhc_roadmap.report_formats.csv:CsvFormat",
    "markdown": "uhc_roadmap.report_formats.markdown:MarkdownFormat",
}


def get_format(name: str) -> type[ReportFormat]:
    module_name, _, class_name = REPORT_FORMATS[name].partition(":")
    found: type[ReportFormat] = getattr(importlib.import_module(module_name), class_name)
    return found


__all__ = ["REPORT_FORMATS", "FormatOptions", "ReportFormat", "get_format"]
