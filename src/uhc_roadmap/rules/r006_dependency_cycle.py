from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.context import RuleContext


class R006(Rule, name="dependency-cycle", severity=Severity.ERROR):
    """Activities depend on each other in a circle, so none of them can start first.

    The cycle is reported once, with its path, at the dependency that closes it.

    Bad:
        - id: HRH-01
          depends_on: [HRH-02]
        - id: HRH-02
          depends_on: [HRH-01]
    Good:
        - id: HRH-01
        - id: HRH-02
          depends_on: [HRH-01]
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        graph = {
            a.id: [d for d in a.depends_on if d in ctx.activities] for a in ctx.activities.values()
        }
        for cycle in find_cycles(graph):
            start, closing = cycle[-2], cycle[-1]
            index = ctx.activities[start].depends_on.index(closing)
            path = (*ctx.activity_paths[start], "depends_on", index)
            yield Finding(
                path,
                "dependency cycle: " + " → ".join(cycle),
                "remove one of these dependencies so the chain has a beginning",
            )


def find_cycles(graph: dict[str, list[str]]) -> Iterator[list[str]]:
    """Each elementary cycle met by an iterative depth-first search, as [a, b, ..., a]."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for root in graph:
        if root in state:
            continue
        path: list[str] = [root]
        state[root] = 1
        stack: list[Iterator[str]] = [iter(graph[root])]
        while stack:
            successor = next(stack[-1], None)
            if successor is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(successor) == 1:
                yield [*path[path.index(successor) :], successor]
            elif successor not in state:
                state[successor] = 1
                path.append(successor)
                stack.append(iter(graph[successor]))
