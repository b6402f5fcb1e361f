"""What a rule is: a stable code, a name, a default severity, a documented check."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict

from uhc_roadmap.diagnostics import BUILTIN_SEVERITIES, Severity
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


FAMILIES = {
    "Y": "YAML",
    "X": "Workbook",
    "S": "Schema",
    "R": "References",
    "D": "Dates",
    "T": "Status",
    "B": "Budget",
    "I": "Indicators",
    "Q": "Quality",
}
"""The families, in the order the catalogue lists them; a code's first letter is its family."""

_CODE = re.compile(r"[A-Z][0-9]{3}")


class Rule:
    """A rule's class docstring is its documentation: a summary line, then ``Bad:``/``Good:``.

    A rule is declared as ``class B001(Rule, name="spent-above-planned",
    severity=Severity.WARNING)``, with ``options=`` naming its options model where it has one.
    The class name is the rule's code and the code's first letter its family, so that none of
    them can disagree with another.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    family: ClassVar[str]
    options_model: ClassVar[type[BaseModel] | None] = None

    def __init_subclass__(
        cls,
        *,
        name: str | None = None,
        severity: Severity | None = None,
        options: type[BaseModel] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init_subclass__(**kwargs)
        if name is None:  # a base class, such as BuiltinRule
            return
        code = cls.__name__
        if not _CODE.fullmatch(code) or code[0] not in FAMILIES:
            letters = ", ".join(FAMILIES)
            raise TypeError(f"{code}: a rule's class is named after its code, {letters} + 3 digits")
        if severity is None:
            raise TypeError(f"{code}: a rule needs a default severity")
        cls.code, cls.name, cls.family = code, name, code[0]
        cls.severity, cls.options_model = severity, options

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
    """A check made by the loader (Y) or the model (S); listed and configured like any rule.

    Its default severity is not given here but read from ``BUILTIN_SEVERITIES``, the table
    the loader and the model use when they report the code.
    """

    def __init_subclass__(cls, *, name: str | None = None, **kwargs: Any) -> None:
        if name is not None:
            if "severity" in kwargs or cls.__name__ not in BUILTIN_SEVERITIES:
                raise TypeError(f"{cls.__name__}: its severity goes in BUILTIN_SEVERITIES")
            kwargs["severity"] = BUILTIN_SEVERITIES[cls.__name__]
        super().__init_subclass__(name=name, **kwargs)
