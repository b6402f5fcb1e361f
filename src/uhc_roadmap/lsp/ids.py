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

from uhc_roadmap.editing import layout
from uhc_roadmap.loading.sourcemap import DocPath

Pattern = tuple[str, ...]
AXIS = "axis"
ORGANISATION = "organisation"
ACTIVITY = "activity"
INDICATOR = "indicator"
GROUP = "region group"
REGION = "region"
"""A region reference: a region group's id, or an ISO 3166-2 code of the country."""

DEFINITIONS: dict[Pattern, str] = {
    ("organisations", "*", "id"): ORGANISATION,
    ("axes", "*", "id"): AXIS,
    ("activities", "*", "id"): ACTIVITY,
    ("indicators", "*", "id"): INDICATOR,
}
REFERENCES: dict[Pattern, str] = {
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
    for path, value in _scalars((), data):
        where = layout.pattern(path)
        if where in DEFINITIONS:
            yield Occurrence(DEFINITIONS[where], value, path, True)
        elif where in REFERENCES:
            yield Occurrence(REFERENCES[where], value, path, False)


def _scalars(path: DocPath, node: Any) -> Iterator[tuple[DocPath, str]]:
    """Every string of the lists of objects that hold ids (not the texts of region labels)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if path or key in ("organisations", "axes", "activities", "indicators"):
                yield from _scalars((*path, key), value)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _scalars((*path, index), value)
    elif isinstance(node, str):
        yield path, node
