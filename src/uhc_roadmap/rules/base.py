"""What a rule is: a stable code, a name, a default severity, a documented check."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.loading.sourcemap import DocPath
from uhc_roadmap.rules.context import RuleContext


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule reports: where (a document path) and what, before it is located in the file."""

    path: DocPath
    message: str
    hint: str = ""
    at_key: bool = False


class Rule:
    """A rule's class docstring is its documentation: a summary line, then ``Bad:``/``Good:``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    family: ClassVar[str]

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Yield findings for one valid roadmap. Y and S rules are checked while loading."""
        return iter(())

    @classmethod
    def summary(cls) -> str:
        doc = inspect.getdoc(cls)
        return doc.splitlines()[0] if doc else cls.name

    @classmethod
    def documentation(cls) -> str:
        return inspect.getdoc(cls) or ""


class BuiltinRule(Rule):
    """A check made by the loader (Y) or the model (S); listed and configured like any rule."""


FAMILIES = {
    "Y": "YAML",
    "S": "Schema",
    "R": "References",
    "D": "Dates",
    "T": "Status",
    "B": "Budget",
    "I": "Indicators",
    "Q": "Quality",
}
