"""Rule documentation from the rules themselves: `uhc-roadmap rules` and docs/rules.md.

The docstrings are the single source, so the command, the JSON listing and the Markdown
page cannot disagree with what a rule says about itself.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
import types
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin

from pydantic.fields import FieldInfo

from uhc_roadmap.formats.markdown import with_code
from uhc_roadmap.rules import ALL_RULES, FAMILIES, RETIRED, Rule


def fix_of(rule: type[Rule]) -> str | None:
    """What ``validate --fix`` does for this rule's findings, if it fixes them."""
    from uhc_roadmap.editing.fixes import FIXABLE

    return FIXABLE.get(rule.code)


EXAMPLES_NOTE = (
    "Examples show only the lines that matter. A mapping of top-level fields is a roadmap; "
    "activity or indicator fields belong to one activity or indicator; items of `activities`, "
    "`indicators`, `axes`, `organisations`, `milestones` and `budget` are complete apart from "
    "what is shown; `...` stands for lines left out. Everything not shown is assumed valid."
)


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """A rule's docstring cut into its parts."""

    summary: str
    body: str
    bad: str
    good: str


@dataclass(frozen=True, slots=True)
class OptionDoc:
    name: str
    type: str
    default: str
    description: str


def parse_doc(rule: type[Rule]) -> RuleDoc:
    """Summary line, explanation, and the ``Bad:`` and ``Good:`` examples (dedented)."""
    lines = rule.documentation().splitlines()
    summary = lines[0].strip() if lines else rule.name
    sections: dict[str, list[str]] = {"body": [], "Bad:": [], "Good:": []}
    current = "body"
    for line in lines[1:]:
        if line.strip() in ("Bad:", "Good:") and not line.startswith(" "):
            current = line.strip()
            continue
        sections[current].append(line)
    return RuleDoc(
        summary=summary,
        body="\n".join(sections["body"]).strip(),
        bad=textwrap.dedent("\n".join(sections["Bad:"])).strip("\n"),
        good=textwrap.dedent("\n".join(sections["Good:"])).strip("\n"),
    )


def option_docs(rule: type[Rule]) -> list[OptionDoc]:
    """The rule's options (name, type, default, description) from its options model."""
    if rule.options_model is None:
        return []
    notes = attribute_docstrings(rule.options_model)
    return [
        OptionDoc(
            name,
            _type_name(info.annotation),
            _default(info),
            info.description or notes.get(name, ""),
        )
        for name, info in rule.options_model.model_fields.items()
    ]


def attribute_docstrings(model: type) -> dict[str, str]:
    """Each field's docstring: the string literal on the lines under the field.

    Read here, for the documentation only: pydantic's ``use_attribute_docstrings`` would read
    every options model's source each time the rules are imported (~6 ms of every run).
    """
    try:
        source = textwrap.dedent(inspect.getsource(model))
    except (OSError, TypeError):
        return {}
    body = next(n for n in ast.parse(source).body if isinstance(n, ast.ClassDef)).body
    found = {}
    for node, after in itertools.pairwise(body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            found[node.target.id] = inspect.cleandoc(after.value.value)
    return found


def rule_info(rule: type[Rule]) -> dict[str, Any]:
    """One rule as plain data, for `uhc-roadmap rules --format json`."""
    doc = parse_doc(rule)
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "family": FAMILIES[rule.family],
        "summary": doc.summary,
        "description": doc.body,
        "bad": doc.bad,
        "good": doc.good,
        "options": [_option_dict(option) for option in option_docs(rule)],
        "fixable": fix_of(rule),
    }


def _option_dict(option: OptionDoc) -> dict[str, str]:
    return {
        "name": option.name,
        "type": option.type,
        "default": option.default,
        "description": option.description,
    }


def listing(rules: tuple[type[Rule], ...] = ALL_RULES) -> str:
    """One aligned line per rule: code, severity, name, summary."""
    width = max(len(rule.name) for rule in rules)
    lines = [
        f"{rule.code}  {rule.severity.value:<7}  {rule.name:<{width}}  {rule.summary()}"
        + (" [fixable]" if fix_of(rule) else "")
        for rule in rules
    ]
    return "\n".join(lines) + "\n"


