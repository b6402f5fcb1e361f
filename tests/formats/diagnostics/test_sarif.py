"""SARIF output against the official SARIF 2.1.0 schema (OASIS, vendored beside this file)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from tests.conftest import ROADMAPS, ROOT, check_text, run_cli
from tests.formats.diagnostics.conftest import fixed_results
from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity
from uhc_roadmap.formats.diagnostics.base import DiagnosticOptions
from uhc_roadmap.formats.diagnostics.fingerprints import line_hashes
from uhc_roadmap.formats.diagnostics.sarif import (
    MAX_RESULTS,
    SarifFormat,
    artifact_location,
    help_uri,
    repository_url,
)
from uhc_roadmap.rules import RULES_BY_CODE

SCHEMA = json.loads((Path(__file__).with_name("sarif-schema-2.1.0.json")).read_text("utf-8"))


def sarif(results: list[FileResult], **options: Any) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(SarifFormat(DiagnosticOptions(**options)).render(results))
    return log


@pytest.fixture(autouse=True)
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test runs at the root of a fresh repository, so paths are relative to it."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    return tmp_path


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
    assert location["artifactLocation"] == {
        "uri": "roadmaps/alg,%20%C3%A9rie.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["region"] == {"startLine": 42, "startColumn": 57}
    stdin = next(r for r in run["results"] if r["ruleId"] == "Y001")
    [where] = stdin["locations"]  # GitHub refuses a result without a location
    assert where["physicalLocation"]["artifactLocation"] == {"uri": "%3Cstdin%3E"}
    assert where["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 9}
    sarif_level = {"error": "error", "warning": "warning", "info": "note"}
    for rule in rules:
        default = RULES_BY_CODE[rule["id"]].severity.value
        assert rule["defaultConfiguration"]["level"] == sarif_level[default]


@pytest.mark.parametrize(
    ("cwd", "file", "location"),
    [
        ("", "roadmaps/ma.yaml", {"uri": "roadmaps/ma.yaml", "uriBaseId": "%SRCROOT%"}),
        ("", "./roadmaps/ma.yaml", {"uri": "roadmaps/ma.yaml", "uriBaseId": "%SRCROOT%"}),
        ("", "roadmaps\\dz.yaml", {"uri": "roadmaps/dz.yaml", "uriBaseId": "%SRCROOT%"}),
        ("roadmaps", "ma.yaml", {"uri": "roadmaps/ma.yaml", "uriBaseId": "%SRCROOT%"}),
        (
            "roadmaps/x",
            "../../roadmaps/ma.yaml",
            {"uri": "roadmaps/ma.yaml", "uriBaseId": "%SRCROOT%"},
        ),
        (
            "docs",
            "../roadmaps/a b#1.yaml",
            {"uri": "roadmaps/a%20b%231.yaml", "uriBaseId": "%SRCROOT%"},
        ),
        ("", "{root}/roadmaps/ma.yaml", {"uri": "roadmaps/ma.yaml", "uriBaseId": "%SRCROOT%"}),
        (
            "docs",
            "{root}/../elsewhere/../outside/ma.yaml",
            {"uri": "file://{parent}/outside/ma.yaml"},
        ),
        ("", "<stdin>", {"uri": "%3Cstdin%3E"}),
    ],
)
def test_artifact_locations_are_relative_to_the_repository_root(
    cwd: str, file: str, location: dict[str, str], repository: Path
) -> None:
    """Whatever the working directory and the form of the path (code scanning matches files by
    their path from the repository root)."""
    root = repository
    names = {"root": root.as_posix(), "parent": root.parent.as_posix()}
    expected = {k: v.format(**names) for k, v in location.items()}
    assert artifact_location(file.format(**names), root, root / cwd) == expected


def test_the_root_is_the_workspace_or_the_git_work_tree(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repository / "roadmaps").mkdir()
    monkeypatch.chdir(repository / "roadmaps")
    results = [FileResult("ma.yaml", [Diagnostic("Y002", Severity.ERROR, "ma.yaml", 1, 1, "x")])]
    run = sarif(results)["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": f"file://{repository.as_posix()}/"}}
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "roadmaps/ma.yaml", "uriBaseId": "%SRCROOT%"}
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repository / "roadmaps"))
    location = sarif(results)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "ma.yaml", "uriBaseId": "%SRCROOT%"}


def test_help_uri_points_at_the_rule_heading_in_docs_rules_md() -> None:
    docs = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for code, rule in RULES_BY_CODE.items():
        anchor = help_uri(code, rule.name, None).partition("#")[2]
        assert f"### {code} {rule.name}\n" in docs
        assert f"(#{anchor})" in docs, f"docs/rules.md has no link to #{anchor}"


def test_home_is_the_one_recorded_in_pyproject() -> None:
    """informationUri and helpUri come from [project.urls], recorded once (SARIF2005 asks for
    informationUri; GitHub shows helpUri as the rule's link, which must be absolute)."""
    import tomllib

    urls = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["urls"]
    assert repository_url() == urls["Source"]
    driver = sarif(fixed_results())["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == urls["Source"]
    assert all(
        r["helpUri"].startswith(urls["Source"] + "/blob/main/docs/") for r in driver["rules"]
    )


def test_help_uri_points_into_the_repository_when_known() -> None:
    assert (
        help_uri("B001", "spent-above-planned", "https://example.org/r")
        == "https://example.org/r/blob/main/docs/rules.md#b001-spent-above-planned"
    )
    assert help_uri("B001", "x", None) == "docs/rules.md#b001-x"


def test_every_result_has_a_fingerprint_that_survives_lines_added_above() -> None:
    """GitHub's primaryLocationLineHash of the finding's line: the same after a shift."""
    text = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")
    broken = text.replace("country: MA", "country: MA\ncountry: MA", 1)
    shifted = "# a comment\n# and another\n" + broken
    hashes = []
    for version in (broken, shifted):
        result = check_text(version, "roadmaps/morocco.yaml")
        log = sarif([result], sources={"roadmaps/morocco.yaml": version.encode("utf-8")})
        [y002] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "Y002"]
        line = y002["locations"][0]["physicalLocation"]["region"]["startLine"]
        assert y002["partialFingerprints"] == {
            "primaryLocationLineHash": line_hashes(version)[line]
        }
        hashes.append((line, y002["partialFingerprints"]["primaryLocationLineHash"]))
    assert hashes[1][0] == hashes[0][0] + 2
    assert hashes[1][1] == hashes[0][1]


def test_the_cli_fingerprints_standard_input_too(tmp_path: Path) -> None:
    text = 'schema_version: "1"\ncountry: MA\ncountry: DZ\n'
    completed = run_cli("validate", "--format", "sarif", "-", cwd=tmp_path, stdin=text.encode())
    [result] = json.loads(completed.stdout)["runs"][0]["results"]
    assert result["partialFingerprints"]["primaryLocationLineHash"] == line_hashes(text)[3]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "%3Cstdin%3E"


def test_at_most_25000_results_the_most_severe_kept_with_a_note() -> None:
    """GitHub code scanning refuses more than 25,000 results in a run."""
    severities = [Severity.INFO, Severity.WARNING, Severity.ERROR]
    findings = [
        Diagnostic(("Q001", "B001", "Y002")[i % 3], severities[i % 3], "r.yaml", i + 1, 1, "x")
        for i in range(MAX_RESULTS + 32)
    ]
    log = sarif([FileResult("r.yaml", findings)])
    run = log["runs"][0]
    assert len(run["results"]) == MAX_RESULTS
    levels = [r["level"] for r in run["results"]]
    assert levels.count("error") == levels.count("warning") == (MAX_RESULTS + 32) // 3
    assert levels.count("note") == (MAX_RESULTS + 32) // 3 - 32
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in run["results"]]
    assert lines == sorted(lines)  # kept in their order
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"].startswith("32 of 25032 findings are left out")
    assert schema_errors(log) == []
    assert "invocations" not in sarif(fixed_results())["runs"][0]


