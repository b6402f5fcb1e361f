"""What the models say about a place in a roadmap: its fields, their descriptions and choices.

Places are patterns (``("activities", "*", "budget", "*")``), as the cursor finds them; the
models are navigated by ``model.fields``, so a field added to a model is completed and
described with no change here.
"""

from __future__ import annotations

import types
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from uhc_roadmap.editing import layout
from uhc_roadmap.model import Roadmap
from uhc_roadmap.model.fields import field_info, literal_choices, model_at
from uhc_roadmap.model.text import Text
from uhc_roadmap.model.types import ID_PATTERN

Pattern = tuple[str, ...]


@dataclass(frozen=True)
class FieldDoc:
    """One field of a model, as completion and hover show it."""

    name: str
    type: str
    required: bool
    description: str
    choices: tuple[str, ...] = ()


def model_for(pattern: Pattern) -> type[BaseModel] | None:
    """The model of the mapping at ``pattern`` (None: not a model, e.g. a text or a list)."""
    return model_at(Roadmap, pattern)


def fields_of(pattern: Pattern) -> list[FieldDoc]:
    """The fields of the mapping at ``pattern``, in the order of the format."""
    model = model_for(pattern)
    if model is None:
        return []
    names = layout.ordered_keys_at(pattern, model.model_fields)
    return [_doc(name, model.model_fields[name]) for name in names]


@cache
def field_doc(pattern: Pattern) -> FieldDoc | None:
    """The field whose value is at ``pattern`` (None when the pattern names no field)."""
    if not pattern or pattern[-1] == "*":
        return None
    info = field_info(Roadmap, pattern)
    return None if info is None else _doc(pattern[-1], info)


def choices_at(pattern: Pattern) -> list[str]:
    """The values allowed at ``pattern`` when they are a fixed list (a status, a measure...)."""
    if not pattern or pattern[-1] == "*":
        return []
    return literal_choices(field_info(Roadmap, pattern))


def _doc(name: str, info: FieldInfo) -> FieldDoc:
    return FieldDoc(
        name,
        type_name(info.annotation, info.metadata),
        info.is_required(),
        info.description or _inner_description(info.annotation),
        tuple(literal_choices(info)),
    )


def _inner_description(annotation: Any) -> str:
    """The description an ``Annotated`` type carries (``Id``: "An id such as GOV-01")."""
    for arg in get_args(annotation)[1:] if get_origin(annotation) is Annotated else ():
        if isinstance(arg, FieldInfo) and arg.description:
            return arg.description
    for arg in get_args(annotation) if get_origin(annotation) in (Union, types.UnionType) else ():
        found = _inner_description(arg)
        if found:
            return found
    return ""


def type_name(annotation: Any, metadata: Sequence[Any] = ()) -> str:
    """A type as the format's documentation writes it: ``list of id``, ``date``, ``text``."""
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        return type_name(args[0], [*metadata, *args[1:]])
    if any(_pattern(m) == ID_PATTERN for m in metadata):
        return "id"
    if origin in (Union, types.UnionType):
        names = [type_name(a, metadata) for a in args if a is not type(None)]
        return " or ".join(dict.fromkeys(names))
    if origin is Literal:
        return "one of " + ", ".join(str(v) for v in args)
    if origin is list:
        return f"list of {type_name(args[0])}"
    if origin is dict:
        return f"map of {type_name(args[0])} to {type_name(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "mapping"
    plain: dict[Any, str] = {
        str: "text",
        int: "whole number",
        float: "number",
        bool: "true or false",
        date: "date (YYYY-MM-DD)",
        Text: "text, or one per language",
    }
    return plain.get(annotation) or str(getattr(annotation, "__name__", annotation))


def _pattern(metadata: Any) -> str | None:
    if isinstance(metadata, FieldInfo):
        return next((p for p in map(_pattern, metadata.metadata) if p is not None), None)
    found = getattr(metadata, "pattern", None)
    return found if isinstance(found, str) else None
