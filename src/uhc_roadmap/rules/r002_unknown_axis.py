from __future__ import annotations

import difflib
from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.context import RuleContext


class R002(Rule):
    """An activity or indicator names an axis that the roadmap does not define.

    An activity outside every defined axis is missing from all per-axis figures. The closest
    defined id is suggested.

    Bad:
        axes: [{id: GOV, title: Gouvernance}]
        activities:
          - id: FIN-01
            axis: FIN
    Good:
        axes: [{id: GOV, title: Gouvernance}, {id: FIN, title: Financement}]
    """

    code = "R002"
    name = "unknown-axis"
    severity = Severity.ERROR
    family = "R"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for i, activity in enumerate(ctx.roadmap.activities):
            if activity.axis not in ctx.axis_ids:
                yield unknown(("activities", i, "axis"), "axis", activity.axis, ctx.axis_ids)
        for i, indicator in enumerate(ctx.roadmap.indicators):
            if indicator.axis is not None and indicator.axis not in ctx.axis_ids:
                yield unknown(("indicators", i, "axis"), "axis", indicator.axis, ctx.axis_ids)


def unknown(
    path: tuple[str | int, ...], kind: str, ident: str, known: frozenset[str] | set[str]
) -> Finding:
    """A finding for a reference to an id that is not defined, with the closest known id."""
    close = difflib.get_close_matches(ident, sorted(known), n=1, cutoff=0.6)
    hint = f"did you mean `{close[0]}`?" if close else _known(kind, known)
    return Finding(path, f"unknown {kind} `{ident}`", hint)


def _known(kind: str, known: frozenset[str] | set[str]) -> str:
    if not known:
        return f"no {kind} is defined in this roadmap"
    shown = ", ".join(sorted(known)[:12])
    more = ", ..." if len(known) > 12 else ""
    return f"known {kind} ids: {shown}{more}"
