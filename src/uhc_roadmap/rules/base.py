"""What a rule is: a stable code, a name, a default severity, a documented check."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict

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


OptionsT = TypeVar("OptionsT", bound=BaseModel)


class RuleOptions(BaseModel):
    """Base of the rules' options models: a misspelt option is an error, not silently ignored."""

    # A field's docstring documents it (rules/docs.py reads them for the documentation).
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Rule:
    """A rule's class docstring is its documentation: a summary line, then ``Bad:``/``Good:``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    family: ClassVar[str]
    options_model: ClassVar[type[BaseModel] | None] = None

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Yield findings for one valid roadmap. Y and S rules are checked while loading."""
        return iter(())

    @classmethod
    def options(cls, ctx: RuleContext) -> BaseModel | None:
        """This rule's options from configuration, validated; the defaults when none are set.

        Configuration is validated against ``options_model`` when it is loaded, so a mistake
        there is reported once, before any file is checked.
        """
        if cls.options_model is None:
            return None
        return cls.options_model.model_validate(ctx.options_for(cls.code))

    @classmethod
    def options_as(cls, ctx: RuleContext, model: type[OptionsT]) -> OptionsT:
        """``options(ctx)`` typed as the rule's own model, for use inside ``check``."""
        found = cls.options(ctx)
        if not isinstance(found, model):
            raise TypeError(f"{cls.code}: options_model is not {model.__name__}")
        return found

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
