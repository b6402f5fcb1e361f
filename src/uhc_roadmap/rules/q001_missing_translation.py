from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, get_args

from pydantic import BaseModel, Field

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.loading.sourcemap import DocPath
from uhc_roadmap.model import Text
from uhc_roadmap.rules.base import Finding, Rule, RuleOptions
from uhc_roadmap.rules.context import RuleContext

TextField = Literal[
    "title", "summary", "name", "objective", "description", "region_labels", "unit", "value"
]
TEXT_FIELDS: tuple[TextField, ...] = get_args(TextField)


class Q001Options(RuleOptions):
    fields: list[TextField] = Field(default_factory=lambda: list(TEXT_FIELDS))
    """The Text fields checked, by name (`title` covers activities, milestones, documents...;
    `value` the texts of qualitative indicators)."""


class Q001(Rule, name="missing-translation", severity=Severity.WARNING, options=Q001Options):
    """A text is missing one of the roadmap's `languages`.

    Reports and pages are produced in every language the roadmap lists; a missing
    translation falls back to the default language in the middle of the other one. A plain
    string counts as the default language (the first of `languages`) only. Units and the
    values of qualitative indicators are texts too; a text without a letter (`unit: "%"`)
    reads the same in every language and needs no translation.

    Bad:
        languages: [fr, en]
        axes:
          - {id: GOV, title: Gouvernance}
    Good:
        languages: [fr, en]
        axes:
          - {id: GOV, title: {fr: Gouvernance, en: Governance}}
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        checked = set(self.options_as(ctx, Q001Options).fields)
        languages = ctx.roadmap.languages
        default = ctx.roadmap.default_language
        for path, field, text in texts(ctx.roadmap, (), ""):
            missing = [lang for lang in languages if lang not in text.languages(default)]
            if (
                field in checked
                and missing
                and _has_words(text)
                and not _misplaced_value(ctx, path, field)
            ):
                yield _finding(path, field, text, missing, default)


def texts(node: Any, path: DocPath, field: str) -> Iterator[tuple[DocPath, str, Text]]:
    """Every Text in a model, with its document path and the name of the field holding it."""
    if isinstance(node, Text):
        yield path, field, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from texts(getattr(node, name), (*path, name), name)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from texts(item, (*path, i), field)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from texts(value, (*path, key), field)


def _has_words(text: Text) -> bool:
    """A text with a letter: a sign such as `%` reads the same in every language."""
    return any(ch.isalpha() for value in text.values.values() for ch in value)


def _misplaced_value(ctx: RuleContext, path: DocPath, field: str) -> bool:
    """A text value of a number or percent indicator: an error of its own (I005), not a text
    to translate."""
    if field != "value" or path[:1] != ("indicators",):
        return False
    index = path[1]
    return isinstance(index, int) and ctx.roadmap.indicators[index].measure != "qualitative"


def _finding(path: DocPath, field: str, text: Text, missing: list[str], default: str) -> Finding:
    names = ", ".join(f"`{lang}`" for lang in missing)
    if text.plain:
        message = f"`{field}` is plain text, read as `{default}` only; missing {names}"
        example = ", ".join(f"{lang}: ..." for lang in (default, *missing))
        return Finding(path, message, f"write it as {{{example}}}")
    return Finding(
        path,
        f"`{field}` has no {names} text",
        "add " + ", ".join(f"`{lang}:`" for lang in missing) + ", or remove the language "
        "from `languages`",
    )
