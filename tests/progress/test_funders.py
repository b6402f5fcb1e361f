"""One funder's part of a roadmap (``--funder``): its activities, with its lines only."""

from __future__ import annotations

from datetime import date

import pytest

from uhc_roadmap.model import Roadmap
from uhc_roadmap.progress import BudgetFigures, FunderError, compute_progress, funder_ids
from uhc_roadmap.progress.funders import funded_by

AS_OF = date(2022, 6, 30)


def test_funders_are_the_organisations_of_budget_lines(small: Roadmap) -> None:
    assert funder_ids(small) == ["EU", "LU"]


def test_a_funders_part_keeps_its_activities_and_its_lines_only(small: Roadmap) -> None:
    part = funded_by(small, "LU")
    assert [a.id for a in part.activities] == ["A-02", "B-02", "B-03"]
    assert {line.funder for a in part.activities for line in a.budget} == {"LU"}
    assert [a.id for a in part.axes] == ["A", "B"]
    # I-NODATA and I-QUAL measure B-03 and A-02; I-INC and I-DEC the axes; I-FLAT B-01 (EU).
    assert [i.id for i in part.indicators] == ["I-INC", "I-DEC", "I-NODATA", "I-QUAL"]
    assert len(small.activities) == 7  # the roadmap itself is unchanged


def test_figures_of_one_funder(small: Roadmap) -> None:
    found = compute_progress(small, AS_OF, "en", funder="lu")
    assert (found.funder, found.funder_name) == ("LU", "Luxembourg")
    assert found.budget.total == BudgetFigures(7000, 6000, 4600)
    assert [r.key for r in found.budget.by_funder] == ["LU"]
    # A-02 (0.5) and B-03 (0.9); B-02 is cancelled.
    assert found.completion.by_count == pytest.approx(0.7)
    assert [a.id for a in found.overdue] == ["A-02"]


def test_a_dependency_outside_the_funders_part_still_blocks(small: Roadmap) -> None:
    """A-03 (EU) waits for A-02 (LU): the EU's view still shows it blocked."""
    found = compute_progress(small, AS_OF, "en", funder="EU")
    assert [(a.id, a.blocked_by) for a in found.blocked] == [("A-03", ("A-02",))]


@pytest.mark.parametrize(
    ("wanted", "message"),
    [
        ("EUU", "did you mean `EU`?"),
        ("MS", "`MS` funds no budget line of this roadmap"),
    ],
)
def test_an_unknown_funder_is_refused_with_the_funders(
    small: Roadmap, wanted: str, message: str
) -> None:
    with pytest.raises(FunderError) as caught:
        compute_progress(small, AS_OF, "en", funder=wanted)
    assert message in str(caught.value)
    assert "(funders: EU, LU)" in str(caught.value)
