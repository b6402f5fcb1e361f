from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import amount, budget_lines
from uhc_roadmap.rules.context import RuleContext


class B004(Rule, name="negative-amount", severity=Severity.ERROR):
    """A planned, committed or spent amount is negative.

    Amounts are money put into the activity; a refund or a cut is shown by a smaller
    amount, not a negative one, which would turn totals and execution rates upside down.

    Bad:
        budget:
          - {year: 2019, funder: EU, planned: -20000}
    Good:
        budget:
          - {year: 2019, funder: EU, planned: 20000}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for path, line in budget_lines(ctx):
            for field in ("planned", "committed", "spent"):
                value = getattr(line, field)
                if value is not None and value < 0:
                    yield Finding(
                        (*path, field),
                        f"`{field}` is negative ({amount(value)})",
                        "amounts are 0 or more; show a cut by lowering the amount",
                    )
