"""The address syntax of ``uhc-roadmap set``: ``ID FIELD=VALUE``, dotted fields, budget lines.

- ``ID`` is the id of an activity, indicator, milestone, axis, organisation or of the phase;
  without an id, fields are those of the roadmap itself (``as_of=2021-12-31``).
- ``FIELD`` is a field name, dotted for what is inside it: ``actual.end``, ``title.en``,
  ``baseline.value``; list items with an id by that id (``milestones.GOV-03.M2.done_on``);
  budget lines by year and funder: ``budget.2021.EU.spent`` (a line that is not there yet is
  added).
- ``VALUE`` is read as the field's type: a number for an amount, ``true``/``false`` for a
  flag, text for text and dates (the validator judges them); a list as ``A,B`` or ``[A, B]``;
  anything in YAML flow syntax (``{start: 2021-01-01}``, ``[...]``) as that structure.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from uhc_roadmap.editing.engine import DELETE, Change, apply_changes
from uhc_roadmap.editing.errors import AddressError
from uhc_roadmap.editing.values import number, plain_value
from uhc_roadmap.loading import load_document
from uhc_roadmap.loading.source import visible
from uhc_roadmap.loading.sourcemap import DocPath

_KINDS = {"organisations": "organisation", "axes": "axis", "activities": "activity"}
_KINDS |= {"indicators": "indicator", "milestones": "milestone", "phase": "phase"}
_BUDGET_HINT = "budget lines are addressed by year and funder: budget.2021.EU.spent=12000"


@dataclass(frozen=True)
class Assignment:
    """``FIELD=VALUE`` as typed; ``value`` None removes the field (``--unset FIELD``)."""

    field: str
    value: str | None

    @classmethod
    def parse(cls, argument: str) -> Assignment:
        name, equals, value = argument.partition("=")
        if not equals or not name.strip():
            raise AddressError(
                f"`{visible(argument)}` is not FIELD=VALUE",
                hint="e.g. status=completed actual.end=2021-10-15",
            )
        return cls(name.strip(), value)

    def __str__(self) -> str:
        return self.field if self.value is None else f"{self.field}={self.value}"


@dataclass(frozen=True)
class Resolved:
    """One assignment resolved to a change of the document."""

    assignment: Assignment
    change: Change


@dataclass(frozen=True)
class _Target:
    """Where an assignment's field is, its type, and the fields of a list item to create
    when the field belongs to one that is not there yet (a new budget line)."""

    path: DocPath
    annotation: Any
    seed: dict[str, Any] | None = None


def object_paths(data: dict[str, Any]) -> dict[str, DocPath]:
    """Every id of the roadmap and where its object stands."""
    found: dict[str, DocPath] = {}
    phase = data.get("phase")
    if isinstance(phase, dict) and isinstance(phase.get("id"), str):
        found[phase["id"]] = ("phase",)
    for name in ("organisations", "axes", "activities", "indicators"):
        items = data.get(name)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                found.setdefault(item["id"], (name, i))
            milestones = item.get("milestones") if isinstance(item, dict) else None
            if name == "activities" and isinstance(milestones, list):
                for j, milestone in enumerate(milestones):
                    if isinstance(milestone, dict) and isinstance(milestone.get("id"), str):
                        found.setdefault(milestone["id"], (name, i, "milestones", j))
    return found


def resolve(
    data: dict[str, Any], object_id: str | None, assignments: Sequence[Assignment]
) -> list[Resolved]:
    """The changes that ``ID FIELD=VALUE ...`` asks for, in order; each sees the ones before
    (two fields of a new budget line go into one line)."""
    from uhc_roadmap.model import Roadmap
    from uhc_roadmap.model.fields import model_at

    base: DocPath = ()
    if object_id is not None:
        paths = object_paths(data)
        if object_id not in paths:
            raise AddressError(
                f"no id `{visible(object_id)}` in the roadmap", hint=_nearest(object_id, paths)
            )
        base = paths[object_id]
    model = model_at(Roadmap, base) or Roadmap
    found: list[Resolved] = []
    for assignment in assignments:
        target = _walk(data, base, model, assignment)
        if assignment.value is None:
            change = Change(target.path, DELETE)
        else:
            value = _value(data, target.path, target.annotation, assignment)
            change = Change(*_complete(data, target, value))
        found.append(Resolved(assignment, change))
        data = apply_changes(data, [change])
    return found


def _nearest(wanted: str, known: Sequence[str] | dict[str, Any]) -> str:
    names = list(known)
    exact = [n for n in names if n.casefold() == wanted.casefold()]
    close = exact or difflib.get_close_matches(wanted, names, n=3, cutoff=0.5)
    if close:
        return "did you mean " + " or ".join(f"`{c}`" for c in close) + "?"
    return "ids in this roadmap: " + ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")


# -- walking the models ----------------------------------------------------------------------


def _walk(
    data: dict[str, Any], base: DocPath, model: type[BaseModel], assignment: Assignment
) -> _Target:
    """The document path an assignment's field names, and the type of its value."""
    segments = assignment.field.split(".")
    path = base
    annotation: Any = model
    seed: dict[str, Any] | None = None
    index = 0
    while index < len(segments):
        segment = segments[index]
        current = _unwrap(annotation)
        if _is_model(current):
            fields = current.model_fields
            if segment not in fields:
                raise AddressError(
                    f"unknown field `{visible(segment)}`{_owner(path)}",
                    hint=_suggest_field(segment, list(fields)),
                )
            path, annotation = (*path, segment), fields[segment].annotation
            index += 1
        elif _is_text(current):
            if len(segment) != 2 or not segment.isalpha() or not segment.islower():
                raise AddressError(
                    f"`{visible(segment)}` is not a language code in `{assignment.field}`",
                    hint="a text is set per language: title.fr=... or title.en=...",
                )
            return _Target((*path, segment), str)
        elif get_origin(current) is list:
            path, annotation, index, seed = _item(data, path, current, segments, index)
        elif get_origin(current) is dict:
            path, annotation = (*path, segment), get_args(current)[1]
            index += 1
        else:
            raise AddressError(
                f"`{'.'.join(segments[:index])}` holds a single value; "
                f"`{'.'.join(segments[index:])}` names nothing inside it"
            )
    return _Target(path, annotation, seed)


