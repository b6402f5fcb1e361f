"""Template filters: locale-aware formatting through Babel, and Markdown escaping.

Templates never format numbers themselves: ``{{ budget.planned | money }}`` gives ``1 234 567 $US``
in French and ``US$1,234,567`` in English from the same template.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from babel.numbers import format_decimal, format_percent

from uhc_roadmap.formats.markdown import escape as escape_markdown
from uhc_roadmap.i18n.formatting import (
    format_day,
    format_money,
    format_number,
    format_share,
    wide_decimals,
)
from uhc_roadmap.i18n.languages import language
from uhc_roadmap.render.text import UserText, markdown_text, markdown_url

DASH = "–"


class Filters:
    """The filters of one rendering, bound to its language and the roadmap's currency."""

    def __init__(self, lang: str, currency: str | None) -> None:
        self.lang = lang
        self.currency = currency

    def date(self, value: date | None, style: str = "long") -> str:
        """``15 juin 2021``; style ``medium`` gives ``15 juin 2021`` / ``15 Jun 2021``."""
        if value is None:
            return DASH
        return format_day(
            value, self.lang, style if style in {"short", "medium", "long"} else "long"
        )

    def number(self, value: float | None, digits: int = 0) -> str:
        if value is None:
            return DASH
        return format_number(value, self.lang, max(0, min(int(digits), 6)))

    @wide_decimals
    def amount(self, value: float | None, measure: str = "number") -> str:
        """An indicator value as written: ``15.1``, ``12``; a percent measure as ``50,7 %``."""
        if value is None:
            return DASH
        record = language(self.lang)
        if measure == "percent":
            pattern = _two_decimals(record.percent_pattern)
            return format_percent(value / 100, pattern, locale=record.locale)
        return format_decimal(value, "#,##0.##", locale=record.locale)

    def percent(self, ratio: float | None) -> str:
        """A ratio (0.5) as ``50 %`` / ``50%``; None (nothing to measure) as a dash."""
        return format_share(ratio, self.lang)

    def money(self, amount: float | None, currency: str | None = None) -> str:
        code = currency or self.currency
        if amount is None:
            return DASH
        if code is None:
            return self.number(amount)
        return format_money(amount, code, self.lang)

    def as_mapping(self) -> dict[str, Callable[..., Any]]:
        return {
            "date": self.date,
            "number": self.number,
            "percent": self.percent,
            "amount": self.amount,
            "money": self.money,
            "md": markdown,
            "md_url": markdown_url,
        }


def _two_decimals(pattern: str) -> str:
    """A percent pattern (``#,##0 %`` in French) with up to two decimals."""
    return pattern.replace("0", "0.##", 1)


def markdown(value: object) -> str:
    """Explicit Markdown escaping, for strings a template built itself."""
    if isinstance(value, UserText):
        return markdown_text(value)
    return escape_markdown("" if value is None else str(value))


def finalize_markdown(value: object) -> object:
    """Every ``{{ }}`` in a Markdown template: roadmap text is escaped, None prints nothing."""
    if value is None:
        return ""
    if isinstance(value, UserText):
        return markdown_text(value)
    return value


def finalize_html(value: object) -> object:
    return "" if value is None else value
