"""Rules against open-ended input: each fires exactly when its condition holds."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import check_text
from tests.rules.rule_examples import complete

PHASE = (date(2016, 1, 1), date(2022, 12, 31))  # the phase of the examples' base roadmap
AS_OF = date(2021, 9, 30)
amounts = st.integers(0, 10**9) | st.floats(0, 1e9, allow_nan=False, allow_infinity=False)
days = st.dates(date(2014, 1, 1), date(2024, 12, 31))
FAST = settings(max_examples=60, deadline=None)


def codes(fragment: dict[str, Any]) -> list[str]:
    """Codes found in the base roadmap completed with this fragment (JSON is YAML)."""
    return [d.code for d in check_text(complete(json.dumps(fragment))).diagnostics]


@FAST
@given(planned=amounts, committed=st.none() | amounts, spent=st.none() | amounts)
def test_budget_overruns(planned: float, committed: float | None, spent: float | None) -> None:
    line: dict[str, Any] = {"year": 2017, "funder": "EU", "planned": planned}
    line |= {k: v for k, v in (("committed", committed), ("spent", spent)) if v is not None}
    found = codes({"budget": [line]})
    assert ("B001" in found) == (spent is not None and spent > planned)
    assert ("B002" in found) == (committed is not None and committed > planned)
    assert ("B005" in found) == (spent is not None and committed is not None and spent > committed)
    assert "B004" not in found


@FAST
@given(
    baseline=st.floats(0, 100, allow_nan=False),
    target=st.floats(0, 100, allow_nan=False),
    direction=st.sampled_from(["increase", "decrease"]),
)
def test_indicator_direction(baseline: float, target: float, direction: str) -> None:
    indicator = {
        "measure": "percent",
        "direction": direction,
        "baseline": {"value": baseline, "date": "2016-12-31"},
        "target": {"value": target, "date": "2022-12-31"},
    }
    found = codes({"indicators": [indicator]})
    against = target < baseline if direction == "increase" else target > baseline
    assert ("I001" in found) == against
    assert ("I007" in found) == (target == baseline)
    assert "I002" not in found


@FAST
@given(first=days, second=days, actual=days)
def test_dates_outside_the_phase_and_after_the_reference_date(
    first: date, second: date, actual: date
) -> None:
    start, end = sorted((first, second))
    activity = {
        "status": "ongoing",
        "planned": {"start": start.isoformat(), "end": end.isoformat()},
        "actual": {"start": actual.isoformat()},
        "milestones": [{"title": "Jalon", "due": end.isoformat()}],
    }
    found = codes(activity)
    outside = [d for d in (start, end, actual, end) if not PHASE[0] <= d <= PHASE[1]]
    assert found.count("D002") == len(outside)
    assert found.count("D003") == (actual > AS_OF)
    assert "D001" not in found
    assert "D005" not in found
