"""`validate` options in-process: strictness, file selection, configuration, formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from uhc_roadmap.cli import app as app_module

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
OVERSPENT = MINIMAL.replace("spent: 5000}", "spent: 15000}")  # one B001 warning, line 26
BROKEN = 'schema_version: "1"\ncountry: MA\ncountry: DZ\n'  # one Y002 error


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A roadmap repository: roadmaps/ with a clean and a warning file, run from its root."""
    (tmp_path / "roadmaps").mkdir()
    (tmp_path / "roadmaps" / "clean.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "roadmaps" / "warn.yaml").write_text(OVERSPENT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = app_module.main(["validate", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_warnings_pass_unless_strict(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 0
    assert "roadmaps/warn.yaml:26:57: B001 warning" in out
    assert run(capsys, "--strict")[0] == 1


def test_errors_fail(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "roadmaps" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    code, out, _ = run(capsys)
    assert code == 1
    assert "roadmaps/broken.yaml:3:1: Y002 error" in out


def test_quiet_and_verbose(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, quiet, _ = run(capsys, "-q")
    assert quiet.splitlines() == [
        "roadmaps/warn.yaml:26:57: B001 warning: spent 15,000 is more than the 10,000 planned "
        "for 2021 (MS)"
    ]
    _, verbose, err = run(capsys, "-v")
    assert "roadmaps/clean.yaml: ok" in verbose
    assert "configuration: none found" in err


def test_zero_files_is_exit_2_unless_allowed(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "nowhere/**/*.yaml")
    assert (code, out) == (2, "")
    assert "no roadmap files found in nowhere/**/*.yaml" in err
    assert "--allow-empty" in err
    code, out, err = run(capsys, "nowhere/**/*.yaml", "--allow-empty")
    assert code == 0
    assert "0 files checked" in out
    assert "no roadmap files found" in err


def test_missing_default_folder_counts_as_no_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(capsys)[0] == 2
    assert run(capsys, "--allow-empty")[0] == 0


def test_quoted_glob_is_expanded(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "roadmaps/**/c*.yaml")
    assert (code, out) == (0, "1 file checked: no problems.\n")


def test_select_and_ignore_on_the_command_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".uhc-roadmap.yaml").write_text("ignore: [B001]\n", encoding="utf-8")
    assert "B001" not in run(capsys)[1]
    assert "B001" in run(capsys, "--ignore", "Q,D")[1]  # replaces the configured list
    assert "B001" not in run(capsys, "--ignore", "", "--select", "Q")[1]
    assert "B001" in run(capsys, "--ignore=", "--select", "Q", "--select", "B")[1]


def test_unknown_code_on_the_command_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--select", "B0O1")
    assert code == 2
    assert "--select: unknown rule code `B0O1`; did you mean `B001`?" in err


def test_configuration_severity_and_exclude(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "pyproject.toml").write_text(
        '[tool.uhc-roadmap]\nseverity = {B001 = "error"}\n', encoding="utf-8"
    )
    code, out, _ = run(capsys)
    assert (code, "B001 error" in out) == (1, True)
    (repo / "pyproject.toml").write_text(
        '[tool.uhc-roadmap]\nexclude = ["warn.yaml"]\n', encoding="utf-8"
    )
    assert run(capsys) == (0, "1 file checked: no problems.\n", "")


def test_everything_excluded_is_not_an_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".uhc-roadmap.yaml").write_text("exclude: [roadmaps]\n", encoding="utf-8")
    code, _, err = run(capsys, "roadmaps/warn.yaml")
    assert code == 0
    assert "every matching file (1) is excluded by `exclude`" in err


def test_configured_default_folder_from_a_sub_folder(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "roadmaps").rename(repo / "plans")
    (repo / ".uhc-roadmap.yaml").write_text("roadmaps: plans\n", encoding="utf-8")
    (repo / "docs").mkdir()
    monkeypatch.chdir(repo / "docs")
    code, out, _ = run(capsys)
    assert code == 0
    assert "../plans/warn.yaml:26:57: B001 warning" in out


def test_bad_configuration_is_exit_2_with_a_location(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".uhc-roadmap.yaml").write_text("select: [B]\nseverty: {B001: off}\n", "utf-8")
    code, out, err = run(capsys)
    assert (code, out) == (2, "")
    assert err == (
        ".uhc-roadmap.yaml:2:1: error: unknown key `severty` in .uhc-roadmap.yaml\n"
        "    hint: did you mean `severity`?\n"
    )
    assert run(capsys, "--no-config")[0] == 0


def test_explicit_config(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "ci.yaml").write_text("severity: {B: error}\n", encoding="utf-8")
    assert run(capsys, "--config", "ci.yaml")[0] == 1
    code, _, err = run(capsys, "--config", "missing.yaml")
    assert code == 2
    assert "missing.yaml: error: configuration file: no such file" in err
    code, _, err = run(capsys, "--config", "ci.yaml", "--no-config")
    assert code == 2
    assert "--config and --no-config cannot be used together" in err


def test_warn_unused_ignores(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = MINIMAL.replace("spent: 5000}", "spent: 5000}  # uhc-roadmap: disable=B001")
    (repo / "roadmaps" / "clean.yaml").write_text(stale, encoding="utf-8")
    assert "Y013" not in run(capsys)[1]
    code, out, _ = run(capsys, "--warn-unused-ignores", "--strict")
    assert code == 1
    assert "roadmaps/clean.yaml:26:" in out
    assert "Y013 warning: `disable=B001` silenced nothing on this line" in out


@pytest.mark.parametrize("name", ["json", "sarif", "junit", "markdown", "github", "text"])
def test_every_format_and_output_file(
    name: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = repo / f"report.{name}"
    code, out, _ = run(capsys, "--format", name, "--output", str(target))
    assert (code, out) == (0, "")
    text = target.read_text(encoding="utf-8")
    assert "B001" in text
    if name in ("json", "sarif"):
        json.loads(text)


def test_unknown_format(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--format", "xml")
    assert code == 2
    assert "unknown format `xml`" in err


def test_github_format_is_automatic_under_actions_with_a_step_summary(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = repo / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run(capsys)
    assert code == 0
    assert out.startswith("::warning file=roadmaps/warn.yaml,line=26,col=57,title=B001::")
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n### uhc-roadmap")
    assert "| ⚠️ warning | roadmaps/warn.yaml:26:57 | B001 |" in written


def test_actions_with_an_output_file_or_a_format_keep_them(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run(capsys, "--format", "text")[1].startswith("roadmaps/warn.yaml:26:57: B001")
    run(capsys, "--output", "report.txt")
    assert (repo / "report.txt").read_text(encoding="utf-8").startswith("roadmaps/warn.yaml")


def test_unwritable_step_summary_is_a_warning_not_a_failure(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(repo / "no" / "such" / "dir.md"))
    code, _, err = run(capsys, "--format", "github")
    assert code == 0
    assert "cannot write the step summary" in err


def test_configured_size_limit_refuses_larger_files(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".uhc-roadmap.yaml").write_text("max_file_size: 100\n", encoding="utf-8")
    code, out, _ = run(capsys, "roadmaps/clean.yaml")
    assert code == 1
    assert out.startswith("roadmaps/clean.yaml:1:1: Y011 error:")
