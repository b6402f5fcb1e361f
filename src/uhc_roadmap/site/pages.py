"""One country's pages, in every language of the site: its roadmap and its brief (the same
templates as ``render``, with the site's navigation and the brief's "since the last
version"), their PDFs, and its page (figures, history chart and table, links).

Run in worker processes (``CountryWork`` is picklable); each document is rendered in its own
bounded child, as ``render`` renders it.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial

from markupsafe import Markup

from uhc_roadmap.bulk import Job
from uhc_roadmap.history import FileHistory, HistoryPoint, SinceLast
from uhc_roadmap.history.collect import previous
from uhc_roadmap.i18n import translations
from uhc_roadmap.i18n.languages import language
from uhc_roadmap.model import Roadmap
from uhc_roadmap.progress import compute_progress, portfolio_row
from uhc_roadmap.progress.results import PortfolioRow
from uhc_roadmap.render.budget import run_bounded
from uhc_roadmap.render.charts import Caption, mirror
from uhc_roadmap.render.document import RenderOptions, document_work, page_work
from uhc_roadmap.render.filters import Filters
from uhc_roadmap.render.text import localise
from uhc_roadmap.site import charts
from uhc_roadmap.site.build import (
    COMPLETION,
    EXECUTED,
    N_,
    Country,
    SiteSettings,
    language_links,
    page_names,
)
from uhc_roadmap.site.views import (
    CountryEntry,
    DocumentLinks,
    HistoryState,
    PointView,
    SiteNav,
    href,
    published_name,
)
from uhc_roadmap.validation import ValidationOptions

HISTORY_TITLE = N_("Progress over time")
HISTORY_DESC = N_(
    "Completion and budget executed at each version of the roadmap in git, oldest first; "
    "a cross marks a version with errors."
)
POINT = N_("%(date)s · %(commit)s · completion %(completion)s · budget executed %(execution)s")
GAP = N_("%(date)s · %(commit)s · not valid (errors: %(errors)s)")


@dataclass(frozen=True, slots=True)
class CountryWork:
    """The work of one worker: a country's pages from its file (``run_all``'s signature)."""

    settings: SiteSettings
    countries: dict[str, Country]

    def __call__(self, job: Job, options: ValidationOptions) -> dict[str, bytes]:
        country = self.countries[job.name]
        roadmap = _roadmap(job, options)
        pages: dict[str, bytes] = {}
        for lang in self.settings.langs:
            pages |= _pages(country, roadmap, lang, self.settings)
        return pages


def _roadmap(job: Job, options: ValidationOptions) -> Roadmap:
    """The roadmap of bytes that validated a moment ago (``portfolio_entries``): loaded and
    built again, without running the rules a second time."""
    from uhc_roadmap.loading.loader import load_document
    from uhc_roadmap.model.validate import build_roadmap

    loaded = load_document(job.raw, job.name, options.limits)
    if loaded.data is None or loaded.text is None:
        raise RuntimeError(f"{job.name} no longer loads")  # the same bytes did: a bug
    roadmap = build_roadmap(loaded.data, loaded.source_map, job.name, loaded.text).roadmap
    if roadmap is None:
        raise RuntimeError(f"{job.name} no longer builds")
    return roadmap


def _pages(
    country: Country, roadmap: Roadmap, lang: str, settings: SiteSettings
) -> dict[str, bytes]:
    """The country's pages in one language, rendered in one bounded child (one fork instead of
    five: forking a worker costs about as much as rendering a small document), each page held
    to the output budget and the whole to the time budget times the number of pages."""
    names = page_names(country.code, lang)
    now = portfolio_row(compute_progress(roadmap, settings.as_of, lang, settings.window))
    since = previous(country.history, country.job.raw, now) if country.history else None
    works: list[tuple[str, Callable[[], str | bytes]]] = []
    for template in ("roadmap", "brief"):
        page = names[template]
        nav = SiteNav(
            home=href(f"{lang}/index.html", page),
            page=template,
            languages=language_links(
                settings.langs, lang, page, f"{{lang}}/{country.code}-{template}.html"
            ),
            generated=now.as_of,
            country=href(names["country"], page),
            country_name=now.name,
            pdf=href(names[f"{template}_pdf"], page) if settings.pdf else None,
        )
        options = RenderOptions(
            template, "html", lang, settings.as_of, settings.template_dir, settings.budget,
            extra={"site": nav, "since_last": since},
        )  # fmt: skip
        works.append((page, document_work(roadmap, options)))
        if settings.pdf:
            printed = replace(options, output_format="pdf", extra={"since_last": since})
            works.append((names[f"{template}_pdf"], document_work(roadmap, printed)))
    works.append((names["country"], _country_page(country, roadmap, lang, settings, now, since)))
    budget = replace(settings.budget, seconds=settings.budget.seconds * len(works))
    label = f"{country.job.name} ({lang})"
    return _decode(run_bounded(partial(_all, works), budget, label))


def _all(works: list[tuple[str, Callable[[], str | bytes]]]) -> bytes:
    """Every work's page, as one reply from the bounded child."""
    made = {}
    for name, work in works:
        page = work()
        made[name] = base64.b64encode(page if isinstance(page, bytes) else page.encode()).decode()
    return json.dumps(made).encode("ascii")