# RFC 3986 URI-reference, as .NET's Uri.IsWellFormedUriString checks it for Sarif.Multitool's
# SARIF1002: scheme, then unreserved / pct-encoded / sub-delims / ":" / "@" / "/" (and "?" "#").
_URI = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*"
    r"(?:\?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?"
    r"(?:#(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?"
)


def uris(node: Any, key: str = "") -> list[str]:
    """Every URI-valued property of a SARIF log."""
    if isinstance(node, dict):
        return [u for k, v in node.items() for u in uris(v, k)]
    if isinstance(node, list):
        return [u for v in node for u in uris(v, key)]
    return [node] if key in {"uri", "helpUri", "informationUri", "$schema"} else []


def test_uris_are_well_formed_and_absolute_where_sarif_tools_ask() -> None:
    """Sarif.Multitool's SARIF1002 (URIs conform to RFC 3986; a file URI has no `..`) and
    SARIF2005 (informationUri), which it reported before; test_sarif_multitool.py runs the tool."""
    results = [*fixed_results(), check_text("a: 1\na: 2\n", "/outside/../x/ä b.yaml")]
    log = sarif(results)
    found = uris(log)
    assert len(found) > 10
    for uri in found:
        assert _URI.fullmatch(uri), uri
        assert ".." not in uri.split("/"), uri
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"].startswith("https://")
    assert all(rule["helpUri"].startswith("https://") for rule in driver["rules"])
