"""Hypothesis strategies: valid roadmaps built from scratch, and mutations of real ones.

``roadmaps()`` draws a roadmap that no rule of severity *error* can object to (ids unique,
references resolved, periods in order, amounts finite and not negative, indicator targets on
the side of their direction), so that ``report`` and ``render`` must accept it; warnings and
infos are allowed. The text goes through ``yaml.safe_dump``, as another tool would write it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pycountry
import yaml
from hypothesis import strategies as st

from uhc_roadmap.loading.scalars import ScalarRangeError, resolve_plain

COUNTRIES = ("MA", "KZ", "DZ", "NO", "SN")
LANGUAGE_SETS = (["fr"], ["en"], ["fr", "en"], ["en", "fr", "ar"])
CURRENCIES = ("USD", "EUR", "MAD", "XOF")
STATUSES = ("planned", "ongoing", "finalising", "completed", "cancelled", "suspended")
ORGANISATION_TYPES = ("government", "who", "funder", "un_agency", "ngo", "academic", "other")
BLOCKS = ("governance", "financing", "workforce", "service_delivery", "information", "medicines")

# Text as people write it, in any script, with no control characters (the loader refuses
# them) and not blank (the model refuses that).
INJECTIONS = (
    "<script>alert(1)</script>",
    "{{ 7 * 7 }}",
    "{% for x in range(10**9) %}",
    "]]></svg><img src=x onerror=alert(1)>",
    "| a | b |\n|---|",
    "Ministère & <Santé> \"quoted\" 'single'",
    "\u202etxt.exe",
    "%0A::error::forged",
)
words = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff"),
        min_size=1,
        max_size=40,
    ).filter(lambda s: s.strip() != ""),
    st.sampled_from(INJECTIONS),
)
amounts = st.one_of(
    st.integers(0, 10**12), st.floats(0, 1e12, allow_nan=False, allow_infinity=False)
)


def subdivisions(country: str) -> list[str]:
    return sorted(s.code for s in pycountry.subdivisions.get(country_code=country) or [])


@st.composite
def texts(draw: st.DrawFn, languages: list[str]) -> str | dict[str, str]:
    if draw(st.booleans()):
        return draw(words)
    chosen = draw(st.lists(st.sampled_from(languages), min_size=1, unique=True))
    return {lang: draw(words) for lang in chosen}


@st.composite
def days_between(draw: st.DrawFn, start: date, end: date) -> date:
    return start + timedelta(days=draw(st.integers(0, (end - start).days)))


@st.composite
def periods(draw: st.DrawFn, start: date, end: date) -> tuple[date, date]:
    first = draw(days_between(start, end))
    return first, draw(days_between(first, end))


@st.composite
def milestones(draw: st.DrawFn, owner: str, start: date, end: date, langs: list[str]) -> Any:
    found = []
    for index in range(draw(st.integers(0, 3))):
        item: dict[str, Any] = {"title": draw(texts(langs)), "due": draw(days_between(start, end))}
        if draw(st.booleans()):
            item["id"] = f"{owner}.M{index + 1}"
        if draw(st.booleans()):
            item["done_on"] = draw(days_between(start, end))
        found.append(item)
    return found


@st.composite
def budget(draw: st.DrawFn, funders: list[str], years: tuple[int, int]) -> list[dict[str, Any]]:
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        line: dict[str, Any] = {
            "year": draw(st.integers(*years)),
            "funder": draw(st.sampled_from(funders)),
            "planned": draw(amounts),
        }
        for optional in ("committed", "spent"):
            if draw(st.booleans()):
                line[optional] = draw(amounts)
        if draw(st.integers(0, 9)) == 0:
            line["currency"] = draw(st.sampled_from(CURRENCIES))
        lines.append(line)
    return lines


@st.composite
def activity(draw: st.DrawFn, index: int, context: dict[str, Any]) -> dict[str, Any]:
    ident = f"ACT-{index + 1}"
    start, end = draw(periods(*context["phase"]))
    status = draw(st.sampled_from(STATUSES))
    item: dict[str, Any] = {
        "id": ident,
        "axis": draw(st.sampled_from(context["axes"])),
        "title": draw(texts(context["languages"])),
        "status": status,
        "planned": {"start": start, "end": end},
    }
    if status != "planned" and draw(st.booleans()):
        actual_start, actual_end = draw(periods(start, end))
        item["actual"] = {"start": actual_start}
        if status in ("completed", "cancelled"):
            item["actual"]["end"] = actual_end
    if draw(st.booleans()):
        item["progress"] = draw(st.one_of(st.integers(0, 100), st.floats(0, 100)))
    if draw(st.booleans()):
        item["lead"] = draw(st.sampled_from(context["organisations"]))
    earlier = [f"ACT-{i + 1}" for i in range(index)]
    if earlier and draw(st.booleans()):
        item["depends_on"] = draw(st.lists(st.sampled_from(earlier), unique=True, max_size=3))
    places = context["regions"] + context["groups"]
    if places and draw(st.booleans()):
        item["regions"] = draw(st.lists(st.sampled_from(places), unique=True, max_size=4))
    item["milestones"] = draw(milestones(ident, start, end, context["languages"]))
    item["budget"] = draw(budget(context["organisations"], context["years"]))
    return item


@st.composite
def measurement(draw: st.DrawFn, low: float, high: float, day: date) -> dict[str, Any]:
    return {"value": draw(st.floats(low, high, allow_nan=False)), "date": day}


@st.composite
def indicator(draw: st.DrawFn, index: int, context: dict[str, Any]) -> dict[str, Any]:
    measure = draw(st.sampled_from(("number", "percent", "qualitative")))
    item: dict[str, Any] = {
        "id": f"IND-{index + 1}",
        "title": draw(texts(context["languages"])),
        "measure": measure,
    }
    if context["activities"] and draw(st.booleans()):
        item["activity"] = draw(st.sampled_from(context["activities"]))
    else:
        item["axis"] = draw(st.sampled_from(context["axes"]))
    if measure == "qualitative":
        item["values"] = [
            {"date": draw(days_between(*context["phase"])), "value": draw(words)}
            for _ in range(draw(st.integers(0, 3)))
        ]
        return item
    high = 100.0 if measure == "percent" else draw(st.sampled_from([1e9, 1.7e308]))
    first, second = draw(periods(*context["phase"]).filter(lambda p: p[0] < p[1]))
    low_value, high_value = sorted(draw(st.lists(st.floats(0, high), min_size=2, max_size=2)))
    direction = draw(st.sampled_from(("increase", "decrease")))
    item["direction"] = direction
    baseline, target = (
        (low_value, high_value) if direction == "increase" else (high_value, low_value)
    )
    item["baseline"] = {"value": baseline, "date": first}
    item["target"] = {"value": target, "date": second}
    item["values"] = [
        draw(measurement(0, high, draw(days_between(*context["phase"]))))
        for _ in range(draw(st.integers(0, 4)))
    ]
    item["key"] = draw(st.booleans())
    return item


@st.composite
def roadmap_data(draw: st.DrawFn) -> dict[str, Any]:
    country = draw(st.sampled_from(COUNTRIES))
    languages = draw(st.sampled_from(LANGUAGE_SETS))
    start = draw(st.dates(date(2000, 1, 1), date(2030, 12, 31)))
    end = start + timedelta(days=draw(st.integers(1, 3650)))
    regions = subdivisions(country)
    organisations = [f"ORG{i + 1}" for i in range(draw(st.integers(1, 4)))]
    axes = [f"AX{i + 1}" for i in range(draw(st.integers(1, 4)))]
    groups = ["GRP1"] if regions and draw(st.booleans()) else []
    context: dict[str, Any] = {
        "phase": (start, end),
        "years": (start.year - 1, end.year + 1),
        "languages": languages,
        "organisations": organisations,
        "axes": axes,
        "regions": draw(st.lists(st.sampled_from(regions), unique=True, max_size=6))
        if regions
        else [],
        "groups": groups,
    }
    activities = [draw(activity(i, context)) for i in range(draw(st.integers(0, 12)))]
    context["activities"] = [a["id"] for a in activities]
    data: dict[str, Any] = {
        "schema_version": "1",
        "country": country,
        "title": draw(texts(languages)),
        "languages": languages,
        "phase": {"id": "P1", "start": start, "end": end},
        "currency": draw(st.sampled_from(CURRENCIES)),
        "organisations": [
            {
                "id": ident,
                "name": draw(texts(languages)),
                "type": draw(st.sampled_from(ORGANISATION_TYPES)),
            }
            for ident in organisations
        ],
        "axes": [
            {
                "id": ident,
                "title": draw(texts(languages)),
                "building_block": draw(st.sampled_from(BLOCKS)),
            }
            for ident in axes
        ],
        "activities": activities,
        "indicators": [draw(indicator(i, context)) for i in range(draw(st.integers(0, 6)))],
    }
    if draw(st.booleans()):
        data["as_of"] = draw(days_between(start - timedelta(days=365), end + timedelta(days=365)))
    if groups:
        data["region_groups"] = {
            "GRP1": draw(st.lists(st.sampled_from(regions), min_size=1, max_size=3, unique=True))
        }
    return data


class _Dumper(yaml.SafeDumper):
    """PyYAML quotes by YAML 1.1 rules and leaves `0E0` plain, which YAML 1.2 reads as a
    number: text that YAML 1.2 would not read back as text is double-quoted."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    try:
        plain_ok = resolve_plain(value) == value
    except ScalarRangeError:
        plain_ok = False
    style = None if plain_ok else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump(data: Any) -> str:
    """YAML text for plain data; dates written as the strict loader reads them."""
    return yaml.dump(_plain(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def roadmaps() -> st.SearchStrategy[str]:
    return roadmap_data().map(dump)


# Values that stand in for another value in a mutated roadmap: every YAML type, and the
# edges of each (huge and special numbers, empty and odd strings, nested containers).
odd_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(10**400), 10**400),
    st.floats(),
    st.sampled_from(["", " ", "NO", "yes", "1.10", "2021-02-30", "0x1F", "GOV\u200b-01", "<<"]),
    st.text(max_size=30),
    st.dates().map(date.isoformat),
)
odd_values = st.recursive(
    odd_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
