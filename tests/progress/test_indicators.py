"""Indicators: achievement, the straight line to the target, trend and the edge cases."""

from __future__ import annotations

from datetime import date

import pytest

from uhc_roadmap.model import Indicator, Roadmap, Text
from uhc_roadmap.progress import IndicatorProgress, compute_progress
from uhc_roadmap.progress.indicators import (
    achievement,
    at_least_as_good,
    elapsed,
    indicator_progress,
    trend,
)

AS_OF = date(2022, 6, 30)


@pytest.fixture(scope="module")
def indicators(small: Roadmap) -> dict[str, IndicatorProgress]:
    return {i.id: i for i in compute_progress(small, AS_OF, "en").indicators}


def test_increasing_indicator(indicators: dict[str, IndicatorProgress]) -> None:
    found = indicators["I-INC"]
    # (16 - 10) / (20 - 10); 545 of 730 days gone, so the line is at 10 + 10 * 545/730
    assert (found.baseline, found.latest, found.target) == (10, 16, 20)
    assert found.achievement == pytest.approx(0.6)
    assert found.elapsed == pytest.approx(545 / 730)
    assert found.expected == pytest.approx(10 + 10 * 545 / 730)
    assert (found.status, found.trend, found.previous) == ("off_track", "improving", 13)


def test_decreasing_indicator(indicators: dict[str, IndicatorProgress]) -> None:
    found = indicators["I-DEC"]
    # (19 - 40) / (20 - 40) = 1.05: beyond the target, not clamped; target date passed
    assert found.achievement == pytest.approx(1.05)
    assert (found.elapsed, found.expected) == (1.0, 20)
    assert (found.status, found.trend) == ("on_track", "improving")


def test_target_equal_to_baseline(indicators: dict[str, IndicatorProgress]) -> None:
    found = indicators["I-FLAT"]
    assert found.achievement is None
    assert (found.expected, found.status, found.trend) == (5, "on_track", None)


def test_no_values_yet(indicators: dict[str, IndicatorProgress]) -> None:
    found = indicators["I-NODATA"]
    assert (found.latest, found.achievement, found.status) == (None, None, "no_data")
    assert found.expected == pytest.approx(10 * 180 / 365)


def test_qualitative_indicator(indicators: dict[str, IndicatorProgress]) -> None:
    found = indicators["I-QUAL"]
    assert (found.latest, found.latest_date, found.status) == (
        "Draft",
        date(2022, 1, 15),
        "qualitative",
    )
    assert (found.achievement, found.expected, found.baseline) == (None, None, None)


def test_key_indicators_come_first(small: Roadmap) -> None:
    report = compute_progress(small, AS_OF, "en")
    assert [i.id for i in report.indicators] == ["I-DEC", "I-INC", "I-FLAT", "I-NODATA", "I-QUAL"]
    assert (report.indicators_on_track, report.indicators_assessed) == (2, 3)


def test_values_after_the_reference_date_are_not_seen(small: Roadmap) -> None:
    earlier = {i.id: i for i in compute_progress(small, date(2022, 1, 1), "en").indicators}
    assert (earlier["I-INC"].latest, earlier["I-INC"].previous) == (13, None)
    assert earlier["I-QUAL"].latest is None


def test_achievement_formula_both_directions() -> None:
    assert achievement(15, 10, 20) == 0.5
    assert achievement(30, 40, 20) == 0.5
    assert achievement(45, 40, 20) == -0.25
    assert achievement(7, 7, 7) is None


def test_elapsed_share_is_clamped() -> None:
    start, end = date(2020, 1, 1), date(2021, 1, 1)
    assert elapsed(start, end, date(2019, 6, 1)) == 0.0
    assert elapsed(start, end, date(2020, 7, 2)) == pytest.approx(183 / 366)
    assert elapsed(start, end, date(2022, 1, 1)) == 1.0
    assert elapsed(end, start, date(2019, 6, 1)) == 0.0
    assert elapsed(end, start, date(2020, 6, 1)) == 1.0


