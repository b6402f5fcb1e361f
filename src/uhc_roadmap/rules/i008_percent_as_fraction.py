from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.loading.sourcemap import DocPath
from uhc_roadmap.model.written import shown
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import measured_values
from uhc_roadmap.rules.context import RuleContext


class I008(Rule, name="percent-as-fraction", severity=Severity.WARNING):
    """A value of a percent indicator is written as a fraction (0.28 for 28 %).

    Spreadsheets show 28 % and store 0.28; pasted into a roadmap, the value is read as 0.28 %
    and the indicator seems to have collapsed. Reported when a value is below 1, the
    indicator's other values are not, and the value read as a percentage (×100) lies among
    them; a rate that really is below 1 % among others of that size is not reported.

    Bad:
        indicators:
          - id: IND-COV
            measure: percent
            baseline: {value: 20, date: 2016-12-31}
            target: {value: 45, date: 2022-12-31}
            values:
              - {date: 2020-12-31, value: 0.28}
    Good:
        indicators:
          - id: IND-COV
            measure: percent
            baseline: {value: 20, date: 2016-12-31}
            target: {value: 45, date: 2022-12-31}
            values:
              - {date: 2020-12-31, value: 28}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        by_indicator: dict[DocPath, list[tuple[DocPath, str, float]]] = {}
        for path, indicator, what, value in measured_values(ctx):
            if indicator.measure == "percent" and isinstance(value, int | float):
                by_indicator.setdefault(path[:2], []).append((path, what, value))
        for values in by_indicator.values():
            yield from _fractions(values)


def _fractions(values: list[tuple[DocPath, str, float]]) -> Iterator[Finding]:
    others = [v for _, _, v in values if v >= 1]
    if not others:  # all below 1: a small rate, or fractions throughout (I002 explains)
        return
    low, high = min(others), max(others)
    for path, what, value in values:
        percent = round(value * 100, 10)
        if 0 < value < 1 and low / 2 <= percent <= min(100, high * 2):
            words = {
                "what": what,
                "value": shown(value),
                "low": shown(low),
                "high": shown(high),
                "percent": shown(percent),
            }
            yield Finding(path, MESSAGE % words, HINT % words)


# A message and a hint as single strings with named placeholders, ready for a catalog.
MESSAGE = (
    "%(what)s is %(value)s on a percent indicator whose other values are %(low)s to %(high)s: "
    "a fraction written for %(percent)s %%?"
)
HINT = "write `value: %(percent)s`: percentages are written from 0 to 100"
