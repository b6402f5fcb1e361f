"""The cache as users meet it: `validate` fills it, `cache info|clear`, `--no-cache`, `--jobs`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROADMAPS, run_cli
from uhc_roadmap.cache import CACHE_DIR
from uhc_roadmap.cli import app as app_module

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "roadmaps").mkdir()
    (tmp_path / "roadmaps" / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = app_module.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_fills_the_cache_and_reads_it_back(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(capsys, "validate", "-f", "json")
    assert (repo / CACHE_DIR / "CACHEDIR.TAG").is_file()
    assert run(capsys, "validate", "-f", "json") == first
    code, out, _ = run(capsys, "cache", "info")
    assert code == 0
    assert "validate: 1 entries" in out


def test_no_cache_leaves_no_trace(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate", "--no-cache")[0] == 0
    assert not (repo / CACHE_DIR).exists()


def test_one_changed_byte_brings_the_finding_back(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "validate")[0] == 0
    roadmap = repo / "roadmaps" / "a.yaml"
    raw = roadmap.read_bytes()
    at = raw.index(b"country: ") + len(b"country: ")
    roadmap.write_bytes(raw[:at] + b"X" + raw[at + 1 :])  # e.g. MA -> XA
    code, out, _ = run(capsys, "validate")
    assert code == 1
    assert "S0" in out
    assert "country" in out


def test_clear_removes_the_cache(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "validate")
    code, out, _ = run(capsys, "cache", "clear")
    assert code == 0
    assert "2 entries" in out  # the file's result and the checked settings (cli/warm.py)
    assert not (repo / CACHE_DIR).exists()
    assert run(capsys, "cache", "info")[1].endswith("no cache yet\n")
    assert run(capsys, "cache", "clear")[0] == 0


def test_an_unknown_action_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "cache", "purge")
    assert code == 2
    assert "clear or info" in err


def test_the_cache_sits_beside_the_configuration(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / ".uhc-roadmap.yaml").write_text("roadmaps: roadmaps\n", encoding="utf-8")
    monkeypatch.chdir(repo / "roadmaps")
    assert run(capsys, "validate", "a.yaml")[0] == 0
    assert (repo / CACHE_DIR).is_dir()
    assert not (repo / "roadmaps" / CACHE_DIR).exists()


def test_a_cache_that_cannot_be_written_changes_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / CACHE_DIR).write_text("in the way", encoding="utf-8")
    expected = run(capsys, "validate", "--no-cache")
    assert run(capsys, "validate") == expected
    code, _, err = run(capsys, "validate", "--verbose")
    assert code == 0
    assert f"uhc-roadmap: cache: not used: {repo / CACHE_DIR} is not a folder\n" in err


def test_a_linked_cache_folder_is_refused_alike_by_every_command(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    """A committed link pointing at `..` or a home folder: `validate` wrote `.gitignore` (`*`)
    and `CACHEDIR.TAG` there, while `cache clear` refused it."""
    target = tmp_path_factory.mktemp("home")
    (repo / CACHE_DIR).symlink_to(target)
    expected = run(capsys, "validate", "--no-cache")
    assert run(capsys, "validate") == expected
    assert run(capsys, "report")[0] == 0
    code, _, err = run(capsys, "validate", "--verbose")
    assert code == 0
    assert f"uhc-roadmap: cache: not used: {repo / CACHE_DIR} is a symbolic link\n" in err
    assert list(target.iterdir()) == []
    code, out, _ = run(capsys, "cache", "info")
    assert (code, out) == (0, f"{repo / CACHE_DIR}: not used: is a symbolic link\n")
    code, _, err = run(capsys, "cache", "clear")
    assert code == 2
    assert err == (
        f"uhc-roadmap: error: cannot clear the cache: {repo / CACHE_DIR} is a symbolic link; "
        "remove it yourself if it should go\n"
    )
    assert (repo / CACHE_DIR).is_symlink()


def test_a_named_pipe_for_an_entry_does_not_hang_validate(repo: Path) -> None:
    assert run_cli("validate", cwd=repo).returncode == 0
    [entry] = (repo / CACHE_DIR).rglob("validate/*.json")
    entry.unlink()
    os.mkfifo(entry)
    done = run_cli("validate", cwd=repo, timeout=30)
    assert (done.returncode, done.stderr) == (0, "")
    assert entry.is_file()  # replaced by the fresh result


def test_workers_print_what_one_process_prints(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [str(p) for p in sorted(FIXTURES.glob("invalid/*.yaml"))]
    paths += [str(ROADMAPS)]
    serial = run(capsys, "validate", "--no-cache", "--jobs", "1", "-f", "json", *paths)
    parallel = run(capsys, "validate", "--no-cache", "--jobs", "2", "-f", "json", *paths)
    assert serial[0] == 1
    assert parallel == serial
    assert len(json.loads(serial[1])["files"]) == len(paths) + 2


def test_jobs_must_be_positive(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate", "--jobs", "0")[0] == 2


def test_the_portfolio_is_the_same_cold_warm_and_without_cache(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in ROADMAPS.glob("*.yaml"):
        (repo / "roadmaps" / path.name).write_bytes(path.read_bytes())
    fresh = run(capsys, "report", "-f", "json", "--no-cache")
    assert fresh[0] == 0
    assert run(capsys, "report", "-f", "json") == fresh
    assert run(capsys, "report", "-f", "json") == fresh
    assert run(capsys, "report", "-f", "json", "--no-cache", "--jobs", "2") == fresh
    assert "portfolio: 4 entries" in run(capsys, "cache", "info")[1]
    assert len(json.loads(fresh[1])["countries"]) == 3  # a.yaml is Morocco's too


def test_an_invalid_file_stops_the_portfolio_from_the_cache_too(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "roadmaps" / "bad.yaml").write_text("a: 1\na: 2\n", encoding="utf-8")
    first = run(capsys, "report", "-f", "json")
    assert first[0] == 1
    assert "Y002" in first[2]
    assert run(capsys, "report", "-f", "json") == first
