"""The words every diff format shares: one phrase per change, in the order a reviewer reads,
in the roadmap's language (catalog ``diff.po``) with its numbers written as that language
writes them (``45 000,5``, ``65 %``). Dates stay ISO (``2022-03-31``): a reviewer compares
them with the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from uhc_roadmap.authoring.diff import (
    ActivityChange,
    Amounts,
    BudgetChange,
    DateChange,
    DateSlip,
    FieldChange,
    IndicatorValues,
    ListChange,
    Measurement,
    MilestoneChange,
    RoadmapDiff,
)
from uhc_roadmap.i18n import LANGUAGES, N_, SOURCE_LANGUAGE, translations
from uhc_roadmap.i18n.formatting import format_decimal_places, format_number
from uhc_roadmap.i18n.languages import language


def words_language(lang: str | None) -> str:
    """The language the labels are written in: ``lang`` when the tool has labels for it, else
    English (a roadmap whose default language has no catalog)."""
    return lang if lang is not None and lang in LANGUAGES else SOURCE_LANGUAGE


class Words:
    """The phrases of a diff in one language."""

    def __init__(self, lang: str | None = None) -> None:
        self.lang = words_language(lang)
        self.language = language(self.lang)
        catalog = translations(self.lang)
        self.gettext = catalog.gettext
        self.ngettext = catalog.ngettext

    def __call__(self, message: str, **values: object) -> str:
        text = self.gettext(message)
        return text % values if values else text

    # -- numbers, in the language's way ------------------------------------------------------

    def amount(self, value: float) -> str:
        """Money: whole units, or to the cent (``45 000,50``)."""
        return format_number(value, self.lang, 0 if float(value).is_integer() else 2)

    def number(self, value: float) -> str:
        """A measured value or a percentage: as many decimals as it has, up to three."""
        return format_decimal_places(value, self.lang, 3)

    def percent(self, value: float | None) -> str:
        return self.none if value is None else self.language.with_percent_sign(self.number(value))

    def count(self, value: int) -> str:
        return format_number(value, self.lang)

    def days(self, days: int) -> str:
        """``3 days``, ``1 jour``: the number of days, without a sign."""
        return self.ngettext("%(n)s day", "%(n)s days", abs(days)) % {"n": self.count(abs(days))}

    def signed_days(self, days: int) -> str:
        return ("+" if days > 0 else "−") + self.days(days)

    def ids(self, items: Iterable[str]) -> str:
        return self.language.list_separator.join(items)

    @property
    def none(self) -> str:
        return self("(none)")

    def day(self, value: date | None) -> str:
        return self.none if value is None else value.isoformat()

    # -- the roadmap ---------------------------------------------------------------------------

    def field(self, change: FieldChange) -> str:
        days = f" ({self.signed_days(change.days)})" if change.days else ""
        return self(
            "%(field)s: %(old)s → %(new)s",
            field=change.field,
            old=change.old or self.none,
            new=(change.new or self.none) + days,
        )

    def status(self, status: str) -> str:
        return self.gettext(status)

    # -- an activity ---------------------------------------------------------------------------

    def changes(self, change: ActivityChange, currency: str | None = None) -> list[str]:
        """One phrase per change, in the order a reviewer reads them; ``currency`` is the
        roadmap's (a budget line in another is named with its own)."""
        phrases = []
        if change.status:
            old, new = (self.status(s) for s in change.status)
            phrases.append(self("status: %(old)s → %(new)s", old=old, new=new))
        if change.progress:
            old_p, new_p = (self.percent(p) for p in change.progress)
            phrases.append(self("progress: %(old)s → %(new)s", old=old_p, new=new_p))
        phrases += [self.actual(a) for a in change.actual]
        phrases += [self.slip(s) for s in change.slips]
        phrases += [p for m in change.milestones for p in self.milestone(m)]
        phrases += [self.budget(b, currency) for b in change.budget]
        if change.lead:
            old_l, new_l = (lead or self.none for lead in change.lead)
            phrases.append(self("lead: %(old)s → %(new)s", old=old_l, new=new_l))
        for label, listed in (
            (self("partners"), change.partners),
            (self("regions"), change.regions),
            (self("depends on"), change.depends_on),
        ):
            if listed is not None:
                phrases.append(self.listed(label, listed))
        if change.axis:
            phrases.append(self("axis: %(old)s → %(new)s", old=change.axis[0], new=change.axis[1]))
        phrases += [
            self(
                "title (%(lang)s): %(old)s → %(new)s",
                lang=t.lang,
                old=self.quoted(t.old),
                new=self.quoted(t.new),
            )
            for t in change.titles
        ]
        return phrases

    def actual(self, change: DateChange) -> str:
        old, new = self.day(change.old), self.day(change.new)
        if change.which == "start":
            return self("actual start: %(old)s → %(new)s", old=old, new=new)
        return self("actual end: %(old)s → %(new)s", old=old, new=new)

    def slip(self, slip: DateSlip) -> str:
        moved = self.moved(slip.days)
        if slip.which == "start":
            return self(
                "planned start: %(old)s → %(new)s (%(moved)s)",
                old=slip.old,
                new=slip.new,
                moved=moved,
            )
        return self(
            "planned end: %(old)s → %(new)s (%(moved)s)", old=slip.old, new=slip.new, moved=moved
        )

    def moved(self, days: int) -> str:
        if days > 0:
            return self("slipped %(days)s", days=self.days(days))
        return self("brought forward %(days)s", days=self.days(days))

    def listed(self, label: str, change: ListChange) -> str:
        parts = [self("added %(ids)s", ids=self.ids(change.added))] if change.added else []
        parts += [self("removed %(ids)s", ids=self.ids(change.removed))] if change.removed else []
        return self("%(field)s: %(changes)s", field=label, changes="; ".join(parts))

    def quoted(self, text: str | None) -> str:
        return self.none if text is None else f"“{text}”"

    # -- money ---------------------------------------------------------------------------------

    def budget(self, change: BudgetChange, currency: str | None = None) -> str:
        """``budget 2021 EU: spent 41,200 → 52,400``; the currency is named when it is not the
        roadmap's (``currency``)."""
        who = f"{change.year} {change.funder}"
        if change.currency and change.currency != currency:
            who += f" ({change.currency})"
        if change.old is None:
            amounts = self.amounts(change.new or Amounts())
            return self("budget %(who)s: new, %(amounts)s", who=who, amounts=amounts)
        if change.new is None:
            amounts = self.amounts(change.old)
            return self("budget %(who)s: removed, was %(amounts)s", who=who, amounts=amounts)
        moved = [
            self(_MOVED[name], old=self.amount(before), new=self.amount(after))
            for name in ("planned", "committed", "spent")
            if (before := getattr(change.old, name)) != (after := getattr(change.new, name))
        ]
        return self("budget %(who)s: %(amounts)s", who=who, amounts=", ".join(moved))

    def amounts(self, amounts: Amounts) -> str:
        parts = [self("planned %(amount)s", amount=self.amount(amounts.planned))]
        if amounts.committed:
            parts.append(self("committed %(amount)s", amount=self.amount(amounts.committed)))
        if amounts.spent:
            parts.append(self("spent %(amount)s", amount=self.amount(amounts.spent)))
        return ", ".join(parts)

    # -- milestones ----------------------------------------------------------------------------

    def milestone(self, change: MilestoneChange) -> list[str]:
        """A phrase for each thing that changed: reached, its ``done_on`` or due date moved..."""
        name = f"{change.id} “{change.title}”" if change.id else f"“{change.title}”"
        (old_due, new_due), (old_done, new_done) = change.due, change.done_on
        kind = change.kind
        if kind == "added":
            return [self("milestone added: %(name)s, due %(due)s", name=name, due=new_due)]
        if kind == "removed":
            return [self("milestone removed: %(name)s", name=name)]
        phrases = []
        if old_due != new_due and old_due is not None and new_due is not None:
            moved = self.moved((new_due - old_due).days)
            phrases.append(
                self(
                    "milestone due: %(name)s %(old)s → %(new)s (%(moved)s)",
                    name=name,
                    old=old_due,
                    new=new_due,
                    moved=moved,
                )
            )
        if kind == "reopened":
            phrases.append(
                self("milestone reopened: %(name)s (was done on %(old)s)", name=name, old=old_done)
            )
        elif kind == "done":
            phrases.append(
                self(
                    "milestone done: %(name)s on %(done)s (due %(due)s, %(timing)s)",
                    name=name,
                    done=new_done,
                    due=new_due,
                    timing=self.timing(change.days_late or 0),
                )
            )
        elif old_done != new_done:
            phrases.append(
                self(
                    "milestone done on: %(name)s %(old)s → %(new)s",
                    name=name,
                    old=self.day(old_done),
                    new=self.day(new_done),
                )
            )
        return phrases

    def timing(self, late: int) -> str:
        if late == 0:
            return self("on time")
        n = {"n": self.count(abs(late))}
        if late > 0:
            return self.ngettext("%(n)s day late", "%(n)s days late", late) % n
        return self.ngettext("%(n)s day early", "%(n)s days early", -late) % n

    # -- indicators ----------------------------------------------------------------------------

    def measurement(self, point: Measurement, values: IndicatorValues) -> str:
        return self("%(date)s: %(value)s", date=point.date, value=self.measured(point, values))

    def measured(self, point: Measurement, values: IndicatorValues) -> str:
        if isinstance(point.value, str):
            value = point.value
        elif values.measure == "percent":
            value = self.percent(point.value)
        else:
            value = self.number(point.value)
        unit = f" {values.unit}" if values.unit else ""
        where = f" ({point.region})" if point.region else ""
        return f"{value}{unit}{where}"

    def values(self, values: IndicatorValues) -> list[str]:
        phrases = []
        for name, pair in (("baseline", values.baseline), ("target", values.target)):
            if pair is not None:
                old, new = (self.dated(p, values) for p in pair)
                phrases.append(self(_REFERENCE[name], old=old, new=new))
        phrases += [self("new %(point)s", point=self.measurement(p, values)) for p in values.added]
        for before, after in values.revised:
            phrases.append(
                self(
                    "revised %(point)s → %(value)s",
                    point=self.measurement(before, values),
                    value=self.measured(after, values),
                )
            )
        phrases += [
            self("deleted %(point)s", point=self.measurement(p, values)) for p in values.removed
        ]
        return phrases

    def dated(self, point: Measurement | None, values: IndicatorValues) -> str:
        return self.none if point is None else f"{self.measured(point, values)} ({point.date})"

    # -- counts --------------------------------------------------------------------------------

    def counts(self, diff: RoadmapDiff) -> str:
        parts = [
            self.ngettext("%(n)s added", "%(n)s added", len(diff.added)),
            self.ngettext("%(n)s removed", "%(n)s removed", len(diff.removed)),
            self.ngettext("%(n)s changed", "%(n)s changed", len(diff.changed)),
        ]
        numbers = (len(diff.added), len(diff.removed), len(diff.changed))
        filled = [p % {"n": self.count(n)} for p, n in zip(parts, numbers, strict=True)]
        text = self("activities: %(counts)s", counts=", ".join(filled))
        if diff.indicator_values:
            n = len(diff.indicator_values)
            text += self.ngettext(
                "; values changed for %(n)s indicator", "; values changed for %(n)s indicators", n
            ) % {"n": self.count(n)}
        return text


_MOVED = {
    "planned": N_("planned %(old)s → %(new)s"),
    "committed": N_("committed %(old)s → %(new)s"),
    "spent": N_("spent %(old)s → %(new)s"),
}
_REFERENCE = {
    "baseline": N_("baseline: %(old)s → %(new)s"),
    "target": N_("target: %(old)s → %(new)s"),
}
