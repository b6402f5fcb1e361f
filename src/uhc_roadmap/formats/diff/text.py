"""The diff as text: lines of styled spans, coloured on a terminal and plain elsewhere.

Every span goes through ``formats.terminal.safe`` (controls and bidirectional controls as
escapes), file names through ``discovery.printable``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from uhc_roadmap.authoring.diff import ActivitySummary, FileDiff, RoadmapDiff
from uhc_roadmap.discovery import printable
from uhc_roadmap.formats.diff.base import DiffFormat
from uhc_roadmap.formats.diff.words import Words
from uhc_roadmap.formats.terminal import safe

Span = tuple[str, str]
"""(text, style); styles: heading, added, removed, changed, id, dim, or "" for none."""
Line = list[Span]
SGR = {"heading": "1", "added": "32", "removed": "31", "changed": "33", "id": "1;36", "dim": "2"}
"""The terminal's Select Graphic Rendition code of each style."""


class TextFormat(DiffFormat):
    name = "text"

    def render(self, files: list[FileDiff]) -> str:
        lines = text_lines(files, self.options.lang)
        return painted(lines) if self.options.color else plain(lines)


def painted(lines: Iterable[Line]) -> str:
    return "".join("".join(_paint(text, style) for text, style in line) + "\n" for line in lines)


def _paint(text: str, style: str) -> str:
    text = safe(text)
    return f"\x1b[{SGR[style]}m{text}\x1b[0m" if style and text else text


def text_lines(files: Iterable[FileDiff], lang: str | None = None) -> list[Line]:
    """The lines of every file; ``lang`` (--lang) for the words, else each file's language."""
    lines: list[Line] = []
    for i, file in enumerate(files):
        if i:
            lines.append([])
        lines.extend(_file_lines(file, lang))
    return lines


def plain(lines: Iterable[Line]) -> str:
    return "".join("".join(safe(text) for text, _ in line) + "\n" for line in lines)


def _file_lines(file: FileDiff, lang: str | None) -> Iterator[Line]:
    header: Line = [(printable(file.old), "dim"), (" → ", "dim"), (printable(file.new), "heading")]
    words = Words(lang or file.language)
    if file.diff is None:
        yield [*header, (": " + words("new file, not in the older version"), "added")]
        return
    if file.diff.is_empty:
        yield [*header, (": " + words("no differences"), "dim")]
        return
    yield header
    yield from _diff_lines(file.diff, words)


def _diff_lines(diff: RoadmapDiff, words: Words) -> Iterator[Line]:
    if diff.roadmap:
        yield [("  " + words("Roadmap"), "heading")]
        yield from ([("    " + words.field(c), "changed")] for c in diff.roadmap)
    yield from _summaries(words("Added activities"), "+", "added", diff.added, words)
    yield from _summaries(words("Removed activities"), "-", "removed", diff.removed, words)
    if diff.changed:
        heading = f"{words('Changed activities')} ({words.count(len(diff.changed))})"
        yield [("  " + heading, "heading")]
        for change in diff.changed:
            yield [("    ~ ", "changed"), (change.id, "id"), (f"  {change.title}", "")]
            for phrase in words.changes(change, diff.currency):
                yield [("        " + phrase, "changed")]
    yield from _indicator_lines(diff, words)
    yield [("  " + words("Summary: %(counts)s.", counts=words.counts(diff)), "dim")]


def _summaries(
    title: str, mark: str, style: str, items: tuple[ActivitySummary, ...], words: Words
) -> Iterator[Line]:
    if items:
        yield [(f"  {title} ({words.count(len(items))})", "heading")]
    for a in items:
        yield [
            (f"    {mark} ", style),
            (a.id, "id"),
            (f"  [{a.axis}, {words.status(a.status)}]  ", "dim"),
            (a.title, ""),
        ]


def _indicator_lines(diff: RoadmapDiff, words: Words) -> Iterator[Line]:
    if not (diff.indicator_values or diff.indicators_added or diff.indicators_removed):
        return
    yield [("  " + words("Indicators"), "heading")]
    if diff.indicators_added:
        yield [("    " + words("added: "), "added"), (words.ids(diff.indicators_added), "id")]
    if diff.indicators_removed:
        yield [("    " + words("removed: "), "removed"), (words.ids(diff.indicators_removed), "id")]
    for values in diff.indicator_values:
        yield [("    ", ""), (values.id, "id"), (f"  {values.title}", "")]
        removed = {
            words("deleted %(point)s", point=words.measurement(p, values)) for p in values.removed
        }
        for phrase in words.values(values):
            yield [("        " + phrase, "removed" if phrase in removed else "added")]
