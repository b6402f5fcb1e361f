"""Labels and values for people: translated words (report.po) and CLDR formatting (Babel)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from uhc_roadmap.i18n import translations
from uhc_roadmap.i18n.formatting import format_day, format_money, format_number, format_share
from uhc_roadmap.i18n.languages import language
from uhc_roadmap.progress.results import BudgetProgress, IndicatorProgress


class Labels:
    """What a human-readable format needs to write figures in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.language = language(lang)
        catalog = translations(lang)
        self.gettext = catalog.gettext
        self.ngettext = catalog.ngettext

    def __call__(self, message: str) -> str:
        return self.gettext(message)

    def day(self, value: date | None) -> str:
        return "–" if value is None else format_day(value, self.lang, "medium")

    def share(self, ratio: float | None) -> str:
        return format_share(ratio, self.lang)

    def money(self, amount: float, currency: str | None) -> str:
        if currency is None:
            return format_number(amount, self.lang)
        return format_money(amount, currency, self.lang)

    def count(self, value: int) -> str:
        return format_number(value, self.lang)

    def value(self, value: float | str | None) -> str:
        """An indicator value: whole numbers without decimals, others with at most two."""
        if value is None:
            return "–"
        if isinstance(value, str):
            return value
        digits = 0 if float(value).is_integer() else 2 if abs(value) < 10 else 1
        return format_number(round(value, digits), self.lang, digits)

    def to_date(self, budget: BudgetProgress) -> str:
        """Execution of the budget planned up to the reference date's year, and of the phase."""
        return self.gettext(
            "Execution of the budget planned up to %(year)s: %(rate)s (%(spent)s spent of "
            "%(planned)s); of the whole phase: %(phase)s."
        ) % {
            "year": budget.through_year,
            "rate": _whole(self.share(budget.to_date.execution_rate)),
            "spent": _whole(self.money(budget.to_date.spent, budget.currency)),
            "planned": _whole(self.money(budget.to_date.planned, budget.currency)),
            "phase": _whole(self.share(budget.total.execution_rate)),
        }

    def listing(self, items: Iterable[str]) -> str:
        """``GOV-01, FIN-02``: items joined with the language's list separator."""
        return self.language.list_separator.join(items)

    def days(self, count: int) -> str:
        return self.ngettext("%(n)s day", "%(n)s days", count) % {"n": self.count(count)}

    def status(self, status: str) -> str:
        return self.gettext(status)

    def status_count(self, status: str, count: int) -> str:
        """``2 planned`` / ``2 prévues``: the status agrees with the number in French."""
        forms = {
            "planned": self.ngettext("%(n)s planned", "%(n)s planned", count),
            "ongoing": self.ngettext("%(n)s ongoing", "%(n)s ongoing", count),
            "finalising": self.ngettext("%(n)s finalising", "%(n)s finalising", count),
            "completed": self.ngettext("%(n)s completed", "%(n)s completed", count),
            "cancelled": self.ngettext("%(n)s cancelled", "%(n)s cancelled", count),
            "suspended": self.ngettext("%(n)s suspended", "%(n)s suspended", count),
        }
        return forms[status] % {"n": self.count(count)}

    def indicator_status(self, indicator: IndicatorProgress) -> str:
        words = {
            "on_track": self.gettext("on track"),
            "off_track": self.gettext("off track"),
            "no_data": self.gettext("no data"),
            "qualitative": self.gettext("qualitative"),
        }
        return words[indicator.status]

    def trend(self, indicator: IndicatorProgress) -> str:
        if indicator.trend is None:
            return "–"
        words = {
            "improving": self.gettext("improving"),
            "worsening": self.gettext("worsening"),
            "stable": self.gettext("stable"),
        }
        return words[indicator.trend]

    def measured(
        self, value: float | str | None, indicator: IndicatorProgress, digits: int | None = None
    ) -> str:
        """An indicator value; percent indicators carry their sign (``45.2%``, ``45,2 %``).
        ``digits`` fixes the decimals (see ``measured_all``)."""
        if digits is None or value is None or isinstance(value, str):
            text = self.value(value)
        else:
            text = format_number(round(value, digits), self.lang, digits)
        if indicator.measure != "percent" or value is None or isinstance(value, str):
            return text
        return self.language.with_percent_sign(text)

    def measured_all(
        self, values: Sequence[float | str | None], indicator: IndicatorProgress
    ) -> list[str]:
        """Values shown side by side (baseline, latest, target) with the same decimals, the
        fewest (at most two) that show each of them: ``7.2 -> 7.9 -> 10.0``, ``0 -> 9 -> 12``."""
        numbers = [v for v in values if isinstance(v, float | int)]
        digits = max((decimals(v) for v in numbers), default=0)
        return [self.measured(v, indicator, digits) for v in values]


def decimals(value: float) -> int:
    """The fewest decimals, up to two, that show ``value`` as rounded to two."""
    target = round(value, 2)
    return next(d for d in (0, 1, 2) if round(value, d) == target)


def _whole(figure: str) -> str:
    """A figure kept on one line when a sentence around it wraps: its spaces do not break."""
    return figure.replace(" ", "\u00a0").replace("\u202f", "\u00a0")
