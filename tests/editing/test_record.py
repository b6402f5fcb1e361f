"""record: a dated measurement of an indicator, in date order, never silently twice."""

from __future__ import annotations

import difflib

import pytest

from tests.conftest import ROADMAPS
from uhc_roadmap.editing.document import Document
from uhc_roadmap.editing.engine import changed_text
from uhc_roadmap.editing.errors import AddressError, EditError
from uhc_roadmap.editing.record import measurement_change

TEXT = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")
DOC = Document.parse(TEXT.encode(), "morocco.yaml")


def recorded(indicator: str, value: str, day: str, **options: object) -> list[str]:
    change = measurement_change(DOC.data, indicator, value, day, **options)  # type: ignore[arg-type]
    text = changed_text(DOC, [change]).text
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(TEXT.splitlines(True), text.splitlines(True), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_a_measurement_goes_in_date_order_in_the_files_style() -> None:
    assert recorded("IND-GOV-PRS", "10", "2021-09-30", source="Revue") == [
        '+      - {date: 2021-09-30, value: 10, source: "Revue"}'
    ]
    assert recorded("IND-HRH-DENS", "16,4", "2019-12-31") == [
        "+      - {date: 2019-12-31, value: 16.4}"
    ]


def test_a_region_makes_another_measurement_of_the_same_day() -> None:
    assert recorded("IND-PHC-PAR", "1", "2021-09-30", region="MA-07") == [
        "+      - {date: 2021-09-30, value: 1, region: MA-07}"
    ]


def test_the_same_day_again_needs_replace_and_keeps_the_source() -> None:
    with pytest.raises(EditError) as caught:
        recorded("IND-GOV-PRS", "10", "2021-06-30")
    assert "already has a value for 2021-06-30: 9" in caught.value.message
    assert caught.value.hint == "pass --replace to replace it"
    assert recorded("IND-GOV-PRS", "10", "2021-06-30", replace=True) == [
        '-      - {date: 2021-06-30, value: 9, source: "Revue à mi-parcours"}',
        '+      - {date: 2021-06-30, value: 10, source: "Revue à mi-parcours"}',
    ]


def test_a_qualitative_indicator_takes_text() -> None:
    assert recorded("IND-HRH-STRAT", "Stratégie adoptée", "2021-12-31") == [
        '+      - {date: 2021-12-31, value: "Stratégie adoptée"}'
    ]


def test_an_unknown_indicator_names_the_nearest() -> None:
    with pytest.raises(AddressError) as caught:
        recorded("IND-GOV-PR", "1", "2021-12-31")
    assert "`IND-GOV-PRS`" in caught.value.hint
