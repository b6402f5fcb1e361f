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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, overload

from uhc_roadmap.errors import UsageError

Direction = Literal["ltr", "rtl"]
SOURCE_LANGUAGE = "en"
"""The language the tool is written in: msgids are English, and English needs no catalog."""
WORKING_LANGUAGES = ("en", "fr")
"""The partnership's working languages: what a listing in several languages shows when no
``--lang`` names one (``uhc-roadmap regions``), rather than a column for every UI language."""


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
    """The source language and every language with catalogs, sorted: what ``--lang`` accepts
    (with no ``folder``: the built-in catalogs' and those of every ``--locale-dir``)."""
    if folder is not None:
        return tuple(sorted({SOURCE_LANGUAGE, *catalog_languages(folder)}))
    found = {code for place in catalog_folders() for code in catalog_languages(place)}
    return tuple(sorted({SOURCE_LANGUAGE, *found}))


_USER_FOLDERS: list[Path] = []
"""Folders given with ``--locale-dir`` or the configuration's ``locale_dir``, latest first."""


def catalog_folders() -> list[Path]:
    """Where catalogs are read, in the order they win: the user's folders, then the tool's."""
    return [*_USER_FOLDERS, locale_folder()]


def use_locale_dir(folder: Path) -> None:
    """Read ``folder``'s catalogs too (``<folder>/<code>/*.po``): a language it has is available
    from now on, and its messages win over the built-in ones of the same language."""
    if not folder.is_dir():
        raise UsageError(f"--locale-dir: `{folder}` is not a folder")
    if not catalog_languages(folder):
        raise UsageError(
            f"--locale-dir: `{folder}` holds no catalog; write <code>/<part>.po in it "
            "(docs/languages.md)"
        )
    resolved = folder.resolve()
    if resolved not in _USER_FOLDERS:
        _USER_FOLDERS.insert(0, resolved)
        _AVAILABLE.forget()
        for cached in _CACHES:
            cached()


def forget_locale_dirs() -> None:
    """Read the tool's catalogs alone again (a long-lived process, a test)."""
    _USER_FOLDERS.clear()
    _AVAILABLE.forget()
    for cached in _CACHES:
        cached()


_CACHES: list[Callable[[], None]] = []
"""cache_clear of everything read from the catalogs, called when a folder is added."""


class _Available(Sequence[str]):
    """The languages ``--lang`` accepts, read on first use: a folder listing, no Babel."""

    def __init__(self) -> None:
        self._codes: tuple[str, ...] | None = None

    def forget(self) -> None:
        self._codes = None

    def codes(self) -> tuple[str, ...]:
        if self._codes is None:
            self._codes = available_languages()
        return self._codes

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self.codes()[index]

    def __len__(self) -> int:
        return len(self.codes())

    def __contains__(self, value: object) -> bool:
        return value in self.codes()

    def __eq__(self, other: object) -> bool:
        return tuple(self) == (tuple(other) if isinstance(other, Sequence) else other)

    def __hash__(self) -> int:
        return hash(self.codes())

    def __repr__(self) -> str:
        return repr(self.codes())


_AVAILABLE = _Available()
LANGUAGES: Sequence[str] = _AVAILABLE
"""What ``--lang`` accepts, sorted: English and every language with catalogs."""


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
