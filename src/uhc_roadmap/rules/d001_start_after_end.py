from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.loading.sourcemap import DocPath
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import activities
from uhc_roadmap.rules.context import RuleContext


class D001(Rule, name="start-after-end", severity=Severity.ERROR):
    """A period ends before it starts.

    Checked for the phase (whose end must come after its start), and for planned and
    actual activity dates (a one-day activity may start and end on the same day).

    Bad:
        planned: {start: 2021-06-19, end: 2021-06-17}
    Good:
        planned: {start: 2021-06-17, end: 2021-06-19}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        phase = ctx.roadmap.phase
        if phase.start >= phase.end:
            yield _finding(("phase", "end"), "the phase", phase.start, phase.end)
        for path, activity in activities(ctx):
            planned, actual = activity.planned, activity.actual
            if planned.start > planned.end:
                yield _finding((*path, "planned", "end"), activity.id, planned.start, planned.end)
            if actual and actual.start and actual.end and actual.start > actual.end:
                what = f"{activity.id} (actual)"
                yield _finding((*path, "actual", "end"), what, actual.start, actual.end)


def _finding(path: DocPath, what: str, start: date, end: date) -> Finding:
    return Finding(
        path,
        f"{what} ends on {end.isoformat()}, before it starts on {start.isoformat()}",
        "swap the dates, or correct the one that is wrong",
    )
