"""Markdown for pull-request comments and wikis: headings and pipe tables, labels translated."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from uhc_roadmap.formats.markdown import escape as md
from uhc_roadmap.formats.markdown import table
from uhc_roadmap.formats.progress.base import ProgressFormat, ProgressOptions
from uhc_roadmap.formats.progress.labels import Labels
from uhc_roadmap.progress import (
    ActivityProgress,
    BudgetProgress,
    IndicatorProgress,
    MilestoneDue,
    Portfolio,
    RoadmapProgress,
)

BAR_WIDTH = 10
Detail = tuple[str, Callable[[ActivityProgress], str]]
"""The header of an activity list's last column, and how to fill it."""


def bar(ratio: float | None) -> str:
    share = 0.0 if ratio is None else min(1.0, max(0.0, ratio))
    filled = round(share * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


class MarkdownFormat(ProgressFormat):
    name = "markdown"

    def __init__(self, options: ProgressOptions | None = None) -> None:
        super().__init__(options)
        self.labels = Labels(self.options.lang)

    def report(self, progress: RoadmapProgress) -> str:
        return "\n\n".join(self._sections(progress)) + "\n"

    def _sections(self, p: RoadmapProgress) -> Iterator[str]:
        L = self.labels
        yield f"# {md(p.country_name)} — {md(p.title)}"
        if p.funder_name:
            yield f"**{L('Funder: %(name)s (its activities and budget lines only)') % {'name': md(p.funder_name)}}**"
        yield self._summary(p)
        yield f"## {L('Axes')}\n\n{self._axes(p)}"
        yield self._activities(L("Overdue activities"), p.overdue, self._overdue)
        yield self._activities(L("Late start"), p.late_start, self._late)
        yield self._activities(L("Blocked"), p.blocked, self._blocked)
        upcoming = L.ngettext(
            "Milestones due in the next %(n)s day",
            "Milestones due in the next %(n)s days",
            p.window_days,
        )
        yield self._milestones(upcoming % {"n": L.count(p.window_days)}, p.milestones_upcoming)
        yield self._milestones(L("Late milestones"), p.milestones_late)
        yield self._budget(p.budget)
        yield self._indicators(p)

    def _summary(self, p: RoadmapProgress) -> str:
        L = self.labels
        phase = f"{L('Phase')} **{md(p.phase)}** ({L.day(p.phase_start)} – {L.day(p.phase_end)})"
        when = f"{L('Reference date')} **{L.day(p.as_of)}**"
        done = (
            f"**{L('Completion')} {L.share(p.completion.by_count)}** `{bar(p.completion.by_count)}`"
        )
        weighted = f"{L('weighted by budget')} {L.share(p.completion.by_budget)}"
        total = L.ngettext("%(n)s activity:", "%(n)s activities:", p.statuses.total)
        parts = [L.status_count(s, n) for s, n in p.statuses.items() if n]
        counts = total % {"n": L.count(p.statuses.total)} + " " + L.listing(parts)
        return f"{phase} · {when}\n\n{done} · {weighted}\n\n{counts}"

    def _axes(self, p: RoadmapProgress) -> str:
        L = self.labels
        header = [L("Axis"), L("Completion"), L("Weighted"), L("Executed"), L("Overdue")]
        header.append(L("Blocked"))
        rows = [
            [
                md(a.title),
                f"`{bar(a.completion.by_count)}` {L.share(a.completion.by_count)}",
                L.share(a.completion.by_budget),
                L.share(a.budget.execution_rate),
                L.count(a.overdue),
                L.count(a.blocked),
            ]
            for a in p.axes
        ]
        return table(header, rows, right=(2, 3, 4, 5))

    def _activities(
        self,
        title: str,
        activities: Sequence[ActivityProgress],
        detail: Detail,
    ) -> str:
        L = self.labels
        heading = f"## {title} ({L.count(len(activities))})"
        if not activities:
            return f"{heading}\n\n{L('none')}"
        header, describe = detail
        rows = [[md(a.id), md(a.title), describe(a)] for a in activities]
        return f"{heading}\n\n" + table([L("Activity"), L("Title"), header], rows)

    @property
    def _overdue(self) -> Detail:
        L = self.labels
        return L("Late by"), lambda a: f"{L.days(a.overdue_days or 0)} ({L.day(a.planned_end)})"

    @property
    def _late(self) -> Detail:
        L = self.labels
        return L("Planned start"), lambda a: L.day(a.planned_start)

    @property
    def _blocked(self) -> Detail:
        return self.labels("Waits for"), lambda a: self.labels.listing(md(b) for b in a.blocked_by)

    def _milestones(self, title: str, milestones: Sequence[MilestoneDue]) -> str:
        L = self.labels
        heading = f"## {title} ({L.count(len(milestones))})"
        if not milestones:
            return f"{heading}\n\n{L('none')}"
        rows = [[L.day(m.due), md(m.activity), md(m.title)] for m in milestones]
        return f"{heading}\n\n" + table([L("Due"), L("Activity"), L("Milestone")], rows)

    def _budget(self, b: BudgetProgress) -> str:
        L = self.labels
        heading = f"## {L('Budget by funder')}" + (f" ({b.currency})" if b.currency else "")
        header = [L("Funder"), L("Planned"), L("Committed"), L("Spent"), L("Executed")]
        found = [(md(r.label), r.figures) for r in b.by_funder] + [(f"**{L('Total')}**", b.total)]
        rows = [
            [
                label,
                L.money(f.planned, b.currency),
                L.money(f.committed, b.currency),
                L.money(f.spent, b.currency),
                L.share(f.execution_rate),
            ]
            for label, f in found
        ]
        notes = [self.labels.to_date(b), *self._budget_notes(b)]
        return f"{heading}\n\n{table(header, rows, right=(1, 2, 3, 4))}" + "".join(
            f"\n\n{n}" for n in notes
        )

    def _budget_notes(self, b: BudgetProgress) -> Iterator[str]:
        L = self.labels
        if b.cancelled.planned:
            amount = L.money(b.cancelled.planned, b.currency)
            yield L("Cancelled activities (left out): %(amount)s planned") % {"amount": amount}
        for other in b.other_currencies:
            amount = L.money(other.figures.planned, other.currency)
            yield L("Lines in %(currency)s (left out, not converted): %(amount)s planned") % {
                "currency": other.currency,
                "amount": amount,
            }

    def _indicators(self, p: RoadmapProgress) -> str:
        L = self.labels
        on_track = L("%(n)s of %(m)s on track") % {
            "n": L.count(p.indicators_on_track),
            "m": L.count(p.indicators_assessed),
        }
        heading = f"## {L('Indicators')} ({on_track})"
        if not p.indicators:
            return f"{heading}\n\n{L('none')}"
        header = [L("Indicator"), L("Baseline"), L("Latest"), L("Target"), L("Achieved")]
        header.append(L("Status"))
        rows = [self._indicator(i) for i in p.indicators]
        return f"{heading}\n\n" + table(header, rows, right=(1, 2, 3, 4))

    def _indicator(self, i: IndicatorProgress) -> list[str]:
        L = self.labels
        title = f"**{md(i.title)}**" if i.key else md(i.title)
        status = L.indicator_status(i) + (f" ({L.trend(i)})" if i.trend else "")
        where = f", {md(i.latest_region_name)}" if i.latest_region_name else ""
        if i.status == "qualitative" and i.latest is not None:
            status += f": {md(L.value(i.latest))} ({L.day(i.latest_date)}{where})"
        baseline, latest, target = L.measured_all([i.baseline, i.latest, i.target], i)
        if i.status == "qualitative":
            latest = "–"
        elif i.latest is not None and where:
            latest += f" ({md(i.latest_region_name or '')})"
        return [title, baseline, latest, target, L.share(i.achievement), status]

    def portfolio(self, portfolio: Portfolio) -> str:
        L = self.labels
        header = [L("Country"), L("Phase"), L("As of"), L("Completion"), L("Weighted")]
        header += [L("Executed"), L("Overdue"), L("Blocked"), L("On track")]
        rows = [
            [
                f"{md(r.name)} ({r.country})",
                md(r.phase),
                L.day(r.as_of),
                f"`{bar(r.completion)}` {L.share(r.completion)}",
                L.share(r.weighted_completion),
                L.share(r.execution),
                L.count(r.overdue),
                L.count(r.blocked),
                f"{L.count(r.on_track)}/{L.count(r.assessed)}",
            ]
            for r in portfolio.rows
        ]
        count = len(portfolio.rows)
        heading = L.ngettext("Portfolio: %(n)s country", "Portfolio: %(n)s countries", count)
        heading = "# " + heading % {"n": L.count(count)}
        return f"{heading}\n\n{table(header, rows, right=(4, 5, 6, 7, 8))}\n"
