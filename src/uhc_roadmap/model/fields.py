"""Navigate the models by a document path, to name allowed fields and choices in messages."""

from __future__ import annotations

import types
from collections.abc import Sequence
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo


def model_at(root: type[BaseModel], path: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class whose instance sits at ``path`` (None when the path leaves the models)."""
    current: Any = root
    for element in path:
        if isinstance(element, int):
            current = _item_type(current)
        elif _is_model(current):
            info = current.model_fields.get(element)
            current = None if info is None else _unwrap(info.annotation)
        else:
            current = _item_type(current)
        if current is None:
            return None
    return current if _is_model(current) else None


def field_info(root: type[BaseModel], path: Sequence[str | int]) -> FieldInfo | None:
    """The pydantic FieldInfo of the field at ``path``."""
    if not path or not isinstance(path[-1], str):
        return None
    parent = model_at(root, path[:-1])
    return None if parent is None else parent.model_fields.get(path[-1])


def literal_choices(info: FieldInfo | None) -> list[str]:
    """The allowed values of a Literal field, in order."""
    if info is None:
        return []
    return [str(v) for v in _literals(info.annotation)]


SINGULAR = {
    "activities": "activity",
    "axes": "axis",
    "organisations": "organisation",
    "indicators": "indicator",
    "milestones": "milestone",
    "budget": "budget line",
    "values": "value",
    "documents": "document",
    "phase": "phase",
}
"""What one item of a list is called in a message."""


def data_at(data: Any, path: Sequence[str | int]) -> Any:
    """The node of the loaded data at ``path`` (None when the path leaves the data)."""
    node = data
    for element in path:
        try:
            node = node[element]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def owner(data: Any, path: Sequence[str | int]) -> str:
    """``activity `GOV-01```: the item at ``path`` named by its kind and id, or ``""`` when it
    has no id."""
    node = data_at(data, path)
    if isinstance(node, dict) and isinstance(node.get("id"), str) and path:
        kind = str(next((e for e in reversed(path) if isinstance(e, str)), "item"))
        return f"{SINGULAR.get(kind, kind)} `{node['id']}`"
    return ""


def _literals(annotation: Any) -> list[Any]:
    origin = get_origin(annotation)
    if origin is Literal:
        return list(get_args(annotation))
    if origin in (Annotated, Union, types.UnionType):
        return [v for arg in get_args(annotation) for v in _literals(arg)]
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional down to the type that holds the value."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        return _unwrap(members[0]) if len(members) == 1 else annotation
    return annotation


def _item_type(container: Any) -> Any:
    """The element type of ``list[X]`` or the value type of ``dict[K, X]``."""
    origin = get_origin(container)
    args = get_args(container)
    if origin is list and args:
        return _unwrap(args[0])
    if origin is dict and len(args) == 2:
        return _unwrap(args[1])
    return None


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)
