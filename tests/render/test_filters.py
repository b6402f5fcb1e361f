"""Formatting filters: Babel (CLDR) writes dates, numbers, percentages and money per locale."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from jinja2.exceptions import FilterArgumentError

from uhc_roadmap.render.filters import Filters, described, finalize_markdown, markdown, md_url
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


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda f: f.date("x"), "`date` expects a date, got the text 'x'"),
        (lambda f: f.date(20210615), "`date` expects a date, got the number 20210615"),
        (lambda f: f.date(date(2021, 6, 15), "full"), "`date` style is short, medium, long"),
        (lambda f: f.number("12"), "`number` expects a number, got the text '12'"),
        (lambda f: f.number(True), "`number` expects a number, got the boolean true"),
        (lambda f: f.number(1, "2"), "`number` digits are a whole number, not the text '2'"),
        (lambda f: f.number(10**500), "`number` cannot format a very large number"),
        (lambda f: f.amount([1]), "`amount` expects a number, got a value of type list"),
        (lambda f: f.percent("50%"), "`percent` expects a number, got the text '50%'"),
        (lambda f: f.money("1"), "`money` expects a number, got the text '1'"),
        (lambda f: f.money(1, 978), "`money` currency is a code such as EUR, not the number 978"),
    ],
)
def test_filters_given_the_wrong_input_say_what_they_expected(
    call: Callable[[Filters], str], expected: str
) -> None:
    with pytest.raises(FilterArgumentError) as caught:
        call(Filters("en", "USD"))
    assert str(caught.value).startswith(expected)


def test_md_url_wants_text() -> None:
    assert md_url("https://example.org/a b") == "https://example.org/a%20b"
    with pytest.raises(FilterArgumentError, match="`md_url` expects a link as text, got none"):
        md_url(None)


def test_long_text_is_shortened_in_messages() -> None:
    assert described("x" * 100) == f"the text '{'x' * 37}...'"


def test_figures_in_a_right_to_left_document_are_isolated_left_to_right() -> None:
    """U+2066 ... U+2069 is ``<bdi dir="ltr">`` in any format: Markdown, HTML, PDF, SVG."""
    arabic = Filters("ar", "USD")
    assert arabic.money(1234567) == "\u2066\u200f1,234,567\u00a0US$\u2069"
    assert arabic.percent(0.5) == "\u206650%\u2069"
    assert arabic.number(-12) == "\u2066-12\u2069"
    assert arabic.amount(7.5, "percent") == "\u20667.5%\u2069"
    assert arabic.money(None) == "–"  # a dash is no figure
    assert Filters("fr", "USD").percent(0.5) == "50\u00a0%"  # left-to-right: nothing added
