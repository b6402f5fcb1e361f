"""Finding a country from a code or a name in English or French, and naming it."""

from __future__ import annotations

import pytest

from uhc_roadmap.countries import (
    CountryLookupError,
    country_name,
    normalise,
    resolve_country,
    subdivision_name,
)

FOUND = ["DZ", "KZ", "MA"]


@pytest.mark.parametrize(
    "query", ["MA", "ma", "MAR", "mar", "Morocco", "Maroc", "MAROC", " maroc "]
)
def test_codes_and_names_in_english_and_french(query: str) -> None:
    assert resolve_country(query, FOUND) == "MA"


@pytest.mark.parametrize("query", ["Algérie", "algerie", "ALGERIE", "Algeria", "DZA"])
def test_accents_and_case_do_not_matter(query: str) -> None:
    assert resolve_country(query, FOUND) == "DZ"


def test_official_names_and_parts_of_a_name() -> None:
    assert resolve_country("Royaume du Maroc", FOUND) == "MA"
    assert resolve_country("Kazakh", FOUND) == "KZ"


def test_unknown_country_lists_the_countries_found() -> None:
    with pytest.raises(CountryLookupError) as caught:
        resolve_country("Atlantis", FOUND)
    assert str(caught.value) == (
        "unknown country `Atlantis`; countries found: Algeria (DZ), Kazakhstan (KZ), Morocco (MA)"
    )


def test_a_country_without_a_roadmap() -> None:
    with pytest.raises(CountryLookupError, match=r"no roadmap for France \(FR\); countries found"):
        resolve_country("France", FOUND)


def test_ambiguous_name() -> None:
    with pytest.raises(CountryLookupError, match=r"`Korea` is ambiguous: .*KP.*KR"):
        resolve_country("Korea", ["KP", "KR", "MA"])


def test_names_in_a_language() -> None:
    assert (country_name("MA", "en"), country_name("MA", "fr")) == ("Morocco", "Maroc")
    assert country_name("KR", "en") == "South Korea"
    assert country_name("XX", "fr") == "XX"
    assert subdivision_name("MA-07", "fr") == "Marrakech-Safi"
    assert subdivision_name("MA-99", "en") == "MA-99"


def test_normalise() -> None:
    assert normalise("  Côte d'Ivoire ") == "cote d ivoire"
