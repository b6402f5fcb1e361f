from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import activity_dates
from uhc_roadmap.rules.context import RuleContext


class D003(Rule, name="after-reference-date", severity=Severity.WARNING):
    """An actual date, or a milestone's `done_on`, is after the reference date.

    Actual dates record what has happened; at the reference date (`--as-of`, else the
    roadmap's `as_of`, else today) nothing can have happened later. Usually a planned date
    was typed in `actual`, or `as_of` was not moved forward with the data.

    Bad:
        as_of: 2021-09-30
        activities:
          - id: PHC-03
            status: ongoing
            actual: {start: 2021-10-15}
    Good:
        as_of: 2021-09-30
        activities:
          - id: PHC-03
            status: ongoing
            actual: {start: 2021-06-17}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        reference = ctx.reference_date
        for path, what, day in activity_dates(ctx, planned=False, actual=True):
            if day > reference:
                yield Finding(
                    path,
                    f"{what} {day.isoformat()} is after the reference date {reference.isoformat()}",
                    "an actual date records what has happened: correct it, or move `as_of` forward",
                )
