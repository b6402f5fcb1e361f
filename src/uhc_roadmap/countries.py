"""Country and region names in a language, and finding a country from what a user typed.

Names come from pycountry (ISO 3166) and its gettext catalogs, so ``Maroc`` and ``Algérie``
follow the Debian iso-codes translations rather than a table of our own. A country is found by
its name in English or in any UI language.
"""

from __future__ import annotations

import gettext
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import pycountry

from uhc_roadmap.errors import UsageError
from uhc_roadmap.i18n import LANGUAGES, SOURCE_LANGUAGE
from uhc_roadmap.model import codes
from uhc_roadmap.suggest import named, nearest

_COUNTRIES: Any = pycountry.countries
_ENGLISH = "en"  # pycountry's names are English; its catalogs translate from English
_NAME_FIELDS = ("name", "official_name", "common_name")


class CountryLookupError(UsageError, LookupError):
    """``--country`` names no country, or several, among the roadmaps found."""


@cache
def _catalog(domain: str, lang: str) -> gettext.NullTranslations:
    if lang == _ENGLISH:
        return gettext.NullTranslations()
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def _translate(domain: str, text: str, lang: str) -> str:
    # gettext("") returns the catalog header, never a name.
    return _catalog(domain, lang).gettext(text) if text else text


def country_name(alpha_2: str, lang: str) -> str:
    """``Morocco`` / ``Maroc``; the code itself for an unknown country."""
    record = codes.country(alpha_2)
    if record is None:
        return alpha_2
    english = getattr(record, "common_name", None) if lang == _ENGLISH else None
    return english or _translate("iso3166-1", record.name, lang)


def subdivision_name(code: str, lang: str) -> str:
    """The ISO 3166-2 name of a subdivision in ``lang``; the code itself when unknown."""
    record = codes.subdivision(code)
    return code if record is None else _translate("iso3166-2", record.name, lang)


