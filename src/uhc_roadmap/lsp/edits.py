"""A new text as LSP text edits: the lines that changed, nothing else, so that the editor keeps
its cursor, its folds and an undo step per change."""

from __future__ import annotations

import difflib

from lsprotocol import types

from uhc_roadmap.lsp.text import TextDocument

_MAX_DIFFED_LINES = 20_000
"""Past this many changed lines, the changed region is replaced as one edit."""


def text_edits(doc: TextDocument, new: str) -> list[types.TextEdit]:
    """The edits that turn ``doc``'s text into ``new``."""
    old = doc.text
    if old == new:
        return []
    prefix = _common_prefix(old, new)
    prefix = old.rfind("\n", 0, prefix) + 1  # whole lines
    suffix = _common_suffix(old[prefix:], new[prefix:])
    old_end, new_end = len(old) - suffix, len(new) - suffix
    if old_end > prefix and old[old_end - 1] != "\n":  # whole lines at the end too
        following = old.find("\n", old_end)
        shift = (len(old) if following < 0 else following + 1) - old_end
        old_end, new_end = old_end + shift, new_end + shift
    old_lines = old[prefix:old_end].splitlines(keepends=True)
    new_lines = new[prefix:new_end].splitlines(keepends=True)
    if len(old_lines) + len(new_lines) > _MAX_DIFFED_LINES:
        return [types.TextEdit(range=doc.lsp_range(prefix, old_end), new_text=new[prefix:new_end])]
    edits = []
    starts = _starts(old_lines, prefix)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        edits.append(
            types.TextEdit(
                range=doc.lsp_range(starts[i1], starts[i2]), new_text="".join(new_lines[j1:j2])
            )
        )
    return edits


def _starts(lines: list[str], first: int) -> list[int]:
    starts = [first]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def _common_prefix(a: str, b: str) -> int:
    """The length of the common start of ``a`` and ``b`` (by halving: string comparison runs
    in C, so this stays fast on a file of megabytes)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle :] == b[len(b) - middle :]:
            low = middle
        else:
            high = middle - 1
    return low
