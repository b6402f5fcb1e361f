"""SARIF output against the official SARIF 2.1.0 schema (OASIS, vendored beside this file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from tests.conftest import ROADMAPS, ROOT, check_text
from tests.formats.diagnostics.conftest import fixed_results
from uhc_roadmap.diagnostics import FileResult
from uhc_roadmap.formats.diagnostics.base import DiagnosticOptions
from uhc_roadmap.formats.diagnostics.sarif import SarifFormat, artifact_uri, help_uri
from uhc_roadmap.rules import RULES_BY_CODE

SCHEMA = json.loads((Path(__file__).with_name("sarif-schema-2.1.0.json")).read_text("utf-8"))


def sarif(results: list[FileResult]) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(SarifFormat(DiagnosticOptions()).render(results))
    return log


def schema_errors(log: dict[str, Any]) -> list[str]:
    validator = Draft4Validator(SCHEMA)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]


def test_the_vendored_schema_is_the_official_one() -> None:
    Draft4Validator.check_schema(SCHEMA)
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"


def test_schema_rejects_a_broken_log() -> None:
    """The validation below can fail: a result without its message is refused."""
    log = sarif(fixed_results())
    del log["runs"][0]["results"][0]["message"]
    assert schema_errors(log)


@pytest.mark.parametrize("with_repository", [True, False])
def test_fixed_findings_pass_the_official_schema(
    with_repository: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "https://example.org/uhc-roadmap" if with_repository else None
    monkeypatch.setattr("uhc_roadmap.formats.diagnostics.sarif.repository_url", lambda: url)
    assert schema_errors(sarif(fixed_results())) == []
    assert schema_errors(sarif([])) == []


def test_real_findings_pass_the_official_schema() -> None:
    text = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")
    broken = text.replace("country: MA", "country: MA\ncountry: MA", 1)
    results = [
        check_text(text, "roadmaps/morocco.yaml"),
        check_text(broken, "roadmaps/broken.yaml"),
        check_text("title: x\n", "roadmaps/bare.yaml"),
    ]
    log = sarif(results)
    assert schema_errors(log) == []
    assert {r["ruleId"] for r in log["runs"][0]["results"]} >= {"Y002", "S001"}


def test_rules_levels_and_regions() -> None:
    run = sarif(fixed_results())["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["B001", "Q001", "R006", "Y001", "Y002"]
    for result in run["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        own = RULES_BY_CODE[rule["id"]]
        assert rule["name"] == own.name
        assert rule["shortDescription"]["text"] == own.summary()
        assert rule["help"]["text"] == own.documentation()
        assert own.documentation().startswith(rule["fullDescription"]["text"])
        assert "Bad:" not in rule["fullDescription"]["text"]
        assert rule["helpUri"].endswith(f"docs/rules.md#{rule['id'].lower()}-{rule['name']}")
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels == {
        "Y002": "error",
        "R006": "error",
        "B001": "warning",
        "Q001": "note",
        "Y001": "error",
    }
    b001 = next(r for r in run["results"] if r["ruleId"] == "B001")
    location = b001["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "roadmaps/alg%2C%20%C3%A9rie.yaml"
    assert location["region"] == {"startLine": 42, "startColumn": 57}
    stdin = next(r for r in run["results"] if r["ruleId"] == "Y001")
    assert "locations" not in stdin
    sarif_level = {"error": "error", "warning": "warning", "info": "note"}
    for rule in rules:
        default = RULES_BY_CODE[rule["id"]].severity.value
        assert rule["defaultConfiguration"]["level"] == sarif_level[default]


@pytest.mark.parametrize(
    ("file", "uri"),
    [
        ("roadmaps/ma.yaml", "roadmaps/ma.yaml"),
        ("./roadmaps/ma.yaml", "roadmaps/ma.yaml"),
        ("roadmaps\\dz.yaml", "roadmaps/dz.yaml"),
        ("/srv/roadmaps/ma.yaml", "file:///srv/roadmaps/ma.yaml"),
    ],
)
def test_artifact_uris(file: str, uri: str) -> None:
    assert artifact_uri(file) == uri


def test_help_uri_points_at_the_rule_heading_in_docs_rules_md() -> None:
    docs = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for code, rule in RULES_BY_CODE.items():
        anchor = help_uri(code, rule.name, None).partition("#")[2]
        assert f"### {code} {rule.name}\n" in docs
        assert f"(#{anchor})" in docs, f"docs/rules.md has no link to #{anchor}"


def test_help_uri_points_into_the_repository_when_known() -> None:
    assert (
        help_uri("B001", "spent-above-planned", "https://example.org/r")
        == "https://example.org/r/blob/main/docs/rules.md#b001-spent-above-planned"
    )
    assert help_uri("B001", "x", None) == "docs/rules.md#b001-x"
