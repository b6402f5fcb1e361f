"""`uhc-roadmap diff` run as users run it, on files and on a temporary git repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run_cli

pytestmark = pytest.mark.e2e
REVIEW = FIXTURES / "diff" / "review"
GIT = shutil.which("git")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with two commits of roadmap.yaml: before and after a review."""
    if GIT is None:
        pytest.fail("git is needed for diff --since")
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "tests@example.org")
    git(tmp_path, "config", "user.name", "Tests")
    git(tmp_path, "config", "commit.gpgsign", "false")
    shutil.copy(REVIEW / "old.yaml", tmp_path / "roadmap.yaml")
    git(tmp_path, "add", "roadmap.yaml")
    git(tmp_path, "commit", "-q", "-m", "roadmap as adopted")
    shutil.copy(REVIEW / "new.yaml", tmp_path / "roadmap.yaml")
    git(tmp_path, "commit", "-q", "-a", "-m", "joint annual review")
    return tmp_path


def test_since_head_1_shows_the_review_in_the_roadmaps_language(repo: Path) -> None:
    completed = run_cli("diff", "--since", "HEAD~1", "roadmap.yaml", cwd=repo)
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0] == "roadmap.yaml@HEAD~1 → roadmap.yaml"
    assert "    + HRH-02  [HRH, prévue]  Formation des médecins de famille" in lines
    assert "    - FIN-02  [FIN, en cours]  Comptes nationaux de la santé" in lines
    assert "        fin prévue : 2022-06-30 → 2022-09-30 (retardé de 92 jours)" in lines
    assert "\x1b" not in completed.stdout  # piped: plain text


def test_lang_chooses_the_words_and_the_titles(repo: Path) -> None:
    completed = run_cli("diff", "--since", "HEAD~1", "roadmap.yaml", "--lang", "en", cwd=repo)
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert "    + HRH-02  [HRH, planned]  Family doctor training" in lines
    assert "        planned end: 2022-06-30 → 2022-09-30 (slipped 92 days)" in lines
    assert "        budget 2018 EU: spent 20,000 → 45,000.50" in lines


def test_since_works_from_another_folder_and_as_json(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    completed = run_cli(
        "diff", "--since", "HEAD~1", str(repo / "roadmap.yaml"), "--format", "json", cwd=elsewhere
    )
    assert completed.returncode == 0, completed.stderr
    document = json.loads(completed.stdout)
    (file,) = document["files"]
    assert file["status"] == "modified"
    assert [a["id"] for a in file["activities"]["added"]] == ["HRH-02"]


def test_since_head_is_no_difference_and_exit_code_option(repo: Path) -> None:
    same = run_cli("diff", "--since", "HEAD", "roadmap.yaml", "--exit-code", cwd=repo)
    assert same.returncode == 0
    assert same.stdout == "roadmap.yaml@HEAD → roadmap.yaml: aucune différence\n"
    changed = run_cli("diff", "--since", "HEAD~1", "roadmap.yaml", "--exit-code", cwd=repo)
    assert changed.returncode == 1
    assert changed.stderr == ""


def test_uncommitted_edits_are_compared_too(repo: Path) -> None:
    path = repo / "roadmap.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("as_of: 2022-03-31", "as_of: 2022-04-30"),
        encoding="utf-8",
    )
    completed = run_cli("diff", "--since", "HEAD", "roadmap.yaml", "-f", "markdown", cwd=repo)
    assert completed.returncode == 0
    assert "| `as_of` | 2022-03-31 | 2022-04-30 (+30 jours) |" in completed.stdout


def test_a_folder_reports_new_files_as_added(repo: Path) -> None:
    (repo / "roadmaps").mkdir()
    shutil.copy(REVIEW / "new.yaml", repo / "roadmaps" / "second.yaml")
    completed = run_cli("diff", "--since", "HEAD", cwd=repo)
    assert completed.returncode == 0, completed.stderr
    assert (
        completed.stdout
        == "roadmaps/second.yaml@HEAD → roadmaps/second.yaml: nouveau fichier, absent de la "
        "version précédente\n"
    )


