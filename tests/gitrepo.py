"""Temporary git repositories for the history tests: commits with fixed dates and authors."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

HISTORY = FIXTURES / "history"
GIT = shutil.which("git")


class Repo:
    """A repository in ``folder`` whose commits are dated one day apart from 2022-01-10."""

    def __init__(self, folder: Path) -> None:
        if GIT is None:
            pytest.fail("git is needed for the history tests")
        self.folder = folder
        self.day = 10
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "tests@example.org")
        self.git("config", "user.name", "Tests")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str) -> str:
        stamp = f"2022-01-{self.day:02d}T12:00:00+01:00"
        environment = os.environ | {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        done = subprocess.run(
            ["git", *args], cwd=self.folder, env=environment, capture_output=True, check=True
        )
        return done.stdout.decode()

    def commit(self, message: str, **files: Path | bytes | None) -> str:
        """Write each ``name=source`` (a fixture path, bytes, None to delete) and commit."""
        for name, source in files.items():
            target = self.folder / name.replace("__", "/")
            target.parent.mkdir(parents=True, exist_ok=True)
            if source is None:
                self.git("rm", "-q", str(target.relative_to(self.folder)))
                continue
            target.write_bytes(source if isinstance(source, bytes) else source.read_bytes())
            self.git("add", str(target.relative_to(self.folder)))
        self.git("commit", "-q", "--allow-empty", "-m", message)
        self.day += 1
        return self.git("rev-parse", "HEAD").strip()

    def rename(self, old: str, new: str, message: str) -> str:
        self.git("mv", old, new)
        self.git("commit", "-q", "-m", message)
        self.day += 1
        return self.git("rev-parse", "HEAD").strip()


@pytest.fixture
def two_commits(tmp_path: Path) -> Repo:
    """roadmap.yaml adopted with GOV-01 under way, then GOV-01 completed."""
    repo = Repo(tmp_path)
    repo.commit("roadmap adopted", **{"roadmap.yaml": HISTORY / "v1.yaml"})
    repo.commit("GOV-01 completed", **{"roadmap.yaml": HISTORY / "v2.yaml"})
    return repo
