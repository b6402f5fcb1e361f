"""``import``: a workbook validated as a roadmap, every finding at its cell; written as a new
file in ``fmt``'s layout, or applied to an existing file through the edit engine.

Validation is the pipeline every roadmap goes through (model, rules, the configuration's rule
selection): the reader registers each value's document path with its cell, so a finding of
the model or of a rule, located by document path, is told by cell (``activities!F12``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity
from uhc_roadmap.spreadsheets.reader import CellMap, Imported, cell_name, read_workbook

if TYPE_CHECKING:
    from uhc_roadmap.editing import Document, Edited
    from uhc_roadmap.model import Roadmap
    from uhc_roadmap.validation import ValidationOptions


@dataclass(frozen=True)
class WorkbookCheck:
    """A workbook read and validated: its findings by cell, and its roadmap's data."""

    result: FileResult
    data: dict[str, Any] | None
    roadmap: Roadmap | None

    @property
    def languages(self) -> list[str]:
        return list(self.roadmap.languages) if self.roadmap is not None else []


def check_workbook(raw: bytes, file: str, options: ValidationOptions) -> WorkbookCheck:
    """Read and validate a workbook; the findings are located by cell."""
    from uhc_roadmap.loading import LoadedDocument
    from uhc_roadmap.validation import check_loaded

    imported = read_workbook(raw, file)
    text = None if imported.data is None else ""
    loaded = LoadedDocument(
        file, text, imported.data, imported.cells.source_map, list(imported.findings)
    )
    checked = check_loaded(loaded, file, options)
    diagnostics = [located(d, imported.cells) for d in _without_echoes(checked.result, imported)]
    return WorkbookCheck(FileResult(file, diagnostics), imported.data, checked.roadmap)


def _without_echoes(result: FileResult, imported: Imported) -> list[Diagnostic]:
    """The model's findings at a cell the reader already refused are echoes of that refusal
    (a value that could not be read is missing, say): only the reader's is kept."""
    own = {(d.code, d.line, d.message) for d in imported.findings}
    refused = {d.line for d in imported.findings if d.severity is Severity.ERROR}
    refused |= imported.covered
    return [
        d for d in result.diagnostics if (d.code, d.line, d.message) in own or d.line not in refused
    ]


_ADD = re.compile(r"^add `([^`]+?):?`")


def located(d: Diagnostic, cells: CellMap) -> Diagnostic:
    """A finding with its cell; a hint written for YAML (``add `status:```) said for a cell."""
    sheet, row, col = cells.cell(d.line)
    hint = _ADD.sub(lambda m: f"fill in the `{m[1]}` cell", d.hint)
    if not sheet:
        return Diagnostic(d.code, d.severity, d.file, 1, 1, d.message, hint)
    return Diagnostic(
        d.code, d.severity, d.file, row or 1, col or 1, d.message, hint, cell_name(sheet, row, col)
    )


# -- writing ---------------------------------------------------------------------------------


def yaml_text(data: dict[str, Any], languages: list[str], name: str) -> str:
    """A new roadmap file holding ``data``, in ``fmt``'s canonical layout."""
    from uhc_roadmap.editing.fmt import fmt
    from uhc_roadmap.editing.writer import FileStyle, Writer

    writer = Writer(FileStyle(languages=tuple(languages)))
    text = "\n".join(writer.mapping_lines((), data, 0)) + "\n"
    return fmt(text.encode("utf-8"), name).text


@dataclass(frozen=True)
class Applied:
    """A workbook applied to a file in memory: the edit, and how many values it changes."""

    edited: Edited
    changes: int


def apply_to(doc: Document, data: dict[str, Any], options: ValidationOptions) -> Applied:
    """``doc`` changed to hold the workbook's ``data``, only what differs rewritten (every
    comment and the file's layout kept); EditRefused when that would add errors."""
    from uhc_roadmap.editing.engine import refuse_added, rewrite, validated
    from uhc_roadmap.editing.layout import languages_of
    from uhc_roadmap.spreadsheets.merge import changed_paths, reconcile

    languages = languages_of(data) or languages_of(doc.data)
    default = languages[0] if languages else ""
    target = reconcile(doc.data, data, default)
    outcome = validated(doc, rewrite(doc, target, limits=options.limits), options)
    refuse_added(outcome, force=False)
    return Applied(outcome, changed_paths(doc.data, target))
