"""``uhc-roadmap new``: write a commented skeleton roadmap that passes `validate` as written."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from uhc_roadmap.cli.common import emit
from uhc_roadmap.cli.options import OutputOption
from uhc_roadmap.errors import UsageError


def new(
    country: Annotated[
        str,
        typer.Option(
            "--country", "-c", help="The country: ISO 3166-1 alpha-2 or alpha-3 code, or name."
        ),
    ],
    phase: Annotated[str, typer.Option("--phase", help="The phase id, e.g. UHCP-IV.")],
    start: Annotated[str, typer.Option("--start", help="First day of the phase, YYYY-MM-DD.")],
    end: Annotated[str, typer.Option("--end", help="Last day of the phase, YYYY-MM-DD.")],
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            help="Languages, comma-separated ISO 639-1 codes; the first is the default. "
            "French and English texts are built in; others get English placeholders.",
        ),
    ] = "en",
    currency: Annotated[
        str, typer.Option("--currency", help="ISO 4217 currency of the budget amounts.")
    ] = "USD",
    schema_ref: Annotated[
        str | None,
        typer.Option(
            "--schema-ref",
            help="URL or relative path of the JSON Schema for the yaml-language-server line "
            "(default: the schema's published URL).",
        ),
    ] = None,
    output: OutputOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the output file if it exists.")
    ] = False,
) -> None:
    """Write a skeleton roadmap: three axes, two organisations, an example activity."""
    from uhc_roadmap.authoring.skeleton import (
        DEFAULT_SCHEMA_REF,
        SkeletonOptions,
        build_skeleton,
        parse_day,
        parse_languages,
        resolve_country,
    )

    if output is not None and output.is_file() and not force:
        raise UsageError(f"{output} already exists; use --force to overwrite it")
    alpha_2, _ = resolve_country(country)
    options = SkeletonOptions(
        country=alpha_2,
        phase=phase,
        start=parse_day("--start", start),
        end=parse_day("--end", end),
        languages=parse_languages(lang),
        currency=currency.upper(),
        schema_ref=schema_ref or DEFAULT_SCHEMA_REF,
    )
    skeleton = build_skeleton(options)
    for missing in skeleton.untranslated:
        print(
            f"uhc-roadmap: note: no built-in texts in `{missing}`; English placeholders written",
            file=sys.stderr,
        )
    emit(skeleton.text, output)
    if output is not None:
        print(
            f"uhc-roadmap: wrote {output}; check it with `uhc-roadmap validate {output}`",
            file=sys.stderr,
        )
