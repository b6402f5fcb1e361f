"""``record``: one dated measurement of an indicator, in date order among the others.

A measurement is identified by its date and region: a second one for the same date and region
replaces the first only when asked (``--replace``), keeping its source unless a new one is given.
"""

from __future__ import annotations

import difflib
from typing import Any

from uhc_roadmap.editing.engine import Change
from uhc_roadmap.editing.errors import AddressError, EditError
from uhc_roadmap.editing.values import number
from uhc_roadmap.loading.source import visible


def measurement_change(
    data: dict[str, Any],
    indicator_id: str,
    value: str,
    day: str,
    *,
    region: str | None = None,
    source: str | None = None,
    replace: bool = False,
) -> Change:
    """The change that records ``value`` at ``day`` (YYYY-MM-DD, judged by the validator)."""
    index, indicator = _indicator(data, indicator_id)
    found = indicator.get("values")
    points: list[Any] = list(found) if isinstance(found, list) else []
    point: dict[str, Any] = {"date": day, "value": _value(indicator, value)}
    if region is not None:
        point["region"] = region
    if source is not None:
        point["source"] = source
    same = [
        i
        for i, p in enumerate(points)
        if isinstance(p, dict) and p.get("date") == day and p.get("region") == region
    ]
    if same and not replace:
        where = f" in {region}" if region else ""
        earlier = points[same[0]].get("value")
        raise EditError(
            f"{indicator_id} already has a value for {day}{where}: {visible(str(earlier))}",
            hint="pass --replace to replace it",
        )
    if same:
        kept = {k: v for k, v in points[same[0]].items() if k not in point}
        points[same[0]] = {**point, **kept}
    else:
        points.insert(_position(points, day), point)
    return Change(("indicators", index, "values"), points)


def _indicator(data: dict[str, Any], wanted: str) -> tuple[int, dict[str, Any]]:
    items = data.get("indicators")
    indicators = items if isinstance(items, list) else []
    ids = [i.get("id") for i in indicators if isinstance(i, dict)]
    for index, item in enumerate(indicators):
        if isinstance(item, dict) and item.get("id") == wanted:
            return index, item
    close = difflib.get_close_matches(wanted, [i for i in ids if isinstance(i, str)], n=3)
    hint = (
        "did you mean " + " or ".join(f"`{c}`" for c in close) + "?"
        if close
        else "indicators: " + ", ".join(str(i) for i in ids)
        if ids
        else "the roadmap has none"
    )
    raise AddressError(f"no indicator `{visible(wanted)}` in the roadmap", hint=hint)


def _value(indicator: dict[str, Any], text: str) -> Any:
    """A number for a number or percent indicator (``7,9`` and ``1 250`` read as people mean
    them), the text for a qualitative one; a text on a numeric one is left for the validator."""
    if indicator.get("measure") == "qualitative":
        return text
    found = number(text)
    return text if found is None else found


def _position(points: list[Any], day: str) -> int:
    """After every measurement dated on or before ``day`` (ISO dates sort as text)."""
    position = 0
    for index, point in enumerate(points):
        if isinstance(point, dict) and str(point.get("date", "")) <= day:
            position = index + 1
    return position
