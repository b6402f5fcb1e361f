"""``uhc-roadmap new``: write a commented skeleton roadmap that passes `validate` as written."""

from __future__ import annotations

import sys
from pathlib import Path
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
            "(default: roadmap.schema.json beside the roadmap, written there with -o, or "
            "schema/roadmap.schema.json in a folder above when there is one).",
        ),
    ] = None,
    output: OutputOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the output file if it exists.")
    ] = False,
) -> None:
    """Write a skeleton roadmap: three axes, two organisations, an example activity."""
    from uhc_roadmap.authoring.skeleton import (
        SkeletonOptions,
        build_skeleton,
        parse_day,
        parse_languages,
        resolve_country,
        schema_place,
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
        schema_ref=(place := schema_place(output, schema_ref)).ref,
        messages=_messages_language(),
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
    _write_schema(place.write)
    if output is None and schema_ref is None:
        print(
            f"uhc-roadmap: note: the first line points editors at {place.ref} beside the "
            f"roadmap; write it there with `uhc-roadmap schema -o {place.ref}`",
            file=sys.stderr,
        )


def _write_schema(path: Path | None) -> None:
    """The schema the new roadmap points at, written (or brought up to date) where it points."""
    from uhc_roadmap.schema import schema_text

    if path is None:
        return
    text = schema_text()
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    verb = "updated" if path.exists() else "wrote"
    emit(text, path)
    print(f"uhc-roadmap: {verb} {path} for editors (docs/editors.md)", file=sys.stderr)


def _messages_language() -> str:
    """The language of the comments that teach the format: the configuration's ``language``,
    else the POSIX locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English."""
    import os

    from uhc_roadmap.cli.common import load_config
    from uhc_roadmap.i18n.messages import user_language

    return user_language(None, load_config().settings.language, os.environ)
