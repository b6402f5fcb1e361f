"""Markdown: a heading and a table per file, for a wiki page or a CI job summary."""

from __future__ import annotations

from uhc_roadmap.formats import markdown as md
from uhc_roadmap.formats.history.base import HistoryFormat, notes
from uhc_roadmap.formats.progress.labels import Labels
from uhc_roadmap.history import FileHistory, History, HistoryPoint


class MarkdownFormat(HistoryFormat):
    name = "markdown"

    def render(self, history: History) -> str:
        labels = Labels(self.options.lang)
        return "\n".join(self._file(f, labels) for f in history.files)

    def _file(self, history: FileHistory, L: Labels) -> str:
        title = L("Progress over time: %(file)s") % {"file": md.code(history.file)}
        lines = [f"## {title}", ""]
        lines += [f"> {md.escape(note)}" for note in notes(history, L.gettext)]
        if history.points:
            header = [
                L("Date"), L("Commit"), L("Completion"), L("Executed"), L("Overdue"),
                L("On track"), L("Message"),
            ]  # fmt: skip
            rows = [self._row(p, L) for p in history.points]
            lines += ["", md.table(header, rows, right=(2, 3, 4, 5))]
        return "\n".join(lines) + "\n"

    @staticmethod
    def _row(point: HistoryPoint, L: Labels) -> list[str]:
        first = [L.day(point.date.date()), md.code(point.short)]
        subject = md.escape(point.subject)
        row = point.row
        if row is None:
            gap = L.ngettext("%(n)s error", "%(n)s errors", point.errors) % {"n": point.errors}
            return [*first, gap, "", "", "", subject]
        on_track = f"{L.count(row.on_track)}/{L.count(row.assessed)}"
        figures = [L.share(row.completion), L.share(row.execution), L.count(row.overdue), on_track]
        return [*first, *figures, subject]
