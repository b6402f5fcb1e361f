"""Read a file as it was at a git revision (`git show REV:./path`), for `diff --since`.

git runs in the file's own folder, so the file may sit in any repository, at any depth, and
the path is given to git relative to that folder (``./name``) rather than to the top level.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from uhc_roadmap.errors import UsageError

GIT_TIMEOUT = 60.0


class GitError(UsageError):
    """git cannot give the older version: a usage problem (exit 2), one line."""


class NotAtRevision(GitError):
    """The file did not exist at the revision (a new file, when found in a directory)."""


def show_at(revision: str, path: Path) -> bytes:
    """The bytes of ``path`` at ``revision`` in the repository that holds it."""
    if revision.startswith("-") or not revision.strip():
        raise GitError(f"`{revision}` is not a revision")
    folder = path.parent.resolve()
    if not folder.is_dir():
        raise GitError(f"{path}: the folder {path.parent} does not exist")
    _git(folder, "rev-parse", "--show-toplevel", problem=f"{path}: not in a git repository")
    commit = f"{revision}^{{commit}}"
    _git(
        folder, "rev-parse", "--verify", "--quiet", commit, problem=f"unknown revision `{revision}`"
    )
    spec = f"{revision}:./{path.name}"
    try:
        _git(folder, "cat-file", "-e", spec, problem="")
    except GitError:
        raise NotAtRevision(f"{path}: not present at revision `{revision}`") from None
    return _git(
        folder, "show", "--no-textconv", spec, problem=f"{path}: cannot be read at `{revision}`"
    )


def _git(folder: Path, *args: str, problem: str) -> bytes:
    """Run git; on failure raise ``problem`` with git's own first line of explanation."""
    environment = os.environ | {"GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        completed = subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            env=environment,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took more than {GIT_TIMEOUT:.0f} s") from None
    if completed.returncode != 0:
        said = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        first = said[0].removeprefix("fatal: ") if said else ""
        detail = f" ({first})" if first and problem and "not a git repository" not in first else ""
        raise GitError(problem + detail)
    return completed.stdout
