"""The console entry point: a validate it parses itself ends exactly as through Typer."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROADMAPS
from uhc_roadmap.cli import app as app_module
from uhc_roadmap.cli import entry, warm

RUNS = [
    ["validate", "--no-cache", "clean.yaml"],
    ["validate", "--no-cache", "findings.yaml", "-f", "json"],
    ["validate", "--no-cache", "findings.yaml", "--strict", "-q"],
    ["validate", "--no-cache", "missing.yaml"],  # a usage error: exit 2
    ["validate", "--no-cache", "--select", "ZZZ9", "clean.yaml"],  # an unknown code
    ["validate", "--no-cache", "--as-of", "2025-13-01", "clean.yaml"],  # not a date
    ["validate", "--no-cache", "-f", "nonsense", "clean.yaml"],  # an unknown format
    ["validate", "--no-cache", "--config", "broken.yaml", "clean.yaml"],  # a bad configuration
    ["validate", "--no-cache", "--config", "broken.yaml", "--no-config", "clean.yaml"],
    ["validate", "--no-cache", "empty"],  # nothing to check
    ["validate", "--no-cache", "--allow-empty", "empty"],
    ["validate", "clean.yaml", "findings.yaml"],  # with the cache
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "clean.yaml").write_bytes((ROADMAPS / "morocco.yaml").read_bytes())
    (tmp_path / "findings.yaml").write_bytes(
        (FIXTURES / "invalid" / "d002_after_phase_end.yaml").read_bytes()
    )
    (tmp_path / "broken.yaml").write_text("ignroe: [Q]\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


@pytest.mark.parametrize("argv", RUNS, ids=" ".join)
def test_a_parsed_validate_ends_as_through_typer(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    params = warm.parse_command(argv)
    assert params is not None
    assert warm.runnable(params)
    direct = warm.run(params), capsys.readouterr()
    through_typer = app_module.main(argv), capsys.readouterr()
    assert direct == through_typer
    assert entry.main(argv) == direct[0]


def test_anything_else_goes_to_typer(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert entry.main(["validate", "--help"]) == 0
    assert "Usage: uhc-roadmap validate" in capsys.readouterr().out
    assert entry.main(["validate", "--unknown", "clean.yaml"]) == 2
    assert "No such option" in capsys.readouterr().err
    assert entry.main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("uhc-roadmap ")
