"""What counts as a change when a workbook is applied to a file: meaning, not writing."""

from __future__ import annotations

from uhc_roadmap.spreadsheets.merge import changed_paths, equivalent, reconcile


def test_a_plain_text_and_its_default_language_are_the_same() -> None:
    assert equivalent("Gouvernance", {"fr": "Gouvernance"}, "fr", ("axes", "*", "title"))
    assert not equivalent(
        "Gouvernance", {"fr": "Gouvernance", "en": "Governance"}, "fr", ("axes", "*", "title")
    )
    old = {"axes": [{"id": "GOV", "title": "Gouvernance"}]}
    new = {"axes": [{"id": "GOV", "title": {"fr": "Gouvernance"}}]}
    assert reconcile(old, new, "fr") == old


def test_a_status_code_and_its_word_are_the_same() -> None:
    assert equivalent(2, "ongoing", "fr", ("activities", "*", "status"))
    assert not equivalent(2, "completed", "fr", ("activities", "*", "status"))


def test_numbers_by_value_and_defaults_left_out() -> None:
    old = {
        "indicators": [
            {"id": "I", "measure": "number", "baseline": {"value": 12000, "date": "2021-01-01"}}
        ]
    }
    new = {
        "indicators": [
            {
                "id": "I",
                "measure": "number",
                "baseline": {"value": 12000.0, "date": "2021-01-01"},
                "direction": "increase",
                "key": False,
            }
        ]
    }
    assert reconcile(old, new, "fr") == old
    written_out = {"indicators": [{**old["indicators"][0], "key": False}]}
    assert reconcile(written_out, old, "fr") == written_out


def test_records_are_paired_by_id_so_a_moved_row_is_a_new_order() -> None:
    old = {"activities": [{"id": "A", "title": "Un"}, {"id": "B", "title": "Deux"}]}
    new = {"activities": [{"id": "B", "title": {"fr": "Deux"}}, {"id": "A", "title": "Uno"}]}
    merged = reconcile(old, new, "fr")
    assert merged["activities"][0] == old["activities"][1]
    assert merged["activities"][1] == {"id": "A", "title": "Uno"}


def test_budget_lines_are_paired_by_year_funder_and_currency() -> None:
    old = {"budget": [{"year": 2021, "funder": "EU", "planned": 10}]}
    new = {"budget": [{"year": 2021, "funder": "EU", "planned": 10.0, "spent": 4}]}
    merged = reconcile(old["budget"], new["budget"], "fr", ("activities", "*", "budget"))
    assert merged == [{"year": 2021, "funder": "EU", "planned": 10, "spent": 4}]


def test_changes_are_counted_by_value() -> None:
    assert changed_paths({"a": 1, "b": [1, 2]}, {"a": 1, "b": [1, 3], "c": 4}) == 2


def test_a_qualitative_value_is_compared_as_a_text_and_a_number_as_a_number() -> None:
    where = ("indicators", "*", "values", "*", "value")
    assert equivalent("Projet soumis", {"fr": "Projet soumis"}, "fr", where)
    assert not equivalent("Projet soumis", {"fr": "Projet soumis", "en": "Draft"}, "fr", where)
    assert not equivalent(12, "12", "fr", where)
    assert not equivalent(12, {"fr": "12"}, "fr", where)
    assert equivalent(12, 12.0, "fr", ("indicators", "*", "target", "value"))
    assert not equivalent(12, 13, "fr", where)
    old = {"values": [{"date": "2021-01-01", "value": "Projet"}]}
    new = {"values": [{"date": "2021-01-01", "value": {"fr": "Projet"}}]}
    assert reconcile(old, new, "fr", ("indicators", "*")) == old
