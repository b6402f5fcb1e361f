"""The diff as text: lines of styled spans, coloured on a terminal and plain elsewhere.

Every span goes through ``formats.terminal.safe`` (controls and bidirectional controls as
escapes), file names through ``discovery.printable``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from uhc_roadmap.authoring.diff import ActivitySummary, FileDiff, RoadmapDiff
from uhc_roadmap.discovery import printable
from uhc_roadmap.formats.diff.base import DiffFormat
from uhc_roadmap.formats.diff.words import change_phrases, counts, field_phrase, value_phrases
from uhc_roadmap.formats.terminal import safe

Span = tuple[str, str]
"""(text, style); styles: heading, added, removed, changed, id, dim, or "" for none."""
Line = list[Span]
SGR = {"heading": "1", "added": "32", "removed": "31", "changed": "33", "id": "1;36", "dim": "2"}
"""The terminal's Select Graphic Rendition code of each style."""


class TextFormat(DiffFormat):
    name = "text"

    def render(self, files: list[FileDiff]) -> str:
        lines = text_lines(files)
        return painted(lines) if self.options.color else plain(lines)


def painted(lines: Iterable[Line]) -> str:
    return "".join("".join(_paint(text, style) for text, style in line) + "\n" for line in lines)


def _paint(text: str, style: str) -> str:
    text = safe(text)
    return f"\x1b[{SGR[style]}m{text}\x1b[0m" if style and text else text


def text_lines(files: Iterable[FileDiff]) -> list[Line]:
    lines: list[Line] = []
    for i, file in enumerate(files):
        if i:
            lines.append([])
        lines.extend(_file_lines(file))
    return lines


def plain(lines: Iterable[Line]) -> str:
    return "".join("".join(safe(text) for text, _ in line) + "\n" for line in lines)


def _file_lines(file: FileDiff) -> Iterator[Line]:
    header: Line = [(printable(file.old), "dim"), (" → ", "dim"), (printable(file.new), "heading")]
    if file.diff is None:
        yield [*header, (": new file, not in the older version", "added")]
        return
    if file.diff.is_empty:
        yield [*header, (": no differences", "dim")]
        return
    yield header
    yield from _diff_lines(file.diff)


def _diff_lines(diff: RoadmapDiff) -> Iterator[Line]:
    if diff.roadmap:
        yield [("  Roadmap", "heading")]
        yield from ([("    " + field_phrase(c), "changed")] for c in diff.roadmap)
    yield from _summaries("Added activities", "+", "added", diff.added)
    yield from _summaries("Removed activities", "-", "removed", diff.removed)
    if diff.changed:
        yield [(f"  Changed activities ({len(diff.changed)})", "heading")]
        for change in diff.changed:
            yield [("    ~ ", "changed"), (change.id, "id"), (f"  {change.title}", "")]
            yield from ([("        " + p, "changed")] for p in change_phrases(change))
    yield from _indicator_lines(diff)
    yield [(f"  Summary: {counts(diff)}.", "dim")]


def _summaries(
    title: str, mark: str, style: str, items: tuple[ActivitySummary, ...]
) -> Iterator[Line]:
    if items:
        yield [(f"  {title} ({len(items)})", "heading")]
    for a in items:
        yield [
            (f"    {mark} ", style),
            (a.id, "id"),
            (f"  [{a.axis}, {a.status}]  ", "dim"),
            (a.title, ""),
        ]


def _indicator_lines(diff: RoadmapDiff) -> Iterator[Line]:
    if not (diff.indicator_values or diff.indicators_added or diff.indicators_removed):
        return
    yield [("  Indicators", "heading")]
    if diff.indicators_added:
        yield [("    added: ", "added"), (", ".join(diff.indicators_added), "id")]
    if diff.indicators_removed:
        yield [("    removed: ", "removed"), (", ".join(diff.indicators_removed), "id")]
    for values in diff.indicator_values:
        yield [("    ", ""), (values.id, "id"), (f"  {values.title}", "")]
        for phrase in value_phrases(values):
            style = "removed" if phrase.startswith("deleted") else "added"
            yield [("        " + phrase, style)]
