"""What changed between two versions of a roadmap, by activity id.

Reviewers of a roadmap change (a pull request, a joint annual review, a quarterly update) ask the
same questions: what was added or dropped, what slipped, what was completed, how far each
activity got, which money moved in which year, who leads and where. The answer
is computed from two validated roadmaps, never from the text, so that re-ordering, re-quoting
or re-formatting the YAML shows no change. Ids are the identity: a renamed id is reported as one
activity removed and another added, because guessing renames would hide real removals.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal, TypeVar

from uhc_roadmap.model import Activity, Indicator, IndicatorPoint, Milestone, Roadmap, Text
from uhc_roadmap.model import Measurement as ModelMeasurement

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class FieldChange:
    """A top-level field that changed; ``days`` when both values are dates."""

    field: str
    old: str | None
    new: str | None
    days: int | None = None


@dataclass(frozen=True, slots=True)
class ActivitySummary:
    """An activity added or removed, as it stood in the version that has it."""

    id: str
    axis: str
    status: str
    title: str


@dataclass(frozen=True, slots=True)
class DateSlip:
    """A planned date that moved; positive ``days`` is later."""

    which: Literal["start", "end"]
    old: date
    new: date

    @property
    def days(self) -> int:
        return (self.new - self.old).days


@dataclass(frozen=True, slots=True)
class DateChange:
    """An actual date set, moved or removed: ``old`` or ``new`` is None where it is not given."""

    which: Literal["start", "end"]
    old: date | None
    new: date | None

    @property
    def days(self) -> int | None:
        return None if self.old is None or self.new is None else (self.new - self.old).days


@dataclass(frozen=True, slots=True)
class ListChange:
    """Ids or codes added to and removed from a list (partners, regions, dependencies)."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Amounts:
    """One funder's amounts for one year on one activity; a missing committed or spent amount
    counts as 0."""

    planned: float = 0.0
    committed: float = 0.0
    spent: float = 0.0


@dataclass(frozen=True, slots=True)
class BudgetChange:
    """A funder's amounts for one year before and after; None where it had no line that year.

    Lines of the same year, funder and currency are added up (a line split in two is no change).
    """

    year: int
    funder: str
    currency: str
    old: Amounts | None
    new: Amounts | None


@dataclass(frozen=True, slots=True)
class TitleChange:
    """A title in one language; None where that language was missing."""

    lang: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class MilestoneChange:
    """A milestone added, removed, reached, reopened, or whose dates moved.

    ``due`` and ``done_on`` are (before, after); a side is None where the milestone or its
    ``done_on`` is absent. Milestones are matched by id, else by their title.
    """

    id: str | None
    title: str
    due: tuple[date | None, date | None]
    done_on: tuple[date | None, date | None] = (None, None)

    @property
    def kind(self) -> Literal["added", "removed", "done", "reopened", "changed"]:
        if self.due[0] is None:
            return "added"
        if self.due[1] is None:
            return "removed"
        if self.done_on[0] is None and self.done_on[1] is not None:
            return "done"
        if self.done_on[0] is not None and self.done_on[1] is None:
            return "reopened"
        return "changed"

    @property
    def days_late(self) -> int | None:
        """Days from the due date to the day it was reached (negative: early), when reached."""
        due, done = self.due[1], self.done_on[1]
        return None if due is None or done is None else (done - due).days


@dataclass(frozen=True)
class ActivityChange:
    """Everything that changed in one activity present in both versions.

    A pair is (before, after), None when the field did not change; a tuple of changes is empty
    when there is none of that kind.
    """

    id: str
    title: str
    status: tuple[str, str] | None = None
    progress: tuple[float | None, float | None] | None = None
    actual: tuple[DateChange, ...] = ()
    slips: tuple[DateSlip, ...] = ()
    milestones: tuple[MilestoneChange, ...] = ()
    budget: tuple[BudgetChange, ...] = ()
    lead: tuple[str | None, str | None] | None = None
    partners: ListChange | None = None
    regions: ListChange | None = None
    depends_on: ListChange | None = None
    axis: tuple[str, str] | None = None
    titles: tuple[TitleChange, ...] = ()