def normalise(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form used to compare names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = (c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(kept).split())


def _names(record: Any) -> Iterator[str]:
    for field in _NAME_FIELDS:
        english = getattr(record, field, None)
        if english:
            yield english
            for lang in LANGUAGES:
                if lang != _ENGLISH:
                    yield _translate("iso3166-1", english, lang)


def _by_code(query: str) -> Any | None:
    if len(query) == 2:
        return codes.country(query.upper())
    if len(query) == 3 and query.isalpha():
        return codes.country_by_alpha_3(query)
    return None


@cache
def _exact_names() -> dict[str, frozenset[str]]:
    """Normalised names in English and every UI language -> the alpha-2 codes bearing them."""
    found: dict[str, set[str]] = {}
    for record in _COUNTRIES:
        for name in _names(record):
            found.setdefault(normalise(name), set()).add(record.alpha_2)
    return {name: frozenset(alpha) for name, alpha in found.items()}


def candidates(query: str, available: Iterable[str]) -> list[str]:
    """Alpha-2 codes ``query`` may mean: a code, an exact name, else a part of a found name."""
    record = _by_code(query.strip())
    if record is not None:
        return [record.alpha_2]
    wanted = normalise(query)
    exact = _exact_names().get(wanted)
    if exact:
        return sorted(exact)
    return sorted(code for code in set(available) if wanted and _contains(code, wanted))


def _contains(alpha_2: str, wanted: str) -> bool:
    record = codes.country(alpha_2)
    return record is not None and any(wanted in normalise(n) for n in _names(record))


def resolve_country(query: str, available: Iterable[str], lang: str = SOURCE_LANGUAGE) -> str:
    """The alpha-2 code of the one country among ``available`` that ``query`` names."""
    found = sorted(set(available))
    matches = candidates(query, found)
    listing = describe(found, lang)
    if not matches:
        raise CountryLookupError(f"unknown country `{query}`; countries found: {listing}")
    if len(matches) > 1:
        named = describe(matches, lang)
        raise CountryLookupError(
            f"`{query}` is ambiguous: {named}; give the ISO code (countries found: {listing})"
        )
    if matches[0] not in found:
        name = describe(matches, lang)
        raise CountryLookupError(f"no roadmap for {name}; countries found: {listing}")
    return matches[0]


def describe(alpha_2_codes: Iterable[str], lang: str = SOURCE_LANGUAGE) -> str:
    """``Algeria (DZ), Morocco (MA)``, or ``none`` for an empty list."""
    items = [f"{country_name(code, lang)} ({code})" for code in alpha_2_codes]
    return ", ".join(items) if items else "none"


@dataclass(frozen=True)
class Subdivision:
    """One ISO 3166-2 subdivision, named in one language."""

    code: str
    name: str
    type: str
    """ISO 3166-2's word for it, in English: ``Region``, ``Province``, ``Prefecture``."""
    parent: str | None
    """The code of the subdivision it lies in (Morocco's provinces lie in regions)."""


def subdivisions(alpha_2: str, lang: str = SOURCE_LANGUAGE) -> list[Subdivision]:
    """A country's ISO 3166-2 subdivisions, sorted by code, named in ``lang``."""
    found = []
    for code in sorted(codes.subdivision_codes(alpha_2)):
        record = codes.subdivision(code)
        if record is not None:
            parent = getattr(record, "parent_code", None)
            found.append(Subdivision(code, subdivision_name(code, lang), record.type, parent))
    return found


def subdivisions_named(alpha_2: str, name: str) -> list[str]:
    """The codes of the country's subdivisions that ``name`` names, in English or in a UI
    language: ``Dakar`` -> ``["SN-DK"]``, ``tambacounda`` -> ``["SN-TC"]``; also a code
    written without its country or in lower case (``dk``, ``sn-dk``). Exact names come first,
    then names that hold it (``Marrakech`` -> the prefecture ``MA-MAR``, then the region
    ``MA-07`` Marrakech-Safi)."""
    own = codes.subdivision_codes(alpha_2)
    written = name.strip().upper()
    for code in (written, f"{alpha_2}-{written}"):
        if code in own:
            return [code]
    names = _subdivision_names(alpha_2)
    wanted = normalise(name)
    exact = [code for code, found in names.items() if wanted in map(normalise, found)]
    return list(dict.fromkeys([*exact, *named(name, names)]))


def subdivision_near(alpha_2: str, name: str) -> str | None:
    """The code of the subdivision whose name is nearest a misspelt one (``Kaolak``)."""
    by_name = {
        normalise(n): code for code, found in _subdivision_names(alpha_2).items() for n in found
    }
    close = nearest(normalise(name), by_name)
    return None if close is None else by_name[close]


@cache
def _subdivision_names(alpha_2: str) -> dict[str, list[str]]:
    """Code -> its names in English and in every UI language (read only: it is cached)."""
    names = {s.code: [s.name] for s in subdivisions(alpha_2)}
    for lang in LANGUAGES:
        if lang != _ENGLISH:
            for code, found in names.items():
                found.append(subdivision_name(code, lang))
    return names


def country_of(query: str) -> str:
    """The alpha-2 code of the country ``query`` names (a code or a name in a UI language)."""
    found = candidates(query, [])
    if len(found) == 1:
        return found[0]
    if found:
        raise CountryLookupError(f"`{query}` is ambiguous: {describe(found)}; give the ISO code")
    close = nearest(normalise(query), _exact_names())
    hint = f"; did you mean {describe(sorted(_exact_names()[close]))}?" if close else ""
    raise CountryLookupError(f"unknown country `{query}`{hint}")


def subdivision_table(alpha_2: str, langs: Iterable[str]) -> list[list[str]]:
    """Rows of code, name in each of ``langs`` and kind, each subdivision under the one it lies
    in (Morocco's provinces under their region), for ``uhc-roadmap regions``."""
    langs = list(langs)
    named_in = {lang: {s.code: s for s in subdivisions(alpha_2, lang)} for lang in langs}
    first = named_in[langs[0]]
    children: dict[str | None, list[Subdivision]] = {}
    for item in first.values():
        parent = item.parent if item.parent in first else None
        children.setdefault(parent, []).append(item)
    rows: list[list[str]] = []

    def add(parent: str | None, depth: int) -> None:
        for item in children.get(parent, []):
            names = [named_in[lang][item.code].name for lang in langs]
            rows.append(["  " * depth + item.code, *names, item.type.lower()])
            add(item.code, depth + 1)

    add(None, 0)
    return rows
