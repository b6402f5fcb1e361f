"""Finding a country from a code or a name in English or French, and naming it."""

from __future__ import annotations

import pytest

from uhc_roadmap.countries import (
    CountryLookupError,
    country_name,
    country_of,
    normalise,
    resolve_country,
    subdivision_name,
    subdivision_near,
    subdivision_table,
    subdivisions,
    subdivisions_named,
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


@pytest.mark.parametrize(
    ("written", "codes"),
    [
        ("Dakar", ["SN-DK"]),
        ("tambacounda", ["SN-TC"]),
        ("Thies", ["SN-TH"]),  # without its accent
        ("dk", ["SN-DK"]),
        ("sn-dk", ["SN-DK"]),
        ("Lomé", []),
    ],
)
def test_regions_found_by_name_or_loose_code(written: str, codes: list[str]) -> None:
    assert subdivisions_named("SN", written) == codes


def test_an_exact_name_comes_before_the_names_that_hold_it() -> None:
    # The prefecture of Marrakech, then the region of Marrakech-Safi.
    assert subdivisions_named("MA", "Marrakech")[:2] == ["MA-MAR", "MA-07"]


def test_a_misspelt_region_name_is_found_near() -> None:
    assert subdivision_near("SN", "Kaolak") == "SN-KL"
    assert subdivision_near("SN", "Xyz") is None


def test_the_subdivision_table_puts_provinces_under_their_region() -> None:
    rows = subdivision_table("MA", ["fr"])
    assert rows[0] == ["MA-01", "Tanger-Tétouan-Al Hoceïma", "region"]
    assert rows[1][0] == "  MA-CHE"
    assert len(rows) == len(subdivisions("MA"))
    senegal = subdivision_table("SN", ["en", "fr"])
    assert ["SN-DK", "Dakar", "Dakar", "region"] in senegal


@pytest.mark.parametrize(("query", "code"), [("SN", "SN"), ("Sénégal", "SN"), ("SEN", "SN")])
def test_a_country_is_found_among_all(query: str, code: str) -> None:
    assert country_of(query) == code


def test_an_unknown_country_suggests_the_nearest() -> None:
    with pytest.raises(CountryLookupError, match=r"did you mean Senegal \(SN\)\?"):
        country_of("Senegl")
