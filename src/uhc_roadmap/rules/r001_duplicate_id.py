from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.loading.sourcemap import DocPath
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.context import RuleContext


class R001(Rule, name="duplicate-id", severity=Severity.ERROR):
    """An id is used twice in the file.

    Ids are unique across the whole file (phase, organisations, axes, activities, milestones,
    indicators, region groups), so that any reference names exactly one thing.

    Bad:
        activities:
          - id: HRH-01
            ...
          - id: HRH-01
    Good:
        activities:
          - id: HRH-01
            ...
          - id: HRH-02
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        first: dict[str, DocPath] = {}
        for ident, path, at_key in ctx.all_ids():
            if ident not in first:
                first[ident] = path
                continue
            yield Finding(
                path,
                f"id `{ident}` is already used at line {ctx.line_of(first[ident])}",
                "give each activity, axis, organisation, milestone and indicator its own id",
                at_key=at_key,
            )
