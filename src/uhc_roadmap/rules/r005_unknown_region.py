from __future__ import annotations

from collections.abc import Iterator

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.loading.sourcemap import DocPath
from uhc_roadmap.model import codes
from uhc_roadmap.rules.base import Finding, Rule
from uhc_roadmap.rules.common import activities, indicators
from uhc_roadmap.rules.context import RuleContext

_NAMED = 3  # regions a name may mean, shown at most


class R005(Rule, name="unknown-region", severity=Severity.ERROR):
    """A region that is neither an ISO 3166-2 subdivision of the roadmap's country nor a group.

    Regions are ISO 3166-2 codes of the roadmap's own country (`MA-07` Marrakech-Safi), or
    ids of `region_groups`; a group's members are ISO 3166-2 codes of the country.

    Bad:
        country: MA
        activities:
          - id: PHC-03
            regions: [DZ-01]
    Good:
        country: MA
        activities:
          - id: PHC-03
            regions: [MA-07, MA-09]
    """

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        roadmap = ctx.roadmap
        groups = set(roadmap.region_groups)
        for path, region in _region_references(ctx):
            if region not in groups:
                yield from _check_code(path, region, roadmap.country, allow_group=True)
        for group, members in roadmap.region_groups.items():
            for j, member in enumerate(members):
                yield from _check_code(("region_groups", group, j), member, roadmap.country)
        for code in roadmap.region_labels:
            yield from _check_code(("region_labels", code), code, roadmap.country, at_key=True)


def _region_references(ctx: RuleContext) -> Iterator[tuple[DocPath, str]]:
    for path, activity in activities(ctx):
        for j, region in enumerate(activity.regions):
            yield (*path, "regions", j), region
    for path, indicator in indicators(ctx):
        for j, point in enumerate(indicator.values):
            if point.region is not None:
                yield (*path, "values", j, "region"), point.region


def _check_code(
    path: DocPath, code: str, country: str, *, allow_group: bool = False, at_key: bool = False
) -> Iterator[Finding]:
    if code in codes.subdivision_codes(country):
        return
    record = codes.subdivision(code)
    if record is not None:
        owner = codes.country(record.country_code)
        owner_name = owner.name if owner else record.country_code
        here = codes.country(country)
        yield Finding(
            path,
            f"region `{code}` ({record.name}) is in {owner_name}, not in {here.name if here else country}",
            f"use an ISO 3166-2 code of {country}, or a region group",
            at_key=at_key,
        )
        return
    what = "an ISO 3166-2 code or a region group" if allow_group else "an ISO 3166-2 code"
    yield Finding(
        path,
        f"unknown region `{code}`: not {what} of {country}",
        _meant(code, country) or _codes_hint(country, allow_group=allow_group),
        at_key=at_key,
    )


# Hints as single message strings with named placeholders, ready for a catalog.
HINTS = {
    "near": "did you mean `%(code)s` (%(name)s)?",
    "case": "write it `%(code)s`",
    "named": "regions are written by their ISO 3166-2 code: %(codes)s",
    "codes": "regions are ISO 3166-2 codes such as `%(example)s`; `uhc-roadmap regions "
    "%(country)s` lists them",
    "codes or groups": "regions are ISO 3166-2 codes such as `%(example)s`, or ids defined under "
    "`region_groups`; `uhc-roadmap regions %(country)s` lists them",
    "no codes": "%(country)s has no ISO 3166-2 codes: define the regions under `region_groups`",
}


def _meant(written: str, country: str) -> str:
    """The code of a region written by its name (``Dakar`` -> ``SN-DK``), or in lower case."""
    from uhc_roadmap.countries import subdivision_near, subdivisions_named  # only when wrong

    found = subdivisions_named(country, written)[:_NAMED]
    if not found:
        close = subdivision_near(country, written)
        return "" if close is None else HINTS["near"] % {"code": close, "name": _name(close)}
    if len(found) == 1 and normalise(written) == normalise(found[0]):
        return HINTS["case"] % {"code": found[0]}
    described = " or ".join(f"`{c}` ({_name(c)})" for c in found)
    return HINTS["named"] % {"codes": described}


def _name(code: str) -> str:
    record = codes.subdivision(code)
    return code if record is None else f"{record.name}, {record.type.lower()}"


def _codes_hint(country: str, *, allow_group: bool) -> str:
    own = codes.subdivision_codes(country)
    if not own:
        return HINTS["no codes"] % {"country": country}
    values = {"example": min(own), "country": country}
    return HINTS["codes or groups" if allow_group else "codes"] % values


def normalise(code: str) -> str:
    return code.strip().upper().replace("_", "-")