@dataclass(frozen=True, slots=True)
class Measurement:
    date: date
    value: float | str
    region: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class IndicatorValues:
    """New measurements of one indicator, revised ones (before, after), and deleted ones; its
    baseline and target (before, after) where they changed."""

    id: str
    title: str
    unit: str | None
    added: tuple[Measurement, ...] = ()
    revised: tuple[tuple[Measurement, Measurement], ...] = ()
    removed: tuple[Measurement, ...] = ()
    baseline: tuple[Measurement | None, Measurement | None] | None = None
    target: tuple[Measurement | None, Measurement | None] | None = None
    measure: str = "number"

    @property
    def changed(self) -> bool:
        return bool(self.added or self.revised or self.removed or self.baseline or self.target)


@dataclass(frozen=True)
class RoadmapDiff:
    """The changes from ``old`` to ``new``; titles are shown in ``lang``, amounts are in
    ``currency`` (the new version's) unless a budget change names another."""

    lang: str
    currency: str | None = None
    roadmap: tuple[FieldChange, ...] = ()
    added: tuple[ActivitySummary, ...] = ()
    removed: tuple[ActivitySummary, ...] = ()
    changed: tuple[ActivityChange, ...] = ()
    indicators_added: tuple[str, ...] = ()
    indicators_removed: tuple[str, ...] = ()
    indicator_values: tuple[IndicatorValues, ...] = ()

    @property
    def is_empty(self) -> bool:
        parts = (self.roadmap, self.added, self.removed, self.changed)
        more = (self.indicators_added, self.indicators_removed, self.indicator_values)
        return not any((*parts, *more))


def diff_roadmaps(old: Roadmap, new: Roadmap, lang: str | None = None) -> RoadmapDiff:
    """Compare two valid roadmaps; ``lang`` picks the language of the titles shown."""
    shown = lang or new.default_language
    old_side, new_side = _Side(old, shown), _Side(new, shown)
    old_acts = {a.id: a for a in old.activities}
    new_ids = {a.id for a in new.activities}
    old_inds = {i.id: i for i in old.indicators}
    new_inds = {i.id for i in new.indicators}
    changes = (
        _activity(old_side, new_side, old_acts[a.id], a) for a in new.activities if a.id in old_acts
    )
    return RoadmapDiff(
        lang=shown,
        currency=new.currency,
        roadmap=tuple(_top_level(old, new)),
        added=tuple(new_side.summary(a) for a in new.activities if a.id not in old_acts),
        removed=tuple(old_side.summary(a) for a in old.activities if a.id not in new_ids),
        changed=tuple(c for c in changes if c is not None),
        indicators_added=tuple(i.id for i in new.indicators if i.id not in old_inds),
        indicators_removed=tuple(i.id for i in old.indicators if i.id not in new_inds),
        indicator_values=tuple(_all_values(old_inds, new.indicators, new_side)),
    )


@dataclass(frozen=True)
class _Side:
    """One version, with what is needed to read its texts and amounts."""

    roadmap: Roadmap
    lang: str

    def show(self, text: Text) -> str:
        return text.get(self.lang, self.roadmap.default_language)[0]

    def texts(self, text: Text) -> dict[str, str]:
        """A Text by language; a plain string is in this version's default language."""
        return {self.roadmap.default_language: text.values[""]} if text.plain else text.values

    def summary(self, activity: Activity) -> ActivitySummary:
        return ActivitySummary(
            activity.id, activity.axis, activity.status, self.show(activity.title)
        )

    def budget(self, activity: Activity) -> dict[tuple[int, str, str], Amounts]:
        """Amounts by (year, funder, currency), in the order the lines come."""
        lines: dict[tuple[int, str, str], list[tuple[float, float, float]]] = {}
        for line in activity.budget:
            currency = line.currency or self.roadmap.currency or ""
            amounts = (line.planned, line.committed or 0.0, line.spent or 0.0)
            lines.setdefault((line.year, line.funder, currency), []).append(amounts)
        return {
            key: Amounts(*(_total(column) for column in zip(*rows, strict=True)))
            for key, rows in lines.items()
        }