@pytest.mark.parametrize(
    ("revision", "path", "message"),
    [
        (
            "no-such-branch",
            "roadmap.yaml",
            "uhc-roadmap: error: unknown revision `no-such-branch`\n",
        ),
        ("HEAD~5", "roadmap.yaml", "uhc-roadmap: error: unknown revision `HEAD~5`\n"),
        ("--output=x", "roadmap.yaml", "uhc-roadmap: error: `--output=x` is not a revision\n"),
        (
            "HEAD~1",
            "copy.yaml",
            "uhc-roadmap: error: copy.yaml: not present at revision `HEAD~1`\n",
        ),
        ("HEAD", "missing.yaml", "uhc-roadmap: error: missing.yaml: no such file or directory\n"),
    ],
)
def test_git_problems_exit_2_with_one_line(
    repo: Path, revision: str, path: str, message: str
) -> None:
    shutil.copy(repo / "roadmap.yaml", repo / "copy.yaml")
    completed = run_cli("diff", f"--since={revision}", path, cwd=repo)
    assert (completed.returncode, completed.stdout, completed.stderr) == (2, "", message)


def test_outside_a_git_repository(tmp_path: Path) -> None:
    shutil.copy(REVIEW / "new.yaml", tmp_path / "roadmap.yaml")
    completed = run_cli(
        "diff",
        "--since",
        "HEAD~1",
        "roadmap.yaml",
        cwd=tmp_path,
        env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)},
    )
    assert completed.returncode == 2
    assert completed.stderr == "uhc-roadmap: error: roadmap.yaml: not in a git repository\n"


def test_an_invalid_older_version_prints_its_errors_and_exits_1(repo: Path) -> None:
    (repo / "roadmap.yaml").write_text('schema_version: "1"\ncountry: MA\n', encoding="utf-8")
    git(repo, "commit", "-q", "-a", "-m", "broken")
    shutil.copy(REVIEW / "new.yaml", repo / "roadmap.yaml")
    completed = run_cli("diff", "--since", "HEAD", "roadmap.yaml", cwd=repo)
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert completed.stderr.startswith("roadmap.yaml@HEAD:1:1: S001 error: missing required field")
    assert "a version does not validate; nothing compared" in completed.stderr


def test_two_files(tmp_path: Path) -> None:
    completed = run_cli(
        "diff", str(REVIEW / "old.yaml"), str(REVIEW / "new.yaml"), "-f", "markdown"
    )
    assert completed.returncode == 0
    assert completed.stdout.startswith("### Modifications de la feuille de route : `")
    output = tmp_path / "diff.md"
    written = run_cli(
        "diff",
        str(REVIEW / "old.yaml"),
        str(REVIEW / "new.yaml"),
        "-f",
        "markdown",
        "-o",
        str(output),
    )
    assert written.stdout == ""
    assert output.read_text(encoding="utf-8") == completed.stdout


def test_colour_only_when_asked_or_on_a_terminal() -> None:
    args = ("diff", str(REVIEW / "old.yaml"), str(REVIEW / "new.yaml"))
    assert "\x1b[" in run_cli(*args, "--color", "always").stdout
    assert "\x1b[" not in run_cli(*args, env={"NO_COLOR": "1"}).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("one.yaml",),
            "give two roadmap files (OLD NEW), or --since REV and the files to compare",
        ),
        (
            ("a.yaml", "b.yaml", "--format", "html"),
            "--format: unknown format `html`; choose text, markdown or json",
        ),
    ],
)
def test_usage_errors(args: tuple[str, ...], message: str) -> None:
    completed = run_cli("diff", *args)
    assert completed.returncode == 2
    assert completed.stderr == f"uhc-roadmap: error: {message}\n"


def test_a_quarterly_update_names_each_change_and_the_year() -> None:
    quarterly = REVIEW.parent / "quarterly"
    completed = run_cli(
        "diff", str(quarterly / "old.yaml"), str(quarterly / "new.yaml"), "--lang", "en"
    )
    assert completed.returncode == 0, completed.stderr
    lines = [line.strip() for line in completed.stdout.splitlines()]
    for expected in (
        "progress: 40% → 100%",
        "actual end: (none) → 2022-06-15",
        "budget 2021 EU: spent 41,200 → 52,400",
        "milestone done: FIN-01.M1 “Decree adopted” on 2022-05-12 (due 2022-03-31, 42 days late)",
        "lead: MSAS → WHO",
    ):
        assert expected in lines
