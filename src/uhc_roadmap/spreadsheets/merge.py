"""What a workbook changes in an existing roadmap, as the data the edit engine should write.

The workbook's data is compared with the file's, value by value: where both mean the same,
the file's own way of writing it is kept, so the edit engine rewrites only what really
changed. The same meaning written differently:

- a text written as one plain string in the file and in the default language's column of the
  workbook (``Gouvernance`` and ``{fr: Gouvernance}``), and so a qualitative value;
- a text differing only by spaces around it (a cell's are trimmed on import);
- a status given as its IATI code (``2``) and as its word (``ongoing``);
- a number written ``12000`` and ``12000.0``;
- a field left out and its default written out (``direction: increase``, ``key: false``,
  ``partners: []``).

Records in lists are paired by id (budget lines by year, funder and currency; measurements by
date and region; the rest by what they hold), so that a row moved in the workbook is a change
of order, not a record removed and another added.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from uhc_roadmap.editing.engine import same
from uhc_roadmap.loading.sourcemap import DocPath
from uhc_roadmap.model.types import IATI_STATUS
from uhc_roadmap.spreadsheets import layout

Pattern = tuple[str, ...]
_STATUS = ("activities", "*", "status")
_IDENTITY: dict[Pattern, tuple[str, ...]] = {
    ("activities", "*", "budget"): ("year", "funder", "currency"),
    ("indicators", "*", "values"): ("date", "region"),
    ("activities", "*", "documents"): ("url",),
    ("activities", "*", "milestones"): ("title", "due"),
}


@cache
def _fields() -> dict[Pattern, layout.Field]:
    """Every field of the layout by the pattern of its document path."""
    found: dict[Pattern, layout.Field] = {}
    for sheet in layout.SHEETS:
        base = (*sheet.where, "*") if sheet.where else ()
        for item in sheet.fields:
            found[(*base, *item.path)] = item
    return found


def _child(where: Pattern, element: str | int) -> Pattern:
    if isinstance(element, int) or where in (("region_groups",), ("region_labels",)):
        return (*where, "*")
    return (*where, element)


def reconcile(old: Any, new: Any, default_language: str, where: Pattern = ()) -> Any:
    """``new``, keeping ``old``'s own writing wherever the two mean the same."""
    if equivalent(old, new, default_language, where):
        return old
    if isinstance(old, dict) and isinstance(new, dict):
        return _mapping(old, new, default_language, where)
    if isinstance(old, list) and isinstance(new, list):
        return _sequence(old, new, default_language, where)
    return new


def _mapping(old: dict[str, Any], new: dict[str, Any], lang: str, where: Pattern) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for key, value in old.items():
        here = _child(where, key)
        if key in new:
            merged[key] = reconcile(value, new[key], lang, here)
        elif _is_default(here, value, lang):
            merged[key] = value  # written out in the file, left empty in the workbook
    for key, value in new.items():
        if key not in old and not _is_default(_child(where, key), value, lang):
            merged[key] = value
    return merged


def _sequence(old: list[Any], new: list[Any], lang: str, where: Pattern) -> list[Any]:
    if not all(isinstance(x, dict) for x in (*old, *new)):
        return new
    unused: dict[Any, list[int]] = {}
    for index, item in enumerate(old):
        unused.setdefault(_identity(where, item), []).append(index)
    merged: list[Any] = []
    here = _child(where, 0)
    for item in new:
        matches = unused.get(_identity(where, item))
        if matches:
            merged.append(reconcile(old[matches.pop(0)], item, lang, here))
        else:
            merged.append(item)
    return merged


def _identity(where: Pattern, item: dict[str, Any]) -> Any:
    if isinstance(item.get("id"), str):
        return ("id", item["id"])
    fields = _IDENTITY.get(where)
    if fields:
        return tuple(_plain(item.get(f)) for f in fields)
    return repr(item)


def _plain(value: Any) -> Any:
    """Text of a Text field as one comparable value."""
    if isinstance(value, dict):
        return tuple(sorted((k, str(v).strip()) for k, v in value.items()))
    if isinstance(value, str):
        return value.strip()
    return value


def equivalent(old: Any, new: Any, default_language: str, where: Pattern) -> bool:
    """True when ``old`` and ``new`` mean the same roadmap value at ``where``."""
    if same(old, new):
        return True
    item = _fields().get(where)
    if item is not None and item.translated:
        # A text, or a value given as text; a number's texts are None, never equal a text's.
        old_texts, new_texts = _texts(old, default_language), _texts(new, default_language)
        if old_texts is not None or new_texts is not None:
            return old_texts == new_texts
    if where == _STATUS and isinstance(new, str):
        return IATI_STATUS.get(str(old)) == new or IATI_STATUS.get(new) == old
    if isinstance(old, str) and isinstance(new, str):
        return old.strip() == new.strip()
    return False


def _texts(value: Any, default_language: str) -> dict[str, str] | None:
    if isinstance(value, str):
        return {default_language: value.strip()}
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return {str(k): v.strip() for k, v in value.items()}
    return None


def _is_default(where: Pattern, value: Any, lang: str) -> bool:
    """True when ``value`` is what the field means when it is left out."""
    item = _fields().get(where)
    if item is None or not item.has_default:
        return False
    return equivalent(item.default, value, lang, where) or (item.default is None and value is None)


def changed_paths(old: Any, new: Any, path: DocPath = ()) -> int:
    """How many values differ between two versions of the data (for a summary line)."""
    if same(old, new):
        return 0
    if isinstance(old, dict) and isinstance(new, dict):
        keys = list(old) + [k for k in new if k not in old]
        return sum(changed_paths(old.get(k), new.get(k), (*path, k)) for k in keys)
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return sum(
            changed_paths(a, b, (*path, i)) for i, (a, b) in enumerate(zip(old, new, strict=True))
        )
    return 1
