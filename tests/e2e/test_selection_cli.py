"""`render` and `report` choose the same roadmaps under any configuration (issue 11: render once
rendered a roadmap the configuration's `exclude` left out, and printed configuration errors in
its own way)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROADMAPS, run_cli

pytestmark = pytest.mark.e2e


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(ROADMAPS, tmp_path / "roadmaps")
    archive = tmp_path / "roadmaps" / "archive"
    archive.mkdir()
    (tmp_path / "roadmaps" / "algeria.yaml").rename(archive / "algeria.yaml")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.uhc-roadmap]\nexclude = ["roadmaps/archive/**"]\n', encoding="utf-8"
    )
    return tmp_path


Run = subprocess.CompletedProcess[str]


def _both(repo: Path, *args: str) -> tuple[Run, Run]:
    report = run_cli("report", *args, "-f", "json", cwd=repo)
    render = run_cli("render", *args, "-f", "md", cwd=repo)
    return report, render


def test_an_excluded_roadmap_is_chosen_by_neither(repo: Path) -> None:
    report, render = _both(repo, "--country", "DZ")
    for run in (report, render):
        assert run.returncode == 2
        assert "no roadmap for Algeria (DZ)" in run.stderr


@pytest.mark.parametrize("query", ["MA", "Maroc", "KAZ"])
def test_an_included_roadmap_is_chosen_by_both(repo: Path, query: str) -> None:
    report, render = _both(repo, "--country", query)
    assert report.returncode == render.returncode == 0


def test_configuration_errors_print_the_same(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.uhc-roadmap]\nexclud = ["x"]\n', "utf-8")
    report, render = _both(repo, "--country", "MA")
    assert report.returncode == render.returncode == 2
    assert report.stderr == render.stderr
    assert "pyproject.toml:2:1: error: unknown key `exclud`" in report.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--country", "MA"],
        ["report"],
        ["render", "--country", "MA"],
        ["validate"],
        ["diff", "--since", "HEAD"],
    ],
    ids=lambda args: " ".join(args),
)
def test_outside_the_repository_the_error_says_what_to_pass(
    tmp_path: Path, args: list[str]
) -> None:
    run = run_cli(*args, cwd=tmp_path)
    assert run.returncode == 2
    assert run.stdout == ""
    assert "roadmaps: no such folder" in run.stderr
    assert "pass the roadmap file or folder" in run.stderr
    assert "Traceback" not in run.stderr
