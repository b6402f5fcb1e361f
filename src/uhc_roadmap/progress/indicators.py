"""Indicator figures: baseline -> latest -> target, achievement and on/off track.

achievement = (latest - baseline) / (target - baseline) works for both directions: for a
decreasing indicator both differences are negative. On track compares the latest value with
the straight line from baseline to target, read at the reference date.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from uhc_roadmap.model import Indicator, IndicatorPoint, Measurement, Text
from uhc_roadmap.progress.results import IndicatorProgress, IndicatorStatus, Trend, ratio

Resolve = Callable[[Text], str]
"""A roadmap text in the report's language."""

TOLERANCE = 1e-9
"""Relative slack so that a value exactly on the line is not off track by rounding."""


@dataclass(frozen=True, slots=True)
class Reading:
    """The values of an indicator that the reference date lets us see."""

    latest: IndicatorPoint | None
    previous: IndicatorPoint | None


def number(value: float | Text | None) -> float | None:
    """A numeric value, or None for text (a mistake on a numeric indicator, flagged elsewhere)."""
    return None if value is None or isinstance(value, Text) else float(value)


def reading(indicator: Indicator, as_of: date, numeric: bool) -> Reading:
    """The latest and previous values dated on or before ``as_of``.

    National values (no ``region``) are preferred; regional ones are used only when there is
    no national value. On a date tie the value listed last wins.
    """
    seen = [p for p in indicator.values if p.date <= as_of]
    if numeric:
        seen = [p for p in seen if number(p.value) is not None]
    chosen = [p for p in seen if p.region is None] or seen
    ordered = sorted(chosen, key=lambda p: p.date)
    latest = ordered[-1] if ordered else None
    previous = ordered[-2] if len(ordered) > 1 else None
    return Reading(latest, previous)


def at_least_as_good(value: float, reference: float, direction: str) -> bool:
    """``value`` is at ``reference`` or beyond it in the indicator's direction."""
    slack = TOLERANCE * max(1.0, abs(reference))
    if direction == "decrease":
        return value <= reference + slack
    return value >= reference - slack


def elapsed(baseline: date, target: date, as_of: date) -> float:
    """Share of the baseline-to-target period gone by at ``as_of``, within 0-1."""
    if target <= baseline:
        return 1.0 if as_of >= target else 0.0
    return min(1.0, max(0.0, (as_of - baseline).days / (target - baseline).days))


def achievement(latest: float, baseline: float, target: float) -> float | None:
    """How far from baseline to target the latest value has come (1.0 = target reached).

    Not clamped: 1.2 means beyond the target, a negative value a move the wrong way. None for
    a target equal to its baseline (rule I007): there is no distance to cover, only a level
    to hold, which the on/off-track verdict still judges.
    """
    if target == baseline:
        return None
    return ratio(latest - baseline, target - baseline)  # None where it overflows


def trend(latest: float | None, previous: float | None, direction: str) -> Trend | None:
    if latest is None or previous is None:
        return None
    if latest == previous:
        return "stable"
    improved = latest > previous if direction == "increase" else latest < previous
    return "improving" if improved else "worsening"


def _value(measurement: Measurement | None) -> float | None:
    return None if measurement is None else number(measurement.value)


def _date(measurement: Measurement | None) -> date | None:
    return None if measurement is None else measurement.date


def indicator_progress(indicator: Indicator, as_of: date, text: Resolve) -> IndicatorProgress:
    """The figures of one indicator at ``as_of``; ``text`` resolves its title, unit and texts."""
    blank = _blank(indicator, text)
    if indicator.measure == "qualitative":
        return _qualitative(blank, indicator, as_of, text)
    seen = reading(indicator, as_of, numeric=True)
    baseline, target = _value(indicator.baseline), _value(indicator.target)
    latest = number(seen.latest.value) if seen.latest else None
    previous = number(seen.previous.value) if seen.previous else None
    share = _elapsed_share(indicator, as_of)
    expected = None
    if baseline is not None and target is not None and share is not None:
        line = baseline + (target - baseline) * share
        expected = line if math.isfinite(line) else None  # values near the float limits
    done = None
    if latest is not None and baseline is not None and target is not None:
        done = achievement(latest, baseline, target)
    return replace(
        blank,
        baseline=baseline,
        baseline_date=_date(indicator.baseline),
        target=target,
        target_date=_date(indicator.target),
        latest=latest,
        latest_date=seen.latest.date if seen.latest else None,
        latest_region=seen.latest.region if seen.latest else None,
        previous=previous,
        achievement=done,
        expected=expected,
        elapsed=share,
        status=_status(latest, expected, indicator.direction),
        trend=trend(latest, previous, indicator.direction),
    )


def _elapsed_share(indicator: Indicator, as_of: date) -> float | None:
    if indicator.baseline is None or indicator.target is None:
        return None
    return elapsed(indicator.baseline.date, indicator.target.date, as_of)


def _status(latest: float | None, expected: float | None, direction: str) -> IndicatorStatus:
    if latest is None or expected is None:
        return "no_data"
    return "on_track" if at_least_as_good(latest, expected, direction) else "off_track"


def _blank(indicator: Indicator, text: Resolve) -> IndicatorProgress:
    """The indicator's identity, with no figure yet."""
    return IndicatorProgress(
        id=indicator.id,
        title=text(indicator.title),
        axis=indicator.axis,
        activity=indicator.activity,
        measure=indicator.measure,
        unit=None if indicator.unit is None else text(indicator.unit),
        direction=indicator.direction,
        key=indicator.key,
        baseline=None,
        baseline_date=None,
        target=None,
        target_date=None,
        latest=None,
        latest_date=None,
        latest_region=None,
        latest_region_name=None,
        previous=None,
        achievement=None,
        expected=None,
        elapsed=None,
        status="no_data",
        trend=None,
    )


def _qualitative(
    blank: IndicatorProgress, indicator: Indicator, as_of: date, text: Resolve
) -> IndicatorProgress:
    """A qualitative indicator shows its latest text; it is never on or off track."""
    latest = reading(indicator, as_of, numeric=False).latest
    if latest is None:
        return replace(blank, status="qualitative")
    shown = text(latest.value) if isinstance(latest.value, Text) else f"{latest.value:g}"
    return replace(
        blank,
        latest=shown,
        latest_date=latest.date,
        latest_region=latest.region,
        status="qualitative",
    )


def ordered(indicators: Sequence[IndicatorProgress]) -> tuple[IndicatorProgress, ...]:
    """Key indicators first, then the roadmap's order (the format: ``key`` is shown first)."""
    return tuple(sorted(indicators, key=lambda i: not i.key))