def _total(values: Iterable[float]) -> float:
    """Sums to the cent, so that 0.1 + 0.2 compares equal to 0.3."""
    return round(math.fsum(values), 2)


def _top_level(old: Roadmap, new: Roadmap) -> Iterator[FieldChange]:
    pairs: list[tuple[str, str | date | None, str | date | None]] = [
        ("country", old.country, new.country),
        ("phase.id", old.phase.id, new.phase.id),
        ("phase.start", old.phase.start, new.phase.start),
        ("phase.end", old.phase.end, new.phase.end),
        ("as_of", old.as_of, new.as_of),
        ("currency", old.currency, new.currency),
        ("languages", ", ".join(old.languages), ", ".join(new.languages)),
    ]
    for name, before, after in pairs:
        if before != after:
            days = (
                (after - before).days
                if isinstance(before, date) and isinstance(after, date)
                else None
            )
            yield FieldChange(name, _str(before), _str(after), days)


def _str(value: str | date | None) -> str | None:
    return None if value is None else str(value)


def _activity(
    old_side: _Side, new_side: _Side, old: Activity, new: Activity
) -> ActivityChange | None:
    change = ActivityChange(
        id=new.id,
        title=new_side.show(new.title),
        status=_pair(old.status, new.status),
        progress=_pair(old.progress, new.progress),
        actual=tuple(_actual(old, new)),
        slips=tuple(_slips(old, new)),
        milestones=tuple(_milestones(old_side, new_side, old, new)),
        budget=tuple(_budget(old_side.budget(old), new_side.budget(new))),
        lead=_pair(old.lead, new.lead),
        partners=_list_change(old.partners, new.partners),
        regions=_list_change(old.regions, new.regions),
        depends_on=_list_change(old.depends_on, new.depends_on),
        axis=_pair(old.axis, new.axis),
        titles=tuple(_titles(old_side.texts(old.title), new_side.texts(new.title))),
    )
    empty = ActivityChange(id=change.id, title=change.title)
    return None if change == empty else change


def _pair(old: T, new: T) -> tuple[T, T] | None:
    return None if old == new else (old, new)


def _list_change(old: Iterable[str], new: Iterable[str]) -> ListChange | None:
    """Items added and removed, in the order of their list; a re-ordering is no change."""
    before, after = list(dict.fromkeys(old)), list(dict.fromkeys(new))
    added = tuple(i for i in after if i not in before)
    removed = tuple(i for i in before if i not in after)
    return ListChange(added, removed) if added or removed else None


def _actual(old: Activity, new: Activity) -> Iterator[DateChange]:
    for which in ("start", "end"):
        before = getattr(old.actual, which) if old.actual else None
        after = getattr(new.actual, which) if new.actual else None
        if before != after:
            yield DateChange(which, before, after)


def _titles(old: dict[str, str], new: dict[str, str]) -> Iterator[TitleChange]:
    for lang in [*new, *(lang for lang in old if lang not in new)]:
        if old.get(lang) != new.get(lang):
            yield TitleChange(lang, old.get(lang), new.get(lang))


def _slips(old: Activity, new: Activity) -> Iterator[DateSlip]:
    if old.planned.start != new.planned.start:
        yield DateSlip("start", old.planned.start, new.planned.start)
    if old.planned.end != new.planned.end:
        yield DateSlip("end", old.planned.end, new.planned.end)


def _budget(
    old: dict[tuple[int, str, str], Amounts], new: dict[tuple[int, str, str], Amounts]
) -> Iterator[BudgetChange]:
    """Per year, funder and currency, by year then in the order of the lines."""
    keys = [*new, *(k for k in old if k not in new)]
    for key in sorted(keys, key=lambda k: k[0]):
        if old.get(key) != new.get(key):
            yield BudgetChange(*key, old.get(key), new.get(key))


def _milestone_key(side: _Side, milestone: Milestone) -> tuple[str, ...]:
    """Milestones are matched by id, or by their title where they have no id."""
    if milestone.id is not None:
        return ("id", milestone.id)
    return ("title", *sorted(f"{k}={v}" for k, v in side.texts(milestone.title).items()))


