"""GitLab Code Quality, against the fields GitLab documents for the report
(https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format): a JSON array of
issues, each with description, check_name, fingerprint, severity and location.path with
location.lines.begin; severity one of info, minor, major, critical, blocker."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from tests.conftest import ROADMAPS, check_text, run_cli
from tests.formats.diagnostics.conftest import fixed_results
from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity
from uhc_roadmap.formats.diagnostics.base import DiagnosticOptions
from uhc_roadmap.formats.diagnostics.gitlab import GitlabFormat

GITLAB_REPORT = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def gitlab(results: list[FileResult], **options: Any) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = json.loads(
        GitlabFormat(DiagnosticOptions(**options)).render(results)
    )
    return issues


def problems(report: Any) -> list[str]:
    return [e.message for e in Draft7Validator(GITLAB_REPORT).iter_errors(report)]


@pytest.fixture(autouse=True)
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path))
    return tmp_path


def test_the_documented_fields_and_severities() -> None:
    report = gitlab(fixed_results())
    assert problems(report) == []
    assert problems([{"description": "x"}])  # the check can fail
    assert [(i["check_name"], i["severity"]) for i in report] == [
        ("Y002", "major"),
        ("R006", "major"),
        ("B001", "minor"),
        ("Q001", "info"),
        ("Y001", "major"),
    ]
    b001 = report[2]
    assert b001["location"] == {"path": "roadmaps/alg, érie.yaml", "lines": {"begin": 42}}
    assert b001["description"].startswith("spent 100% more")
    assert "(hint: check a|b" in b001["description"]
    assert report[4]["location"]["path"] == "<stdin>"


def test_no_finding_is_an_empty_array() -> None:
    assert gitlab([]) == []
    assert gitlab([FileResult("roadmaps/ok.yaml", [])]) == []


def test_paths_are_relative_to_the_project_dir(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "roadmaps").mkdir()
    monkeypatch.chdir(project / "roadmaps")
    d = Diagnostic("Y002", Severity.ERROR, "../roadmaps/./ma.yaml", 3, 1, "duplicate key")
    [issue] = gitlab([FileResult(d.file, [d])])
    assert issue["location"]["path"] == "roadmaps/ma.yaml"


def test_fingerprints_are_unique_even_for_the_same_finding_twice_on_a_line() -> None:
    twice = Diagnostic("Y002", Severity.ERROR, "r.yaml", 3, 1, "duplicate key")
    issues = gitlab([FileResult("r.yaml", [twice, twice])], sources={"r.yaml": b"a: 1\n"})
    assert len({i["fingerprint"] for i in issues}) == 2
    report = gitlab(fixed_results())
    assert len({i["fingerprint"] for i in report}) == len(report)


def test_a_finding_keeps_its_fingerprint_when_lines_are_added_above() -> None:
    """GitLab compares fingerprints with the target branch: a moved finding is not new."""
    text = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")
    broken = text.replace("country: MA", "country: MA\ncountry: MA", 1)
    found = []
    for version in (broken, "# one more line\n" + broken):
        result = check_text(version, "roadmaps/morocco.yaml")
        [y002] = [
            i
            for i in gitlab([result], sources={"roadmaps/morocco.yaml": version.encode()})
            if i["check_name"] == "Y002"
        ]
        found.append((y002["location"]["lines"]["begin"], y002["fingerprint"]))
    assert found[1][0] == found[0][0] + 1
    assert found[1][1] == found[0][1]


def test_the_cli_writes_a_report_gitlab_reads(project: Path) -> None:
    (project / "roadmaps").mkdir()
    (project / "roadmaps" / "dup.yaml").write_text("a: 1\na: 2\n", encoding="utf-8")
    completed = run_cli(
        "validate",
        "--format",
        "gitlab",
        "-o",
        "gl-code-quality-report.json",
        cwd=project,
        env={"CI_PROJECT_DIR": str(project)},
    )
    assert completed.returncode == 1, completed.stderr
    report = json.loads((project / "gl-code-quality-report.json").read_text("utf-8"))
    assert problems(report) == []
    assert {i["location"]["path"] for i in report} == {"roadmaps/dup.yaml"}
