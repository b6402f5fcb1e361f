"""Exports (``export --format``): a whole roadmap in another standard, registered by name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from uhc_roadmap.formats.registry import FormatInfo, Registry

if TYPE_CHECKING:  # the registry is read at start-up; a format's code only when it runs
    from uhc_roadmap.formats.export.base import ExportFormat

_HERE = "uhc_roadmap.formats.export"
EXPORT_FORMATS: Registry[ExportFormat] = Registry(
    "--format",
    [
        FormatInfo("iati", f"{_HERE}.iati:IatiFormat", "IATI 2.03 activity XML", (".xml",)),
        FormatInfo("xlsx", f"{_HERE}.xlsx:XlsxFormat", "a workbook to edit and import", (".xlsx",)),
    ],
)

__all__ = ["EXPORT_FORMATS"]
