"""Properties of diff_roadmaps over generated roadmaps (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from uhc_roadmap.authoring.diff import diff_roadmaps
from uhc_roadmap.model import Roadmap

IDS = [f"A-{n}" for n in range(1, 9)]
STATUSES = ["planned", "ongoing", "finalising", "completed", "cancelled", "suspended"]
DAY0 = date(2020, 1, 1)

days = st.integers(0, 2000).map(lambda n: DAY0 + timedelta(days=n))
amounts = st.floats(0, 1e7, allow_nan=False, allow_infinity=False)
titles = st.one_of(
    st.sampled_from(["Atelier", "Étude", "Plan"]),
    st.fixed_dictionaries(
        {"fr": st.sampled_from(["Atelier", "Plan"])}, optional={"en": st.just("Plan")}
    ),
)


@st.composite
def activities(draw: st.DrawFn, activity_id: str) -> dict[str, Any]:
    start = draw(days)
    milestones = draw(
        st.lists(
            st.fixed_dictionaries(
                {"title": titles, "due": days.map(str)}, optional={"done_on": days.map(str)}
            ),
            max_size=2,
        )
    )
    budget = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "year": st.integers(2020, 2025),
                    "funder": st.sampled_from(["EU", "WHO"]),
                    "planned": amounts,
                },
                optional={"spent": amounts, "committed": amounts},
            ),
            max_size=3,
        )
    )
    return {
        "id": activity_id,
        "axis": draw(st.sampled_from(["GOV", "FIN"])),
        "title": draw(titles),
        "status": draw(st.sampled_from(STATUSES)),
        "planned": {"start": str(start), "end": str(start + timedelta(draw(st.integers(1, 900))))},
        "milestones": [{"id": f"{activity_id}.M{i}", **m} for i, m in enumerate(milestones)],
        "budget": budget,
    }


@st.composite
def roadmap_data(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=6))
    values = st.lists(st.fixed_dictionaries({"date": days.map(str), "value": amounts}), max_size=3)
    return {
        "schema_version": "1",
        "country": "MA",
        "title": "Feuille de route",
        "languages": ["fr", "en"],
        "phase": {
            "id": "P",
            "start": "2020-01-01",
            "end": draw(st.sampled_from(["2025-12-31", "2026-06-30"])),
        },
        "as_of": draw(st.one_of(st.none(), days.map(str))),
        "currency": "USD",
        "organisations": [{"id": "EU", "name": "UE", "type": "funder"}],
        "axes": [{"id": "GOV", "title": "G"}, {"id": "FIN", "title": "F"}],
        "activities": [draw(activities(i)) for i in ids],
        "indicators": [
            {
                "id": "IND-1",
                "title": "I",
                "axis": "GOV",
                "measure": "qualitative",
                "values": draw(values),
            }
        ],
    }


def roadmaps() -> st.SearchStrategy[Roadmap]:
    return roadmap_data().map(Roadmap.model_validate)


def rewritten(data: dict[str, Any]) -> dict[str, Any]:
    """The same roadmap written differently: titles as maps, lists in another order."""
    activities = [
        a
        | {
            "title": {"fr": a["title"]} if isinstance(a["title"], str) else a["title"],
            "budget": a["budget"][::-1],
            "milestones": a["milestones"][::-1],
        }
        for a in data["activities"]
    ]
    indicators = [i | {"values": i["values"][::-1]} for i in data["indicators"]]
    return data | {"activities": activities[::-1], "indicators": indicators}


@settings(max_examples=60, deadline=None)
@given(roadmaps())
def test_a_roadmap_compared_with_itself_has_no_differences(roadmap: Roadmap) -> None:
    assert diff_roadmaps(roadmap, roadmap).is_empty


@settings(max_examples=60, deadline=None)
@given(roadmap_data())
def test_the_same_roadmap_written_differently_has_no_differences(data: dict[str, Any]) -> None:
    old, new = Roadmap.model_validate(data), Roadmap.model_validate(rewritten(data))
    assert diff_roadmaps(old, new).is_empty


@settings(max_examples=100, deadline=None)
@given(roadmaps(), roadmaps())
def test_ids_added_removed_and_changed_partition_the_activities(old: Roadmap, new: Roadmap) -> None:
    diff = diff_roadmaps(old, new)
    before = {a.id for a in old.activities}
    after = {a.id for a in new.activities}
    assert {a.id for a in diff.added} == after - before
    assert {a.id for a in diff.removed} == before - after
    assert {c.id for c in diff.changed} <= before & after
    reverse = diff_roadmaps(new, old)
    assert {a.id for a in reverse.added} == {a.id for a in diff.removed}
    # Every change reads both ways: a milestone reached one way is reopened the other.
    assert {c.id for c in reverse.changed} == {c.id for c in diff.changed}


@settings(max_examples=100, deadline=None)
@given(roadmaps(), roadmaps())
def test_budget_changes_are_per_year_and_funder_and_read_both_ways(
    old: Roadmap, new: Roadmap
) -> None:
    forward = {
        (c.id, b.year, b.funder): b for c in diff_roadmaps(old, new).changed for b in c.budget
    }
    backward = {
        (c.id, b.year, b.funder): b for c in diff_roadmaps(new, old).changed for b in c.budget
    }
    assert forward.keys() == backward.keys()
    for key, change in forward.items():
        assert (change.old, change.new) == (backward[key].new, backward[key].old)
        assert change.old != change.new


@settings(max_examples=100, deadline=None)
@given(roadmaps(), roadmaps())
def test_slips_are_the_difference_of_planned_dates(old: Roadmap, new: Roadmap) -> None:
    before = {a.id: a for a in old.activities}
    for change in diff_roadmaps(old, new).changed:
        after = next(a for a in new.activities if a.id == change.id)
        for slip in change.slips:
            moved = getattr(after.planned, slip.which) - getattr(
                before[change.id].planned, slip.which
            )
            assert slip.days == moved.days != 0