def _decode(reply: bytes) -> dict[str, bytes]:
    return {name: base64.b64decode(body) for name, body in json.loads(reply).items()}


def _country_page(
    country: Country,
    roadmap: Roadmap,
    lang: str,
    settings: SiteSettings,
    row: PortfolioRow,
    since: SinceLast | None,
) -> Callable[[], str]:
    names = page_names(country.code, lang)
    page = names["country"]
    nav = SiteNav(
        home=href(f"{lang}/index.html", page),
        page="country",
        languages=language_links(settings.langs, lang, page, f"{{lang}}/{country.code}.html"),
        generated=row.as_of,
        country=href(page, page),
        country_name=row.name,
    )
    links = DocumentLinks(
        href(names["roadmap"], page),
        href(names["brief"], page),
        href(names["roadmap_pdf"], page) if settings.pdf else None,
        href(names["brief_pdf"], page) if settings.pdf else None,
    )
    history = country.history
    entry = CountryEntry(
        country.code, row.name, href(page, page), country.summary.phase.id,
        published_name(country.job.name), row, len(history.points) if history else 0,
    )  # fmt: skip
    variables = {
        "site": nav,
        "country": entry,
        "title": localise(roadmap.title, lang, roadmap.default_language),
        "documents": links,
        "history": tuple(PointView.of(p) for p in reversed(history.points)) if history else (),
        "history_state": _state(country, history),
        "since_last": since,
        "charts": {"history": _chart(history, lang) if history and history.points else None},
    }
    return page_work(
        "site/country.html.j2",
        variables,
        lang=lang,
        template_dir=settings.template_dir,
        budget=settings.budget,
    )


def _state(country: Country, history: FileHistory | None) -> HistoryState:
    if history is None:
        return HistoryState(False, country.reason)
    return HistoryState(True, None, history.shallow, history.truncated, history.limit)


def _chart(history: FileHistory, lang: str) -> Markup:
    catalog = translations(lang)
    filters = Filters(lang, None)
    revisions = [_revision(p, catalog.gettext, filters) for p in history.points]
    caption = Caption("history", catalog.gettext(HISTORY_TITLE), catalog.gettext(HISTORY_DESC))
    series = (catalog.gettext(COMPLETION), catalog.gettext(EXECUTED))

    def day(moment: datetime) -> str:
        return str(filters.date(moment.date(), "medium"))

    def percent(share: float) -> str:
        return str(filters.percent(share))

    drawn = charts.history(caption, revisions, series, day, percent)
    return mirror(drawn) if language(lang).direction == "rtl" else drawn


def _revision(
    point: HistoryPoint, translate: Callable[[str], str], filters: Filters
) -> charts.Revision:
    day = str(filters.date(point.date.date(), "medium"))
    row = point.row
    if row is None:
        label = translate(GAP) % {"date": day, "commit": point.short, "errors": point.errors}
        return charts.Revision(point.date, None, None, False, label)
    label = translate(POINT) % {
        "date": day,
        "commit": point.short,
        "completion": filters.percent(row.completion),
        "execution": filters.percent(row.execution),
    }
    return charts.Revision(point.date, row.completion, row.execution, True, label)
