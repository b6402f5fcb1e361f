"""The words every diff format shares: one phrase per change, in the order a reviewer reads."""

from __future__ import annotations

from uhc_roadmap.authoring.diff import (
    ActivityChange,
    Amounts,
    BudgetChange,
    DateSlip,
    FieldChange,
    IndicatorValues,
    Measurement,
    MilestoneDone,
    RoadmapDiff,
)


def amount(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def days_phrase(days: int) -> str:
    return f"{'+' if days > 0 else '−'}{abs(days)} day{'s' if abs(days) != 1 else ''}"


def field_phrase(change: FieldChange) -> str:
    days = f" ({days_phrase(change.days)})" if change.days else ""
    return f"{change.field}: {change.old or '(none)'} → {change.new or '(none)'}{days}"


def slip_phrase(slip: DateSlip) -> str:
    moved = f"slipped {abs(slip.days)}" if slip.days > 0 else f"brought forward {abs(slip.days)}"
    unit = "day" if abs(slip.days) == 1 else "days"
    return f"planned {slip.which}: {slip.old} → {slip.new} ({moved} {unit})"


def _amounts(amounts: Amounts) -> str:
    parts = [f"planned {amount(amounts.planned)}"]
    parts += [f"committed {amount(amounts.committed)}"] if amounts.committed else []
    parts += [f"spent {amount(amounts.spent)}"] if amounts.spent else []
    return ", ".join(parts)


def budget_phrase(change: BudgetChange) -> str:
    who = f"budget {change.funder}" + (f" ({change.currency})" if change.currency else "")
    if change.old is None:
        return f"{who}: new, {_amounts(change.new or Amounts())}"
    if change.new is None:
        return f"{who}: removed, was {_amounts(change.old)}"
    moved = [
        f"{name} {amount(before)} → {amount(after)}"
        for name in ("planned", "committed", "spent")
        if (before := getattr(change.old, name)) != (after := getattr(change.new, name))
    ]
    return f"{who}: " + ", ".join(moved)


def milestone_phrase(done: MilestoneDone) -> str:
    name = f"{done.id} “{done.title}”" if done.id else f"“{done.title}”"
    late = done.days_late
    timing = f"{late} days late" if late > 0 else "on time" if late == 0 else f"{-late} days early"
    return f"milestone done: {name} on {done.done_on} (due {done.due}, {timing})"


def change_phrases(change: ActivityChange) -> list[str]:
    """One phrase per change, in the order a reviewer reads them."""
    phrases = [f"status: {change.status[0]} → {change.status[1]}"] if change.status else []
    phrases += [slip_phrase(s) for s in change.slips]
    phrases += [budget_phrase(b) for b in change.budget]
    phrases += [milestone_phrase(m) for m in change.milestones_done]
    phrases += [f"axis: {change.axis[0]} → {change.axis[1]}"] if change.axis else []
    phrases += [f"title ({t.lang}): {_quoted(t.old)} → {_quoted(t.new)}" for t in change.titles]
    return phrases


def _quoted(text: str | None) -> str:
    return "(none)" if text is None else f"“{text}”"


def measurement_phrase(point: Measurement, unit: str | None) -> str:
    value = amount(point.value) if isinstance(point.value, float) else point.value
    where = f" ({point.region})" if point.region else ""
    return f"{point.date}: {value}{f' {unit}' if unit else ''}{where}"


def value_phrases(values: IndicatorValues) -> list[str]:
    phrases = [f"new {measurement_phrase(p, values.unit)}" for p in values.added]
    for before, after in values.revised:
        then = measurement_phrase(before, values.unit)
        now = measurement_phrase(after, values.unit).partition(": ")[2]
        phrases.append(f"revised {then} → {now}")
    phrases += [f"deleted {measurement_phrase(p, values.unit)}" for p in values.removed]
    return phrases


def counts(diff: RoadmapDiff) -> str:
    parts = [
        f"{len(diff.added)} added",
        f"{len(diff.removed)} removed",
        f"{len(diff.changed)} changed",
    ]
    text = "activities: " + ", ".join(parts)
    if diff.indicator_values:
        n = len(diff.indicator_values)
        text += f"; values changed for {n} indicator{'s' if n != 1 else ''}"
    return text
