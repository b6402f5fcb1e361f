"""The unified diff of an edit, as `git diff` shows it, for ``--diff``."""

from __future__ import annotations

import difflib


def unified(name: str, old: str, new: str) -> str:
    """``--- a/NAME`` / ``+++ b/NAME`` and the changed hunks with three lines of context;
    empty when nothing changed."""
    if old == new:
        return ""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
