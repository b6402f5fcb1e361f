"""Codes from the world (ISO 3166-1/3166-2, ISO 4217, ISO 639-1), looked up through pycountry.

pycountry ships the Debian iso-codes databases and follows their updates; a hand-kept table
would go stale (Morocco's 12 regions of 2015, Kazakhstan's new regions of 2022).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pycountry

# pycountry's databases are untyped; these names give mypy one place to know that.
_COUNTRIES: Any = pycountry.countries
_CURRENCIES: Any = pycountry.currencies
_LANGUAGES: Any = pycountry.languages
_SUBDIVISIONS: Any = pycountry.subdivisions


@cache
def country(alpha_2: str) -> Any | None:
    """The pycountry record of an ISO 3166-1 alpha-2 code (also withdrawn-free lookups)."""
    if len(alpha_2) != 2 or not alpha_2.isupper():
        return None
    return _COUNTRIES.get(alpha_2=alpha_2)


@cache
def country_by_alpha_3(alpha_3: str) -> Any | None:
    if len(alpha_3) != 3:
        return None
    return _COUNTRIES.get(alpha_3=alpha_3.upper())


@cache
def currency(alpha_3: str) -> Any | None:
    if len(alpha_3) != 3 or not alpha_3.isupper():
        return None
    return _CURRENCIES.get(alpha_3=alpha_3)


@cache
def language(alpha_2: str) -> Any | None:
    if len(alpha_2) != 2 or not alpha_2.islower():
        return None
    return _LANGUAGES.get(alpha_2=alpha_2)


@cache
def subdivision(code: str) -> Any | None:
    """The ISO 3166-2 subdivision with this code, whatever its country."""
    if "-" not in code:
        return None
    return _SUBDIVISIONS.get(code=code)


@cache
def subdivision_codes(alpha_2: str) -> frozenset[str]:
    """Every ISO 3166-2 code of one country."""
    found = _SUBDIVISIONS.get(country_code=alpha_2) or ()
    return frozenset(s.code for s in found)


def country_codes() -> list[str]:
    """Every ISO 3166-1 alpha-2 code, sorted (for the JSON Schema)."""
    return sorted(c.alpha_2 for c in _COUNTRIES)


def currency_codes() -> list[str]:
    return sorted(c.alpha_3 for c in _CURRENCIES)


def language_codes() -> list[str]:
    """The ISO 639-1 codes: the languages of ISO 639-3 that have a two-letter code."""
    return sorted(lang.alpha_2 for lang in _LANGUAGES if hasattr(lang, "alpha_2"))
