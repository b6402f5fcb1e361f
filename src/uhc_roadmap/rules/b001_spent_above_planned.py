from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.loading.sourcemap import DocPath
from uhc_roadmap.model import BudgetLine
from uhc_roadmap.rules.base import Finding, Rule, RuleOptions
from uhc_roadmap.rules.context import RuleContext


class OverrunOptions(RuleOptions):
    tolerance: float = Field(default=0, ge=0, allow_inf_nan=False)
    """Percent above the planned amount that is accepted without a finding."""


def amount(value: float) -> str:
    """An amount as people write it: 12,500 or 12,500.5."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def over(value: float, limit: float, tolerance: float) -> bool:
    return value > limit * (1 + tolerance / 100)


def overruns(
    ctx: RuleContext, field: str, limit_field: str, tolerance: float
) -> Iterator[tuple[DocPath, BudgetLine, float, float]]:
    """Budget lines whose ``field`` exceeds ``limit_field`` beyond the tolerance (B001, B002, B005)."""
    for i, activity in enumerate(ctx.roadmap.activities):
        for j, line in enumerate(activity.budget):
            value, limit = getattr(line, field), getattr(line, limit_field)
            if value is not None and limit is not None and over(value, limit, tolerance):
                yield ("activities", i, "budget", j, field), line, value, limit


class B001(Rule):
    """A budget line has spent more than was planned.

    Overspending happens (exchange rates, a larger workshop) but should be a decision, not
    a typing slip of a digit; budget execution rates above 100 % also distort reports.
    `tolerance` (percent) accepts small overruns.

    Bad:
        budget:
          - {year: 2018, funder: EU, planned: 50000, spent: 62000}
    Good:
        budget:
          - {year: 2018, funder: EU, planned: 50000, spent: 48000}
    """

    code = "B001"
    name = "spent-above-planned"
    severity = Severity.WARNING
    family = "B"
    options_model = OverrunOptions

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tolerance = self.options_as(ctx, OverrunOptions).tolerance
        for path, line, spent, planned in overruns(ctx, "spent", "planned", tolerance):
            yield Finding(
                path,
                f"spent {amount(spent)} is more than the {amount(planned)} "
                f"planned for {line.year} ({line.funder})",
                "check the amounts, or raise `planned` if the budget was revised",
            )
