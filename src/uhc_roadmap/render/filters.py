"""Template filters: locale-aware formatting through Babel, and Markdown escaping.

Templates never format numbers themselves: ``{{ budget.planned | money }}`` gives ``1 234 567 $US``
in French and ``US$1,234,567`` in English from the same template. A filter given what it cannot
format (``{{ 'x' | date }}``) says what it expected, as a FilterArgumentError that the template
error names by line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from babel.numbers import format_decimal, format_percent
from jinja2.exceptions import FilterArgumentError

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
LRI, PDI = "\u2066", "\u2069"
"""Unicode's left-to-right isolate and its end: ``<bdi dir="ltr">`` as characters."""
DATE_STYLES = ("short", "medium", "long")


class Filters:
    """The filters of one rendering, bound to its language and the roadmap's currency."""

    def __init__(self, lang: str, currency: str | None) -> None:
        self.lang = lang
        self.currency = currency
        self._isolate = language(lang).direction == "rtl"

    def _ltr(self, text: str) -> str:
        """A figure inside right-to-left text, isolated left-to-right (what ``<bdi dir="ltr">``
        does, in any output format): ``US$`` stays after ``1,234`` and a minus before it."""
        return f"{LRI}{text}{PDI}" if self._isolate and text != DASH else text

    def date(self, value: date | None, style: str = "long") -> str:
        """``15 juin 2021``; style ``medium`` gives ``15 juin 2021`` / ``15 Jun 2021``."""
        if value is None:
            return DASH
        if not isinstance(value, date):
            raise FilterArgumentError(f"`date` expects a date, got {described(value)}")
        if style not in DATE_STYLES:
            raise FilterArgumentError(
                f"`date` style is {', '.join(DATE_STYLES)}, not {described(style)}"
            )
        return format_day(value, self.lang, style)

    def number(self, value: float | None, digits: int = 0) -> str:
        if value is None:
            return DASH
        _expect_number("number", value)
        if not _is_int(digits):
            raise FilterArgumentError(
                f"`number` digits are a whole number, not {described(digits)}"
            )
        digits = max(0, min(digits, 6))
        return self._ltr(_formatted("number", value, format_number, value, self.lang, digits))

    def amount(self, value: float | None, measure: str = "number") -> str:
        """An indicator value as written: ``15.1``, ``12``; a percent measure as ``50,7 %``."""
        if value is None:
            return DASH
        _expect_number("amount", value)
        return self._ltr(_formatted("amount", value, self._amount, value, measure))

    @wide_decimals
    def _amount(self, value: float, measure: str) -> str:
        record = language(self.lang)
        if measure == "percent":
            pattern = _two_decimals(record.percent_pattern)
            return format_percent(value / 100, pattern, locale=record.locale)
        return format_decimal(value, "#,##0.##", locale=record.locale)

    def percent(self, ratio: float | None) -> str:
        """A ratio (0.5) as ``50 %`` / ``50%``; None (nothing to measure) as a dash."""
        if ratio is not None:
            _expect_number("percent", ratio)
        return self._ltr(_formatted("percent", ratio, format_share, ratio, self.lang))

    def money(self, amount: float | None, currency: str | None = None) -> str:
        code = currency or self.currency
        if amount is None:
            return DASH
        _expect_number("money", amount)
        if code is None:
            return self.number(amount)
        if not isinstance(code, str):
            raise FilterArgumentError(
                f"`money` currency is a code such as EUR, not {described(code)}"
            )
        return self._ltr(_formatted("money", amount, format_money, amount, code, self.lang))

    def as_mapping(self) -> dict[str, Callable[..., Any]]:
        return {
            "date": self.date,
            "number": self.number,
            "percent": self.percent,
            "amount": self.amount,
            "money": self.money,
            "md": markdown,
            "md_url": md_url,
        }


def _two_decimals(pattern: str) -> str:
    """A percent pattern (``#,##0 %`` in French) with up to two decimals."""
    return pattern.replace("0", "0.##", 1)


def described(value: object) -> str:
    """A value as a message shows it: ``the text 'x'``, ``the number 3``, ``a list``."""
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}" if len(repr(value)) <= 40 else "a very large number"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if value is None:
        return "none"
    return f"a value of type {type(value).__name__}"


def md_url(value: object) -> str:
    """``markdown_url`` for a template: the link must be text."""
    if not isinstance(value, str):
        raise FilterArgumentError(f"`md_url` expects a link as text, got {described(value)}")
    return markdown_url(value)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _expect_number(name: str, value: object) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise FilterArgumentError(f"`{name}` expects a number, got {described(value)}")


def _formatted(name: str, value: object, format_: Callable[..., str], *args: Any) -> str:
    """Babel's formatting; a number it cannot write (1e400 as an integer) is the template's."""
    try:
        return format_(*args)
    except ArithmeticError:
        raise FilterArgumentError(f"`{name}` cannot format {described(value)}") from None


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
