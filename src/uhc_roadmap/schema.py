"""The JSON Schema of the roadmap format, generated from the models (schema/roadmap.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from uhc_roadmap.model import Roadmap

SCHEMA_ID = "https://uhc-roadmap.readthedocs.io/schema/v1/roadmap.schema.json"
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
    return header | generated


def schema_text() -> str:
    return json.dumps(roadmap_schema(), indent=2, ensure_ascii=False) + "\n"