def _milestones(
    old_side: _Side, new_side: _Side, old: Activity, new: Activity
) -> Iterator[MilestoneChange]:
    """Milestones added, removed, or whose due date or ``done_on`` changed, in the new order
    (removed ones last)."""
    before = {_milestone_key(old_side, m): m for m in old.milestones}
    matched: set[tuple[str, ...]] = set()
    for milestone in new.milestones:
        key = _milestone_key(new_side, milestone)
        previous = before.get(key)
        matched.add(key)
        due = (None if previous is None else previous.due, milestone.due)
        done = (None if previous is None else previous.done_on, milestone.done_on)
        if previous is None or due[0] != due[1] or done[0] != done[1]:
            yield MilestoneChange(milestone.id, new_side.show(milestone.title), due, done)
    for key, milestone in before.items():
        if key not in matched:
            title = old_side.show(milestone.title)
            yield MilestoneChange(
                milestone.id, title, (milestone.due, None), (milestone.done_on, None)
            )


def _all_values(
    old: dict[str, Indicator], new: Iterable[Indicator], side: _Side
) -> Iterator[IndicatorValues]:
    for indicator in new:
        previous = old.get(indicator.id)
        change = _values(previous.values if previous else [], indicator, side)
        if previous is not None:
            change = replace(
                change,
                baseline=_pair(
                    _reference(previous.baseline, side), _reference(indicator.baseline, side)
                ),
                target=_pair(_reference(previous.target, side), _reference(indicator.target, side)),
            )
        if change.changed:
            yield change


def _reference(point: ModelMeasurement | None, side: _Side) -> Measurement | None:
    if point is None:
        return None
    value = side.show(point.value) if isinstance(point.value, Text) else point.value
    return Measurement(point.date, value)


def _values(old: list[IndicatorPoint], indicator: Indicator, side: _Side) -> IndicatorValues:
    """Points are matched by date and region; a new value at the same point is a revision.
    Points of an indicator that was removed altogether are not listed (the indicator is).

    Unchanged points are matched first, so that a point repeated at the same date and region
    (two sources, say) is not mistaken for a revision of the other.
    """
    pools: dict[tuple[date, str | None], list[Measurement]] = {}
    for point in old:
        pools.setdefault((point.date, point.region), []).append(_measurement(point, side))
    unmatched = []
    for point in indicator.values:
        pool, now = pools.get((point.date, point.region), []), _measurement(point, side)
        same = next((m for m in pool if m.value == now.value), None)
        if same is None:
            unmatched.append(now)
        else:
            pool.remove(same)
    added: list[Measurement] = []
    revised: list[tuple[Measurement, Measurement]] = []
    for now in unmatched:
        pool = pools.get((now.date, now.region), [])
        if pool:
            revised.append((pool.pop(0), now))
        else:
            added.append(now)
    removed = tuple(m for pool in pools.values() for m in pool)
    title = side.show(indicator.title)
    unit = None if indicator.unit is None else side.show(indicator.unit)
    return IndicatorValues(
        indicator.id,
        title,
        unit,
        tuple(added),
        tuple(revised),
        removed,
        measure=indicator.measure,
    )


def _measurement(point: IndicatorPoint, side: _Side) -> Measurement:
    """A point with its text (a qualitative value) in the language shown."""
    value = side.show(point.value) if isinstance(point.value, Text) else point.value
    return Measurement(point.date, value, point.region, point.source)


@dataclass(frozen=True)
class FileDiff:
    """One file compared: ``old`` and ``new`` name the versions (``path@REV`` for git).

    ``diff`` is None when the file did not exist in the old version; ``lang`` is the language
    the file's changes are shown in (the diff's, else the new version's default language).
    """

    old: str
    new: str
    diff: RoadmapDiff | None
    lang: str | None = None

    @property
    def language(self) -> str | None:
        return self.diff.lang if self.diff is not None else self.lang

    @property
    def status(self) -> Literal["added", "modified", "unchanged"]:
        if self.diff is None:
            return "added"
        return "unchanged" if self.diff.is_empty else "modified"
