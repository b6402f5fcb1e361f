"""The terminal report, drawn with Rich: header, axes with bars, lists, budget, indicators.

On a terminal it uses Unicode bars and rules (and colour unless NO_COLOR); anywhere else it
is plain ASCII text of at most ``width`` columns, with no escape codes. Text from the roadmap
is drawn through ``formats.terminal.safe_strings``: a right-to-left override in a title is
shown as ``\\u202e``, never obeyed by the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from io import StringIO

from rich import box
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from uhc_roadmap.formats.progress.base import ProgressFormat, ProgressOptions
from uhc_roadmap.formats.progress.labels import Labels
from uhc_roadmap.formats.terminal import safe_strings
from uhc_roadmap.progress import (
    ActivityProgress,
    BudgetProgress,
    IndicatorProgress,
    MilestoneDue,
    Portfolio,
    RoadmapProgress,
)

ASCII_BOX = box.Box("    \n    \n -- \n    \n    \n -- \n    \n    \n", ascii=True)
"""Like box.SIMPLE_HEAD in ASCII: one dashed rule under the header, nothing else."""
BAR_WIDTH = 10
FLEX_MIN_WIDTH = 16
"""The wrapping column (titles) keeps at least this width, so that it never reads vertically."""
TRACK_STYLES = {"on_track": "green", "off_track": "red"}


class TableFormat(ProgressFormat):
    name = "table"

    def __init__(self, options: ProgressOptions | None = None) -> None:
        super().__init__(options)
        self.labels = Labels(self.options.lang)

    # -- drawing --------------------------------------------------------------------------

    def _draw(self, blocks: Iterator[RenderableType]) -> str:
        buffer = StringIO()
        console = Console(
            file=buffer,
            width=self.options.width,
            force_terminal=self.options.color,
            color_system="standard" if self.options.color else None,
            no_color=not self.options.color,
            highlight=False,
            markup=False,
            emoji=False,
            legacy_windows=False,
        )
        for block in blocks:
            console.print(block)
        text = buffer.getvalue()
        if self.options.color:
            return text
        return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"

    def _table(
        self, *columns: tuple[str, str], expand: bool = True, header: bool = True, flex: int = 0
    ) -> Table:
        """A table of (header, justify) columns; column ``flex`` wraps and takes the slack."""
        table = Table(
            box=box.SIMPLE_HEAD if self.options.terminal else ASCII_BOX,
            show_edge=False,
            show_header=header,
            pad_edge=False,
            expand=expand,
            header_style="bold" if self.options.color else "",
        )
        for index, (title, justify) in enumerate(columns):
            flexible = index == flex
            table.add_column(
                title,
                justify=justify,  # type: ignore[arg-type]
                ratio=1 if flexible else None,
                min_width=FLEX_MIN_WIDTH if flexible else None,
                no_wrap=not flexible,
                overflow="fold",
            )
        return table

    def _bar(self, ratio: float | None, width: int = BAR_WIDTH) -> Text:
        share = 0.0 if ratio is None else min(1.0, max(0.0, ratio))
        filled = round(share * width)
        full, empty = ("█", "░") if self.options.terminal else ("#", ".")
        bar = Text(full * filled, style="green" if self.options.color else "")
        bar.append(empty * (width - filled), style="dim" if self.options.color else "")
        return bar

    def _star(self) -> str:
        return "★ " if self.options.terminal else "* "

    def _heading(self, title: str) -> Text:
        return Text("\n" + title, style="bold" if self.options.color else "")

    def _dim(self, text: str) -> Text:
        return Text(text, style="dim" if self.options.color else "")

    # -- one country ----------------------------------------------------------------------

    def report(self, progress: RoadmapProgress) -> str:
        return self._draw(self._blocks(safe_strings(progress)))

    def _blocks(self, p: RoadmapProgress) -> Iterator[RenderableType]:
        yield from self._header(p)
        yield from self._axes(p)
        yield from self._activity_list(_("Overdue activities"), p.overdue, self._overdue_row)
        yield from self._activity_list(_("Late start"), p.late_start, self._late_row)
        yield from self._activity_list(_("Blocked"), p.blocked, self._blocked_row)
        yield from self._milestones(p)
        yield from self._budget(p.budget)
        yield from self._indicators(p)

    def _header(self, p: RoadmapProgress) -> Iterator[RenderableType]:
        L = self.labels
        yield Text(
            f"{p.country_name} ({p.country}) · {p.title}",
            style="bold" if self.options.color else "",
        )
        if p.funder_name:
            yield Text(
                L("Funder: %(name)s (its activities and budget lines only)")
                % {"name": p.funder_name}
            )
        phase = f"{L('Phase')} {p.phase} ({L.day(p.phase_start)} – {L.day(p.phase_end)})"
        when = f"{L('Reference date')} {L.day(p.as_of)}"
        yield Text(_wrap(phase, [when], self.options.width, " ·"))
        line = Text(f"{L('Completion')} ")
        line.append(self._bar(p.completion.by_count, 20))
        line.append(f" {L.share(p.completion.by_count)}")
        line.append(f" · {L('weighted by budget')} {L.share(p.completion.by_budget)}")
        yield line
        yield self._status_summary(p)

    def _status_summary(self, p: RoadmapProgress) -> Text:
        L = self.labels
        total = L.ngettext("%(n)s activity:", "%(n)s activities:", p.statuses.total)
        parts = [L.status_count(s, n) for s, n in p.statuses.items() if n]
        lead = total % {"n": L.count(p.statuses.total)}
        if parts:
            lead, parts = f"{lead} {parts[0]}", parts[1:]
        return Text(_wrap(lead, parts, self.options.width))

    def _axes(self, p: RoadmapProgress) -> Iterator[RenderableType]:
        L = self.labels
        yield self._heading(L("Axes"))
        table = self._table(
            (L("Axis"), "left"),
            (L("Completion"), "left"),
            (L("Weighted"), "right"),
            (L("Executed"), "right"),
            (L("Overdue"), "right"),
            (L("Blocked"), "right"),
        )
        for axis in p.axes:
            done = self._bar(axis.completion.by_count)
            done.append(f" {L.share(axis.completion.by_count)}")
            table.add_row(
                axis.title,
                done,
                L.share(axis.completion.by_budget),
                L.share(axis.budget.execution_rate),
                L.count(axis.overdue),
                L.count(axis.blocked),
            )
        yield table

    def _activity_list(
        self,
        title: str,
        activities: Sequence[ActivityProgress],
        why: Callable[[ActivityProgress], str],
    ) -> Iterator[RenderableType]:
        L = self.labels
        yield self._heading(f"{L(title)} ({L.count(len(activities))})")
        if not activities:
            yield self._dim(L("none"))
            return
        columns = (("", "left"), ("", "left"), ("", "right"))
        table = self._table(*columns, header=False, flex=1)
        for activity in activities:
            table.add_row(activity.id, activity.title, why(activity))
        yield table

    def _overdue_row(self, a: ActivityProgress) -> str:
        L = self.labels
        days = L.days(a.overdue_days or 0)
        return L("%(days)s late, due %(day)s") % {"days": days, "day": L.day(a.planned_end)}

    def _late_row(self, a: ActivityProgress) -> str:
        L = self.labels
        return L("due to start %(day)s") % {"day": L.day(a.planned_start)}

    def _blocked_row(self, a: ActivityProgress) -> str:
        return self.labels("waits for %(ids)s") % {"ids": self.labels.listing(a.blocked_by)}

    def _milestones(self, p: RoadmapProgress) -> Iterator[RenderableType]:
        L = self.labels
        title = L.ngettext(
            "Milestones due in the next %(n)s day",
            "Milestones due in the next %(n)s days",
            p.window_days,
        )
        yield from self._milestone_list(
            title % {"n": L.count(p.window_days)}, p.milestones_upcoming
        )
        yield from self._milestone_list(L("Late milestones"), p.milestones_late)

    def _milestone_list(
        self, title: str, milestones: Sequence[MilestoneDue]
    ) -> Iterator[RenderableType]:
        L = self.labels
        yield self._heading(f"{title} ({L.count(len(milestones))})")
        if not milestones:
            yield self._dim(L("none"))
            return
        table = self._table(
            (L("Due"), "left"), (L("Activity"), "left"), (L("Milestone"), "left"), flex=2
        )
        for m in milestones:
            table.add_row(L.day(m.due), m.activity, m.title)
        yield table

    def _budget(self, budget: BudgetProgress) -> Iterator[RenderableType]:
        L = self.labels
        currency = budget.currency or ""
        yield self._heading(
            f"{L('Budget by funder')} ({currency})" if currency else L("Budget by funder")
        )
        table = self._table(
            (L("Funder"), "left"),
            (L("Planned"), "right"),
            (L("Committed"), "right"),
            (L("Spent"), "right"),
            (L("Executed"), "right"),
        )
        rows = [(r.label, r.figures) for r in budget.by_funder]
        for label, figures in [*rows, (L("Total"), budget.total)]:
            table.add_row(
                label,
                L.money(figures.planned, budget.currency),
                L.money(figures.committed, budget.currency),
                L.money(figures.spent, budget.currency),
                L.share(figures.execution_rate),
            )
        yield table
        first, *words = L.to_date(budget).split(" ")
        yield Text(_wrap(first, words, self.options.width, separator=""))
        yield from self._budget_notes(budget)

    def _budget_notes(self, budget: BudgetProgress) -> Iterator[RenderableType]:
        L = self.labels
        if budget.cancelled.planned:
            amount = L.money(budget.cancelled.planned, budget.currency)
            yield self._dim(
                L("Cancelled activities (left out): %(amount)s planned") % {"amount": amount}
            )
        for other in budget.other_currencies:
            amount = L.money(other.figures.planned, other.currency)
            yield self._dim(
                L("Lines in %(currency)s (left out, not converted): %(amount)s planned")
                % {"currency": other.currency, "amount": amount}
            )

    def _indicators(self, p: RoadmapProgress) -> Iterator[RenderableType]:
        L = self.labels
        on_track = L("%(n)s of %(m)s on track") % {
            "n": L.count(p.indicators_on_track),
            "m": L.count(p.indicators_assessed),
        }
        yield self._heading(f"{L('Indicators')} ({on_track})")
        if not p.indicators:
            yield self._dim(L("none"))
        if any(i.key for i in p.indicators):
            yield self._dim(f"{self._star()}{L('key indicator')}")
        for indicator in p.indicators:
            yield from self._indicator(indicator)

    def _indicator(self, i: IndicatorProgress) -> Iterator[RenderableType]:
        """The title, then baseline -> latest -> target and the verdict, indented beneath."""
        unit = f" ({i.unit})" if i.unit and i.measure != "percent" else ""
        title = Text(i.title + unit, style="bold" if self.options.color and i.key else "")
        grid = Table.grid()
        grid.add_column(width=2, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(self._star() if i.key else "", title)
        grid.add_row("", Padding(self._indicator_figures(i), (0, 0, 0, 2)))
        yield grid

    def _indicator_figures(self, i: IndicatorProgress) -> Text:
        L = self.labels
        if i.status == "qualitative":
            if i.latest is None:
                return Text(L("no data"))
            where = f", {i.latest_region_name}" if i.latest_region_name else ""
            return Text(f"{L.value(i.latest)} ({L.day(i.latest_date)}{where})")
        arrow = " → " if self.options.terminal else " -> "
        values = L.measured_all([i.baseline, i.latest, i.target], i)
        if i.latest_region_name and i.latest is not None:
            values[1] += f" ({i.latest_region_name})"
        line = Text(arrow.join(values) + f" {L('by')} {L.day(i.target_date)}")
        if i.achievement is not None:
            line.append(" · " + L("%(share)s achieved") % {"share": L.share(i.achievement)})
        line.append(" · ")
        line.append(
            L.indicator_status(i),
            style=TRACK_STYLES.get(i.status, "") if self.options.color else "",
        )
        if i.trend:
            line.append(f", {L.trend(i)}")
        return line

    # -- the portfolio ----------------------------------------------------------------------

    def portfolio(self, portfolio: Portfolio) -> str:
        return self._draw(self._portfolio_blocks(safe_strings(portfolio)))

    def _portfolio_blocks(self, portfolio: Portfolio) -> Iterator[RenderableType]:
        L = self.labels
        count = len(portfolio.rows)
        heading = L.ngettext("Portfolio: %(n)s country", "Portfolio: %(n)s countries", count)
        yield Text(
            heading % {"n": L.count(count)},
            style="bold" if self.options.color else "",
        )
        table = self._table(
            (L("Country"), "left"),
            (L("As of"), "left"),
            (L("Completion"), "left"),
            (L("Executed"), "right"),
            (L("Overdue"), "right"),
            (L("On track"), "right"),
        )
        # Where the labels are long (French at 80 columns), the headers of the number columns
        # wrap onto two lines, never a country's name inside a word ("Kazakhst / an"): the
        # name column takes no ratio, which Rich would shrink first, and the number columns
        # may wrap (only their headers are wider than their figures).
        table.columns[0].ratio = table.columns[0].min_width = None
        for column in table.columns[3:]:
            column.no_wrap = False
        for row in portfolio.rows:
            done = self._bar(row.completion)
            done.append(f" {L.share(row.completion)}")
            table.add_row(
                f"{row.name} ({row.country})",
                L.day(row.as_of),
                done,
                L.share(row.execution),
                L.count(row.overdue),
                f"{L.count(row.on_track)}/{L.count(row.assessed)}",
            )
        yield table


def _wrap(first: str, parts: Sequence[str], width: int, separator: str = ",") -> str:
    """``first`` then the parts, broken between parts and never inside one.

    A comma stays at the end of a broken line, as in prose; a middle dot is dropped there.
    With an empty ``separator`` the parts are words, joined by a space.
    """
    lines = [first]
    for part in parts:
        joined = f"{lines[-1]}{separator} {part}"
        if len(joined) <= width:
            lines[-1] = joined
            continue
        if separator == ",":
            lines[-1] += separator
        lines.append(part)
    return "\n".join(lines)


def _(message: str) -> str:
    """Marks a msgid for extraction; it is translated where it is shown (``Labels``)."""
    return message
