"""Where a finding's file is in the repository: code scanning and merge-request widgets match
findings to the repository's files by their path from its root, whatever the working directory
and whatever form (relative, ``./``, ``..``, absolute) the path was given in."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

STDIN = "<stdin>"


def repository_root(start: Path | None = None) -> Path:
    """The root the paths of a report are relative to: ``$GITHUB_WORKSPACE`` or
    ``$CI_PROJECT_DIR`` (GitHub Actions, GitLab CI), else the enclosing git work tree, else the
    working directory."""
    here = Path(os.path.abspath(start or Path.cwd()))
    for variable in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        value = os.environ.get(variable)
        if value and os.path.isabs(value):
            return Path(os.path.abspath(value))
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def absolute(file: str, cwd: Path | None = None) -> PurePosixPath:
    """The file's absolute path, ``..`` and ``.`` resolved in the text (symbolic links kept, as
    the repository holds them); backslashes read as separators."""
    given = file.replace("\\", "/")
    base = (cwd or Path.cwd()).as_posix()
    joined = given if given.startswith("/") else f"{base}/{given}"
    return PurePosixPath(os.path.normpath(joined).replace("\\", "/"))


def repository_path(file: str, root: Path, cwd: Path | None = None) -> str | None:
    """The file's path from the repository root with forward slashes, or None when the file is
    standard input or lies outside the repository."""
    if file == STDIN:
        return None
    path = absolute(file, cwd)
    top = absolute(str(root))
    if path == top or not path.is_relative_to(top):
        return None
    return path.relative_to(top).as_posix()
