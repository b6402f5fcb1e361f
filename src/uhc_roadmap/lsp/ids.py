"""The ids of a roadmap: where each is defined and every place that refers to it.

Read from the loader's plain data, so that a file with schema errors (a new activity still
missing its dates) still has its ids completed and followed. The reference fields are those
the R rules check: ``axis`` (activities and indicators), ``lead``, ``partners`` and a budget
line's ``funder``, ``depends_on`` and an indicator's ``activity``, and regions, which name a
region group or an ISO 3166-2 code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from uhc_roadmap.loading.sourcemap import DocPath

Pattern = tuple[str, ...]
AXIS = "axis"
ORGANISATION = "organisation"
ACTIVITY = "activity"
INDICATOR = "indicator"
GROUP = "region group"
REGION = "region"
"""A region reference: a region group's id, or an ISO 3166-2 code of the country."""

REFERENCES: dict[Pattern, str] = {  # where each kind of id is referred to (for completion)
    ("activities", "*", "axis"): AXIS,
    ("indicators", "*", "axis"): AXIS,
    ("activities", "*", "lead"): ORGANISATION,
    ("activities", "*", "partners", "*"): ORGANISATION,
    ("activities", "*", "budget", "*", "funder"): ORGANISATION,
    ("activities", "*", "depends_on", "*"): ACTIVITY,
    ("indicators", "*", "activity"): ACTIVITY,
    ("activities", "*", "regions", "*"): REGION,
    ("indicators", "*", "values", "*", "region"): REGION,
}
CODES: frozenset[Pattern] = frozenset({("region_groups", "*", "*")})
"""Where only an ISO 3166-2 code may stand (a group's members)."""
RENAMEABLE = frozenset({ORGANISATION, AXIS, ACTIVITY, INDICATOR, GROUP})
_COLLECTIONS = {
    ORGANISATION: "organisations",
    AXIS: "axes",
    ACTIVITY: "activities",
    INDICATOR: "indicators",
}


@dataclass(frozen=True)
class Occurrence:
    """One place an id is written: its path, and whether it is the key of a mapping entry
    (a region group's id) rather than a value."""

    kind: str
    ident: str
    path: DocPath
    definition: bool
    at_key: bool = False


@dataclass
class Catalogue:
    """Every id of one roadmap's data."""

    data: dict[str, Any]
    occurrences: list[Occurrence] = field(default_factory=list)
    definitions: dict[tuple[str, str], Occurrence] = field(default_factory=dict)
    by_path: dict[tuple[DocPath, bool], Occurrence] = field(default_factory=dict)

    @classmethod
    def of(cls, data: dict[str, Any] | None) -> Catalogue:
        catalogue = cls(data if isinstance(data, dict) else {})
        for occurrence in _walk(catalogue.data):
            catalogue.occurrences.append(occurrence)
            catalogue.by_path[occurrence.path, occurrence.at_key] = occurrence
            if occurrence.definition:
                catalogue.definitions.setdefault((occurrence.kind, occurrence.ident), occurrence)
        return catalogue

    def ids(self, kind: str) -> list[str]:
        """The ids defined for ``kind``, in the order of the file."""
        return [ident for (k, ident) in self.definitions if k == kind]

    def kind_of(self, occurrence: Occurrence) -> str:
        """What a reference names: a region reference names a group when one has that id."""
        if occurrence.kind == REGION and (GROUP, occurrence.ident) in self.definitions:
            return GROUP
        return occurrence.kind

    def definition(self, kind: str, ident: str) -> Occurrence | None:
        return self.definitions.get((kind, ident))

    def uses(self, kind: str, ident: str) -> list[Occurrence]:
        """The definition and every reference of one id, in the order of the file."""
        return [o for o in self.occurrences if o.ident == ident and self.kind_of(o) == kind]

    def item(self, kind: str, ident: str) -> dict[str, Any] | None:
        """The mapping an id defines (an activity's, an organisation's...)."""
        found = self.definition(kind, ident)
        if found is None or kind not in _COLLECTIONS:
            return None
        items = self.data.get(_COLLECTIONS[kind])
        index = found.path[1]
        if isinstance(items, list) and isinstance(index, int) and index < len(items):
            item = items[index]
            return item if isinstance(item, dict) else None
        return None

    def at(self, path: DocPath, *, key: bool = False) -> Occurrence | None:
        """The occurrence written at ``path`` (its key when ``key``)."""
        return self.by_path.get((path, key))


def _walk(data: dict[str, Any]) -> Iterator[Occurrence]:
    """Every id written in ``data``, in the order of the format's fields (the order of the
    file within each collection)."""
    groups = data.get("region_groups")
    if isinstance(groups, dict):
        for name, members in groups.items():
            if isinstance(name, str):
                yield Occurrence(GROUP, name, ("region_groups", name), True, at_key=True)
            for j, member in enumerate(members if isinstance(members, list) else []):
                if isinstance(member, str):
                    yield Occurrence(REGION, member, ("region_groups", name, j), False)
    labels = data.get("region_labels")
    if isinstance(labels, dict):
        for code in labels:
            if isinstance(code, str):
                yield Occurrence(REGION, code, ("region_labels", code), False, at_key=True)
    for kind, name in _COLLECTIONS.items():
        for i, item in enumerate(_items(data, kind)):
            path: DocPath = (name, i)
            yield from _field(item, path, "id", kind, True)
            if kind == ACTIVITY:
                yield from _activity_references(item, path)
            elif kind == INDICATOR:
                yield from _field(item, path, "axis", AXIS)
                yield from _field(item, path, "activity", ACTIVITY)
                for j, point in enumerate(_list(item.get("values"))):
                    if isinstance(point, dict):
                        yield from _field(point, (*path, "values", j), "region", REGION)


def _activity_references(item: dict[str, Any], path: DocPath) -> Iterator[Occurrence]:
    yield from _field(item, path, "axis", AXIS)
    yield from _field(item, path, "lead", ORGANISATION)
    for key, kind in (("partners", ORGANISATION), ("depends_on", ACTIVITY), ("regions", REGION)):
        for j, value in enumerate(_list(item.get(key))):
            if isinstance(value, str):
                yield Occurrence(kind, value, (*path, key, j), False)
    for j, line in enumerate(_list(item.get("budget"))):
        if isinstance(line, dict):
            yield from _field(line, (*path, "budget", j), "funder", ORGANISATION)


def _field(
    item: dict[str, Any], path: DocPath, key: str, kind: str, definition: bool = False
) -> Iterator[Occurrence]:
    value = item.get(key)
    if isinstance(value, str):
        yield Occurrence(kind, value, (*path, key), definition)


def _items(data: dict[str, Any], kind: str) -> Iterator[dict[str, Any]]:
    """The mappings of one collection (anything else in its list stands as an empty one, so
    that positions keep their index)."""
    for item in _list(data.get(_COLLECTIONS[kind])):
        yield item if isinstance(item, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
