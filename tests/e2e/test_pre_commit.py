"""The pre-commit hook, run by the real `pre-commit try-repo` on a repository of roadmaps.

try-repo clones the hook repository and pip-installs it into a fresh environment, so this is
how a roadmap repository will meet the hook. It clones committed state plus modified tracked
files only, so the hook repository given to it is a snapshot of this working tree (tracked and
untracked files, minus ignored ones) committed in a temporary repository: the test checks the
code under test, whatever is or is not committed yet.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROADMAPS, ROOT

pytestmark = pytest.mark.e2e
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
TIMEOUT = 300  # a fresh environment: virtualenv plus pip installing the package and its deps


def git(*args: str, cwd: Path) -> str:
    completed = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=60
    )
    return completed.stdout


def environment(tmp: Path) -> dict[str, str]:
    drop = {"GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "FORCE_COLOR", "PRE_COMMIT_HOME"}
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("GIT_")}
    identity = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    identity |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return env | identity | {"PRE_COMMIT_HOME": str(tmp / "pre-commit-home"), "NO_COLOR": "1"}


def snapshot(destination: Path) -> Path:
    """This working tree as a one-commit repository."""
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    git("init", "-q", cwd=destination)
    git("add", "-A", cwd=destination)
    git("commit", "-q", "-m", "snapshot", cwd=destination)
    return destination


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("needs a git checkout of uhc-roadmap and git")
    return snapshot(tmp_path_factory.mktemp("hook-repo"))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One PRE_COMMIT_HOME for the module: the hook environment is built once."""
    return tmp_path_factory.mktemp("home")


def roadmap_repo(path: Path, env: dict[str, str]) -> Path:
    (path / "roadmaps").mkdir(parents=True)
    shutil.copy(ROADMAPS / "morocco.yaml", path / "roadmaps" / "morocco.yaml")
    (path / ".github" / "workflows").mkdir(parents=True)
    (path / ".github" / "workflows" / "ci.yaml").write_text("on: push\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=path, env=env, check=True)
    subprocess.run(["git", "add", "-A"], cwd=path, env=env, check=True)
    return path


def try_repo(
    hook_repo: Path,
    data: Path,
    env: dict[str, str],
    *selection: str,
    hook: str = "uhc-roadmap-validate",
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(hook_repo), hook, *selection],
        cwd=data,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def test_hook_passes_valid_roadmaps_and_fails_an_invalid_one(
    hook_repo: Path, home: Path, tmp_path: Path
) -> None:
    env = environment(home)
    data = roadmap_repo(tmp_path / "data", env)

    passed = try_repo(hook_repo, data, env, "--all-files")
    log = passed.stdout + passed.stderr
    assert passed.returncode == 0, log
    assert "uhc-roadmap validate" in log
    assert "Passed" in log  # the workflow file is YAML but not under roadmaps/: not checked

    broken = data / "roadmaps" / "broken.yaml"
    broken.write_text('schema_version: "1"\ncountry: MA\ncountry: DZ\n', encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=data, env=env, check=True)
    failed = try_repo(hook_repo, data, env, "--all-files")
    log = failed.stdout + failed.stderr
    assert failed.returncode == 1, log
    assert "Failed" in log
    assert "roadmaps/broken.yaml:3:1: Y002 error: duplicate key `country`" in log

    partial = try_repo(hook_repo, data, env, "--files", "roadmaps/morocco.yaml")
    assert partial.returncode == 0, partial.stdout + partial.stderr


def test_fmt_hook_rewrites_a_roadmap_out_of_layout_then_passes(
    hook_repo: Path, home: Path, tmp_path: Path
) -> None:
    env = environment(home)
    data = roadmap_repo(tmp_path / "data", env)
    passed = try_repo(hook_repo, data, env, "--all-files", hook="uhc-roadmap-fmt")
    assert passed.returncode == 0, passed.stdout + passed.stderr

    morocco = data / "roadmaps" / "morocco.yaml"
    original = morocco.read_text(encoding="utf-8")
    morocco.write_text(original.replace("country: MA", 'country: "MA"'), encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=data, env=env, check=True)
    failed = try_repo(hook_repo, data, env, "--all-files", hook="uhc-roadmap-fmt")
    log = failed.stdout + failed.stderr
    assert failed.returncode == 1, log
    assert "files were modified by this hook" in log
    assert morocco.read_text(encoding="utf-8") == original


def test_warnings_are_shown_on_a_passing_commit_and_fail_it_with_strict(
    hook_repo: Path, home: Path, tmp_path: Path
) -> None:
    env = environment(home)
    data = roadmap_repo(tmp_path / "data", env)
    morocco = data / "roadmaps" / "morocco.yaml"
    text = morocco.read_text(encoding="utf-8")
    morocco.write_text(text.replace("programme: UHC Partnership", "programme: yes", 1))
    subprocess.run(["git", "add", "-A"], cwd=data, env=env, check=True)

    passed = try_repo(hook_repo, data, env, "--all-files")
    log = passed.stdout + passed.stderr
    assert passed.returncode == 0, log
    assert "Y009 warning: `yes` is read as text here" in log

    config = data / "strict.yaml"
    config.write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {git('rev-parse', 'HEAD', cwd=hook_repo).strip()}\n"
        "    hooks:\n      - id: uhc-roadmap-validate\n        args: [--strict]\n",
        encoding="utf-8",
    )
    strict = subprocess.run(
        [str(PRE_COMMIT), "run", "--config", str(config), "--all-files"],
        cwd=data,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    log = strict.stdout + strict.stderr
    assert strict.returncode == 1, log
    assert "Y009 warning" in log


def documented_local_config() -> str:
    """docs/ci.md's `repo: local` configuration, exactly as a user copies it."""
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    [block] = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "repo: local" in b]
    return block


def commit(data: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "commit", "-m", message],
        cwd=data,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def test_the_documented_local_hook_blocks_a_bad_commit_and_passes_a_good_one(
    tmp_path: Path,
) -> None:
    """With uhc-roadmap installed (here: this environment's), following docs/ci.md literally."""
    if shutil.which("git") is None:
        pytest.skip("needs git")
    env = environment(tmp_path)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    data = tmp_path / "data"
    (data / "roadmaps").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=data, env=env, check=True)
    (data / ".pre-commit-config.yaml").write_text(documented_local_config(), encoding="utf-8")
    installed = subprocess.run(
        [str(PRE_COMMIT), "install"], cwd=data, env=env, capture_output=True, text=True, check=False
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    shutil.copy(ROADMAPS / "morocco.yaml", data / "roadmaps" / "morocco.yaml")
    subprocess.run(["git", "add", "-A"], cwd=data, env=env, check=True)
    good = commit(data, env, "a valid roadmap")
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"uhc-roadmap validate\.+Passed", good.stdout + good.stderr)

    broken = data / "roadmaps" / "broken.yaml"
    broken.write_text('schema_version: "1"\ncountry: MA\ncountry: DZ\n', encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=data, env=env, check=True)
    bad = commit(data, env, "an invalid roadmap")
    log = bad.stdout + bad.stderr
    assert bad.returncode != 0, log
    assert re.search(r"uhc-roadmap validate\.+Failed", log)
    assert "roadmaps/broken.yaml:3:1: Y002 error: duplicate key `country`" in log
    assert git("rev-list", "--count", "HEAD", cwd=data).strip() == "1"  # the commit was refused
