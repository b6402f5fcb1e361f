"""The fast code checks read pycountry's databases directly: they must agree with pycountry."""

from __future__ import annotations

import pycountry
import pytest

from uhc_roadmap.model import codes


def test_code_lists_are_pycountrys() -> None:
    assert codes.country_codes() == sorted(c.alpha_2 for c in pycountry.countries)
    assert codes.currency_codes() == sorted(c.alpha_3 for c in pycountry.currencies)
    languages = sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    assert codes.language_codes() == languages


@pytest.mark.parametrize("country", ["MA", "KZ", "FR", "US", "DZ", "AD"])
def test_subdivisions_are_pycountrys(country: str) -> None:
    expected = {s.code for s in pycountry.subdivisions.get(country_code=country) or ()}
    assert codes.subdivision_codes(country) == expected
    assert expected


def test_every_subdivision_belongs_to_its_country() -> None:
    total = sum(len(codes.subdivision_codes(c)) for c in codes.country_codes())
    assert total == len(pycountry.subdivisions)


@pytest.mark.parametrize(
    ("check", "good", "bad"),
    [
        (codes.is_country, "MA", ["ma", "MAR", "XX", ""]),
        (codes.is_currency, "MAD", ["mad", "XYZ", "MA", ""]),
        (codes.is_language, "fr", ["FR", "fra", "xx", ""]),
    ],
)
def test_predicates(check: object, good: str, bad: list[str]) -> None:
    assert callable(check)
    assert check(good)
    assert not any(check(value) for value in bad)


def test_records_still_come_from_pycountry() -> None:
    assert codes.country("MA").name == "Morocco"
    assert codes.country("XX") is None
    assert codes.language("fr").name == "French"
    assert codes.currency("MAD").alpha_3 == "MAD"
    assert codes.subdivision("MA-01").country_code == "MA"
    assert codes.subdivision("XX-01") is None
    assert codes.subdivision("nodash") is None
    assert codes.country_by_alpha_3("mar").alpha_2 == "MA"


def test_sectors_are_iati_dac_purpose_codes() -> None:
    assert codes.is_sector(12110)  # Health policy and administrative management
    assert codes.is_sector(12220)  # Basic health care
    assert not codes.is_sector(12100)  # a DAC category (3 digits padded), not a purpose code
    assert not codes.is_sector(99999)
    listed = codes.sector_codes()
    assert listed == sorted(listed)
    assert 12110 in listed
    assert len(listed) > 200
    assert codes.iati_codelist("ActivityStatus")["6"] == "Suspended"
