"""The site's SVG charts: the portfolio (completion and budget executed by country) and a
country's progress over time (a line per figure, a point per revision, gaps where a version
did not validate).

Drawn as the documents' charts are (render/charts.py): one ``<svg role="img">`` with a title
and a description, no font or script to fetch, colours with at least 4.5:1 contrast on
white, every text escaped. Geometry is layout; the figures come from the progress core.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup, escape

from uhc_roadmap.render.charts import FONT, GRID, INK, MUTED, Caption, ValueBar, bars

COMPLETION = "#1a7f37"
EXECUTION = "#0969da"
GAP = "#a40e26"
WIDTH, HEIGHT = 1000, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 24, 16, 64


def portfolio(
    caption: Caption, rows: Sequence[ValueBar], series: Sequence[tuple[str, str]]
) -> Markup:
    """One row per country: its completion and its budget executed (the documents' bars)."""
    return bars(caption, rows, series)


@dataclass(frozen=True, slots=True)
class Revision:
    """One point of the history chart: a version's figures (None for a gap) and its label."""

    date: datetime
    completion: float | None
    execution: float | None
    valid: bool
    label: str
    """What the point says when hovered or read aloud: date, commit, figures or errors."""


def history(
    caption: Caption,
    revisions: Sequence[Revision],
    series: tuple[str, str],
    axis_label: Callable[[datetime], str],
    percent: Callable[[float], str],
) -> Markup:
    """Completion and budget executed at each revision, over time. ``series`` names the two
    lines; ``axis_label`` writes a date, ``percent`` a share, in the page's language."""
    k = escape(caption.key)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{k}" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" aria-labelledby="{k}-title {k}-desc" '
        f'font-family="{escape(FONT)}" font-size="12" fill="{INK}">',
        f'<title id="{k}-title">{escape(caption.title)}</title>',
        f'<desc id="{k}-desc">{escape(caption.desc)}</desc>',
    ]
    bottom = HEIGHT - BOTTOM
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = _y(tick)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        parts.append(_text(LEFT - 8, y + 4, percent(tick), text_anchor="end", fill=MUTED))
    xs = _xs([r.date for r in revisions])
    for first in _ends(revisions):
        parts.append(
            _text(
                xs[first],
                bottom + 18,
                axis_label(revisions[first].date),
                text_anchor="middle",
                fill=MUTED,
            )
        )
    for colour, read in ((COMPLETION, _completion), (EXECUTION, _execution)):
        for run in _runs(revisions, read):
            points = " ".join(f"{xs[i]:.1f},{_y(read(revisions[i]) or 0.0):.1f}" for i in run)
            parts.append(
                f'<polyline class="line" points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
    for index, revision in enumerate(revisions):
        parts += _point(xs[index], revision, bottom)
    parts += _legend(series, HEIGHT - 14)
    parts.append("</svg>")
    return Markup("\n".join(parts))


def _completion(revision: Revision) -> float | None:
    return revision.completion if revision.valid else None


def _execution(revision: Revision) -> float | None:
    return revision.execution if revision.valid else None


def _y(share: float) -> float:
    return TOP + (1 - min(max(share, 0.0), 1.0)) * (HEIGHT - BOTTOM - TOP)


def _xs(dates: Sequence[datetime]) -> list[float]:
    """Positions by time; revisions on the same moment, or one alone, spread evenly."""
    if not dates:
        return []
    left, right = LEFT + 16, WIDTH - RIGHT - 16
    span = (dates[-1] - dates[0]).total_seconds()
    if span <= 0:
        if len(dates) == 1:
            return [(left + right) / 2]
        return [left + i * (right - left) / (len(dates) - 1) for i in range(len(dates))]
    return [left + (d - dates[0]).total_seconds() / span * (right - left) for d in dates]


def _ends(revisions: Sequence[Revision]) -> list[int]:
    """The revisions whose dates label the axis: the first and the last."""
    return sorted({0, len(revisions) - 1}) if revisions else []


def _runs(
    revisions: Sequence[Revision], read: Callable[[Revision], float | None]
) -> list[list[int]]:
    """Consecutive revisions with a value: a line is broken where a version has errors."""
    runs: list[list[int]] = [[]]
    for index, revision in enumerate(revisions):
        if read(revision) is None:
            runs.append([])
        else:
            runs[-1].append(index)
    return [run for run in runs if len(run) > 1]


def _point(x: float, revision: Revision, bottom: float) -> list[str]:
    label = escape(revision.label)
    if not revision.valid:
        return [
            f'<g class="gap"><title>{label}</title>',
            f'<path d="M{x - 5:.1f},{bottom - 11:.1f} l10,10 m0,-10 l-10,10" stroke="{GAP}" stroke-width="2.5"/>',
            "</g>",
        ]
    parts = [f'<g class="revision"><title>{label}</title>']
    for colour, value in ((COMPLETION, revision.completion), (EXECUTION, revision.execution)):
        if value is not None:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{_y(value):.1f}" r="4.5" fill="{colour}" stroke="#fff" stroke-width="1.5"/>'
            )
    parts.append("</g>")
    return parts


def _legend(series: tuple[str, str], y: float) -> list[str]:
    parts = ['<g class="legend">']
    x = float(LEFT)
    for label, colour in zip(series, (COMPLETION, EXECUTION), strict=True):
        parts.append(
            f'<line x1="{x:.1f}" x2="{x + 18:.1f}" y1="{y - 4}" y2="{y - 4}" stroke="{colour}" stroke-width="3"/>'
        )
        parts.append(_text(x + 24, y, label))
        x += 60 + 7 * len(label)
    parts.append("</g>")
    return parts


def _text(x: float, y: float, body: str, **attrs: str) -> str:
    extra = "".join(f' {name.replace("_", "-")}="{escape(v)}"' for name, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(body)}</text>'
