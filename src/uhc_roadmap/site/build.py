"""Building the static portfolio site: every page, in memory, from the roadmap files.

The portfolio comes from ``bulk.portfolio_entries`` (as ``report``'s, cached), each country's
history from ``history.file_history`` (cached per version), and each country's pages (its
roadmap, its brief, their PDFs, its page) are rendered by worker processes, each document in
its bounded child as ``render`` does, and kept in the cache under the file's bytes, the
options, the templates' contents and the history they show: a second build renders only what
changed. Where the files are not in git, the site is built without history and says so.

Layout (every link relative, so the site works from ``file://`` and from any sub-path)::

    index.html                  the portfolio in the first language
    <lang>/index.html           the portfolio in each language
    <lang>/<CC>.html            a country: figures, history, links to its documents
    <lang>/<CC>-roadmap.html    the roadmap (and -roadmap.pdf with PDFs)
    <lang>/<CC>-brief.html      the progress brief (and -brief.pdf)
    site.json                   the figures, for other tools
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from uhc_roadmap import __version__
from uhc_roadmap.authoring.git import GitError
from uhc_roadmap.bulk import Figures, Job, portfolio_entries
from uhc_roadmap.bulk.codec import key_of
from uhc_roadmap.bulk.workers import available_cpus, run_all
from uhc_roadmap.countries import country_name
from uhc_roadmap.errors import InvalidRoadmaps
from uhc_roadmap.history import FileHistory, HistorySettings
from uhc_roadmap.history.collect import Versions, measure, read_versions_of
from uhc_roadmap.i18n import translations
from uhc_roadmap.i18n.languages import language
from uhc_roadmap.progress.results import PortfolioRow
from uhc_roadmap.render.budget import RenderBudget
from uhc_roadmap.render.folders import search_path
from uhc_roadmap.site import charts
from uhc_roadmap.site.views import CountryEntry, LanguageLink, SiteNav, href, published_name

if TYPE_CHECKING:
    from uhc_roadmap.bulk import CountrySummary
    from uhc_roadmap.cache import Cache
    from uhc_roadmap.validation import ValidationOptions

NAMESPACE = "site"
REFUSAL = "no site: fix the errors above first"
Progress = Callable[[int], Callable[[], None]]


def N_(message: str) -> str:
    """Marks a label for the catalogs; it is translated where it is used."""
    return message


PORTFOLIO_TITLE = N_("Completion and budget executed by country")
PORTFOLIO_DESC = N_(
    "For each country's latest phase, the share of the work done and of the budget spent."
)
COMPLETION = N_("Completion")
EXECUTED = N_("Budget executed")


@dataclass(frozen=True, slots=True)
class SiteSettings:
    langs: tuple[str, ...] = ("en",)
    as_of: date | None = None
    window: int = 90
    pdf: bool = False
    history: bool = True
    limit: int = 200
    """At most this many revisions in each country's history."""
    template_dir: Path | None = None
    budget: RenderBudget = field(default_factory=RenderBudget)
    max_bytes: int = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Site:
    files: dict[str, bytes]
    """Relative path → content."""
    countries: int
    notes: tuple[str, ...]
    """What the builder wants said: a history it could not read..."""


@dataclass(frozen=True, slots=True)
class Country:
    """A country on the site: its chosen file and what its pages show."""

    code: str
    job: Job
    summary: CountrySummary
    history: FileHistory | None
    reason: str | None
    """Why there is no history, when there is none."""


