"""``uhc-roadmap rules``: list the rules, explain one, or print docs/rules.md."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from uhc_roadmap.cli.common import emit
from uhc_roadmap.cli.options import OutputOption
from uhc_roadmap.errors import UsageError

if TYPE_CHECKING:
    from uhc_roadmap.rules import Rule


def rules(
    code: Annotated[
        str | None,
        typer.Argument(help="A rule code (e.g. B001) or name to explain.", show_default=False),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: text or json.")
    ] = "text",
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the rules reference (docs/rules.md).")
    ] = False,
    output: OutputOption = None,
) -> None:
    """List the rules, or explain one rule with its bad and good examples."""
    import json

    from uhc_roadmap.rules import ALL_RULES
    from uhc_roadmap.rules.docs import explain, listing, rule_info, rules_markdown

    if output_format not in ("text", "json"):
        raise UsageError(f"unknown format `{output_format}`; choose one of: text, json")
    if markdown:
        if code is not None or output_format != "text":
            raise UsageError("--markdown prints every rule; it takes no CODE and no --format")
        emit(rules_markdown(), output)
        return
    chosen = ALL_RULES if code is None else (_find(code),)
    if output_format == "json":
        data = [rule_info(r) for r in chosen]
        emit(
            json.dumps(data if code is None else data[0], ensure_ascii=False, indent=2) + "\n",
            output,
        )
    else:
        emit(listing(chosen) if code is None else explain(chosen[0]), output)


def _find(wanted: str) -> type[Rule]:
    """The rule with this code or name, in any case; a usage error naming close ones otherwise."""
    from uhc_roadmap.rules import ALL_RULES

    key = wanted.strip()
    found = [r for r in ALL_RULES if key.upper() == r.code or key.lower() == r.name]
    if not found:
        raise UsageError(
            f"unknown rule `{wanted}`{_suggest(key)} (`uhc-roadmap rules` lists them all)"
        )
    return found[0]


def _suggest(key: str) -> str:
    from uhc_roadmap.rules import ALL_RULES
    from uhc_roadmap.suggest import closest

    by_name = {rule.name: rule.code for rule in ALL_RULES}
    close = closest(key.upper(), [r.code for r in ALL_RULES], n=3)
    close += [by_name[n] for n in closest(key.lower(), by_name, n=2)]
    if not close:
        close = [r.code for r in ALL_RULES if r.code[0] == key[:1].upper()][:6]
    return f"; did you mean {', '.join(dict.fromkeys(close))}?" if close else ""
