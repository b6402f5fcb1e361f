"""Formatting filters: Babel (CLDR) writes dates, numbers, percentages and money per locale."""

from __future__ import annotations

from datetime import date

import pytest

from uhc_roadmap.render.filters import Filters, finalize_markdown, markdown
from uhc_roadmap.render.text import UserText

NNBSP = "\u202f"


def test_french_date_and_money() -> None:
    fr = Filters("fr", "USD")
    assert fr.date(date(2021, 6, 15)) == "15 juin 2021"
    assert fr.money(1234567).replace(NNBSP, " ").replace("\xa0", " ") == "1 234 567 $US"


def test_english_date_and_money() -> None:
    en = Filters("en", "USD")
    assert en.date(date(2021, 6, 15)) == "15 June 2021"
    assert en.money(1234567) == "US$1,234,567"
    assert en.money(500, "EUR") == "€500"


@pytest.mark.parametrize(
    ("lang", "ratio", "expected"), [("en", 0.5, "50%"), ("fr", 0.5, "50 %"), ("en", None, "–")]
)
def test_percent(lang: str, ratio: float | None, expected: str) -> None:
    assert Filters(lang, None).percent(ratio).replace("\xa0", " ").replace(NNBSP, " ") == expected


@pytest.mark.parametrize(
    ("lang", "value", "measure", "expected"),
    [
        ("en", 15.1, "number", "15.1"),
        ("fr", 15.1, "number", "15,1"),
        ("en", 12.0, "number", "12"),
        ("en", 10000.0, "number", "10,000"),
        ("en", 50.7, "percent", "50.7%"),
        ("fr", 50.7, "percent", "50,7 %"),
        ("fr", None, "number", "–"),
    ],
)
def test_indicator_amounts(lang: str, value: float | None, measure: str, expected: str) -> None:
    shown = Filters(lang, None).amount(value, measure)
    assert shown.replace("\xa0", " ").replace(NNBSP, " ") == expected


def test_missing_values_show_a_dash() -> None:
    f = Filters("en", "USD")
    assert (f.date(None), f.money(None), f.number(None)) == ("–", "–", "–")


def test_money_without_a_currency_is_a_number() -> None:
    assert Filters("en", None).money(1500) == "1,500"


def test_markdown_finalize_escapes_roadmap_text_only() -> None:
    assert finalize_markdown(UserText("a|b")) == "a\\|b"
    assert finalize_markdown("| built | by | the template |") == "| built | by | the template |"
    assert finalize_markdown(None) == ""
    assert markdown("*x*") == "\\*x\\*"
