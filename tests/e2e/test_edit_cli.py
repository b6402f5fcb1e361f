"""The real `set`, `record`, `validate --fix` and `fmt` on copies of the example roadmaps."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROADMAPS, run_cli
from tests.editing.scramble import all_scrambles
from uhc_roadmap.loading import load_document

pytestmark = pytest.mark.e2e
EXAMPLES = sorted(ROADMAPS.glob("*.yaml"))


def git(*args: str, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding copies of the three examples, committed."""
    if shutil.which("git") is None:
        pytest.skip("needs git")
    for path in EXAMPLES:
        shutil.copy(path, tmp_path / path.name)
    git("init", "-q", cwd=tmp_path)
    git("add", "-A", cwd=tmp_path)
    git("commit", "-q", "-m", "examples", cwd=tmp_path)
    return tmp_path


def comment_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


@pytest.mark.parametrize("name", [p.name for p in EXAMPLES])
def test_completing_an_activity_changes_only_its_lines(repo: Path, name: str) -> None:
    path = repo / name
    before = path.read_text(encoding="utf-8")
    data = load_document(before.encode(), name).data
    assert data is not None
    activity = next(a for a in data["activities"] if a["status"] == "ongoing")
    end = data["as_of"]

    done = run_cli(
        "set",
        name,
        activity["id"],
        "status=completed",
        f"actual.end={end}",
        "progress=100",
        cwd=repo,
    )
    assert done.returncode == 0, done.stderr
    assert f"{activity['id']}: status ongoing → completed" in done.stderr

    changed = [
        line
        for line in git("diff", "-U0", name, cwd=repo).splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed, "the file was edited"
    assert all(("status:" in c or "actual:" in c or "progress:" in c) for c in changed), changed
    assert len([c for c in changed if c.startswith("-")]) <= 3
    after = path.read_text(encoding="utf-8")
    assert comment_lines(after) == comment_lines(before)

    checked = run_cli("validate", name, cwd=repo)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.strip().endswith("no problems.")

    old = repo / "old.yaml"
    old.write_text(before, encoding="utf-8")
    compared = run_cli("diff", "--lang", "en", "old.yaml", name, cwd=repo)
    assert activity["id"] in compared.stdout
    assert "ongoing → completed" in compared.stdout


@pytest.mark.parametrize(
    "arguments",
    [
        ("GOV-03", "status=en_cours"),
        ("GOV-3", "status=completed"),
        ("GOV-03", "stauts=completed"),
        ("GOV-03", "progress=beaucoup"),
        ("GOV-03", "actual.end=15/10/2021"),
    ],
)
def test_a_refused_edit_leaves_the_file_byte_for_byte(
    repo: Path, arguments: tuple[str, ...]
) -> None:
    before = (repo / "morocco.yaml").read_bytes()
    done = run_cli("set", "morocco.yaml", *arguments, cwd=repo)
    assert done.returncode == 1, done.stderr
    assert "uhc-roadmap: error:" in done.stderr
    assert "Traceback" not in done.stderr
    assert (repo / "morocco.yaml").read_bytes() == before
    assert sorted(p.name for p in repo.iterdir() if p.name != ".git") == sorted(
        p.name for p in EXAMPLES
    )


def test_refusals_say_why_and_how(repo: Path) -> None:
    invalid = run_cli("set", "morocco.yaml", "GOV-03", "status=en_cours", cwd=repo)
    assert "morocco.yaml:211:13: S004 error: `en_cours` is not a valid `status`" in invalid.stderr
    assert "(--force writes it anyway)" in invalid.stderr
    unknown = run_cli("set", "morocco.yaml", "GOV-3", "status=completed", cwd=repo)
    assert "no id `GOV-3` in the roadmap" in unknown.stderr
    assert "did you mean `GOV-03`" in unknown.stderr


def test_force_writes_with_a_warning(repo: Path) -> None:
    done = run_cli("set", "morocco.yaml", "GOV-03", "status=en_cours", "--force", cwd=repo)
    assert done.returncode == 0
    assert "--force: writing morocco.yaml with 1 new error" in done.stderr
    assert "status: en_cours" in (repo / "morocco.yaml").read_text(encoding="utf-8")


def test_diff_shows_the_edit_and_writes_nothing(repo: Path) -> None:
    before = (repo / "morocco.yaml").read_bytes()
    done = run_cli("set", "morocco.yaml", "as_of=2021-12-31", "--diff", cwd=repo)
    assert done.returncode == 0
    assert "-as_of: 2021-09-30\n+as_of: 2021-12-31\n" in done.stdout
    assert (repo / "morocco.yaml").read_bytes() == before


def test_a_file_that_does_not_load_is_not_touched(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(b"a: [1, 2\n")
    for arguments in (
        ["set", "broken.yaml", "a=1"],
        ["fmt", "broken.yaml"],
        ["validate", "--fix", "broken.yaml"],
    ):
        done = run_cli(*arguments, cwd=tmp_path)
        assert done.returncode == 1, arguments
        assert "Y001" in done.stderr + done.stdout
        assert broken.read_bytes() == b"a: [1, 2\n"


def test_record_appends_in_order_and_asks_before_replacing(repo: Path) -> None:
    done = run_cli(
        "record",
        "morocco.yaml",
        "IND-COORD-MEET",
        "--value",
        "18",
        "--date",
        "2021-09-15",
        cwd=repo,
    )
    assert done.returncode == 0, done.stderr
    diff = git("diff", "-U0", "morocco.yaml", cwd=repo)
    assert "+      - {date: 2021-09-15, value: 18}\n" in diff
    again = run_cli(
        "record",
        "morocco.yaml",
        "IND-COORD-MEET",
        "--value",
        "19",
        "--date",
        "2021-09-15",
        cwd=repo,
    )
    assert again.returncode == 1
    assert "--replace" in again.stderr
    replaced = run_cli(
        "record", "morocco.yaml", "IND-COORD-MEET", "--value", "19", "--date", "2021-09-15",
        "--replace", cwd=repo,
    )  # fmt: skip
    assert replaced.returncode == 0
    assert "{date: 2021-09-15, value: 19}" in (repo / "morocco.yaml").read_text(encoding="utf-8")


def test_validate_fix_gives_the_original_back(repo: Path) -> None:
    path = repo / "morocco.yaml"
    original = path.read_text(encoding="utf-8")
    broken = original.replace(
        "    status: ongoing               # overdue: planned end",
        "    status: en cours              # overdue: planned end",
        1,
    )
    broken = broken.replace(
        "due: 2021-06-15, done_on: 2021-06-10}", "due: 15/06/2021, done_on: 2021-06-10}", 1
    )
    assert broken.count("status: en cours") == 1
    assert "15/06/2021" in broken
    path.write_text(broken, encoding="utf-8")

    shown = run_cli("validate", "--diff", "morocco.yaml", cwd=repo)
    assert shown.returncode == 1
    assert "-    status: en cours" in shown.stdout
    assert "would fix 2 findings in 1 file" in shown.stderr
    assert path.read_text(encoding="utf-8") == broken

    fixed = run_cli("validate", "--fix", "morocco.yaml", cwd=repo)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "S004 fixed: `en cours` → `ongoing`" in fixed.stderr
    assert "S007 fixed: `15/06/2021` → `2021-06-15`" in fixed.stderr
    assert git("diff", "--exit-code", "morocco.yaml", cwd=repo) == ""


def test_fmt_check_passes_the_examples_and_fails_scrambled_copies(repo: Path) -> None:
    clean = run_cli("fmt", "--check", ".", cwd=repo)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "3 files already formatted" in clean.stderr
    for path in EXAMPLES:
        (repo / path.name).write_text(
            all_scrambles(path.read_text(encoding="utf-8")), encoding="utf-8"
        )
    messy = run_cli("fmt", "--check", ".", cwd=repo)
    assert messy.returncode == 1
    assert messy.stdout.splitlines() == [f"would reformat {p.name}" for p in EXAMPLES]
    written = run_cli("fmt", ".", cwd=repo)
    assert written.returncode == 0, written.stderr
    assert git("diff", "--exit-code", cwd=repo) == ""  # back to the examples, byte for byte
    assert run_cli("fmt", "--check", ".", cwd=repo).returncode == 0


def test_fmt_on_a_hand_written_roadmap_and_standard_input(tmp_path: Path) -> None:
    source = FIXTURES / "editing" / "senegal_hand_written.yaml"
    shutil.copy(source, tmp_path / "sn.yaml")
    first = run_cli("fmt", "sn.yaml", cwd=tmp_path)
    assert first.returncode == 0
    assert "reformatted sn.yaml" in first.stderr
    once = (tmp_path / "sn.yaml").read_text(encoding="utf-8")
    assert run_cli("fmt", "--check", "sn.yaml", cwd=tmp_path).returncode == 0
    piped = run_cli("fmt", "-", stdin=source.read_bytes(), cwd=tmp_path)
    assert piped.stdout == once
    diff = run_cli("fmt", "--diff", "-", stdin=source.read_bytes(), cwd=tmp_path)
    assert diff.returncode == 1
    assert diff.stdout.startswith("--- a/<stdin>\n+++ b/<stdin>\n")
