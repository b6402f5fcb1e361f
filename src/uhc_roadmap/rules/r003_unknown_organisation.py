from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.context import RuleContext
from uhc_roadmap.rules.r002_unknown_axis import unknown


class R003(Rule):
    """A lead, partner or funder names an organisation that the roadmap does not define.

    Reports count work by lead and money by funder; an undefined id would be shown under a
    name nobody wrote. The closest defined id is suggested.

    Bad:
        organisations: [{id: MSPS, name: Ministère de la Santé, type: government}]
        activities:
          - id: GOV-01
            lead: OMS
    Good:
        organisations:
          - {id: MSPS, name: Ministère de la Santé, type: government}
          - {id: OMS, name: OMS Maroc, type: who}
    """

    code = "R003"
    name = "unknown-organisation"
    severity = Severity.ERROR
    family = "R"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        known = ctx.organisation_ids
        for i, activity in enumerate(ctx.roadmap.activities):
            base = ("activities", i)
            if activity.lead is not None and activity.lead not in known:
                yield unknown((*base, "lead"), "organisation", activity.lead, known)
            for j, partner in enumerate(activity.partners):
                if partner not in known:
                    yield unknown((*base, "partners", j), "organisation", partner, known)
            for j, line in enumerate(activity.budget):
                if line.funder not in known:
                    yield unknown(
                        (*base, "budget", j, "funder"), "organisation", line.funder, known
                    )
