"""The `set` address syntax: ids, dotted fields, budget lines by year and funder, typed values."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import ROADMAPS
from uhc_roadmap.editing.document import Document
from uhc_roadmap.editing.engine import DELETE, apply_changes
from uhc_roadmap.editing.errors import AddressError
from uhc_roadmap.editing.paths import Assignment, object_paths, resolve

MOROCCO = Document.parse((ROADMAPS / "morocco.yaml").read_bytes(), "morocco.yaml").data


def changes(object_id: str | None, *fields: str) -> list[tuple[Any, Any]]:
    found = resolve(MOROCCO, object_id, [Assignment.parse(f) for f in fields])
    return [(r.change.path, r.change.value) for r in found]


def index(ident: str) -> int:
    return next(i for i, a in enumerate(MOROCCO["activities"]) if a["id"] == ident)


def test_every_kind_of_object_is_found_by_its_id() -> None:
    paths = object_paths(MOROCCO)
    assert paths["UHCP-III"] == ("phase",)
    assert paths["EU"][0] == "organisations"
    assert paths["GOV"][0] == "axes"
    assert paths["GOV-03"] == ("activities", index("GOV-03"))
    assert paths["GOV-03.M2"] == ("activities", index("GOV-03"), "milestones", 1)
    assert paths["IND-FIN-OOP"][0] == "indicators"


def test_values_are_read_as_the_fields_types() -> None:
    i = index("GOV-03")
    assert changes("GOV-03", "status=completed", "actual.end=2021-10-15", "progress=100") == [
        (("activities", i, "status"), "completed"),
        (("activities", i, "actual", "end"), "2021-10-15"),
        (("activities", i, "progress"), 100),
    ]
    assert changes("GOV-03", "progress=65,5") == [(("activities", i, "progress"), 65.5)]
    assert changes("GOV-03", "progress=abc") == [(("activities", i, "progress"), "abc")]
    assert changes(None, "country=NO") == [(("country",), "NO")]  # text stays text
    assert changes("IND-GOV-PRS", "key=false")[0][1] is False


def test_lists_are_written_with_commas_or_brackets_and_structures_in_yaml() -> None:
    i = index("GOV-03")
    assert changes("GOV-03", "partners=DPRF, EU") == [
        (("activities", i, "partners"), ["DPRF", "EU"])
    ]
    assert changes("GOV-03", "partners=[DPRF]") == [(("activities", i, "partners"), ["DPRF"])]
    assert changes("GOV-03", "regions=") == [(("activities", i, "regions"), [])]
    assert changes("GOV-03", "actual={start: 2019-03-01, end: 2021-01-01}") == [
        (("activities", i, "actual"), {"start": "2019-03-01", "end": "2021-01-01"})
    ]


def test_budget_lines_are_addressed_by_year_and_funder() -> None:
    i = index("GOV-03")
    assert changes("GOV-03", "budget.2021.EU.spent=12000") == [
        (("activities", i, "budget", 2, "spent"), 12000)
    ]
    new = changes("GOV-03", "budget.2022.EU.planned=5000", "budget.2022.EU.committed=100")
    assert new == [
        (("activities", i, "budget", 3), {"year": 2022, "funder": "EU", "planned": 5000}),
        (("activities", i, "budget", 3, "committed"), 100),
    ]
    with pytest.raises(AddressError, match="does not name a budget line"):
        changes("GOV-03", "budget.EU.spent=1")


def test_milestones_by_id_and_texts_by_language() -> None:
    i = index("GOV-03")
    assert changes("GOV-03", "milestones.GOV-03.M2.done_on=2021-01-15") == [
        (("activities", i, "milestones", 1, "done_on"), "2021-01-15")
    ]
    assert changes("GOV-03.M2", "title.en=Report") == [
        (("activities", i, "milestones", 1, "title", "en"), "Report")
    ]
    with pytest.raises(AddressError, match="several languages") as caught:
        changes("GOV-03", "title=Plain")
    assert "title.fr=..." in caught.value.hint


def test_a_language_added_to_a_plain_text_keeps_the_plain_one_as_the_default() -> None:
    data = {**MOROCCO, "programme": "x", "title": "Feuille de route"}
    [found] = resolve(data, None, [Assignment.parse("title.en=Roadmap")])
    assert (found.change.path, found.change.value) == (
        ("title",),
        {"fr": "Feuille de route", "en": "Roadmap"},
    )
    [same] = resolve(data, None, [Assignment.parse("title.fr=Autre")])
    assert (same.change.path, same.change.value) == (("title",), "Autre")


def test_unset_removes() -> None:
    [found] = resolve(MOROCCO, "GOV-03", [Assignment("progress", None)])
    assert found.change.value is DELETE
    assert "progress" not in apply_changes(MOROCCO, [found.change])["activities"][index("GOV-03")]


@pytest.mark.parametrize(
    ("object_id", "field", "message", "hint"),
    [
        ("GOV-3", "status=completed", "no id `GOV-3`", "did you mean `GOV-03`"),
        ("gov-03", "status=completed", "no id `gov-03`", "`GOV-03`"),
        ("GOV-03", "stauts=completed", "unknown field `stauts` in this activity", "`status`"),
        ("GOV-03", "status.x=1", "holds a single value", ""),
        ("GOV-03", "title.french=x", "not a language code", "title.fr="),
        ("GOV-03", "milestones.M9.due=2021-01-01", "no item `M9` in `milestones`", ""),
        ("GOV-03", "actual=2021", "holds several fields", "actual.FIELD="),
        ("GOV-03", "documents.X.url=x", "have no id", "documents=[...]"),
        ("GOV-03", "no-equals", "is not FIELD=VALUE", ""),
    ],
)
def test_what_names_nothing_is_refused_with_a_hint(
    object_id: str, field: str, message: str, hint: str
) -> None:
    with pytest.raises(AddressError) as caught:
        changes(object_id, field)
    assert message in caught.value.message
    assert hint in caught.value.hint
