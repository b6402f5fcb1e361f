"""``uhc-roadmap site``: a static website of the whole portfolio, for people outside git."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from uhc_roadmap.cli.common import (
    check_language,
    load_config,
    note,
    parse_as_of,
    project_cache,
    ticker,
)
from uhc_roadmap.cli.options import AsOfOption, JobsOption, NoCacheOption, PathsArgument, option
from uhc_roadmap.errors import UsageError


def site(
    paths: PathsArgument = None,
    output: Annotated[
        Path,
        option(
            "--output",
            "-o",
            metavar="FOLDER",
            help="The site's folder (built beside it, then moved into place).",
        ),
    ] = Path("public"),
    langs: Annotated[
        str | None,
        option(
            "--lang",
            metavar="LANGS",
            help="Languages of the pages, comma-separated; the first is the index's (default: every language of the tool).",
        ),
    ] = None,
    as_of: AsOfOption = None,
    pdf: Annotated[
        bool | None,
        typer.Option(
            "--pdf/--no-pdf",
            show_default=False,
            help="PDFs of every roadmap and brief (default: when WeasyPrint is installed).",
        ),
    ] = None,
    history: Annotated[
        bool, typer.Option("--history/--no-history", help="Progress over time from git.")
    ] = True,
    max_revisions: Annotated[
        int, typer.Option("--max-revisions", min=1, help="At most this many revisions per country.")
    ] = 200,
    template_dir: Annotated[
        Path | None,
        typer.Option("--template-dir", help="A folder of your own templates (they win by name)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an output folder that is not a previous site.")
    ] = False,
    no_cache: NoCacheOption = False,
    jobs: JobsOption = None,
) -> None:
    """Build a static website of the portfolio: an index, a page per country and language
    (roadmap, brief, PDFs, progress over time) and site.json. No request to the network;
    relative links that work from file:// and from any sub-path of a web server."""
    from uhc_roadmap.i18n import LANGUAGES
    from uhc_roadmap.render.pdf import available
    from uhc_roadmap.selection import find, nothing_found, read_jobs
    from uhc_roadmap.site import SiteSettings, build_site, publish
    from uhc_roadmap.site.folder import check_target

    chosen = _languages(langs, LANGUAGES)
    config = load_config()
    found = find(tuple(paths or ()), config)
    if not found.sources:
        raise nothing_found(found, config)
    inputs = [s.path for s in found.sources if s.path is not None]
    protected = [*inputs, Path.cwd(), config.root]
    check_target(output, force=force, protected=protected)
    missing = available()
    if pdf and missing is not None:
        raise UsageError(missing)
    settings = SiteSettings(
        chosen,
        parse_as_of(as_of),
        pdf=missing is None if pdf is None else pdf,
        history=history,
        limit=max_revisions,
        template_dir=template_dir,
        budget=config.render_budget(),
        max_bytes=config.limits.max_bytes,
    )
    options = config.validation_options(as_of=settings.as_of)
    work = read_jobs(found.sources, config, sys.stdin.buffer)
    cache = project_cache(config, disabled=no_cache)
    with ticker("Building the site") as progress:
        built = build_site(
            work, [s.path for s in found.sources], options, settings,
            cache=cache, workers=jobs, progress=progress,
        )  # fmt: skip
    publish(built.files, output, force=force, protected=protected)
    for line in built.notes:
        note(line)
    pages = sum(1 for name in built.files if name.endswith(".html"))
    pdfs = sum(1 for name in built.files if name.endswith(".pdf"))
    made = f"{pages} pages" + (f" and {pdfs} PDFs" if pdfs else "")
    note(f"{output}: {built.countries} countries, {made}; open {output / 'index.html'}")


def _languages(value: str | None, known: Sequence[str]) -> tuple[str, ...]:
    if value is None:
        return tuple(known)
    chosen = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    if not chosen:
        raise UsageError("--lang: name at least one language")
    for lang in chosen:
        check_language(lang)
    return chosen
