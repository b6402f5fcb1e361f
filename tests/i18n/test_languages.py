"""The language records: what they hold for English and French, and how the registry is found."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from uhc_roadmap.i18n import LANGUAGES, SOURCE_LANGUAGE, UnsupportedLanguage
from uhc_roadmap.i18n.formatting import (
    format_day,
    format_decimal_places,
    format_money,
    format_share,
)
from uhc_roadmap.i18n.languages import (
    SPECS,
    Language,
    LanguageSpec,
    available_languages,
    catalog_languages,
    language,
    locale_folder,
    resolve,
)

LOCALE = Path(str(locale_folder()))


def test_english_holds_what_the_tool_printed_before() -> None:
    assert language("en") == Language(
        code="en",
        locale="en_GB",
        native_name="English",
        english_name="English",
        direction="ltr",
        colon=":",
        list_separator=", ",
        money_pattern="¤#,##0",
        percent_pattern="#,##0%",
        percent_affixes=("", "%"),
    )


def test_french_holds_what_the_tool_printed_before() -> None:
    assert language("fr") == Language(
        code="fr",
        locale="fr_FR",
        native_name="français",
        english_name="French",
        direction="ltr",
        colon="\u00a0:",
        list_separator=", ",
        money_pattern="#,##0 ¤",
        percent_pattern="#,##0\u00a0%",
        percent_affixes=("", "\u00a0%"),
    )


@pytest.mark.parametrize(
    ("lang", "money", "share", "measured"),
    [
        ("en", "US$1,234,567", "50%", "45.2%"),
        ("fr", "1\u202f234\u202f567 $US", "50\u00a0%", "45,2\u00a0%"),
        ("ar", "\u200f1,234,567\u00a0US$", "50%", "45.2%"),
        ("es", "1.234.567\u00a0US$", "50\u00a0%", "45,2\u00a0%"),
        ("pt", "1\u00a0234\u00a0567\u00a0US$", "50%", "45,2%"),
        ("ru", "1\u00a0234\u00a0567\u00a0$", "50\u00a0%", "45,2\u00a0%"),
    ],
)
def test_formatting_reads_the_record(lang: str, money: str, share: str, measured: str) -> None:
    assert format_money(1234567, "USD", lang) == money
    assert format_share(0.5, lang) == share
    number = "45.2" if lang in {"en", "ar"} else "45,2"
    assert language(lang).with_percent_sign(number) == measured


def test_french_money_keeps_its_plain_space_where_cldr_has_a_no_break_space() -> None:
    """The one deliberate difference from CLDR (see SPECS): without it, CLDR's pattern."""
    assert SPECS["fr"].money_pattern == "#,##0 ¤"
    cldr = resolve("fr", LanguageSpec(locale="fr_FR"))
    assert cldr.money_pattern == "#,##0\u00a0¤"
    assert language("fr").money_pattern != cldr.money_pattern


def test_every_catalog_folder_has_a_spec_and_every_spec_a_folder() -> None:
    folders = set(catalog_languages(locale_folder()))
    assert folders, "no catalog folder found"
    assert folders | {SOURCE_LANGUAGE} == set(SPECS), (
        f"catalog folders {sorted(folders)} and SPECS {sorted(SPECS)} in "
        "src/uhc_roadmap/i18n/languages.py must name the same languages (English needs no folder)"
    )
    assert set(LANGUAGES) == set(SPECS)


@pytest.mark.parametrize("code", sorted(SPECS))
def test_every_spec_resolves_through_cldr(code: str) -> None:
    record = language(code)
    assert record.code == code
    assert record.native_name
    assert record.english_name
    assert record.direction in {"ltr", "rtl"}
    assert "¤" in record.money_pattern
    assert "." not in record.money_pattern.split(";")[0]  # whole units
    assert "%" in record.percent_pattern


def test_a_folder_added_to_a_copy_of_the_catalogs_is_a_language(tmp_path: Path) -> None:
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "eo").mkdir()
    (copy / "eo" / "templates.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    (copy / "notes").mkdir()  # a folder without catalogs is no language
    assert available_languages(copy) == tuple(sorted({*LANGUAGES, "eo"}))


def test_a_language_without_a_spec_takes_everything_from_cldr() -> None:
    german = language("de")
    assert (german.locale, german.direction, german.colon) == ("de", "ltr", ":")
    assert (german.native_name, german.english_name) == ("Deutsch", "German")


def test_arabic_runs_right_to_left_and_separates_lists_with_its_comma() -> None:
    arabic = language("ar")
    assert (arabic.locale, arabic.direction, arabic.colon) == ("ar", "rtl", ":")
    assert (arabic.native_name, arabic.english_name) == ("العربية", "Arabic")
    assert arabic.list_separator == "، "  # not CLDR's "and" (see SPECS)


@pytest.mark.parametrize(
    ("lang", "day", "number"),
    [
        ("ru", "15 июня 2021 г.", "1\u00a0234\u00a0567,5"),
        ("es", "15 de junio de 2021", "1.234.567,5"),
        ("pt", "15 de junho de 2021", "1\u00a0234\u00a0567,5"),
        ("ar", "15 يونيو 2021", "1,234,567.5"),
    ],
)
def test_dates_and_numbers_follow_cldr(lang: str, day: str, number: str) -> None:
    """Spaces compared as spaces: CLDR moves between no-break and narrow no-break ones."""
    assert format_day(date(2021, 6, 15), lang).split() == day.split()
    assert format_decimal_places(1234567.5, lang, 2).split() == number.split()


def test_a_spec_overrides_cldr_only_where_it_says() -> None:
    spec = LanguageSpec(locale="ar", colon=" :", list_separator="، ")
    record = resolve("ar", spec)
    assert (record.colon, record.list_separator) == (" :", "، ")
    assert record.money_pattern == language("ar").money_pattern


def test_a_code_cldr_does_not_know_is_refused() -> None:
    with pytest.raises(UnsupportedLanguage, match="CLDR has no locale `xx`"):
        language("xx")


def test_the_registry_does_not_import_babel() -> None:
    """`validate` imports no Babel; the registry must not bring it in with the language list."""
    code = (
        "import sys, uhc_roadmap.i18n as i18n, uhc_roadmap.i18n.languages; "
        "assert i18n.LANGUAGES, 'no languages'; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "[]"
