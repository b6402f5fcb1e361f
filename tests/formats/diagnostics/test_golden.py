"""Every reporter on the same fixed findings, compared with tests/golden/diagnostics/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import golden
from tests.formats.diagnostics.conftest import fixed_results, without_version
from uhc_roadmap.diagnostics import FileResult
from uhc_roadmap.formats.diagnostics import DIAGNOSTIC_FORMATS
from uhc_roadmap.formats.diagnostics.base import DiagnosticOptions

EXTENSIONS = {"text": "txt", "json": "json", "github": "txt", "sarif": "sarif"}
EXTENSIONS |= {"junit": "xml", "markdown": "md", "gitlab": "json"}
ROOT_URI = "file:///work/roadmaps/"  # where the golden repository stands


@pytest.fixture(autouse=True)
def _fixed_repository(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The findings' paths are relative to a repository at the working directory."""
    monkeypatch.setattr(
        "uhc_roadmap.formats.diagnostics.sarif.repository_url",
        lambda: "https://example.org/uhc-roadmap",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path))


def fixed_root(text: str) -> str:
    return text.replace(f"file://{Path.cwd().as_posix()}/", ROOT_URI)


def test_every_registered_reporter_has_a_golden_file() -> None:
    assert set(DIAGNOSTIC_FORMATS.names) == set(EXTENSIONS)


def without_rule_texts(sarif: str) -> str:
    """Rule descriptions come from the rules' docstrings (tested in test_sarif.py); the golden
    pins the structure, so that editing a docstring does not break it."""
    log = json.loads(sarif)
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        for key in ("shortDescription", "fullDescription", "help"):
            rule[key]["text"] = f"<{key} of {rule['id']}>"
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("name", sorted(EXTENSIONS))
def test_golden(name: str) -> None:
    output = DIAGNOSTIC_FORMATS.get(name)(DiagnosticOptions()).render(fixed_results())
    if name == "sarif":
        output = without_rule_texts(output)
    golden(f"diagnostics/{name}.{EXTENSIONS[name]}", fixed_root(without_version(output)))


@pytest.mark.parametrize("name", ["text", "github", "markdown", "junit"])
def test_golden_variants(name: str) -> None:
    """The options that change a format: verbose/quiet text, strict JUnit and Markdown."""
    options = {
        "text": DiagnosticOptions(verbose=True),
        "github": DiagnosticOptions(quiet=True),
        "markdown": DiagnosticOptions(strict=True, max_rows=2),
        "junit": DiagnosticOptions(strict=True),
    }[name]
    output = DIAGNOSTIC_FORMATS.get(name)(options).render(fixed_results())
    golden(f"diagnostics/{name}-variant.{EXTENSIONS[name]}", without_version(output))


@pytest.mark.parametrize("name", sorted(EXTENSIONS))
def test_no_files_at_all_is_still_a_well_formed_report(name: str) -> None:
    empty: list[FileResult] = []
    output = DIAGNOSTIC_FORMATS.get(name)(DiagnosticOptions()).render(empty)
    golden(f"diagnostics/{name}-empty.{EXTENSIONS[name]}", fixed_root(without_version(output)))
