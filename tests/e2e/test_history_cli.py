"""`uhc-roadmap report --history` run as users run it, in temporary git repositories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.gitrepo import HISTORY, Repo, two_commits

pytestmark = pytest.mark.e2e
__all__ = ["two_commits"]


def test_json_gives_two_points_with_completion_rising(two_commits: Repo) -> None:
    completed = run_cli(
        "report", "--history", "roadmap.yaml", "--format", "json", cwd=two_commits.folder
    )
    assert completed.returncode == 0, completed.stderr
    (file,) = json.loads(completed.stdout)["files"]
    first, second = file["revisions"]
    assert first["subject"] == "roadmap adopted"
    assert second["completion"] > first["completion"]
    assert (first["date"], second["date"]) == (
        "2022-01-10T12:00:00+01:00",
        "2022-01-11T12:00:00+01:00",
    )


def test_country_table_with_a_gap(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    repo.commit("adopted", **{"roadmaps__ma.yaml": HISTORY / "v1.yaml"})
    repo.commit("typo", **{"roadmaps__ma.yaml": HISTORY / "broken.yaml"})
    repo.commit("GOV-01 completed", **{"roadmaps__ma.yaml": HISTORY / "v2.yaml"})
    completed = run_cli("report", "--history", "--country", "Maroc", cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0] == "roadmaps/ma.yaml: 3 revisions"
    assert any("2 errors" in line and "typo" in line for line in lines)


def test_csv_to_a_file_from_another_folder(
    two_commits: Repo, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    target = elsewhere / "history.csv"
    completed = run_cli(
        "report",
        "--history",
        str(two_commits.folder / "roadmap.yaml"),
        "-o",
        str(target),
        cwd=elsewhere,
    )
    assert completed.returncode == 0, completed.stderr
    assert target.read_text(encoding="utf-8").count("\n") == 3


def test_outside_git_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "roadmap.yaml").write_bytes((HISTORY / "v1.yaml").read_bytes())
    completed = run_cli("report", "--history", "roadmap.yaml", cwd=tmp_path)
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr == "uhc-roadmap: error: roadmap.yaml: not in a git repository\n"


def test_standard_input_has_no_history(two_commits: Repo) -> None:
    completed = run_cli("report", "--history", "-", cwd=two_commits.folder, stdin=b"x: 1\n")
    assert completed.returncode == 2
    assert "standard input has no git history" in completed.stderr


def test_unknown_revision_and_bad_format(two_commits: Repo) -> None:
    completed = run_cli("report", "--since", "nope", "roadmap.yaml", cwd=two_commits.folder)
    assert completed.returncode == 2
    assert "unknown revision `nope`" in completed.stderr
    completed = run_cli("report", "--history", "-f", "jsn", "roadmap.yaml", cwd=two_commits.folder)
    assert completed.returncode == 2
    assert "did you mean `json`" in completed.stderr
