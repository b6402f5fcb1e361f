"""Translations of labels (gettext catalogs read through Babel) and locale-aware formatting.

Catalogs are kept as ``.po`` files in ``locale/<lang>/`` (one file per part of the tool, e.g.
``report.po``, ``templates.po``) and compiled in memory on first use, so there is no build step
and no compiled ``.mo`` file to keep in step with its source. English is the source language.
The languages themselves, one record each, are in ``languages.py``.
"""

from __future__ import annotations

from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from uhc_roadmap.i18n.languages import (
    _CACHES,
    LANGUAGES,
    SOURCE_LANGUAGE,
    UnsupportedLanguage,
    catalog_folders,
    use_locale_dir,
)

if TYPE_CHECKING:
    import gettext

__all__ = [
    "LANGUAGES",
    "N_",
    "SOURCE_LANGUAGE",
    "UnsupportedLanguage",
    "catalog_files",
    "translations",
    "use_locale_dir",
]


def N_(message: str) -> str:
    """Marks an English msgid where it is defined (for extraction); it is translated where used."""
    return message


@cache
def translations(lang: str, part: str | None = None) -> gettext.NullTranslations:
    """gettext translations for ``lang``, merged from every catalog in ``locale/<lang>/``;
    with ``part``, from ``<part>.po`` alone (English msgids where the language lacks it)."""
    import gettext  # only when something is translated: start-up does not pay for it

    if lang not in LANGUAGES:
        raise UnsupportedLanguage(
            f"no labels for language `{lang}`; choose one of: {', '.join(LANGUAGES)}"
        )
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    chosen = [c for c in catalog_files(lang) if part is None or c.name == f"{part}.po"]
    merged: gettext.NullTranslations | None = None
    for catalog in chosen:
        compiled = _compile(catalog.read_text(encoding="utf-8"), lang)
        if merged is None:
            merged = compiled
        else:
            merged.add_fallback(compiled)
    return merged or gettext.NullTranslations()


def catalog_files(lang: str, folder: Path | None = None) -> list[Path]:
    """``lang``'s catalogs, in the order they win: those of ``folder`` (or of every
    ``--locale-dir``) first, each folder's by name; the tool's own last."""
    places = [folder] if folder is not None else catalog_folders()
    found = []
    for place in places:
        here = place / lang
        if here.is_dir():
            found += sorted((p for p in here.iterdir() if p.name.endswith(".po")), key=_name)
    return found


def _name(path: Path) -> str:
    return path.name


_CACHES.append(translations.cache_clear)


def _compile(po_text: str, lang: str) -> gettext.GNUTranslations:
    import gettext

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(BytesIO(po_text.encode("utf-8")), locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
