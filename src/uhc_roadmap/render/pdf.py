"""HTML documents printed to PDF by WeasyPrint (the optional ``pdf`` extra).

A PDF is the HTML template's document laid out on A4 pages by the template's own print
stylesheet (``@page``, the page-margin boxes of ``_paged.css.j2``): the same template, the same
words. WeasyPrint needs Pango, a system library; without WeasyPrint or without Pango the
command stops with one line that names what to install.

A template is untrusted (templates/README.md): its HTML could ask for ``file:///etc/passwd`` as
an image, a stylesheet or an attachment, and WeasyPrint would put the file into the PDF. So the
URL fetcher given to WeasyPrint fetches nothing but ``data:`` URLs; any other URL, local or on
the network, stops the rendering with a template error naming it.
"""

from __future__ import annotations

import logging
from types import ModuleType
from typing import Any

from uhc_roadmap.errors import UsageError
from uhc_roadmap.render.errors import RenderError

INSTALL = "pip install 'uhc-roadmap[pdf]'"
PANGO = (
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 (Debian, Ubuntu), "
    "dnf install pango (Fedora), brew install pango (macOS)"
)


class PdfUnavailable(UsageError):
    """WeasyPrint or the Pango library it needs is not installed (exit 2)."""


def load_weasyprint() -> ModuleType:
    """WeasyPrint, imported; PdfUnavailable naming the package to install when it cannot be."""
    try:
        import weasyprint
    except ImportError as exc:
        raise PdfUnavailable(
            f"--format pdf needs WeasyPrint, which is not installed ({exc.name or exc}): {INSTALL}"
        ) from None
    except OSError as exc:  # cffi could not open libpango / libgobject
        raise PdfUnavailable(
            f"--format pdf needs the Pango library, which WeasyPrint could not load "
            f"({_first_line(exc)}): {PANGO}"
        ) from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # unknown CSS is no news
    module: ModuleType = weasyprint
    return module


def available() -> str | None:
    """None when PDFs can be made here, else the line saying what is missing."""
    try:
        load_weasyprint()
    except PdfUnavailable as exc:
        return str(exc)
    return None


def html_to_pdf(html: str, label: str) -> bytes:
    """The PDF of a self-contained HTML document; ``label`` names its template in errors."""
    weasyprint = load_weasyprint()
    from weasyprint.urls import FatalURLFetchingError

    fetcher = _fetcher(weasyprint)
    try:
        document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher)
        pdf: bytes = document.write_pdf()
    except FatalURLFetchingError as exc:  # our refusal, which WeasyPrint lets through
        raise RenderError(f"{label}: {exc}") from None
    except RecursionError:
        raise RenderError(f"{label}: the document is nested too deeply to lay out") from None
    except Exception as exc:  # WeasyPrint failing on this document's markup or styles
        raise RenderError(
            f"{label}: WeasyPrint could not lay the document out on pages "
            f"({type(exc).__name__}: {_first_line(exc)})"
        ) from None
    if fetcher.refused:  # refused where WeasyPrint goes on without it (an SVG's <image>)
        raise RenderError(f"{label}: {fetcher.refused[0]}")
    return pdf


def _fetcher(weasyprint: ModuleType) -> Any:
    """A URL fetcher that answers ``data:`` URLs and refuses every other one."""
    from weasyprint.urls import FatalURLFetchingError

    class LocalOnly(weasyprint.URLFetcher):  # type: ignore[misc,name-defined]
        refused: list[str]

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url[:5].lower() != "data:":
                shown = url if len(url) <= 200 else url[:200] + "…"
                self.refused.append(
                    f"refused to fetch `{shown}`: a PDF is made from the document alone; "
                    "put images and styles inline (data: URLs, inline SVG and <style>)"
                )
                # Fatal (a BaseException WeasyPrint does not catch): the rendering stops
                # rather than leaving the resource out without a word.
                raise FatalURLFetchingError(self.refused[-1])
            return super().fetch(url, headers)

    fetcher = LocalOnly(allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=True)
    fetcher.refused = []
    return fetcher


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
