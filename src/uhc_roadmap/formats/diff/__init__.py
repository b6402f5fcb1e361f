"""Formats of ``diff`` (what changed between versions of a roadmap), registered by name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from uhc_roadmap.formats.registry import FormatInfo, Registry

if TYPE_CHECKING:  # the registry is read at start-up; a format's code only when it runs
    from uhc_roadmap.formats.diff.base import DiffFormat

_HERE = "uhc_roadmap.formats.diff"
DIFF_FORMATS: Registry[DiffFormat] = Registry(
    "--format",
    [
        FormatInfo("text", f"{_HERE}.text:TextFormat", "for the terminal", (".txt",)),
        FormatInfo("markdown", f"{_HERE}.markdown:MarkdownFormat", "a PR comment", (".md",)),
        FormatInfo("json", f"{_HERE}.json:JsonFormat", "for scripts", (".json",)),
    ],
)

__all__ = ["DIFF_FORMATS"]
