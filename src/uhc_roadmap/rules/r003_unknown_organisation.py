from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.loading.sourcemap import DocPath
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import activities, names_of, unknown_references
from uhc_roadmap.rules.context import RuleContext


class R003(Rule, name="unknown-organisation", severity=Severity.ERROR):
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

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        references = _organisation_references(ctx)
        names = names_of((o.id, o.name) for o in ctx.roadmap.organisations)
        known = ctx.defined("organisations")
        yield from unknown_references(references, "organisation", known, names)


def _organisation_references(ctx: RuleContext) -> Iterator[tuple[DocPath, str | None]]:
    for path, activity in activities(ctx):
        yield (*path, "lead"), activity.lead
        for j, partner in enumerate(activity.partners):
            yield (*path, "partners", j), partner
        for j, line in enumerate(activity.budget):
            yield (*path, "budget", j, "funder"), line.funder
