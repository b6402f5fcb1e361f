from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.loading.sourcemap import DocPath
from uhc_roadmap.model import Phase
from uhc_roadmap.rules.base import Finding, Rule, RuleOptions
from uhc_roadmap.rules.common import activity_dates
from uhc_roadmap.rules.context import RuleContext


class D002Options(RuleOptions):
    actual: bool = True
    """Also check actual dates and milestones' `done_on` (work that overran the phase)."""


class D002(Rule, name="outside-phase", severity=Severity.WARNING, options=D002Options):
    """A planned or actual date, or a milestone, falls outside the phase.

    A roadmap describes one phase of the partnership; work dated before it starts or after
    it ends is either a typing mistake (2012 for 2021) or belongs in another phase's
    roadmap. Overrunning work is real, so this is a warning; set `actual = false` to check
    only what was planned.

    Bad:
        phase: {id: PHASE-III, start: 2016-01-01, end: 2022-12-31}
        activities:
          - id: GOV-01
            planned: {start: 2016-03-01, end: 2023-06-30}
    Good:
        phase: {id: PHASE-III, start: 2016-01-01, end: 2022-12-31}
        activities:
          - id: GOV-01
            planned: {start: 2016-03-01, end: 2022-06-30}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        with_actual = self.options_as(ctx, D002Options).actual
        phase = ctx.roadmap.phase
        for path, what, day in activity_dates(ctx, planned=True, actual=with_actual):
            if day < phase.start or day > phase.end:
                yield _finding(path, what, day, phase)


def _finding(path: DocPath, what: str, day: date, phase: Phase) -> Finding:
    side = "before the phase starts" if day < phase.start else "after the phase ends"
    bound = phase.start if day < phase.start else phase.end
    return Finding(
        path,
        f"{what} {day.isoformat()} is {side} ({bound.isoformat()})",
        "correct the date, or move this work to the roadmap of the phase it belongs to",
    )
