"""Codes from the world (ISO 3166-1/3166-2, ISO 4217, ISO 639-1), from pycountry's databases,
and IATI's codelists (OECD DAC sectors, organisation types...) as shipped in data/iati/.

pycountry ships the Debian iso-codes databases and follows their updates; a hand-kept table
would go stale (Morocco's 12 regions of 2015, Kazakhstan's new regions of 2022).

Checking that a code exists reads those JSON files directly: importing pycountry and building
its records costs ~50 ms per run (ISO 639-3 alone has 8,000 languages), more than validating a
roadmap. The records themselves (names, types) still come from pycountry, when a message or a
report needs them.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from uhc_roadmap.codelists import iati_codelist as iati_codelist  # IATI's, for the model
from uhc_roadmap.codelists import is_sector as is_sector


@cache
def _values(name: str, key: str) -> frozenset[str]:
    """Every value of ``key`` in one pycountry database file (``3166-1`` -> iso3166-1.json).

    The values are picked out of the file's text rather than parsed as JSON: six times
    faster for ISO 639-3's 900 KB, and a code never holds a quote. A test holds the result
    equal to pycountry's own records.
    """
    spec = find_spec("pycountry")  # where the package is, without importing it
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("pycountry is not installed")
    raw = (Path(spec.origin).parent / "databases" / f"iso{name}.json").read_bytes()
    pattern = re.compile(rb'"' + key.encode() + rb'"\s*:\s*"([^"\\]*)"')
    return frozenset(value.decode() for value in pattern.findall(raw))


@cache
def _subdivisions_by_country() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for code in _values("3166-2", "code"):
        found.setdefault(code.split("-", 1)[0], set()).add(code)
    return {country: frozenset(codes) for country, codes in found.items()}


def is_country(alpha_2: str) -> bool:
    """An ISO 3166-1 alpha-2 code, upper case."""
    return alpha_2 in _values("3166-1", "alpha_2")


def is_currency(alpha_3: str) -> bool:
    """An ISO 4217 code, upper case."""
    return alpha_3 in _values("4217", "alpha_3")


def is_language(alpha_2: str) -> bool:
    """An ISO 639-1 code, lower case."""
    return alpha_2 in _values("639-3", "alpha_2")


def subdivision_codes(alpha_2: str) -> frozenset[str]:
    """Every ISO 3166-2 code of one country."""
    return _subdivisions_by_country().get(alpha_2, frozenset())


# -- pycountry records, for names in messages and reports -------------------------------------


def _pycountry() -> Any:
    import pycountry

    return pycountry


@cache
def country(alpha_2: str) -> Any | None:
    """The pycountry record of an ISO 3166-1 alpha-2 code (also withdrawn-free lookups)."""
    if not is_country(alpha_2):
        return None
    return _pycountry().countries.get(alpha_2=alpha_2)


@cache
def country_by_alpha_3(alpha_3: str) -> Any | None:
    if len(alpha_3) != 3:
        return None
    return _pycountry().countries.get(alpha_3=alpha_3.upper())


@cache
def currency(alpha_3: str) -> Any | None:
    if not is_currency(alpha_3):
        return None
    return _pycountry().currencies.get(alpha_3=alpha_3)


@cache
def language(alpha_2: str) -> Any | None:
    if not is_language(alpha_2):
        return None
    return _pycountry().languages.get(alpha_2=alpha_2)


@cache
def subdivision(code: str) -> Any | None:
    """The ISO 3166-2 subdivision with this code, whatever its country."""
    if code not in subdivision_codes(code.split("-", 1)[0]):
        return None
    return _pycountry().subdivisions.get(code=code)


def country_codes() -> list[str]:
    """Every ISO 3166-1 alpha-2 code, sorted (for the JSON Schema)."""
    return sorted(_values("3166-1", "alpha_2"))


def currency_codes() -> list[str]:
    return sorted(_values("4217", "alpha_3"))


def language_codes() -> list[str]:
    """The ISO 639-1 codes: the languages of ISO 639-3 that have a two-letter code."""
    return sorted(_values("639-3", "alpha_2"))


# -- IATI codelists ----------------------------------------------------------------------------


def sector_codes() -> list[int]:
    """Every OECD DAC 5-digit purpose code, sorted (for the JSON Schema)."""
    return sorted(int(code) for code in iati_codelist("Sector"))
