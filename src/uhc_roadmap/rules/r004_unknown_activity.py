from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.context import RuleContext
from uhc_roadmap.rules.r002_unknown_axis import unknown


class R004(Rule):
    """A dependency or an indicator names an activity that the roadmap does not define.

    A dependency on an activity that does not exist can be neither checked nor drawn, and an
    indicator of one measures nothing. The closest defined id is suggested.

    Bad:
        - id: HRH-02
        - id: HRH-03
          depends_on: [HRH-2]
    Good:
        - id: HRH-02
        - id: HRH-03
          depends_on: [HRH-02]
    """

    code = "R004"
    name = "unknown-activity"
    severity = Severity.ERROR
    family = "R"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        known = set(ctx.activities)
        for i, activity in enumerate(ctx.roadmap.activities):
            for j, dependency in enumerate(activity.depends_on):
                if dependency not in known:
                    path = ("activities", i, "depends_on", j)
                    yield unknown(path, "activity", dependency, known)
        for i, indicator in enumerate(ctx.roadmap.indicators):
            if indicator.activity is not None and indicator.activity not in known:
                yield unknown(("indicators", i, "activity"), "activity", indicator.activity, known)
