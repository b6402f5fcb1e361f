from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import budget_lines
from uhc_roadmap.rules.context import RuleContext


class B003(Rule, name="budget-year-outside-phase", severity=Severity.WARNING):
    """A budget line's year is outside the years of the phase.

    Money planned for a year the phase does not cover cannot be spent on this roadmap; the
    year is usually mistyped, or the line belongs to another phase.

    Bad:
        phase: {id: PHASE-III, start: 2016-01-01, end: 2022-12-31}
        activities:
          - id: GOV-01
            budget:
              - {year: 2023, funder: EU, planned: 40000}
    Good:
        phase: {id: PHASE-III, start: 2016-01-01, end: 2022-12-31}
        activities:
          - id: GOV-01
            budget:
              - {year: 2022, funder: EU, planned: 40000}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        first, last = ctx.roadmap.phase.start.year, ctx.roadmap.phase.end.year
        for path, line in budget_lines(ctx):
            if not first <= line.year <= last:
                yield Finding(
                    (*path, "year"),
                    f"budget year {line.year} is outside the phase ({first}–{last})",
                    "correct the year, or move the line to the roadmap of its phase",
                )
