"""The three charts of a document, drawn from its view-model on first use.

Templates write ``{{ charts.timeline }}``; a Markdown template that never asks pays nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cached_property

from markupsafe import Markup

from uhc_roadmap.i18n.languages import language
from uhc_roadmap.render import charts, labels
from uhc_roadmap.render.filters import Filters
from uhc_roadmap.render.views import ActivityView, DocumentContext, MilestoneView


class DocumentCharts:
    """SVG charts for one document, in its language."""

    def __init__(
        self, context: DocumentContext, gettext: Callable[[str], str], filters: Filters
    ) -> None:
        self._context = context
        self._ = gettext
        self._filters = filters

    def _caption(self, key: str, title: str, desc: str) -> charts.Caption:
        return charts.Caption(key, self._(title), self._(desc))

    def _facing(self, svg: Markup) -> Markup:
        """The chart as the document's readers read: mirrored for a right-to-left language."""
        return charts.mirror(svg) if language(self._filters.lang).direction == "rtl" else svg

    @cached_property
    def timeline(self) -> Markup:
        ctx = self._context
        groups = [
            charts.TimelineGroup(
                f"{a.id} – {a.title.text}", tuple(self._bar(x) for x in a.activities)
            )
            for a in ctx.axes
            if a.activities
        ]
        reference = self._(labels.REFERENCE_DATE) % {
            "date": self._filters.date(ctx.as_of, "medium")
        }
        used = {a.status for a in ctx.activities}
        legend = [(s, ctx.status_labels[s]) for s in labels.STATUSES if s in used]
        bars = [bar for group in groups for bar in group.bars]
        marks = [
            (kind, self._(label))
            for kind, label, shown in (
                ("overdue", labels.LEGEND_OVERDUE, any(b.overdue_until for b in bars)),
                ("reached", labels.MILESTONE_DONE, any(m.done for b in bars for m in b.milestones)),
                (
                    "pending",
                    labels.MILESTONE_OPEN,
                    any(not m.done for b in bars for m in b.milestones),
                ),
                (
                    "late",
                    labels.LEGEND_MILESTONE_LATE,
                    any(m.late for b in bars for m in b.milestones),
                ),
                (
                    "slip",
                    labels.LEGEND_SLIP,
                    any(m.done_on not in (None, m.due) for b in bars for m in b.milestones),
                ),
            )
            if shown
        ]
        caption = self._caption("timeline", labels.CHART_TIMELINE, labels.CHART_TIMELINE_DESC)
        return self._facing(
            charts.timeline(caption, groups, self._span(), (ctx.as_of, reference), legend, marks)
        )

    def _bar(self, activity: ActivityView) -> charts.TimelineBar:
        as_of = self._context.as_of
        closed = activity.status in ("completed", "cancelled")
        marks = tuple(self._milestone(m, as_of, closed) for m in activity.milestones)
        days = activity.figures.overdue_days
        return charts.TimelineBar(
            activity.id,
            activity.title.text,
            activity.planned_start,
            activity.planned_end,
            activity.status,
            activity.status_label,
            activity.figures.completion,
            marks,
            overdue_until=as_of if days is not None else None,
            note=self._(labels.OVERDUE_DAYS) % {"days": days} if days is not None else "",
        )

    def _milestone(self, m: MilestoneView, as_of: date, closed: bool) -> charts.MilestoneMark:
        """A milestone as the chart draws it: reached (by the reference date) where it was
        reached, else at its due date, late when that date has passed and the activity is
        still open (closed work has nothing left to deliver, as in docs/figures.md)."""
        reached = m.done_on is not None and m.done_on <= as_of
        due = self._filters.date(m.due, "medium")
        if reached and m.done_on is not None and m.done_on != m.due:
            when = self._(labels.MILESTONE_REACHED_ON) % {
                "due": due,
                "date": self._filters.date(m.done_on, "medium"),
            }
        else:
            state = labels.MILESTONE_DONE if reached else labels.MILESTONE_OPEN
            when = f"{due}, {self._(state)}"
        return charts.MilestoneMark(
            m.due,
            reached,
            f"{m.title.text} ({when})",
            m.done_on if reached else None,
            late=not reached and not closed and m.due < as_of,
        )

    def _span(self) -> tuple[date, date]:
        """The phase, widened to every planned date and the reference date (layout only)."""
        ctx = self._context
        starts = [ctx.roadmap.phase_start, ctx.as_of, *(a.planned_start for a in ctx.activities)]
        ends = [ctx.roadmap.phase_end, ctx.as_of, *(a.planned_end for a in ctx.activities)]
        return min(starts), max(ends)

    @cached_property
    def axes(self) -> Markup:
        rows = [
            charts.ValueBar(
                f"{a.id} – {a.title.text}",
                (a.figures.completion.by_count or 0.0,),
                (self._filters.percent(a.figures.completion.by_count),),
            )
            for a in self._context.axes
        ]
        caption = self._caption("axes", labels.CHART_AXES, labels.CHART_AXES_DESC)
        return self._facing(charts.bars(caption, rows, [(self._(labels.CHART_AXES), "#0969da")]))

    @cached_property
    def budget(self) -> Markup:
        funders = self._context.budget_by_funder
        longest = max((r.figures.planned for r in funders), default=0.0) or 1.0
        rows = [
            charts.ValueBar(
                r.label.text,
                (r.figures.planned / longest, r.figures.spent / longest),
                (self._filters.money(r.figures.planned), self._filters.money(r.figures.spent)),
            )
            for r in funders
        ]
        series = [
            (self._(labels.PLANNED), charts.PLANNED_FILL),
            (self._(labels.SPENT), charts.SPENT_FILL),
        ]
        caption = self._caption("budget", labels.CHART_BUDGET, labels.CHART_BUDGET_DESC)
        return self._facing(charts.bars(caption, rows, series))
