"""The diff as Markdown, for a pull-request comment."""

from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.authoring.diff import FieldChange, FileDiff, RoadmapDiff
from uhc_roadmap.discovery import printable
from uhc_roadmap.formats.diff.base import DiffFormat
from uhc_roadmap.formats.diff.words import Words
from uhc_roadmap.formats.markdown import code as _code
from uhc_roadmap.formats.markdown import escape as md


class MarkdownFormat(DiffFormat):
    name = "markdown"

    def render(self, files: list[FileDiff]) -> str:
        blocks = [self._file(file) for file in files]
        if not blocks:
            words = Words(self.options.lang)
            return words("No roadmap files compared.") + "\n"
        return "\n".join(blocks)

    def _file(self, file: FileDiff) -> str:
        words = Words(self.options.lang or file.language)
        new, old = _code(printable(file.new)), _code(printable(file.old))
        head = f"### {words('Roadmap changes: %(file)s', file=new)}\n\n"
        if file.diff is None:
            return head + words("New file: %(new)s is not in %(old)s.", new=new, old=old) + "\n"
        if file.diff.is_empty:
            return head + words("No differences from %(old)s.", old=old) + "\n"
        return head + _changes(file, file.diff, words)


def _changes(file: FileDiff, diff: RoadmapDiff, words: Words) -> str:
    counts = f"**{md(words.counts(diff))}**"
    old = _code(printable(file.old))
    parts = [words("Compared with %(old)s: %(counts)s.", old=old, counts=counts) + "\n"]
    if diff.roadmap:
        rows = [
            [_code(c.field), md(c.old or words.none), md(_after(c, words))] for c in diff.roadmap
        ]
        columns = [words("Field"), words("Before"), words("After")]
        parts.append(_table(words("Roadmap"), columns, rows))
    for title, items in (
        (words("Added activities"), diff.added),
        (words("Removed activities"), diff.removed),
    ):
        if items:
            rows = [
                [_code(a.id), md(a.axis), md(words.status(a.status)), md(a.title)] for a in items
            ]
            columns = [words("Activity"), words("Axis"), words("Status"), words("Title")]
            parts.append(_table(title, columns, rows))
    if diff.changed:
        rows = [
            [
                _code(c.id),
                md(c.title),
                "<br>".join(md(p) for p in words.changes(c, diff.currency)),
            ]
            for c in diff.changed
        ]
        columns = [words("Activity"), words("Title"), words("Changes")]
        parts.append(_table(words("Changed activities"), columns, rows))
    parts.extend(_indicators(diff, words))
    return "\n".join(parts)


def _after(change: FieldChange, words: Words) -> str:
    days = f" ({words.signed_days(change.days)})" if change.days else ""
    return f"{change.new or words.none}{days}"


def _indicators(diff: RoadmapDiff, words: Words) -> Iterator[str]:
    notes = []
    if diff.indicators_added:
        ids = ", ".join(_code(i) for i in diff.indicators_added)
        notes.append(words("Indicators added: %(ids)s", ids=ids))
    if diff.indicators_removed:
        ids = ", ".join(_code(i) for i in diff.indicators_removed)
        notes.append(words("Indicators removed: %(ids)s", ids=ids))
    if notes:
        yield "\n".join(f"- {n}" for n in notes) + "\n"
    if diff.indicator_values:
        rows = [
            [_code(v.id), md(v.title), "<br>".join(md(p) for p in words.values(v))]
            for v in diff.indicator_values
        ]
        columns = [words("Indicator"), words("Title"), words("Values")]
        yield _table(words("Indicator values"), columns, rows)


def _table(title: str, columns: list[str], rows: list[list[str]]) -> str:
    lines = [f"**{title}**", "", "| " + " | ".join(columns) + " |"]
    lines.append("|" + "---|" * len(columns))
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
