"""The diff as Markdown, for a pull-request comment."""

from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.authoring.diff import FieldChange, FileDiff, RoadmapDiff
from uhc_roadmap.discovery import printable
from uhc_roadmap.formats.diff.base import DiffFormat
from uhc_roadmap.formats.diff.words import change_phrases, counts, days_phrase, value_phrases
from uhc_roadmap.formats.markdown import code as _code
from uhc_roadmap.formats.markdown import escape as md


class MarkdownFormat(DiffFormat):
    name = "markdown"

    def render(self, files: list[FileDiff]) -> str:
        blocks = [_md_file(file) for file in files]
        return "\n".join(blocks) if blocks else "No roadmap files compared.\n"


def _md_file(file: FileDiff) -> str:
    old, new = _code(printable(file.old)), _code(printable(file.new))
    head = f"### Roadmap changes: {new}\n\n"
    if file.diff is None:
        return head + f"New file: {new} is not in {old}.\n"
    if file.diff.is_empty:
        return head + f"No differences from {old}.\n"
    diff = file.diff
    parts = [head + f"Compared with {old}: **{md(counts(diff))}**.\n"]
    if diff.roadmap:
        rows = [[_code(c.field), md(c.old or "(none)"), md(_after(c))] for c in diff.roadmap]
        parts.append(_table("Roadmap", ["Field", "Before", "After"], rows))
    for title, items in (("Added activities", diff.added), ("Removed activities", diff.removed)):
        if items:
            rows = [[_code(a.id), md(a.axis), md(a.status), md(a.title)] for a in items]
            parts.append(_table(title, ["Activity", "Axis", "Status", "Title"], rows))
    if diff.changed:
        rows = [
            [_code(c.id), md(c.title), "<br>".join(md(p) for p in change_phrases(c))]
            for c in diff.changed
        ]
        parts.append(_table("Changed activities", ["Activity", "Title", "Changes"], rows))
    parts.extend(_md_indicators(diff))
    return "\n".join(parts)


def _after(change: FieldChange) -> str:
    days = f" ({days_phrase(change.days)})" if change.days else ""
    return f"{change.new or '(none)'}{days}"


def _md_indicators(diff: RoadmapDiff) -> Iterator[str]:
    notes = []
    if diff.indicators_added:
        notes.append("Indicators added: " + ", ".join(_code(i) for i in diff.indicators_added))
    if diff.indicators_removed:
        notes.append("Indicators removed: " + ", ".join(_code(i) for i in diff.indicators_removed))
    if notes:
        yield "\n".join(f"- {n}" for n in notes) + "\n"
    if diff.indicator_values:
        rows = [
            [_code(v.id), md(v.title), "<br>".join(md(p) for p in value_phrases(v))]
            for v in diff.indicator_values
        ]
        yield _table("Indicator values", ["Indicator", "Title", "Values"], rows)


def _table(title: str, columns: list[str], rows: list[list[str]]) -> str:
    lines = [f"**{title}**", "", "| " + " | ".join(columns) + " |"]
    lines.append("|" + "---|" * len(columns))
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