def _item(
    data: dict[str, Any], path: DocPath, annotation: Any, segments: list[str], index: int
) -> tuple[DocPath, Any, int, dict[str, Any] | None]:
    """The list item ``segments[index:]`` names: by id, or a budget line by year and funder."""
    item_type = _unwrap(get_args(annotation)[0])
    items = _at(data, path)
    items = items if isinstance(items, list) else []
    name = str(path[-1])
    if name == "budget":
        return _budget_line(path, items, item_type, segments, index)
    if not _is_model(item_type) or "id" not in item_type.model_fields:
        raise AddressError(
            f"the items of `{name}` have no id to address them by",
            hint=f"set the whole list: {name}=[...]",
        )
    ids = [item.get("id") for item in items if isinstance(item, dict)]
    for stop in range(len(segments) - 1, index, -1):
        candidate = ".".join(segments[index:stop])
        if candidate in ids:
            return (*path, ids.index(candidate)), item_type, stop, None
    wanted = ".".join(segments[index:-1]) or segments[index]
    raise AddressError(
        f"no item `{visible(wanted)}` in `{name}`{_owner(path[:-1])}",
        hint=_nearest(wanted, [i for i in ids if isinstance(i, str)]),
    )


def _budget_line(
    path: DocPath, items: list[Any], item_type: Any, segments: list[str], index: int
) -> tuple[DocPath, Any, int, dict[str, Any] | None]:
    rest = segments[index:]
    if len(rest) < 3 or not rest[0].isdigit():
        raise AddressError(f"`{'.'.join(segments)}` does not name a budget line", hint=_BUDGET_HINT)
    year, funder = int(rest[0]), ".".join(rest[1:-1])
    matches = [
        i
        for i, line in enumerate(items)
        if isinstance(line, dict) and line.get("year") == year and line.get("funder") == funder
    ]
    if len(matches) > 1:
        raise AddressError(
            f"{len(matches)} budget lines for {year} and {funder}{_owner(path[:-1])}",
            hint="they differ by currency; edit the one you mean in the file",
        )
    if matches:
        return (*path, matches[0]), item_type, len(segments) - 1, None
    return (*path, len(items)), item_type, len(segments) - 1, {"year": year, "funder": funder}


def _at(data: Any, path: DocPath) -> Any:
    node = data
    for element in path:
        if isinstance(node, dict):
            node = node.get(element)
        elif isinstance(node, list) and isinstance(element, int) and element < len(node):
            node = node[element]
        else:
            return None
    return node


