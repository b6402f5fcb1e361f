"""Dates, numbers, percentages and money formatted for a locale by Babel (CLDR data).

CLDR knows that French writes ``1 234 567 $US`` with narrow no-break spaces and ``15 juin 2021``;
hand-written formatting would get these subtly wrong for every language we add.
"""

from __future__ import annotations

import decimal
import functools
from collections.abc import Callable
from datetime import date
from typing import ParamSpec, TypeVar

from babel.dates import format_date as _format_date
from babel.numbers import format_currency, format_decimal, format_percent

from uhc_roadmap.i18n.languages import language

_FLOAT_DIGITS = 400  # the largest float has 309 digits before the decimal point
P = ParamSpec("P")
R = TypeVar("R")


def wide_decimals(function: Callable[P, R]) -> Callable[P, R]:
    """Babel rounds through ``decimal`` at the context's precision, 28 digits by default: an
    amount of 1e30 (or any float up to 1.8e308, all valid in a roadmap) raised
    ``InvalidOperation``. Every float fits in 400 digits."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with decimal.localcontext(prec=_FLOAT_DIGITS):
            return function(*args, **kwargs)

    return wrapper


def locale_for(lang: str) -> str:
    """The CLDR locale used for a language (its record's: ``en_GB`` for ``en``)."""
    return language(lang).locale


@functools.lru_cache(maxsize=4096)
def format_day(value: date, lang: str, style: str = "long") -> str:
    """``15 June 2021`` / ``15 juin 2021``. Memoised: a roadmap repeats its dates, and Babel
    takes some 0.1 ms for each (a fifth of rendering a large roadmap)."""
    return _format_date(value, format=style, locale=locale_for(lang))


@wide_decimals
def format_number(value: float, lang: str, digits: int = 0) -> str:
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=locale_for(lang))


@wide_decimals
def format_decimal_places(value: float, lang: str, most: int) -> str:
    """``7,9`` / ``7.9``: a number with as many decimals as it has, up to ``most``."""
    pattern = "#,##0" + ("." + "#" * most if most else "")
    return format_decimal(value, format=pattern, locale=locale_for(lang))


@wide_decimals
def format_share(ratio: float | None, lang: str) -> str:
    """A ratio (0.5) as a percentage (``50 %`` in French, ``50%`` in English); None as a dash."""
    if ratio is None:
        return "–"
    record = language(lang)
    return format_percent(ratio, record.percent_pattern, locale=record.locale)


@wide_decimals
def format_money(amount: float, currency: str, lang: str) -> str:
    """``US$1,234,567`` / ``1 234 567 $US``: whole units, as roadmap budgets are written."""
    record = language(lang)
    return format_currency(
        amount, currency, format=record.money_pattern, locale=record.locale, currency_digits=False
    )