def test_on_the_line_counts_as_on_track() -> None:
    assert at_least_as_good(0.1 + 0.2, 0.3, "increase")
    assert at_least_as_good(0.3, 0.1 + 0.2, "decrease")
    assert not at_least_as_good(0.29, 0.3, "increase")
    assert not at_least_as_good(0.31, 0.3, "decrease")


def test_trend_follows_the_direction() -> None:
    assert trend(5, 3, "increase") == "improving"
    assert trend(5, 3, "decrease") == "worsening"
    assert trend(3, 3, "decrease") == "stable"
    assert trend(3, None, "increase") is None


def test_a_regional_latest_value_names_its_region() -> None:
    """A value measured in one region is not shown as if national (issue 17, item 18)."""
    indicator = _indicator([{"date": "2021-06-30", "value": 4.0, "region": "MA-07"}])
    assert indicator_progress(indicator, date(2021, 12, 31), _english).latest_region == "MA-07"
    national = _indicator([{"date": "2021-06-30", "value": 4.0}])
    assert indicator_progress(national, date(2021, 12, 31), _english).latest_region is None


def test_unit_and_qualitative_text_are_in_the_report_language() -> None:
    """``unit`` and a qualitative value are Texts: plain (the default language) or per language."""
    counted = _indicator([], unit={"fr": "sages-femmes", "en": "midwives"})
    assert indicator_progress(counted, date(2021, 12, 31), _english).unit == "midwives"
    assert indicator_progress(counted, date(2021, 12, 31), _french).unit == "sages-femmes"
    plain = _indicator([], unit="sages-femmes")
    assert indicator_progress(plain, date(2021, 12, 31), _english).unit == "sages-femmes"
    words = Indicator.model_validate(
        {
            "id": "Q",
            "title": "t",
            "axis": "A",
            "measure": "qualitative",
            "values": [{"date": "2021-01-01", "value": {"fr": "Adoptée", "en": "Adopted"}}],
        }
    )
    assert indicator_progress(words, date(2021, 12, 31), _english).latest == "Adopted"
    assert indicator_progress(words, date(2021, 12, 31), _french).latest == "Adoptée"


def _english(text: Text) -> str:
    return text.get("en", "fr")[0]


def _french(text: Text) -> str:
    return text.get("fr", "fr")[0]


def _indicator(values: list[dict[str, object]], unit: object = None) -> Indicator:
    return Indicator.model_validate(
        {
            "id": "I",
            "title": "t",
            "axis": "A",
            "measure": "number",
            "unit": unit,
            "baseline": {"value": 0.0, "date": "2020-01-01"},
            "target": {"value": 10.0, "date": "2022-01-01"},
            "values": values,
        }
    )


def test_national_values_are_preferred_to_regional_ones() -> None:
    indicator = _indicator(
        [
            {"date": "2020-06-30", "value": 3.0},
            {"date": "2021-06-30", "value": 8.0, "region": "MA-07"},
        ]
    )
    found = indicator_progress(indicator, date(2021, 12, 31), _english)
    assert (found.latest, found.latest_date) == (3.0, date(2020, 6, 30))


def test_regional_values_count_when_there_is_no_national_value() -> None:
    indicator = _indicator(
        [
            {"date": "2021-06-30", "value": 4.0, "region": "MA-07"},
            {"date": "2021-06-30", "value": 6.0, "region": "MA-09"},
        ]
    )
    found = indicator_progress(indicator, date(2021, 12, 31), _english)
    assert (found.latest, found.previous) == (6.0, 4.0)


def test_text_values_on_a_numeric_indicator_are_skipped() -> None:
    indicator = _indicator([{"date": "2021-01-01", "value": "n/a"}])
    found = indicator_progress(indicator, date(2021, 12, 31), _english)
    assert (found.latest, found.status) == (None, "no_data")
