"""``export --format xlsx``: the roadmap as a workbook (docs/spreadsheets.md), lossless.

The layout is ``uhc_roadmap.spreadsheets.layout`` (shared with ``import``); the workbook is
built by ``uhc_roadmap.spreadsheets.workbook`` with openpyxl, an extra. Its labels are in the
roadmap's first language where the tool has labels for it, else in English.
"""

from __future__ import annotations

from typing import ClassVar, Self

from uhc_roadmap.formats.export.base import ExportFormat, ExportOptions
from uhc_roadmap.model import Roadmap
from uhc_roadmap.spreadsheets import require_openpyxl


class XlsxFormat(ExportFormat):
    name: ClassVar[str] = "xlsx"
    suffix: ClassVar[str] = ".xlsx"

    def __init__(self, options: ExportOptions) -> None:
        self.options = options

    @classmethod
    def from_options(cls, options: ExportOptions) -> Self:
        require_openpyxl()
        return cls(options)

    def export(self, roadmap: Roadmap) -> bytes:
        from uhc_roadmap.spreadsheets.workbook import roadmap_workbook

        return roadmap_workbook(roadmap, roadmap.default_language, self.options.generated)