def _complete(data: dict[str, Any], target: _Target, value: Any) -> tuple[DocPath, Any]:
    """A list item that is not there yet (a budget line) is added with its identifying
    fields; a language added to a text written as one plain string turns it into a mapping
    of languages, the plain string kept as the default language's."""
    path = target.path
    if target.seed is not None and _at(data, path[:-1]) is None:
        return path[:-1], {**target.seed, str(path[-1]): value}
    parent = _at(data, path[:-1])
    if isinstance(parent, str) and isinstance(path[-1], str):
        languages = data.get("languages")
        default = languages[0] if isinstance(languages, list) and languages else None
        if path[-1] == default or not isinstance(default, str):
            return path[:-1], value
        return path[:-1], {default: parent, path[-1]: value}
    return path, value


def _owner(path: DocPath) -> str:
    if len(path) >= 2 and isinstance(path[-1], int):
        return f" in this {_KINDS.get(str(path[-2]), 'item')}"
    if path == ("phase",):
        return " in the phase"
    return "" if not path else f" in `{'.'.join(str(p) for p in path)}`"


def _suggest_field(wanted: str, fields: list[str]) -> str:
    close = difflib.get_close_matches(wanted, fields, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return "fields here: " + ", ".join(fields)


# -- values ----------------------------------------------------------------------------------


def _value(data: dict[str, Any], path: DocPath, annotation: Any, assignment: Assignment) -> Any:
    text = assignment.value or ""
    current = _unwrap(annotation)
    if _is_text(current):
        return _text_value(data, path, text, assignment)
    if text.startswith(("[", "{")) and not _is_scalar(current):
        return _flow_value(text, assignment)
    if get_origin(current) is list:
        item = _unwrap(get_args(current)[0])
        items = [part.strip() for part in text.split(",")] if text.strip() else []
        return [_scalar(item, part) for part in items]
    if _is_model(current) or get_origin(current) is dict:
        raise AddressError(
            f"`{assignment.field}` holds several fields",
            hint=f"set them one by one ({assignment.field}.FIELD=...), "
            f"or give them in braces: {assignment.field}={{...}}",
        )
    return _scalar(current, text)


def _scalar(annotation: Any, text: str) -> Any:
    """``text`` as a value of the field's type; what does not read as that type stays text,
    for the validator to judge with its usual message."""
    members = _members(annotation)
    if date in members or str in members or get_origin(annotation) is Literal:
        if float in members or int in members:  # a measurement: a number or a text
            found = number(text)
            return text if found is None else found
        return text
    if bool in members:
        value = plain_value(text)
        return value if isinstance(value, bool) else text
    if float in members or int in members:
        found = number(text)
        return text if found is None else found
    return text


def _text_value(data: dict[str, Any], path: DocPath, text: str, assignment: Assignment) -> Any:
    current = _at(data, path)
    if isinstance(current, dict) and current:
        raise AddressError(
            f"`{assignment.field}` is written in several languages",
            hint="set one: "
            + " or ".join(
                f"{assignment.field}.{lang}=..." for lang in current if isinstance(lang, str)
            ),
        )
    return text


def _flow_value(text: str, assignment: Assignment) -> Any:
    loaded = load_document(f"value: {text}\n".encode(), "value")
    if loaded.data is None:
        problem = loaded.diagnostics[0].message if loaded.diagnostics else "not valid YAML"
        raise AddressError(
            f"`{assignment.field}`: {problem}", hint="write it as YAML: [A, B] or {key: value}"
        )
    return loaded.data["value"]


# -- types -----------------------------------------------------------------------------------


def _unwrap(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        return _unwrap(members[0]) if len(members) == 1 else annotation
    return annotation


def _members(annotation: Any) -> set[Any]:
    """The plain types a field accepts (a union's members, Annotated stripped)."""
    current = _unwrap(annotation)
    if get_origin(current) in (Union, types.UnionType):
        return {_unwrap(a) for a in get_args(current)}
    return {current}


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)


def _is_text(candidate: Any) -> bool:
    from uhc_roadmap.model.text import Text

    return candidate is Text


def _is_scalar(candidate: Any) -> bool:
    return not (
        _is_model(candidate) or get_origin(candidate) in (list, dict) or _is_text(candidate)
    )
