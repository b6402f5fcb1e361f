"""The diff as text, Markdown (a pull-request comment) or JSON (docs/diff.md, version 1).

Text is produced as lines of styled spans, so that the command can colour it on a terminal and
print it plain elsewhere from the same words; the styles are names, not terminal codes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import Any

from uhc_roadmap.authoring.diff import (
    ActivityChange,
    ActivitySummary,
    Amounts,
    BudgetChange,
    DateSlip,
    FieldChange,
    FileDiff,
    IndicatorValues,
    Measurement,
    MilestoneDone,
    RoadmapDiff,
)

FORMAT_VERSION = 1
Span = tuple[str, str]
"""(text, style); styles: heading, added, removed, changed, id, dim, or "" for none."""
Line = list[Span]


# -- words shared by every format -----------------------------------------------------------


def amount(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _days(days: int) -> str:
    return f"{'+' if days > 0 else '−'}{abs(days)} day{'s' if abs(days) != 1 else ''}"


def field_phrase(change: FieldChange) -> str:
    days = f" ({_days(change.days)})" if change.days else ""
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


# -- text ------------------------------------------------------------------------------------


def text_lines(files: Iterable[FileDiff]) -> list[Line]:
    lines: list[Line] = []
    for i, file in enumerate(files):
        if i:
            lines.append([])
        lines.extend(_file_lines(file))
    return lines


def plain(lines: Iterable[Line]) -> str:
    return "".join("".join(text for text, _ in line) + "\n" for line in lines)


def _file_lines(file: FileDiff) -> Iterator[Line]:
    header: Line = [(file.old, "dim"), (" → ", "dim"), (file.new, "heading")]
    if file.diff is None:
        yield [*header, (": new file, not in the older version", "added")]
        return
    if file.diff.is_empty:
        yield [*header, (": no differences", "dim")]
        return
    yield header
    yield from _diff_lines(file.diff)


def _diff_lines(diff: RoadmapDiff) -> Iterator[Line]:
    if diff.roadmap:
        yield [("  Roadmap", "heading")]
        yield from ([("    " + field_phrase(c), "changed")] for c in diff.roadmap)
    yield from _summaries("Added activities", "+", "added", diff.added)
    yield from _summaries("Removed activities", "-", "removed", diff.removed)
    if diff.changed:
        yield [(f"  Changed activities ({len(diff.changed)})", "heading")]
        for change in diff.changed:
            yield [("    ~ ", "changed"), (change.id, "id"), (f"  {change.title}", "")]
            yield from ([("        " + p, "changed")] for p in change_phrases(change))
    yield from _indicator_lines(diff)
    yield [(f"  Summary: {counts(diff)}.", "dim")]


def _summaries(
    title: str, mark: str, style: str, items: tuple[ActivitySummary, ...]
) -> Iterator[Line]:
    if items:
        yield [(f"  {title} ({len(items)})", "heading")]
    for a in items:
        yield [
            (f"    {mark} ", style),
            (a.id, "id"),
            (f"  [{a.axis}, {a.status}]  ", "dim"),
            (a.title, ""),
        ]


def _indicator_lines(diff: RoadmapDiff) -> Iterator[Line]:
    if not (diff.indicator_values or diff.indicators_added or diff.indicators_removed):
        return
    yield [("  Indicators", "heading")]
    if diff.indicators_added:
        yield [("    added: ", "added"), (", ".join(diff.indicators_added), "id")]
    if diff.indicators_removed:
        yield [("    removed: ", "removed"), (", ".join(diff.indicators_removed), "id")]
    for values in diff.indicator_values:
        yield [("    ", ""), (values.id, "id"), (f"  {values.title}", "")]
        for phrase in value_phrases(values):
            style = "removed" if phrase.startswith("deleted") else "added"
            yield [("        " + phrase, style)]


# -- Markdown --------------------------------------------------------------------------------

_MD_SPECIAL = "\\`*_[]<>|#~!"


def md(text: str) -> str:
    """Escape text for a table cell: no markup, no HTML, no broken table."""
    escaped = "".join(f"\\{c}" if c in _MD_SPECIAL else c for c in text)
    return " ".join(escaped.split())


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text else md(text)


def markdown(files: Iterable[FileDiff]) -> str:
    blocks = [_md_file(file) for file in files]
    return "\n".join(blocks) if blocks else "No roadmap files compared.\n"


def _md_file(file: FileDiff) -> str:
    head = f"### Roadmap changes: {_code(file.new)}\n\n"
    if file.diff is None:
        return head + f"New file: {_code(file.new)} is not in {_code(file.old)}.\n"
    if file.diff.is_empty:
        return head + f"No differences from {_code(file.old)}.\n"
    diff = file.diff
    parts = [head + f"Compared with {_code(file.old)}: **{md(counts(diff))}**.\n"]
    if diff.roadmap:
        rows = [[_code(c.field), md(c.old or "(none)"), md(_after(c))] for c in diff.roadmap]
        parts.append(_table("Roadmap", ["Field", "Before", "After"], rows))
    for title, items in (("Added activities", diff.added), ("Removed activities", diff.removed)):
        if items:
            rows = [[_code(a.id), md(a.axis), md(a.status), md(a.title)] for a in items]
            parts.append(_table(title, ["Activity", "Axis", "Status", "Title"], rows))
    if diff.changed:
        rows = [
            [_code(c.id), md(c.title), "<br>".join(md(p) for p in change_phrases(c))]
            for c in diff.changed
        ]
        parts.append(_table("Changed activities", ["Activity", "Title", "Changes"], rows))
    parts.extend(_md_indicators(diff))
    return "\n".join(parts)


def _after(change: FieldChange) -> str:
    days = f" ({_days(change.days)})" if change.days else ""
    return f"{change.new or '(none)'}{days}"


def _md_indicators(diff: RoadmapDiff) -> Iterator[str]:
    notes = []
    if diff.indicators_added:
        notes.append("Indicators added: " + ", ".join(_code(i) for i in diff.indicators_added))
    if diff.indicators_removed:
        notes.append("Indicators removed: " + ", ".join(_code(i) for i in diff.indicators_removed))
    if notes:
        yield "\n".join(f"- {n}" for n in notes) + "\n"
    if diff.indicator_values:
        rows = [
            [_code(v.id), md(v.title), "<br>".join(md(p) for p in value_phrases(v))]
            for v in diff.indicator_values
        ]
        yield _table("Indicator values", ["Indicator", "Title", "Values"], rows)


def _table(title: str, columns: list[str], rows: list[list[str]]) -> str:
    lines = [f"**{title}**", "", "| " + " | ".join(columns) + " |"]
    lines.append("|" + "---|" * len(columns))
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# -- JSON ------------------------------------------------------------------------------------


def to_json(files: Iterable[FileDiff]) -> str:
    listed = list(files)
    document = {
        "format_version": FORMAT_VERSION,
        "changed": any(f.status != "unchanged" for f in listed),
        "files": [_json_file(f) for f in listed],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _json_file(file: FileDiff) -> dict[str, Any]:
    found: dict[str, Any] = {"old": file.old, "new": file.new, "status": file.status}
    if file.diff is None:
        return found
    diff = file.diff
    return found | {
        "language": diff.lang,
        "roadmap": [asdict(c) for c in diff.roadmap],
        "activities": {
            "added": [asdict(a) for a in diff.added],
            "removed": [asdict(a) for a in diff.removed],
            "changed": [_json_change(c) for c in diff.changed],
        },
        "indicators": {
            "added": list(diff.indicators_added),
            "removed": list(diff.indicators_removed),
            "values": [_json_values(v) for v in diff.indicator_values],
        },
    }


def _json_change(change: ActivityChange) -> dict[str, Any]:
    def pair(values: tuple[str, str] | None) -> dict[str, str] | None:
        return None if values is None else {"old": values[0], "new": values[1]}

    return {
        "id": change.id,
        "title": change.title,
        "status": pair(change.status),
        "axis": pair(change.axis),
        "titles": [asdict(t) for t in change.titles],
        "planned": [
            {"which": s.which, "old": str(s.old), "new": str(s.new), "days": s.days}
            for s in change.slips
        ],
        "budget": [
            {
                "funder": b.funder,
                "currency": b.currency,
                "old": None if b.old is None else asdict(b.old),
                "new": None if b.new is None else asdict(b.new),
            }
            for b in change.budget
        ],
        "milestones_done": [
            {
                "id": m.id,
                "title": m.title,
                "due": str(m.due),
                "done_on": str(m.done_on),
                "days_late": m.days_late,
            }
            for m in change.milestones_done
        ],
    }


def _json_values(values: IndicatorValues) -> dict[str, Any]:
    return {
        "id": values.id,
        "title": values.title,
        "unit": values.unit,
        "added": [_json_point(p) for p in values.added],
        "revised": [
            {"date": str(a.date), "region": a.region, "old": b.value, "new": a.value}
            for b, a in values.revised
        ],
        "removed": [_json_point(p) for p in values.removed],
    }


def _json_point(point: Measurement) -> dict[str, Any]:
    return {
        "date": str(point.date),
        "value": point.value,
        "region": point.region,
        "source": point.source,
    }
