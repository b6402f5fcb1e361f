"""A roadmap's history from a real git repository: points, gaps, renames, bounds, the cache."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.gitrepo import HISTORY, Repo
from uhc_roadmap.authoring.git import GitError
from uhc_roadmap.cache import Cache
from uhc_roadmap.history import FileHistory, HistorySettings, file_history, since_last
from uhc_roadmap.history.collect import previous
from uhc_roadmap.progress import compute_progress, portfolio_row
from uhc_roadmap.validation import ValidationOptions, check_bytes

OPTIONS = ValidationOptions()
SETTINGS = HistorySettings()


def history_of(repo: Repo, name: str = "roadmap.yaml", **settings: Any) -> FileHistory:
    chosen = HistorySettings(**settings) if settings else SETTINGS
    return file_history(repo.folder / name, name, OPTIONS, chosen)


def test_two_commits_give_two_points_with_completion_rising(two_commits: Repo) -> None:
    found = history_of(two_commits)
    assert [p.subject for p in found.points] == ["roadmap adopted", "GOV-01 completed"]
    first, second = (p.row for p in found.points)
    assert first is not None
    assert second is not None
    assert first.completion is not None
    assert second.completion is not None
    assert second.completion > first.completion
    assert (found.truncated, found.shallow) == (False, False)


def test_each_version_is_measured_on_the_day_it_was_committed(two_commits: Repo) -> None:
    rows = [p.row for p in history_of(two_commits).points]
    assert [r.as_of for r in rows if r] == [date(2022, 1, 10), date(2022, 1, 11)]
    fixed = [p.row for p in history_of(two_commits, as_of=date(2023, 1, 1)).points]
    assert [r.as_of for r in fixed if r] == [date(2023, 1, 1)] * 2


def test_a_version_with_errors_is_a_gap_with_its_count(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    repo.commit("adopted", **{"roadmap.yaml": HISTORY / "v1.yaml"})
    repo.commit("typo", **{"roadmap.yaml": HISTORY / "broken.yaml"})
    repo.commit("fixed", **{"roadmap.yaml": HISTORY / "v2.yaml"})
    points = history_of(repo).points
    assert [(p.valid, p.errors) for p in points] == [(True, 0), (False, 2), (True, 0)]
    assert points[1].row is None


def test_renames_are_followed(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    repo.commit("adopted", **{"maroc.yaml": HISTORY / "v1.yaml"})
    (tmp_path / "roadmaps").mkdir()
    repo.rename("maroc.yaml", "roadmaps/morocco.yaml", "moved into roadmaps/")
    repo.commit("GOV-01 completed", **{"roadmaps__morocco.yaml": HISTORY / "v2.yaml"})
    found = history_of(repo, "roadmaps/morocco.yaml")
    assert [p.path for p in found.points] == [
        "maroc.yaml",
        "roadmaps/morocco.yaml",
        "roadmaps/morocco.yaml",
    ]
    assert all(p.valid for p in found.points)
    assert found.path == "roadmaps/morocco.yaml"


def test_max_revisions_keeps_the_latest_and_says_so(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    for number, source in enumerate(["v1", "v2", "v1", "v2", "v1"]):
        repo.commit(f"version {number}", **{"roadmap.yaml": HISTORY / f"{source}.yaml"})
    found = history_of(repo, limit=3)
    assert [p.subject for p in found.points] == ["version 2", "version 3", "version 4"]
    assert found.truncated
    assert not history_of(repo, limit=5).truncated


def test_since_keeps_the_commits_after_the_revision(two_commits: Repo) -> None:
    found = history_of(two_commits, since="HEAD~1")
    assert [p.subject for p in found.points] == ["GOV-01 completed"]
    with pytest.raises(GitError, match="unknown revision `v9`"):
        history_of(two_commits, since="v9")


def test_a_shallow_clone_is_said_and_shows_what_it_holds(
    two_commits: Repo, tmp_path_factory: pytest.TempPathFactory
) -> None:
    clone = tmp_path_factory.mktemp("clone") / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", two_commits.folder.as_uri(), str(clone)],
        check=True,
        capture_output=True,
    )
    found = file_history(clone / "roadmap.yaml", "roadmap.yaml", OPTIONS, SETTINGS)
    assert found.shallow
    assert [p.subject for p in found.points] == ["GOV-01 completed"]


def test_outside_git_one_line(tmp_path: Path) -> None:
    (tmp_path / "roadmap.yaml").write_bytes((HISTORY / "v1.yaml").read_bytes())
    with pytest.raises(GitError) as raised:
        file_history(tmp_path / "roadmap.yaml", "roadmap.yaml", OPTIONS, SETTINGS)
    assert "not in a git repository" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_file_never_committed_has_no_point(two_commits: Repo) -> None:
    (two_commits.folder / "new.yaml").write_bytes((HISTORY / "v1.yaml").read_bytes())
    assert history_of(two_commits, "new.yaml").points == ()


def test_an_empty_repository_has_no_point(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    (tmp_path / "roadmap.yaml").write_bytes((HISTORY / "v1.yaml").read_bytes())
    assert history_of(repo).points == ()


def test_a_warm_cache_validates_nothing(two_commits: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache(two_commits.folder / ".uhc-roadmap-cache")
    path = two_commits.folder / "roadmap.yaml"
    cold = file_history(path, "roadmap.yaml", OPTIONS, SETTINGS, cache=cache)

    def no_validation(*args: object, **kwargs: object) -> None:
        raise AssertionError("validated again")

    monkeypatch.setattr("uhc_roadmap.validation.check_bytes", no_validation)
    warm = file_history(path, "roadmap.yaml", OPTIONS, SETTINGS, cache=cache)
    assert warm == cold


def test_since_last_is_the_previous_version_that_differs(two_commits: Repo) -> None:
    path = two_commits.folder / "roadmap.yaml"
    raw = path.read_bytes()
    checked = check_bytes(raw, "roadmap.yaml")
    assert checked.roadmap is not None
    now = portfolio_row(compute_progress(checked.roadmap, date(2022, 1, 11)))
    panel = since_last(path, raw, now, OPTIONS, SETTINGS)
    assert panel is not None
    assert panel.subject == "roadmap adopted"
    assert panel.date == date(2022, 1, 10)
    assert panel.then.completion is not None
    assert now.completion is not None
    assert panel.then.completion < now.completion
    edited = raw + b"# an edit not yet committed\n"
    assert previous(history_of(two_commits), edited, now).subject == "GOV-01 completed"  # type: ignore[union-attr]
