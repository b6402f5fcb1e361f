"""The committed JSON Schema must say what the models say."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import ROOT, run_cli
from uhc_roadmap.schema import SCHEMA_ID, roadmap_schema

COMMITTED = ROOT / "schema" / "roadmap.schema.json"


def without_code_lists(node: Any) -> Any:
    """The schema less its ISO code enumerations.

    Country, currency and language codes (a pattern and completions) are listed from the
    installed pycountry, whose data
    changes with its releases; `make schema` refreshes them. The models must not drift, the
    code lists may.
    """
    if isinstance(node, dict):
        return {
            k: without_code_lists(v)
            for k, v in node.items()
            if not (k == "enum" and isinstance(v, list) and len(v) > 20)
            and not (k == "pattern" and len(v) > 200)
            and k != "defaultSnippets"
        }
    if isinstance(node, list):
        return [without_code_lists(v) for v in node]
    return node


def test_committed_schema_matches_the_models() -> None:
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert without_code_lists(committed) == without_code_lists(roadmap_schema()), (
        "schema/roadmap.schema.json drifted from the models; regenerate it with `make schema`"
    )


def test_committed_schema_is_formatted_as_generated() -> None:
    text = COMMITTED.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


def test_schema_declares_dialect_and_id() -> None:
    schema = roadmap_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["$id"] == SCHEMA_ID
    assert set(schema["required"]) >= {"schema_version", "country", "phase", "activities"}


def test_schema_command_prints_the_same_schema() -> None:
    completed = run_cli("schema")
    assert completed.returncode == 0
    assert json.loads(completed.stdout) == roadmap_schema()


def test_examples_point_editors_at_the_schema() -> None:
    for path in sorted((ROOT / "roadmaps").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path.name
