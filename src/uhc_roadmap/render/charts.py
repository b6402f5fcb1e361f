"""Inline SVG charts: a Gantt-style timeline, per-axis progress bars, budget by funder.

Each chart is one ``<svg role="img">`` with a ``<title>`` and a ``<desc>``, drawn with the
document's own text (no fonts, images or scripts to fetch), colours chosen for at least 4.5:1
contrast on white, and every roadmap text escaped. Geometry is layout, not figures: the shares
and amounts come from the progress core.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

WIDTH = 1000
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK = "#1f2328"
MUTED = "#57606a"
GRID = "#d0d7de"
BAND = "#f6f8fa"
STATUS_COLOURS = {
    "planned": "#57606a",
    "ongoing": "#0969da",
    "finalising": "#8250df",
    "completed": "#1a7f37",
    "suspended": "#9a6700",
    "cancelled": "#a40e26",
}
PLANNED_FILL = "#b6d7ff"
SPENT_FILL = "#0a3069"
LATE = "#a40e26"
EARLY = "#1a7f37"
BAR_TINT = "0.22"
"""The opacity of a bar's planned period; the part done is solid. Legend swatches are drawn the
same way, so that a colour in the legend is the colour of the bars."""


@dataclass(frozen=True, slots=True)
class Caption:
    """A chart's accessible name and description, in the document's language."""

    key: str
    title: str
    desc: str


@dataclass(frozen=True, slots=True)
class MilestoneMark:
    """A milestone: drawn at ``done_on`` when reached (with its slip from ``due``), else at
    ``due``; ``late`` when not reached by the reference date although due."""

    due: date
    done: bool
    label: str
    done_on: date | None = None
    late: bool = False


@dataclass(frozen=True, slots=True)
class TimelineBar:
    id: str
    title: str
    start: date
    end: date
    status: str
    status_label: str
    completion: float | None
    milestones: tuple[MilestoneMark, ...] = ()
    overdue_until: date | None = None
    """The reference date, for an activity past its planned end and still open."""
    note: str = ""
    """Said after the status in the bar's tooltip (e.g. how many days overdue)."""


@dataclass(frozen=True, slots=True)
class TimelineGroup:
    title: str
    bars: tuple[TimelineBar, ...]


@dataclass(frozen=True, slots=True)
class ValueBar:
    """One row of a bar chart: ``shares`` are fractions of the longest bar, ``texts`` shown."""

    label: str
    shares: tuple[float, ...]
    texts: tuple[str, ...]


def _open(caption: Caption, height: int) -> list[str]:
    k = escape(caption.key)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{k}" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" aria-labelledby="{k}-title {k}-desc" '
        f'font-family="{escape(FONT)}" font-size="12" fill="{INK}">',
        f'<title id="{k}-title">{escape(caption.title)}</title>',
        f'<desc id="{k}-desc">{escape(caption.desc)}</desc>',
    ]


def _text(x: float, y: float, body: str, **attrs: str) -> str:
    """A text; its ``fill`` is also its ``color``, the colour contrast checkers read."""
    if "fill" in attrs:
        attrs["color"] = attrs["fill"]
    extra = "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(v)}"' for name, v in attrs.items()
    )
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(body)}</text>'


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Scale:
    """Days between two dates mapped onto the plotting width."""

    def __init__(self, start: date, end: date, left: float, right: float) -> None:
        self.start, self.left = start, left
        self.days = max((end - start).days, 1)
        self.width = right - left

    def x(self, day: date) -> float:
        offset = min(max((day - self.start).days, 0), self.days)
        return self.left + offset / self.days * self.width


TIMELINE_LABEL = 96
ROW = 18
GROUP = 22
TOP = 52
LEGEND = 34


