"""The parts of an invalid roadmap that validated, so that one run shows every finding.

A schema error in one activity must not hide the rule findings of the others: the items of the
top-level lists (activities, indicators, organisations, axes) that hold an error are left out,
the rest is validated again, and the rules run on that. Two things keep the rules honest:

* the source map is renumbered to the kept items, so a finding is placed where its item is;
* what the left-out items define and name is kept (``Withheld``): an id defined by an activity
  that did not validate is still defined, and an axis it names is still used, so no rule calls a
  reference unknown or an axis empty because of a part that is already reported as invalid.

An error outside those items (the phase, the country, the languages, a list itself) settles
what every rule reads, and then no rule runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from uhc_roadmap.loading.sourcemap import DocPath, Position, SourceMap
from uhc_roadmap.model.roadmap import Roadmap

PARTS = ("organisations", "axes", "activities", "indicators")
"""The top-level lists whose items are validated, and left out, one by one."""


@dataclass(frozen=True)
class Withheld:
    """What the items left out of a partial roadmap define and name, read from the file as
    written. Empty for a valid roadmap."""

    ids: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Ids defined by the left-out items, by list: ``{"activities": {"GOV-02"}, ...}``."""
    axes_used: frozenset[str] = frozenset()
    """Axes named by left-out activities and indicators."""
    activities_measured: frozenset[str] = frozenset()
    """Activities named by left-out indicators."""

    def of(self, part: str) -> frozenset[str]:
        """The ids of left-out items of one list (``"axes"``)."""
        return self.ids.get(part, frozenset())


@dataclass(frozen=True)
class Partial:
    """An invalid roadmap's valid parts: a roadmap of the kept items, positioned in the file."""

    roadmap: Roadmap
    source_map: SourceMap
    withheld: Withheld


def failed_items(errors: Iterable[Any]) -> dict[str, set[int]] | None:
    """The items of ``PARTS`` that hold an error, by list; None when an error lies elsewhere."""
    found: dict[str, set[int]] = {}
    for error in errors:
        loc = [e for e in error["loc"] if isinstance(e, str | int)]
        if len(loc) < 2 or loc[0] not in PARTS or not isinstance(loc[1], int):
            return None
        found.setdefault(str(loc[0]), set()).add(loc[1])
    return found


def partial_roadmap(
    data: dict[str, Any], source_map: SourceMap, failed: Mapping[str, set[int]]
) -> Partial | None:
    """The roadmap without the ``failed`` items, or None when what is left does not validate
    (every axis left out, say)."""
    reduced = dict(data)
    kept: dict[str, list[int]] = {}
    for part, indexes in failed.items():
        items = data.get(part)
        if not isinstance(items, list):
            return None
        kept[part] = [i for i in range(len(items)) if i not in indexes]
        reduced[part] = [items[i] for i in kept[part]]
    try:
        roadmap = Roadmap.model_validate(reduced)
    except ValidationError:
        return None
    return Partial(roadmap, _renumbered(source_map, kept), _withheld(data, failed))


def _renumbered(source_map: SourceMap, kept: Mapping[str, list[int]]) -> SourceMap:
    """The source map of the kept items, numbered as they are in the partial roadmap."""
    new_index = {
        part: {old: new for new, old in enumerate(indexes)} for part, indexes in kept.items()
    }

    def moved(positions: dict[DocPath, Position]) -> dict[DocPath, Position]:
        result: dict[DocPath, Position] = {}
        for path, position in positions.items():
            numbering = new_index.get(str(path[0])) if len(path) > 1 else None
            if numbering is None:
                result[path] = position
            elif isinstance(path[1], int) and path[1] in numbering:
                result[(path[0], numbering[path[1]], *path[2:])] = position
        return result

    return SourceMap(moved(source_map.values), moved(source_map.keys))


def _withheld(data: dict[str, Any], failed: Mapping[str, set[int]]) -> Withheld:
    items = [
        (part, item)
        for part, indexes in failed.items()
        for i in sorted(indexes)
        if isinstance(item := data[part][i], dict)
    ]
    ids = {
        part: frozenset(_strings(item.get("id") for p, item in items if p == part))
        for part in failed
    }
    axes = _strings(
        item.get("axis") for part, item in items if part in ("activities", "indicators")
    )
    measured = _strings(item.get("activity") for part, item in items if part == "indicators")
    return Withheld(ids, frozenset(axes), frozenset(measured))


def _strings(values: Iterable[Any]) -> set[str]:
    return {v for v in values if isinstance(v, str)}
