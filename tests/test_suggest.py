"""Finding what a misspelt word or a name means among known ones."""

from __future__ import annotations

import pytest

from uhc_roadmap.suggest import did_you_mean, named, nearest

ORGANISATIONS = {
    "LU": ["Coopération luxembourgeoise"],
    "EU": ["Union européenne", "European Union"],
    "MS": ["Ministère de la Santé"],
    "WHO": ["OMS Sénégal"],
}


@pytest.mark.parametrize(
    ("word", "ids"),
    [
        ("Luxembourg", ["LU"]),
        ("union europeenne", ["EU"]),
        ("European Union", ["EU"]),
        ("OMS", ["WHO"]),
        ("ministère de la santé", ["MS"]),
        ("la", []),  # too short to say anything
        ("Banque mondiale", []),
    ],
)
def test_an_id_is_found_by_its_name(word: str, ids: list[str]) -> None:
    assert named(word, ORGANISATIONS) == ids


def test_nearest_and_did_you_mean() -> None:
    assert nearest("ongoin", ["planned", "ongoing"]) == "ongoing"
    assert did_you_mean("xyz", ["a"], otherwise="none") == "none"
