"""``uhc-roadmap regions``: a country's ISO 3166-2 codes with their names, for ``regions:``."""

from __future__ import annotations

from typing import Annotated

import typer

from uhc_roadmap.cli.common import check_language, emit
from uhc_roadmap.cli.options import OutputOption, option
from uhc_roadmap.errors import UsageError


def regions(
    country: Annotated[
        str,
        typer.Argument(
            help="ISO code or name of the country (SN, SEN, Senegal, Sénégal).",
            show_default=False,
        ),
    ],
    lang: Annotated[
        str | None,
        option(
            "--lang",
            metavar="LANG",
            help="Name the regions in this language only (default: every language of the tool).",
        ),
    ] = None,
    output_format: Annotated[
        str, option("--format", "-f", metavar="FORMAT", help="text (default) or json.")
    ] = "text",
    output: OutputOption = None,
) -> None:
    """List a country's region codes (ISO 3166-2) with their names, to write in `regions:`."""
    import json

    from uhc_roadmap.countries import country_name, country_of, subdivision_table
    from uhc_roadmap.i18n.languages import WORKING_LANGUAGES

    if output_format not in ("text", "json"):
        raise UsageError(f"unknown format `{output_format}`; choose one of: text, json")
    check_language(lang)
    code = country_of(country)
    langs = [lang] if lang else list(WORKING_LANGUAGES)
    rows = subdivision_table(code, langs)
    if output_format == "json":
        items = [
            {"code": r[0].strip(), "names": dict(zip(langs, r[1:-1], strict=True)), "type": r[-1]}
            for r in rows
        ]
        emit(json.dumps(items, ensure_ascii=False, indent=2) + "\n", output)
        return
    title = f"{country_name(code, langs[0])} ({code}): {len(rows)} ISO 3166-2 codes"
    if not rows:
        emit(f"{title}; write `regions: []` (national) or define `region_groups`\n", output)
        return
    emit(title + "\n" + _aligned([["code", *langs, "type"], *rows]), output)


def _aligned(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    return "".join(line.rstrip() + "\n" for line in lines)
