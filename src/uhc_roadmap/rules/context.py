"""What every rule may read: the roadmap, its ids, the reference date and positions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from uhc_roadmap.loading.sourcemap import DocPath, SourceMap
from uhc_roadmap.model import Activity, Roadmap
from uhc_roadmap.model.partial import Withheld


@dataclass
class RuleContext:
    """``roadmap`` is the whole roadmap, or, when some of its items did not validate, the
    others; ``withheld`` then says what the items left out define and name. A rule that
    judges a reference or an absence counts those too (``defined``), so that it reports
    nothing that the part left out would settle."""

    roadmap: Roadmap
    source_map: SourceMap
    reference_date: date
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    withheld: Withheld = field(default_factory=Withheld)

    def line_of(self, path: DocPath) -> int:
        return self.source_map.position(path)[0]

    def options_for(self, code: str) -> dict[str, Any]:
        return self.options.get(code, {})

    @cached_property
    def activities(self) -> dict[str, Activity]:
        """Activities by id (the first one where an id is duplicated)."""
        found: dict[str, Activity] = {}
        for activity in self.roadmap.activities:
            found.setdefault(activity.id, activity)
        return found

    @cached_property
    def activity_paths(self) -> dict[str, DocPath]:
        found: dict[str, DocPath] = {}
        for i, activity in enumerate(self.roadmap.activities):
            found.setdefault(activity.id, ("activities", i))
        return found

    @cached_property
    def axis_ids(self) -> frozenset[str]:
        return frozenset(axis.id for axis in self.roadmap.axes)

    @cached_property
    def organisation_ids(self) -> frozenset[str]:
        return frozenset(org.id for org in self.roadmap.organisations)

    def defined(self, part: str) -> frozenset[str]:
        """The ids the file defines in one list (``"axes"``), valid items or left out."""
        valid = {
            "axes": self.axis_ids,
            "organisations": self.organisation_ids,
            "activities": frozenset(self.activities),
            "indicators": frozenset(i.id for i in self.roadmap.indicators),
        }[part]
        return valid | self.withheld.of(part)

    def all_ids(self) -> Iterator[tuple[str, DocPath, bool]]:
        """Every id in the file with its path; True when the id is a mapping key."""
        yield self.roadmap.phase.id, ("phase", "id"), False
        for i, org in enumerate(self.roadmap.organisations):
            yield org.id, ("organisations", i, "id"), False
        for i, axis in enumerate(self.roadmap.axes):
            yield axis.id, ("axes", i, "id"), False
        for i, activity in enumerate(self.roadmap.activities):
            yield activity.id, ("activities", i, "id"), False
            for j, milestone in enumerate(activity.milestones):
                if milestone.id is not None:
                    yield milestone.id, ("activities", i, "milestones", j, "id"), False
        for i, indicator in enumerate(self.roadmap.indicators):
            yield indicator.id, ("indicators", i, "id"), False
        for group in self.roadmap.region_groups:
            yield group, ("region_groups", group), True
