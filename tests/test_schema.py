"""The committed JSON Schema must say what the models say."""

from __future__ import annotations

import json

from tests.conftest import ROOT, run_cli
from uhc_roadmap.schema import SCHEMA_ID, roadmap_schema, schema_text

COMMITTED = ROOT / "schema" / "roadmap.schema.json"


def test_committed_schema_matches_the_models() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "schema/roadmap.schema.json drifted from the models; regenerate it with `make schema`"
    )


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