def timeline(
    caption: Caption,
    groups: Sequence[TimelineGroup],
    span: tuple[date, date],
    reference: tuple[date, str],
    legend: Sequence[tuple[str, str]],
    marks: Sequence[tuple[str, str]] = (),
) -> Markup:
    """Activities as bars over their planned period, filled up to their completion; overdue
    work extended in red to the reference date; milestones where they were reached.

    ``legend`` gives (status, label) for the statuses shown, ``marks`` (kind, label) for the
    other signs: ``overdue``, ``reached``, ``pending``, ``late``, ``slip``.
    """
    rows = sum(len(g.bars) for g in groups)
    items = [("status", key, label) for key, label in legend]
    items += [("mark", key, label) for key, label in marks]
    placed = _legend_layout(items)
    legend_height = LEGEND + LEGEND_ROW * (max((row for row, _, _ in placed), default=0))
    height = TOP + GROUP * len(groups) + ROW * rows + legend_height
    scale = _Scale(span[0], span[1], TIMELINE_LABEL, WIDTH - 12)
    parts = _open(caption, height)
    parts += _years(scale, span, height - legend_height)
    y = TOP
    labels = ['<g class="labels">']
    for group in groups:
        parts.append(f'<rect x="0" y="{y}" width="{WIDTH}" height="{GROUP}" fill="{BAND}"/>')
        labels.append(_text(6, y + 15, _short(group.title, 120), font_weight="bold", fill=INK))
        y += GROUP
        for bar in group.bars:
            parts += _timeline_bar(scale, bar, y)
            labels.append(_bar_label(bar, y))
            y += ROW
    # The labels come last, so that no shape is drawn over them.
    parts += [*labels, "</g>"]
    parts += _reference(scale, reference, height - legend_height)
    parts += _legend(placed, height - legend_height + 14)
    parts.append("</svg>")
    return Markup("\n".join(parts))


def _years(scale: _Scale, span: tuple[date, date], bottom: int) -> list[str]:
    parts = []
    for year in range(span[0].year, span[1].year + 2):
        x = scale.x(date(year, 1, 1))
        if date(year, 1, 1) < span[0] or date(year, 1, 1) > span[1]:
            continue
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP - 8}" x2="{x:.1f}" y2="{bottom}" stroke="{GRID}"/>'
        )
        parts.append(_text(x + 3, TOP - 12, str(year), fill=MUTED))
    return parts


