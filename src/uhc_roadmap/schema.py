"""The JSON Schema of the roadmap format, generated from the models (schema/roadmap.schema.json).

Editors and other validators (check-jsonschema) read this file, so it must accept and refuse the
same documents as the models; tests/schema/test_jsonschema_agreement.py holds that line. What the
models check in Python validators, rather than in field types, is restated here by hand.
"""

from __future__ import annotations

import json
from typing import Any

from uhc_roadmap.model import Roadmap
from uhc_roadmap.model.roadmap import SCHEMA_VERSION
from uhc_roadmap.model.types import ID_PATTERN

SCHEMA_ID = "https://uhc-roadmap.readthedocs.io/schema/v1/roadmap.schema.json"
"""The schema's identifier (``$id``): it names the schema and its version; nothing is served there,
so editors are pointed at a file (``SCHEMA_FILE``) instead."""
SCHEMA_FILE = "roadmap.schema.json"
"""The name of the schema file that `uhc-roadmap new` writes beside a roadmap."""
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def roadmap_schema() -> dict[str, Any]:
    generated = Roadmap.model_json_schema(mode="validation")
    header = {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "title": "UHC partnership roadmap, format version 1",
        "description": "A country roadmap of the UHC Partnership; see docs/format.md.",
    }
    generated.pop("title", None)
    _restate_validators(generated)
    _merge_choices(generated)
    return header | generated


def schema_text() -> str:
    return json.dumps(roadmap_schema(), indent=2, ensure_ascii=False) + "\n"


def _restate_validators(schema: dict[str, Any]) -> None:
    """The checks of the models' ``model_validator``s and of ``dict`` keys, in JSON Schema terms."""
    properties = schema["properties"]
    # Roadmap._known_version: only "1" is read.
    properties["schema_version"]["const"] = SCHEMA_VERSION
    # Roadmap._currency_when_budgeted: a budget line anywhere needs the roadmap's currency.
    schema["if"] = {
        "properties": {
            "activities": {
                "contains": {"required": ["budget"], "properties": {"budget": {"minItems": 1}}}
            }
        },
        "required": ["activities"],
    }
    schema["then"] = {"required": ["currency"], "properties": {"currency": {"type": "string"}}}
    # region_groups keys are ids: pydantic lists the pattern but lets other keys through.
    properties["region_groups"]["propertyNames"] = {"pattern": ID_PATTERN}
    properties["region_groups"]["additionalProperties"] = False
    _restate_indicator(schema["$defs"]["Indicator"])


def _restate_indicator(indicator: dict[str, Any]) -> None:
    """Indicator._what_and_how_much: a subject, and a baseline and target unless qualitative."""
    indicator["anyOf"] = [
        {"required": [name], "properties": {name: {"type": "string"}}}
        for name in ("axis", "activity")
    ]
    indicator["if"] = {
        "required": ["measure"],
        "properties": {"measure": {"not": {"const": "qualitative"}}},
    }
    indicator["then"] = {
        "required": ["baseline", "target"],
        "properties": {"baseline": {"type": "object"}, "target": {"type": "object"}},
    }


def _merge_choices(node: Any) -> None:
    """An ``anyOf`` whose branches each hold JSON types of their own (``Text``: a string or a
    map; ``X | None``: X or null) as one schema with a list of types.

    JSON Schema's keywords apply to one type each (``minLength`` to strings,
    ``minProperties`` to objects, ...), so the same documents pass; but an editor then shows
    the field once: yaml-language-server joins the titles of an ``anyOf``'s branches in its
    hover when it cannot tell them apart ("Currency || Currency"). Branches that share a
    keyword, or have no type of their own (an ``enum``, a ``$ref``), stay as they are.
    """
    if isinstance(node, list):
        for item in node:
            _merge_choices(item)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():  # the inner choices first: Text inside Text | None
        _merge_choices(value)
    branches = node.get("anyOf")
    if not isinstance(branches, list):
        return
    if len(branches) == 2 and branches[1] == {"type": "null"} and "enum" in branches[0]:
        listed = node.pop("anyOf")[0]  # an optional choice: the listed values, or null
        node["enum"] = [*listed["enum"], None]
        node["type"] = [*_types(listed), "null"]
        return
    if not _mergeable(branches):
        return
    del node["anyOf"]
    for branch in branches:
        node.update({k: v for k, v in branch.items() if k not in {"type", "description", "title"}})
    node["type"] = [t for branch in branches for t in _types(branch)]
    described = [b["description"] for b in branches if "description" in b]
    if "description" not in node and described:
        node["description"] = described[0]


def _types(branch: dict[str, Any]) -> list[str]:
    kind = branch.get("type")
    return [kind] if isinstance(kind, str) else list(kind or [])


def _mergeable(branches: list[Any]) -> bool:
    """Branches of distinct types whose other keywords do not overlap."""
    if not all(isinstance(b, dict) and _types(b) for b in branches):
        return False
    if any("enum" in b or "const" in b or "$ref" in b for b in branches):
        return False
    types = [t for b in branches for t in _types(b)]
    if len(set(types)) < len(types) or {"integer", "number"} <= set(types):
        return False
    keywords = [k for b in branches for k in b if k not in {"type", "description", "title"}]
    return len(keywords) == len(set(keywords))
