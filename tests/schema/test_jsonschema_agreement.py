"""The exported JSON Schema and the models accept and refuse the same documents.

An independent validator, check-jsonschema (what editors and pre-commit hooks use), reads the
committed schema/roadmap.schema.json. Every valid fixture and example roadmap must pass it; every
schema-invalid fixture must fail it, and fail our own validator with S-codes only.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROADMAPS, ROOT, read_expected
from uhc_roadmap.validation import check_bytes

SCHEMA = ROOT / "schema" / "roadmap.schema.json"
SCHEMA_CODES = frozenset(f"S00{n}" for n in range(1, 8))
OWN_CASES = FIXTURES / "schema_invalid"


def _only_schema_codes(expected: Path) -> bool:
    codes = {code for code, _, _, _ in read_expected(expected)} if expected.exists() else set()
    return bool(codes) and codes <= SCHEMA_CODES


VALID = sorted((FIXTURES / "valid").glob("*.yaml")) + sorted(ROADMAPS.glob("*.yaml"))
INVALID = sorted(
    path
    for path in (FIXTURES / "invalid").glob("*.yaml")
    if _only_schema_codes(path.with_suffix(".expected"))
) + sorted(OWN_CASES.glob("*.yaml"))


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@cache
def check_jsonschema_errors() -> dict[str, list[dict[str, Any]]]:
    """One check-jsonschema run over every file: its errors by file name (parse errors too)."""
    command = Path(sys.executable).with_name("check-jsonschema")
    assert command.exists(), "check-jsonschema is missing: pip install -e '.[test]'"
    files = [_name(p) for p in [*VALID, *INVALID]]
    completed = subprocess.run(
        [str(command), "-o", "json", "--schemafile", _name(SCHEMA), *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode in (0, 1), completed.stderr
    report = json.loads(completed.stdout)
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in files}
    for error in [*report["errors"], *report["parse_errors"]]:
        found[Path(error["filename"]).as_posix()].append(error)
    return found


def test_there_is_something_to_compare() -> None:
    assert len(VALID) >= 4
    assert len(INVALID) >= 6


@pytest.mark.parametrize("path", VALID, ids=_name)
def test_valid_documents_pass_check_jsonschema(path: Path) -> None:
    errors = check_jsonschema_errors()[_name(path)]
    assert errors == [], f"the schema refuses a valid roadmap: {errors}"


@pytest.mark.parametrize("path", INVALID, ids=_name)
def test_schema_invalid_documents_fail_check_jsonschema(path: Path) -> None:
    errors = check_jsonschema_errors()[_name(path)]
    assert errors, "the schema accepts a document that the models refuse"
    assert all("path" in e for e in errors), f"YAML parse error, not a schema error: {errors}"


@pytest.mark.parametrize("path", sorted(OWN_CASES.glob("*.yaml")), ids=_name)
def test_own_cases_fail_our_validator_with_their_expected_s_codes(path: Path) -> None:
    result = check_bytes(path.read_bytes(), _name(path)).result
    found = [(d.code, d.severity, d.line, d.col) for d in result.diagnostics]
    assert found == read_expected(path.with_suffix(".expected"))
    assert {code for code, _, _, _ in found} <= SCHEMA_CODES


# Editors (the Red Hat YAML extension, yaml-language-server) implement JSON Schema draft 7. The
# schema declares 2020-12 but keeps to keywords that draft 7 reads the same way; `$defs` is only
# reached through JSON-pointer `$ref`s, which any draft resolves.
DRAFT_7_KEYWORDS = frozenset(
    [
        "$schema",
        "$id",
        "$ref",
        "$defs",
        "title",
        "description",
        "default",
        "type",
        "enum",
        "const",
        "format",
        "pattern",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "items",
        "minItems",
        "maxItems",
        "uniqueItems",
        "contains",
        "properties",
        "patternProperties",
        "additionalProperties",
        "propertyNames",
        "required",
        "minProperties",
        "maxProperties",
        "anyOf",
        "allOf",
        "oneOf",
        "not",
        "if",
        "then",
        "else",
    ]
)


# Annotations of the editors' own (VS Code's JSON service, yaml-language-server): validators
# ignore them; editors use them to complete code lists and to word a pattern's error.
EDITOR_ANNOTATIONS = frozenset(["defaultSnippets", "patternErrorMessage"])


def _keywords(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            if key in EDITOR_ANNOTATIONS:
                continue
            children = (
                value.values() if key in {"properties", "patternProperties", "$defs"} else [value]
            )
            for child in children:
                _keywords(child, found)
    elif isinstance(node, list):
        for item in node:
            _keywords(item, found)
    return found


def test_schema_keeps_to_keywords_that_draft_7_editors_understand() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert _keywords(schema, set()) <= DRAFT_7_KEYWORDS | EDITOR_ANNOTATIONS


@pytest.mark.parametrize("path", [*VALID, *INVALID], ids=_name)
def test_a_draft_7_validator_agrees(path: Path) -> None:
    from jsonschema import Draft7Validator

    from uhc_roadmap.loading import load_document

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    data = load_document(path.read_bytes(), path.name).data
    validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    errors = [e.message for e in validator.iter_errors(data)]
    assert bool(errors) == (path in INVALID), errors