def _timeline_bar(scale: _Scale, bar: TimelineBar, y: int) -> list[str]:
    colour = STATUS_COLOURS.get(bar.status, MUTED)
    x0, x1 = scale.x(bar.start), scale.x(bar.end)
    width = max(x1 - x0, 2.0)
    done = width * min(max(bar.completion or 0.0, 0.0), 1.0)
    tip = f"{bar.id} – {bar.title} ({bar.status_label}{', ' + bar.note if bar.note else ''})"
    overdue = bar.overdue_until is not None
    parts = [
        f'<g class="activity status-{escape(bar.status)}{" overdue" if overdue else ""}">'
        f"<title>{escape(tip)}</title>",
        f'<rect x="{x0:.1f}" y="{y + 4}" width="{width:.1f}" height="10" fill="{colour}" '
        f'fill-opacity="{BAR_TINT}" stroke="{colour}"/>',
    ]
    if done > 0:
        parts.append(
            f'<rect x="{x0:.1f}" y="{y + 4}" width="{done:.1f}" height="10" fill="{colour}"/>'
        )
    if bar.overdue_until is not None:
        parts.append(_overdue(x0 + width, scale.x(bar.overdue_until), y))
    if bar.status == "cancelled":
        parts.append(
            f'<line x1="{x0:.1f}" y1="{y + 9}" x2="{x0 + width:.1f}" y2="{y + 9}" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
    for mark in bar.milestones:
        parts += _milestone(scale, mark, y + 9)
    parts.append("</g>")
    return parts


def _bar_label(bar: TimelineBar, y: int) -> str:
    """An activity's id at the start of its row; red and bold when the activity is overdue."""
    if bar.overdue_until is not None:
        return _text(6, y + 13, bar.id, fill=LATE, font_weight="bold", class_="overdue")
    return _text(6, y + 13, bar.id, fill=INK)


def _overdue(x0: float, x1: float, y: float) -> str:
    """The time past the planned end: a red dashed extension to the reference date."""
    return (
        f'<rect class="overdue" x="{x0:.1f}" y="{y + 5}" width="{max(x1 - x0, 3.0):.1f}" '
        f'height="8" fill="{LATE}" fill-opacity="0.15" stroke="{LATE}" stroke-dasharray="3 2"/>'
    )


def _milestone(scale: _Scale, mark: MilestoneMark, y: float) -> list[str]:
    """A reached milestone at the day it was reached, joined to its due date by its slip (red
    when late, green when early); one not reached at its due date, outlined red when late."""
    parts = []
    at = mark.done_on if mark.done and mark.done_on is not None else mark.due
    if mark.done and mark.done_on is not None and mark.done_on != mark.due:
        due, done = scale.x(mark.due), scale.x(mark.done_on)
        slip = LATE if mark.done_on > mark.due else EARLY
        parts.append(
            f'<g class="slip"><line x1="{due:.1f}" y1="{y}" x2="{done:.1f}" y2="{y}" '
            f'stroke="{slip}" stroke-width="2"/>'
            f'<line x1="{due:.1f}" y1="{y - 5}" x2="{due:.1f}" y2="{y + 5}" stroke="{slip}" '
            f'stroke-width="1.5"/></g>'
        )
    parts.append(_diamond(scale.x(at), y, mark))
    return parts


def _diamond(x: float, y: float, mark: MilestoneMark) -> str:
    fill = INK if mark.done else "#ffffff"
    stroke = f'stroke="{LATE}" stroke-width="2"' if mark.late else f'stroke="{INK}"'
    points = f"{x:.1f},{y - 5} {x + 5:.1f},{y} {x:.1f},{y + 5} {x - 5:.1f},{y}"
    title = f"<title>{escape(mark.label)}</title>" if mark.label else ""
    return f'<polygon class="milestone" points="{points}" fill="{fill}" {stroke}>{title}</polygon>'


def _reference(scale: _Scale, reference: tuple[date, str], bottom: int) -> list[str]:
    x = scale.x(reference[0])
    anchor = "end" if x > WIDTH - 220 else "start"
    shift = -4 if anchor == "end" else 4
    return [
        f'<g class="reference-date"><line x1="{x:.1f}" y1="2" x2="{x:.1f}" '
        f'y2="{bottom}" stroke="#cf222e" stroke-width="2" stroke-dasharray="5 3"/>',
        _text(
            x + shift,
            12,
            reference[1],
            fill="#a40e26",
            text_anchor=anchor,
            font_weight="bold",
        ),
        "</g>",
    ]


LEGEND_ROW = 18
LegendItem = tuple[str, str, str]
"""(what, key, label): what is ``status`` (key a status) or ``mark`` (key a sign's kind)."""


def _legend_layout(items: Sequence[LegendItem]) -> list[tuple[int, float, LegendItem]]:
    """Each item with its row and x, wrapping to a new row where the width runs out."""
    placed: list[tuple[int, float, LegendItem]] = []
    row, x = 0, 6.0
    for item in items:
        advance = 30 + 6.5 * len(item[2])
        if x > 6.0 and x + advance > WIDTH:
            row, x = row + 1, 6.0
        placed.append((row, x, item))
        x += advance
    return placed


def _legend(placed: Sequence[tuple[int, float, LegendItem]], y: float) -> list[str]:
    parts = ['<g class="legend">']
    for row, x, (what, key, label) in placed:
        line = y + row * LEGEND_ROW
        swatch = _status_swatch(key, x, line) if what == "status" else _sign(key, x, line)
        parts += [swatch, _text(x + 16, line, label)]
    parts.append("</g>")
    return parts


def _status_swatch(status: str, x: float, y: float) -> str:
    """A status drawn as its bars are: the planned period tinted, the part done solid."""
    colour = STATUS_COLOURS.get(status, MUTED)
    return (
        f'<rect class="swatch" x="{x:.1f}" y="{y - 9}" width="12" height="10" fill="{colour}" '
        f'fill-opacity="{BAR_TINT}" stroke="{colour}"/>'
        f'<rect x="{x:.1f}" y="{y - 9}" width="6" height="10" fill="{colour}"/>'
    )


def _sign(kind: str, x: float, y: float) -> str:
    """The legend's sample of one of the timeline's signs."""
    if kind == "overdue":
        return _overdue(x, x + 12, y - 13)
    if kind == "slip":
        return (
            f'<line x1="{x:.1f}" y1="{y - 4}" x2="{x + 12:.1f}" y2="{y - 4}" stroke="{LATE}" '
            f'stroke-width="2"/><line x1="{x:.1f}" y1="{y - 9}" x2="{x:.1f}" y2="{y + 1}" '
            f'stroke="{LATE}" stroke-width="1.5"/>'
        )
    mark = MilestoneMark(date.min, kind == "reached", "", late=kind == "late")
    return _diamond(x + 6, y - 4, mark)


BAR_LABEL = 330
BAR_TEXT = 150


def bars(
    caption: Caption,
    rows: Sequence[ValueBar],
    series: Sequence[tuple[str, str]],
) -> Markup:
    """Horizontal bars, one per series in each row (e.g. planned and spent), with their values.

    ``series`` gives each bar's (legend label, colour); a single series needs no legend.
    """
    bar_height = 14 if len(series) == 1 else 15
    row_height = 12 + bar_height * len(series)
    legend = 26 if len(series) > 1 else 0
    height = 8 + row_height * len(rows) + legend
    left, right = BAR_LABEL, WIDTH - BAR_TEXT
    parts = _open(caption, height)
    y = 8
    for row in rows:
        parts.append(_text(0, y + 4 + bar_height, _short(row.label, 48)))
        for index, (share, text) in enumerate(zip(row.shares, row.texts, strict=True)):
            top = y + index * bar_height
            colour = series[index][1]
            width = (right - left) * min(max(share, 0.0), 1.0)
            parts.append(
                f'<rect x="{left}" y="{top}" width="{right - left}" height="{bar_height - 2}" '
                f'fill="{BAND}" stroke="{GRID}"/>'
            )
            parts.append(
                f'<rect class="bar" x="{left}" y="{top}" width="{width:.1f}" '
                f'height="{bar_height - 2}" fill="{colour}"/>'
            )
            parts.append(_text(right + 8, top + bar_height - 3, text))
        y += row_height
    if legend:
        parts += _series_legend(series, height - 8)
    parts.append("</svg>")
    return Markup("\n".join(parts))


def _series_legend(series: Sequence[tuple[str, str]], y: float) -> list[str]:
    parts = ['<g class="legend">']
    x = float(BAR_LABEL)
    for label, colour in series:
        parts.append(
            f'<rect x="{x:.1f}" y="{y - 9}" width="12" height="10" fill="{colour}" stroke="{GRID}"/>'
        )
        parts.append(_text(x + 16, y, label))
        x += 40 + 7 * len(label)
    parts.append("</g>")
    return parts


_TEXT_X = re.compile(r'<text x="(-?[\d.]+)"')


def mirror(svg: Markup, width: float = WIDTH) -> Markup:
    """A chart drawn for a right-to-left document: every shape reflected about the middle
    (time, bars and labels run from the right), every text kept readable where its anchor went.

    The drawing is wrapped in one reflection, and each text reflected back about its own ``x``,
    so its anchor lands at ``width - x``, unmirrored. ``direction="rtl"`` makes ``text-anchor``
    count from the right end of the text (SVG 2), so a label that began at the left margin now
    begins at the right one; Chromium and WeasyPrint both anchor so.
    """
    head, _, rest = str(svg).partition("</desc>")
    body = rest.removesuffix("</svg>")
    body = _TEXT_X.sub(
        lambda m: (
            f'<text transform="matrix(-1 0 0 1 {2 * float(m.group(1)):.1f} 0)" x="{m.group(1)}"'
        ),
        body,
    )
    head = head.replace("<svg ", '<svg direction="rtl" ', 1)
    reflected = f'<g class="mirrored" transform="matrix(-1 0 0 1 {width:g} 0)">{body}</g>\n'
    return Markup(f"{head}</desc>{reflected}</svg>")


Formatter = Callable[[float | None], str]
