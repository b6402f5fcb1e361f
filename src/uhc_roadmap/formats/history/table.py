"""The terminal table: per file, one line per revision with a completion bar; a revision that
does not validate is a gap line with its error count."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text

from uhc_roadmap.formats.history.base import HistoryFormat, notes
from uhc_roadmap.formats.progress.base import ProgressOptions
from uhc_roadmap.formats.progress.table import TableFormat as ProgressTable
from uhc_roadmap.formats.terminal import safe_strings
from uhc_roadmap.history import FileHistory, History


class TableFormat(HistoryFormat):
    name = "table"

    def render(self, history: History) -> str:
        o = self.options
        table = _Drawing(ProgressOptions(o.lang, o.color, o.terminal, o.width))
        return "".join(table.file(f) for f in safe_strings(history).files)


class _Drawing(ProgressTable):
    """The report table's drawing (Rich, bars, ASCII off a terminal) for a history."""

    def file(self, history: FileHistory) -> str:
        L = self.labels
        count = len(history.points)
        heading = L.ngettext("%(file)s: %(n)s revision", "%(file)s: %(n)s revisions", count) % {
            "file": history.file,
            "n": L.count(count),
        }
        blocks: list[RenderableType] = [Text(heading, style="bold" if self.options.color else "")]
        blocks += [self._dim(note) for note in notes(history, L.gettext)]
        if history.points:
            table = self._table(
                (L("Date"), "left"),
                (L("Commit"), "left"),
                (L("Completion"), "left"),
                (L("Executed"), "right"),
                (L("Overdue"), "right"),
                (L("On track"), "right"),
                (L("Message"), "left"),
                flex=6,
            )
            for point in history.points:
                first = (L.day(point.date.date()), point.short)
                row = point.row
                if row is None:
                    gap = L.ngettext("%(n)s error", "%(n)s errors", point.errors)
                    table.add_row(
                        *first, gap % {"n": L.count(point.errors)}, "", "", "", point.subject
                    )
                    continue
                done = self._bar(row.completion)
                done.append(f" {L.share(row.completion)}")
                table.add_row(
                    *first,
                    done,
                    L.share(row.execution),
                    L.count(row.overdue),
                    f"{L.count(row.on_track)}/{L.count(row.assessed)}",
                    point.subject,
                )
            blocks.append(table)
        return self._draw(iter(blocks))