def build_site(
    jobs: Sequence[Job],
    paths: Sequence[Path | None],
    options: ValidationOptions,
    settings: SiteSettings,
    *,
    cache: Cache | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> Site:
    """Every file of the site. Raises InvalidRoadmaps when a roadmap has errors (nothing is
    published from a repository with an invalid roadmap), RenderError for a template."""
    start = progress or (lambda total: lambda: None)
    countries, notes = _countries(jobs, paths, options, settings, cache, workers, start)
    stamp = _fingerprint(settings)
    files: dict[str, bytes] = {}
    keys = [_key(cache, c, options, settings, stamp) for c in countries]
    todo = []
    for country, key in zip(countries, keys, strict=True):
        cached = _cached(cache, key)
        if cached is None:
            todo.append(country)
        else:
            files |= cached
    advance = start(len(todo))
    if todo:
        from uhc_roadmap.render.environment import precompile_builtin
        from uhc_roadmap.render.folders import builtin_folder
        from uhc_roadmap.site.pages import CountryWork

        precompile_builtin(builtin_folder())  # the workers and their renderings inherit it

        work = CountryWork(settings, {c.job.name: c for c in todo})
        count = workers or (min(available_cpus(), len(todo)) if len(todo) > 1 else 1)
        made = run_all(work, [c.job for c in todo], options, count, advance)
        for country, pages in zip(todo, made, strict=True):
            files |= pages
            if cache is not None:
                cache.put(NAMESPACE, keys[countries.index(country)], _encode(pages))
    files |= _indexes(countries, settings)
    files["site.json"] = _site_json(countries, settings).encode("utf-8")
    return Site(files, len(countries), tuple(notes))


def _countries(
    jobs: Sequence[Job],
    paths: Sequence[Path | None],
    options: ValidationOptions,
    settings: SiteSettings,
    cache: Cache | None,
    workers: int | None,
    start: Progress,
) -> tuple[list[Country], list[str]]:
    """Each country's latest phase, and its history from git."""
    from uhc_roadmap.progress import choose_phase

    figures = Figures(settings.as_of, settings.langs[0], settings.window)
    entries = portfolio_entries(
        jobs, options, figures, cache=cache, workers=workers, progress=start(len(jobs))
    )
    invalid = [e.result for e in entries if e.summary is None]
    if invalid:
        raise InvalidRoadmaps(invalid, REFUSAL)
    by_name = {job.name: (job, path) for job, path in zip(jobs, paths, strict=True)}
    summaries = [(e.name, e.summary) for e in entries if e.summary is not None]
    history_settings = HistorySettings(
        settings.langs[0], settings.window, None, None, settings.limit, settings.max_bytes
    )
    chosen: list[tuple[str, Job, CountrySummary, Versions | None, str | None]] = []
    notes: list[str] = []
    for code in sorted({s.country for _, s in summaries}):
        name, summary = choose_phase([s for s in summaries if s[1].country == code], None)
        job, path = by_name[name]
        versions, reason = None, None
        if not settings.history:
            reason = "--no-history"
        elif path is None:
            reason = "standard input has no git history"
        else:
            try:
                versions = read_versions_of(path, name, history_settings)
            except GitError as exc:
                reason = str(exc)
                notes.append(f"{reason}: the site shows no history for it")
        chosen.append((code, job, summary, versions, reason))
    read = [c[3] for c in chosen if c[3] is not None]
    measured = iter(
        measure(read, options, history_settings, cache=cache, workers=workers, progress=start)
    )
    countries = [
        Country(code, job, summary, next(measured) if versions is not None else None, reason)
        for code, job, summary, versions, reason in chosen
    ]
    return countries, notes


# -- the cache ---------------------------------------------------------------------------------


def _key(
    cache: Cache | None,
    country: Country,
    options: ValidationOptions,
    settings: SiteSettings,
    templates: str,
) -> str:
    """What a country's pages depend on besides the file's bytes and the validation options."""
    history = country.history
    shown = (
        [[p.commit, p.digest, p.errors] for p in history.points]
        if history is not None
        else country.reason
    )
    flags = (history.shallow, history.truncated) if history is not None else None
    extra = json.dumps(
        {
            "langs": settings.langs,
            "as_of": (settings.as_of or date.today()).isoformat(),
            "window": settings.window,
            "pdf": settings.pdf,
            "limit": settings.limit,
            "budget": [settings.budget.seconds, settings.budget.memory, settings.budget.output],
            "templates": templates,
            "history": shown,
            "flags": flags,
            "country": country.code,
        },
        sort_keys=True,
    )
    return key_of(cache, country.job, options, NAMESPACE, extra)


def _cached(cache: Cache | None, key: str) -> dict[str, bytes] | None:
    if cache is None:
        return None
    value = cache.get(NAMESPACE, key)
    if not isinstance(value, dict) or not value:
        return None
    pages: dict[str, bytes] = {}
    for name, body in value.items():
        if not isinstance(name, str) or not isinstance(body, str) or not _safe_name(name):
            return None
        try:
            pages[name] = (
                base64.b64decode(body, validate=True) if name.endswith(".pdf") else body.encode()
            )
        except ValueError:
            return None
    return pages


def _encode(pages: dict[str, bytes]) -> dict[str, str]:
    return {
        name: base64.b64encode(body).decode("ascii") if name.endswith(".pdf") else body.decode()
        for name, body in pages.items()
    }


def _safe_name(name: str) -> bool:
    """A page's name as the builder makes them: ``<lang>/<file>``, nothing that climbs out."""
    parts = name.split("/")
    return len(parts) == 2 and all(p and p not in (".", "..") for p in parts)


def _fingerprint(settings: SiteSettings) -> str:
    """The templates' contents (built-in and the user's), so that editing one misses."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in search_path(settings.template_dir):
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                path = Path(root, name)
                if not name.endswith(".j2") or path.is_symlink() or not path.is_file():
                    continue
                digest.update(str(path.relative_to(folder)).encode("utf-8", "surrogateescape"))
                digest.update(path.read_bytes()[: 1024 * 1024 + 1])
    digest.update(sort_script().encode("utf-8"))
    return digest.hexdigest()


# -- the index ---------------------------------------------------------------------------------


def sort_script() -> str:
    """The few lines that sort the index's table (the page works without them)."""
    return (resources.files("uhc_roadmap.site") / "sort.js").read_text(encoding="utf-8")


def page_names(code: str, lang: str) -> dict[str, str]:
    """A country's pages in one language, relative to the site's root."""
    return {
        "country": f"{lang}/{code}.html",
        "roadmap": f"{lang}/{code}-roadmap.html",
        "brief": f"{lang}/{code}-brief.html",
        "roadmap_pdf": f"{lang}/{code}-roadmap.pdf",
        "brief_pdf": f"{lang}/{code}-brief.pdf",
    }


def language_links(
    langs: Sequence[str], current: str, page: str, target: str
) -> tuple[LanguageLink, ...]:
    """The language switch of ``page`` (in ``current``): ``target`` with ``{lang}`` filled in."""
    return tuple(
        LanguageLink(
            code, language(code).native_name, href(target.format(lang=code), page), code == current
        )
        for code in langs
    )


def _indexes(countries: Sequence[Country], settings: SiteSettings) -> dict[str, bytes]:
    from uhc_roadmap.render.document import render_page

    script = sort_script()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    files = {}
    pages = [(f"{lang}/index.html", lang) for lang in settings.langs]
    pages.append(("index.html", settings.langs[0]))
    for page, lang in pages:
        nav = SiteNav(
            home=href(f"{lang}/index.html", page),
            page="index",
            languages=language_links(settings.langs, lang, page, "{lang}/index.html"),
            generated=settings.as_of or date.today(),
            script=Markup(script),
            script_hash=f"'sha256-{digest}'",
        )
        entries = tuple(_entry(c, lang, page) for c in countries)
        entries = tuple(sorted(entries, key=lambda e: e.name))
        variables = {
            "site": nav,
            "countries": entries,
            "charts": {"portfolio": _portfolio_chart(entries, lang)},
            "as_of": settings.as_of,
        }
        text = render_page(
            "site/index.html.j2",
            variables,
            lang=lang,
            template_dir=settings.template_dir,
            budget=settings.budget,
        )
        files[page] = text.encode("utf-8")
    return files


def _entry(country: Country, lang: str, page: str) -> CountryEntry:
    summary = country.summary
    revisions = len(country.history.points) if country.history is not None else 0
    return CountryEntry(
        country.code,
        country_name(country.code, lang),
        href(page_names(country.code, lang)["country"], page),
        summary.phase.id,
        published_name(country.job.name),
        summary.row,
        revisions,
    )


def _portfolio_chart(entries: Sequence[CountryEntry], lang: str) -> Markup:
    from uhc_roadmap.render.charts import Caption, ValueBar, mirror
    from uhc_roadmap.render.filters import Filters

    gettext = translations(lang).gettext
    percent = Filters(lang, None).percent
    rows = [
        ValueBar(
            e.name,
            (e.figures.completion or 0.0, e.figures.execution or 0.0),
            (str(percent(e.figures.completion)), str(percent(e.figures.execution))),
        )
        for e in entries
    ]
    caption = Caption("portfolio", gettext(PORTFOLIO_TITLE), gettext(PORTFOLIO_DESC))
    series = ((gettext(COMPLETION), charts.COMPLETION), (gettext(EXECUTED), charts.EXECUTION))
    drawn = charts.portfolio(caption, rows, series)
    return mirror(drawn) if language(lang).direction == "rtl" else drawn


# -- site.json ---------------------------------------------------------------------------------


def _site_json(countries: Sequence[Country], settings: SiteSettings) -> str:
    from uhc_roadmap.formats.history.json import point
    from uhc_roadmap.formats.json_text import dumps
    from uhc_roadmap.formats.progress.json import amount, day, share

    def figures(row: PortfolioRow) -> dict[str, Any]:
        return {
            "as_of": day(row.as_of),
            "currency": row.currency,
            "completion": share(row.completion),
            "weighted_completion": share(row.weighted_completion),
            "planned": amount(row.planned),
            "spent": amount(row.spent),
            "execution": share(row.execution),
            "overdue": row.overdue,
            "blocked": row.blocked,
            "indicators_on_track": row.on_track,
            "indicators_assessed": row.assessed,
        }

    def pages(code: str) -> dict[str, dict[str, str]]:
        found = {}
        for lang in settings.langs:
            names = page_names(code, lang)
            if not settings.pdf:
                names = {k: v for k, v in names.items() if not k.endswith("_pdf")}
            found[lang] = names
        return found

    def history(country: Country) -> dict[str, Any]:
        found = country.history
        if found is None:
            return {"available": False, "reason": country.reason, "revisions": []}
        return {
            "available": True,
            "shallow": found.shallow,
            "truncated": found.truncated,
            "revisions": [point(p) for p in found.points],
        }

    document = {
        "format_version": 1,
        "generator": f"uhc-roadmap {__version__}",
        "as_of": day(settings.as_of),
        "languages": list(settings.langs),
        "countries": [
            {
                "country": c.code,
                "name": country_name(c.code, "en"),
                "file": published_name(c.job.name),
                "phase": c.summary.phase.id,
                "figures": figures(c.summary.row),
                "pages": pages(c.code),
                "history": history(c),
            }
            for c in countries
        ],
    }
    return dumps(document) + "\n"
