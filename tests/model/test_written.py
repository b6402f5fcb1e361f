"""Numbers, years and words written as Word and spreadsheets write them, read as meant."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uhc_roadmap.model.written import (
    Written,
    choice_meant,
    number_hint,
    read_number,
    shown,
    year_range,
)


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("150 000", (150000,)),
        ("150\u202f000", (150000,)),  # narrow no-break space, as French Word writes it
        ("74 300,50", (74300.5,)),
        ("12 345 678,9", (12345678.9,)),
        ("7,9", (7.9,)),
        ("0,28", (0.28,)),
        ("-3,5", (-3.5,)),
        ("1,500,000", (1500000,)),
        ("1.500.000", (1500000,)),
        ("1.234,5", (1234.5,)),
        ("1,234.5", (1234.5,)),
        ("1'234'567", (1234567,)),
        ("1,500", (1500, 1.5)),  # English thousands, or a French decimal comma
        ("1.500", (1.5, 1500)),  # a decimal point first: YAML and English read it so
        ("0,500", (0.5,)),  # no thousands start with 0
        ("12", (12,)),
    ],
)
def test_numbers_written_with_separators_and_decimal_commas(
    text: str, readings: tuple[float, ...]
) -> None:
    written = read_number(text)
    assert written is not None
    assert written.readings == readings


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("25%", Written((25,), percent=True)),
        ("25 %", Written((25,), percent=True)),
        ("1,5 %", Written((1.5,), percent=True)),
        ("1 000 €", Written((1000,), currency=True)),
        ("500 000 FCFA", Written((500000,), currency=True)),
        ("USD 12,000", Written((12000, 12), currency=True)),
    ],
)
def test_percent_signs_and_currencies(text: str, written: Written) -> None:
    assert read_number(text) == written


@pytest.mark.parametrize(
    "text",
    ["", "abc", "2025 2026", "1,50,000", "12 régions", "1 2345", "1,2,3", "--1", "1.2.3,4,5"],
)
def test_texts_that_are_no_number_have_no_reading(text: str) -> None:
    assert read_number(text) is None


@given(st.integers(min_value=1000, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_a_number_written_the_french_way_reads_back(whole: int, cents: int) -> None:
    grouped = f"{whole:,}".replace(",", "\u202f")
    written = read_number(f"{grouped},{cents:02d}")
    assert written is not None
    assert written.readings == (float(f"{whole}.{cents:02d}"),)


def test_year_ranges() -> None:
    assert year_range("2025-2026") == (2025, 2026)
    assert year_range("2025 – 2027") == (2025, 2027)
    assert year_range("2025/2026") == (2025, 2026)
    assert year_range("2026-2025") is None
    assert year_range("2025") is None


@pytest.mark.parametrize(
    ("field", "word", "choice"),
    [
        ("status", "en cours", "ongoing"),
        ("status", "En-Cours", "ongoing"),
        ("status", "terminé", "completed"),
        ("status", "Terminées", "completed"),
        ("status", "prévue", "planned"),
        ("status", "annulée", "cancelled"),
        ("status", "suspendu", "suspended"),
        ("status", "en finalisation", "finalising"),
        ("status", "in progress", "ongoing"),
        ("status", "concluído", "completed"),
        ("measure", "pourcentage", "percent"),
        ("direction", "baisse", "decrease"),
        ("type", "bailleur de fonds", "funder"),
        ("type", "ONG", "ngo"),
    ],
)
def test_words_of_other_languages_for_the_choices(field: str, word: str, choice: str) -> None:
    assert choice_meant(field, word) == choice


def test_a_word_no_table_knows_means_nothing() -> None:
    assert choice_meant("status", "xyz") is None
    assert choice_meant("country", "Maroc") is None


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("150 000", "write `planned: 150000`, without thousands separators"),
        (
            "74 300,50",
            "write `planned: 74300.5`, without thousands separators and with a decimal point",
        ),
        ("7,5", "write `planned: 7.5`, with a decimal point"),
        ("12", "write `planned: 12`, without quotes"),
        ("1 000 €", "write `planned: 1000`: the amount alone; `currency:` gives the currency"),
        (
            "1,500",
            "write `planned: 1500` if the `,` separates thousands, `planned: 1.5` if it is a decimal mark",
        ),
        ("25%", "write `planned: 25`, without `%`"),
        ("beaucoup", ""),
    ],
)
def test_the_hint_names_the_value_that_works(text: str, hint: str) -> None:
    assert number_hint("planned", text) == hint


def test_a_whole_number_field_takes_no_decimal_reading() -> None:
    assert number_hint("year", "2021,5", whole=True) == ""
    assert number_hint("year", "2021-2023", whole=True).startswith("`year` holds one year")


def test_shown_writes_numbers_as_yaml_reads_them() -> None:
    assert (shown(150000.0), shown(74300.5), shown(0.28)) == ("150000", "74300.5", "0.28")
