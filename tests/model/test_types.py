"""Field types: the calendar-day pattern the JSON Schema gives editors agrees with the models."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uhc_roadmap.model.types import CALENDAR_DAY_PATTERN

DAY = re.compile(CALENDAR_DAY_PATTERN)


def is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2016-02-30", False),
        ("2021-02-29", False),
        ("2020-02-29", True),
        ("2000-02-29", True),  # every 400th year is a leap year
        ("1900-02-29", False),  # a century is not
        ("2021-04-31", False),
        ("2021-12-31", True),
        ("2021-13-01", False),
        ("2021-00-10", False),
        ("2021-01-00", False),
        ("0000-01-01", False),  # no year 0 in Python's calendar
        ("0001-01-01", True),
        ("2021-1-01", False),
    ],
)
def test_the_pattern_knows_the_calendar(text: str, day: bool) -> None:
    assert bool(DAY.fullmatch(text)) is day is is_day(text)


@given(st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32))
def test_the_pattern_accepts_exactly_the_days_python_reads(year: int, month: int, day: int) -> None:
    text = f"{year:04d}-{month:02d}-{day:02d}"
    assert bool(DAY.fullmatch(text)) == is_day(text), text
