"""A file at a git revision (`git show REV:./path`), for `diff --since`, and a file's
history (`git log --follow`, then every version through one `git cat-file --batch`), for
`report --history` and the site. No checkout: the working tree is never touched.

git runs in the file's own folder, so the file may sit in any repository, at any depth, and
the path is given to git relative to that folder (``./name``) rather than to the top level.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
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


@dataclass(frozen=True, slots=True)
class Revision:
    """A commit that changed the file: when, by which message, and the file's path then
    (relative to the repository's top level; it differs from today's after a rename)."""

    commit: str
    date: datetime
    subject: str
    path: str


@dataclass(frozen=True, slots=True)
class FileLog:
    """The revisions of one file, oldest first, and what bounds them."""

    top: Path
    """The repository's top level."""
    path: str
    """The file's path today, relative to ``top``."""
    revisions: tuple[Revision, ...]
    truncated: bool
    """More revisions exist than were asked for (``--max-revisions``)."""
    shallow: bool
    """The repository is a shallow clone: its oldest commits are not there."""


def file_log(path: Path, *, since: str | None = None, limit: int = 200) -> FileLog:
    """The commits that changed ``path`` (renames followed), the newest ``limit`` of them;
    with ``since``, only those after that revision (``since..HEAD``)."""
    folder = path.parent.resolve()
    if not folder.is_dir():
        raise GitError(f"{path}: the folder {path.parent} does not exist")
    # One git for the three questions (a site asks them for a hundred files).
    answer = _git(
        folder, "rev-parse", "--show-toplevel", "--is-shallow-repository", "--verify", "--quiet",
        "HEAD^{commit}", problem=f"{path}: not in a git repository", ok=1,
    ).decode("utf-8", "surrogateescape").splitlines()  # fmt: skip
    if len(answer) < 2:
        raise GitError(f"{path}: not in a git repository")
    top, shallow = Path(answer[0]), answer[1] == "true"
    if len(answer) < 3:
        return FileLog(top, _relative(path, top), (), False, shallow)  # no commit yet
    span = ["HEAD"]
    if since is not None:
        _check_revision(folder, since)
        span = [f"{since}..HEAD"]
    raw = _git(
        folder,
        "log", "--follow", "-M", "--name-status", "-z", f"-n{limit + 1}",
        "--format=%x1e%H%x1f%cI%x1f%s", *span, "--", f"./{path.name}",
        problem=f"{path}: git cannot read its history",
    )  # fmt: skip
    current = _relative(path, top)
    revisions = _parse_log(raw, current)
    return FileLog(
        top, current, tuple(reversed(revisions[:limit])), len(revisions) > limit, shallow
    )


def read_versions(top: Path, revisions: Sequence[Revision], max_bytes: int) -> list[bytes]:
    """Each revision's version of its file, in one ``git cat-file --batch``; a version larger
    than ``max_bytes`` is cut one byte past it (the loader then refuses it by size)."""
    if not revisions:
        return []
    if any("\n" in r.path for r in revisions):  # the batch protocol is line-based
        return [_show(top, r)[: max_bytes + 1] for r in revisions]
    requests = "".join(f"{r.commit}:{r.path}\n" for r in revisions)
    output = _git(
        top,
        "cat-file",
        "--batch",
        problem="git cannot read the file's versions",
        stdin=requests.encode("utf-8", "surrogateescape"),
    )
    versions: list[bytes] = []
    position = 0
    for revision in revisions:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        if len(header) != 3 or header[1] != b"blob":
            raise GitError(f"{revision.path}: git has no version at {revision.commit[:12]}")
        size = int(header[2])
        start = end + 1
        versions.append(output[start : start + min(size, max_bytes + 1)])
        position = start + size + 1
    return versions


def _show(top: Path, revision: Revision) -> bytes:
    spec = f"{revision.commit}:{revision.path}"
    return _git(top, "show", "--no-textconv", spec, problem=f"{revision.path}: cannot be read")


def _check_revision(folder: Path, revision: str) -> None:
    if revision.startswith("-") or not revision.strip():
        raise GitError(f"`{revision}` is not a revision")
    commit = f"{revision}^{{commit}}"
    _git(
        folder, "rev-parse", "--verify", "--quiet", commit, problem=f"unknown revision `{revision}`"
    )


def _relative(path: Path, top: Path) -> str:
    return path.resolve().relative_to(top.resolve()).as_posix()


def _parse_log(raw: bytes, current: str) -> list[Revision]:
    """``git log -z --name-status`` records, newest first, each with the file's path at that
    commit. A record without a status (a merge) has the path its newer neighbour came from."""
    revisions = []
    expected = current
    for record in raw.split(b"\x1e")[1:]:
        header, _, changes = record.partition(b"\x00")
        commit, stamp, subject = header.decode("utf-8", "replace").split("\x1f", 2)
        parts = [
            p.decode("utf-8", "surrogateescape") for p in changes.lstrip(b"\n").split(b"\x00") if p
        ]
        path, older = expected, expected
        if parts:
            status = parts[0]
            if status.startswith("D"):  # the file removed here: no version at this commit
                expected = parts[1]
                continue
            renamed = status[:1] in ("R", "C") and len(parts) >= 3
            path = parts[2] if renamed else parts[1]
            older = parts[1]
        revisions.append(Revision(commit, datetime.fromisoformat(stamp), subject, path))
        expected = older
    return revisions


def _git(folder: Path, *args: str, problem: str, stdin: bytes | None = None, ok: int = 0) -> bytes:
    """Run git; on failure raise ``problem`` with git's own first line of explanation. With
    ``ok`` 1, exit code 1 is an answer (what git printed before it), not a failure."""
    environment = os.environ | {"GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        completed = subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            input=stdin,
            env=environment,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took more than {GIT_TIMEOUT:.0f} s") from None
    if completed.returncode != 0 and (ok == 0 or completed.returncode != ok):
        said = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        first = said[0].removeprefix("fatal: ") if said else ""
        detail = f" ({first})" if first and problem and "not a git repository" not in first else ""
        raise GitError(problem + detail)
    return completed.stdout
