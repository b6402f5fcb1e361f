from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.model.types import OrganisationType
from uhc_roadmap.rules.base import Finding, Rule, RuleOptions
from uhc_roadmap.rules.common import budget_lines
from uhc_roadmap.rules.context import RuleContext


def _funding_types() -> list[OrganisationType]:
    return ["funder", "who", "government", "un_agency", "ngo"]


class B006Options(RuleOptions):
    types: list[OrganisationType] = Field(default_factory=_funding_types)
    """Organisation types that are expected to fund budget lines."""


class B006(Rule, name="budget-funder-not-funder", severity=Severity.INFO, options=B006Options):
    """A budget line's funder is an organisation that does not usually fund (e.g. academic).

    Budget lines are counted by funder in reports. An implementing partner named as the
    funder (a school of public health, a twinned hospital) usually means the line was
    filled in with the wrong id. Real exceptions exist, so this is only info, and the
    accepted types are an option.

    Bad:
        organisations:
          - {id: EU, name: Union européenne, type: funder}
          - {id: ENSP, name: École nationale de santé publique, type: academic}
        activities:
          - id: HRH-01
            budget:
              - {year: 2017, funder: ENSP, planned: 90000}
    Good:
        organisations:
          - {id: EU, name: Union européenne, type: funder}
          - {id: ENSP, name: École nationale de santé publique, type: academic}
        activities:
          - id: HRH-01
            budget:
              - {year: 2017, funder: EU, planned: 90000}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        accepted = set(self.options_as(ctx, B006Options).types)
        types = {org.id: org.type for org in reversed(ctx.roadmap.organisations)}
        for path, line in budget_lines(ctx):
            kind = types.get(line.funder)
            if kind is not None and kind not in accepted:
                yield Finding(
                    (*path, "funder"),
                    f"funder `{line.funder}` is an organisation of type `{kind}`",
                    "name the organisation that provides the money, or change its `type`",
                )
