"""One record per UI language: everything the tool needs to write for its readers.

A language is available when it has a folder of catalogs in ``locale/<code>/`` (English, the
source language, needs none). Its record comes from CLDR through Babel: names, text direction,
list separator, money and percent patterns. What CLDR does not hold, or where the tool
deliberately writes otherwise, is declared in ``SPECS``, one line per language. Adding a
language is therefore one catalog folder and one line here; no other file names a language.

Nothing here imports Babel until a record is asked for, so ``LANGUAGES`` costs a folder listing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from uhc_roadmap.errors import UsageError

Direction = Literal["ltr", "rtl"]
SOURCE_LANGUAGE = "en"
"""The language the tool is written in: msgids are English, and English needs no catalog."""


class UnsupportedLanguage(UsageError, ValueError):
    """A --lang the tool has no labels for."""


@dataclass(frozen=True)
class LanguageSpec:
    """What a contributor writes for a language: its CLDR locale, and what CLDR does not say.

    A field left at None takes CLDR's value; set it only where the tool deliberately writes
    something else, and say why next to it.
    """

    locale: str
    """The CLDR locale that formats dates, numbers and money (``fr_FR``)."""
    colon: str = ":"
    """What follows a label (``Pays : Maroc``); CLDR has no datum for it."""
    list_separator: str | None = None
    money_pattern: str | None = None


# The UI languages: every folder of locale/ has an entry here and every entry but English a folder
# (tests/i18n/test_languages.py holds both ways).
SPECS: dict[str, LanguageSpec] = {
    # British English writes day-month-year dates, as the partnership's documents do.
    "en": LanguageSpec(locale="en_GB"),
    "fr": LanguageSpec(
        locale="fr_FR",
        # French sets a no-break space before a colon: ``Pays : Maroc``.
        colon="\u00a0:",
        # CLDR's pattern without decimals (as for every language), but with the plain space
        # the tool has printed before the currency since money was first formatted: CLDR has a
        # no-break space there. Delete this line to follow CLDR (golden files will change).
        money_pattern="#,##0 ¤",
    ),
    # Arabic as the partnership's Arabic-speaking countries share it (Morocco to Yemen): CLDR's
    # generic locale, with Latin digits (Babel's default numbering system), as in the roadmaps.
    # CLDR's list pattern joins the last two items with ``و``; the tool's lists are ids and
    # names, so they are separated by the Arabic comma.
    "ar": LanguageSpec(locale="ar", list_separator="، "),
    # Spanish: CLDR's generic locale (``1.234.567 US$``). Latin American conventions differ
    # from country to country, and es_419 writes ``USD1,234,567``.
    "es": LanguageSpec(locale="es"),
    # European Portuguese, as written in Mozambique, Angola, Cabo Verde and Guinea-Bissau.
    "pt": LanguageSpec(locale="pt_PT"),
    "ru": LanguageSpec(locale="ru_RU"),
}


@dataclass(frozen=True)
class Language:
    """One UI language, resolved: its spec filled in from CLDR."""

    code: str
    """ISO 639-1 code, the name of its catalog folder and of ``--lang`` (``fr``)."""
    locale: str
    """CLDR locale used for dates, numbers, money and percentages (``fr_FR``)."""
    native_name: str
    """``français``."""
    english_name: str
    """``French``."""
    direction: Direction
    """``ltr`` or ``rtl``: how the script runs."""
    colon: str
    """Written after a label: ``:`` or ``\u00a0:``."""
    list_separator: str
    """Between the items of a list: ``, ``."""
    money_pattern: str
    """A Babel pattern for whole amounts (``¤#,##0``, ``#,##0 ¤``)."""
    percent_pattern: str
    """CLDR's percent pattern (``#,##0%``, ``#,##0\u00a0%``)."""
    percent_affixes: tuple[str, str]
    """What the percent pattern writes before and after the number (``("", "\u00a0%")``)."""

    def with_percent_sign(self, number: str) -> str:
        """``45,2`` -> ``45,2 %``: a number already formatted, with the sign where CLDR puts it."""
        before, after = self.percent_affixes
        return f"{before}{number}{after}"


def locale_folder() -> Path:
    """``uhc_roadmap/i18n/locale``: one folder of ``.po`` catalogs per language (beside this
    module: importlib.resources would cost 12 ms of every start-up for a folder listing)."""
    return Path(__file__).parent / "locale"


def catalog_languages(folder: Path) -> tuple[str, ...]:
    """The codes of ``folder``'s subfolders that hold at least one ``.po`` catalog, sorted."""
    return tuple(
        sorted(
            entry.name
            for entry in folder.iterdir()
            if entry.is_dir() and any(p.name.endswith(".po") for p in entry.iterdir())
        )
    )


def available_languages(folder: Path | None = None) -> tuple[str, ...]:
    """The source language and every language with catalogs, sorted: what ``--lang`` accepts."""
    found = catalog_languages(locale_folder() if folder is None else folder)
    return tuple(sorted({SOURCE_LANGUAGE, *found}))


LANGUAGES = available_languages()


@cache
def language(code: str) -> Language:
    """The record of ``code``: its spec completed from CLDR (CLDR alone for a code without one)."""
    from babel import UnknownLocaleError

    spec = SPECS.get(code) or LanguageSpec(locale=code)
    try:
        return resolve(code, spec)
    except (UnknownLocaleError, ValueError):
        raise UnsupportedLanguage(f"CLDR has no locale `{spec.locale}` for `{code}`") from None


def resolve(code: str, spec: LanguageSpec) -> Language:
    """A spec completed from CLDR's data for its locale (names from the language's own)."""
    from babel import Locale
    from babel.numbers import format_percent

    cldr = Locale.parse(spec.locale)
    names = Locale.parse(code)
    percent = cldr.percent_formats[None].pattern
    before, _, after = format_percent(0, percent, locale=cldr).partition("0")
    return Language(
        code=code,
        locale=spec.locale,
        native_name=names.get_display_name(code) or code,
        english_name=names.get_display_name(SOURCE_LANGUAGE) or code,
        direction="rtl" if cldr.text_direction == "rtl" else "ltr",
        colon=spec.colon,
        list_separator=spec.list_separator or _separator(cldr.list_patterns["standard"]["middle"]),
        money_pattern=spec.money_pattern or _whole(cldr.currency_formats["standard"].pattern),
        percent_pattern=percent,
        percent_affixes=(before, after),
    )


def _separator(pattern: str) -> str:
    """``{0}, {1}`` -> ``, ``: CLDR's pattern for the middle of a list."""
    return pattern.replace("{0}", "").replace("{1}", "")


def _whole(pattern: str) -> str:
    """``¤#,##0.00`` -> ``¤#,##0``: budgets are written in whole units."""
    return re.sub(r"\.[0#]+", "", pattern)