def explain(rule: type[Rule]) -> str:
    """The full documentation of one rule, as plain text for a terminal."""
    doc = parse_doc(rule)
    parts = [
        f"{rule.code} {rule.name} ({rule.severity.value}, {FAMILIES[rule.family].lower()})",
        doc.summary,
    ]
    if doc.body:
        parts.append(doc.body)
    if fix_of(rule):
        parts.append(f"Fixable by `uhc-roadmap validate --fix`: {fix_of(rule)}")
    parts.append("Bad:\n" + textwrap.indent(doc.bad, "    "))
    parts.append("Good:\n" + textwrap.indent(doc.good, "    "))
    options = option_docs(rule)
    if options:
        rows = [f"    {o.name} = {o.default}  ({o.type})\n        {o.description}" for o in options]
        parts.append(f"Options ([tool.uhc-roadmap.rules.{rule.code}]):\n" + "\n".join(rows))
    return "\n\n".join(parts) + "\n"


def rules_markdown(rules: tuple[type[Rule], ...] = ALL_RULES) -> str:
    """The whole of docs/rules.md."""
    parts = [_MARKDOWN_HEAD, _summary_table(rules)]
    for family, title in FAMILIES.items():
        members = [rule for rule in rules if rule.family == family]
        if members:
            parts.append(f"## {family}: {title}")
            parts.extend(_rule_markdown(rule) for rule in members)
    parts.append(_retired_markdown())
    return "\n\n".join(parts) + "\n"


_MARKDOWN_HEAD = f"""\
# Rules

<!-- Generated from the rules' docstrings by `uhc-roadmap rules --markdown > docs/rules.md`.
     Do not edit by hand: a test fails when this file and the rules disagree. -->

Every finding of `uhc-roadmap validate` carries the code of the rule that made it. Codes are
stable: a code is never reused for another check (retired codes are listed at the end).
Severities: an **error** makes `validate` exit 1; a **warning** does so only with `--strict`;
an **info** never does. Each rule can be switched off or given another severity in the
configuration, and rules with options read them from a table named after the code, e.g.
`[tool.uhc-roadmap.rules.B001]` in `pyproject.toml`.

One run shows every finding: when some activities, indicators, organisations or axes break the
format (S codes), the rules still run on all the others. They stay off the items in error, whose
ids still count as defined, so nothing is reported twice or because of a part that is already
reported. An error elsewhere (the phase, the country, the languages) stops every rule, as each
may depend on it.

`uhc-roadmap rules` lists the rules; `uhc-roadmap rules CODE` explains one. Rules marked
**Fixable** have safe fixes that `uhc-roadmap validate --fix` applies (see
[editing.md](editing.md)).

{EXAMPLES_NOTE}"""


def _summary_table(rules: tuple[type[Rule], ...]) -> str:
    rows = ["| Code | Name | Severity | Summary |", "|---|---|---|---|"]
    rows.extend(
        f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {r.severity.value} | "
        f"{_cell(r.summary())} |"
        for r in rules
    )
    return "\n".join(rows)


def _retired_markdown() -> str:
    rows = ["| Code | Why |", "|---|---|"]
    rows.extend(f"| {code} | {_cell(reason)} |" for code, reason in sorted(RETIRED.items()))
    intro = "These codes belong to no rule, and no rule will take them:"
    return "## Retired codes\n\n" + intro + "\n\n" + "\n".join(rows)


def _rule_markdown(rule: type[Rule]) -> str:
    doc = parse_doc(rule)
    parts = [
        f"### {rule.code} {rule.name}",
        f"Severity: **{rule.severity.value}**. {doc.summary}",
    ]
    if doc.body:
        parts.append(doc.body)
    if fix_of(rule):
        parts.append(f"Fixable by `uhc-roadmap validate --fix`: {fix_of(rule)}")
    parts.append(f"Bad:\n\n```yaml\n{doc.bad}\n```")
    parts.append(f"Good:\n\n```yaml\n{doc.good}\n```")
    options = option_docs(rule)
    if options:
        rows = ["| Option | Type | Default | Description |", "|---|---|---|---|"]
        rows.extend(
            f"| `{o.name}` | {o.type} | `{o.default}` | {_cell(o.description)} |" for o in options
        )
        parts.append(f"Options, in `[tool.uhc-roadmap.rules.{rule.code}]`:\n\n" + "\n".join(rows))
    return "\n\n".join(parts)


def _cell(text: str) -> str:
    return with_code(text)


def _type_name(annotation: Any) -> str:
    origin = get_origin(annotation)
    if origin is Literal:
        return "one of " + ", ".join(f"`{v}`" for v in get_args(annotation))
    if origin is list:
        return "list of " + _type_name(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return " or ".join(_type_name(a) for a in get_args(annotation))
    names = {bool: "true or false", int: "whole number", float: "number", str: "text"}
    if annotation is type(None):
        return "none"
    return names.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _default(info: FieldInfo) -> str:
    value = info.get_default(call_default_factory=True)
    return _toml(value)


def _toml(value: Any) -> str:
    """A default value written as it would be in TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return _toml(value.value)
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list | tuple | set | frozenset):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
