"""The hand-computed roadmap of tests/progress, as figures ready for the formats."""

from __future__ import annotations

from datetime import date

import pytest

from tests.progress.conftest import PROGRESS_FIXTURES, load_roadmap
from uhc_roadmap.progress import Portfolio, RoadmapProgress, compute_progress, portfolio


@pytest.fixture(scope="session")
def small_en() -> RoadmapProgress:
    return compute_progress(load_roadmap(PROGRESS_FIXTURES / "small.yaml"), date(2022, 6, 30), "en")


@pytest.fixture(scope="session")
def small_fr() -> RoadmapProgress:
    return compute_progress(load_roadmap(PROGRESS_FIXTURES / "small.yaml"), date(2022, 6, 30), "fr")


@pytest.fixture(scope="session")
def small_portfolio(small_en: RoadmapProgress) -> Portfolio:
    return portfolio([small_en])
