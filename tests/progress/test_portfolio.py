"""The portfolio rows, their sorting, and choosing a country's phase."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from uhc_roadmap.model import Roadmap
from uhc_roadmap.progress import (
    PORTFOLIO_COLUMNS,
    PhaseError,
    PortfolioRow,
    SortError,
    choose_phase,
    compute_progress,
    parse_sort,
    portfolio,
    portfolio_row,
)


def test_a_row_carries_the_headline_figures(small: Roadmap) -> None:
    row = portfolio_row(compute_progress(small, date(2022, 6, 30), "en"))
    assert row == PortfolioRow(
        country="MA",
        name="Morocco",
        phase="P1",
        as_of=date(2022, 6, 30),
        currency="USD",
        completion=pytest.approx(3.1 / 6),  # type: ignore[arg-type]
        weighted_completion=pytest.approx(0.71),  # type: ignore[arg-type]
        planned=10000,
        spent=6000,
        execution=pytest.approx(0.6),  # type: ignore[arg-type]
        overdue=2,
        blocked=1,
        on_track=2,
        assessed=3,
    )


def _row(country: str, completion: float | None, overdue: int) -> PortfolioRow:
    return PortfolioRow(
        country,
        country,
        "P",
        date(2022, 1, 1),
        "USD",
        completion,
        None,
        0,
        0,
        None,
        overdue,
        0,
        0,
        0,
    )


ROWS = [_row("MA", 0.5, 3), _row("DZ", None, 1), _row("KZ", 0.8, 3)]


def _order(sort: str, descending: bool) -> list[str]:
    from uhc_roadmap.progress.portfolio import _sorted

    return [r.country for r in _sorted(list(ROWS), sort, descending)]


def test_sorting_puts_missing_values_last_both_ways() -> None:
    assert _order("completion", False) == ["MA", "KZ", "DZ"]
    assert _order("completion", True) == ["KZ", "MA", "DZ"]


def test_ties_keep_the_country_order() -> None:
    assert _order("overdue", True) == ["KZ", "MA", "DZ"]
    assert _order("country", False) == ["DZ", "KZ", "MA"]


def test_parse_sort() -> None:
    assert parse_sort("completion") == ("completion", False)
    assert parse_sort("-completion") == ("completion", True)
    assert parse_sort("-completion", reverse=True) == ("completion", False)
    assert parse_sort("weighted-completion") == ("weighted_completion", False)
    with pytest.raises(SortError, match="columns: country, name"):
        parse_sort("colour")
    assert set(PORTFOLIO_COLUMNS) >= {"completion", "execution", "overdue", "on_track"}


def test_portfolio_sorts_reports(small: Roadmap) -> None:
    report = compute_progress(small, date(2022, 6, 30), "en")
    other = replace(report, country="DZ", country_name="Algeria", activities=())
    result = portfolio([report, other], sort="overdue", descending=True)
    assert [r.country for r in result.rows] == ["MA", "DZ"]
    assert (result.sort, result.descending) == ("overdue", True)
    with pytest.raises(SortError):
        portfolio([report], sort="nope")


def _phase(small: Roadmap, phase_id: str, start: date) -> Roadmap:
    return small.model_copy(
        update={"phase": small.phase.model_copy(update={"id": phase_id, "start": start})}
    )


def test_the_latest_phase_is_the_default(small: Roadmap) -> None:
    old = ("old.yaml", _phase(small, "P1", date(2016, 1, 1)))
    new = ("new.yaml", _phase(small, "P2", date(2021, 1, 1)))
    assert choose_phase([old, new], None)[0] == "new.yaml"
    assert choose_phase([old, new], "P1")[0] == "old.yaml"
    with pytest.raises(PhaseError, match="no phase `P9`; phases found: P2, P1"):
        choose_phase([old, new], "P9")


def test_two_files_for_one_phase_are_refused(small: Roadmap) -> None:
    with pytest.raises(PhaseError, match=r"a\.yaml, b\.yaml"):
        choose_phase([("b.yaml", small), ("a.yaml", small)], None)
