"""Comments glued to what comes before them, which libyaml accepts and YAML 1.2 forbids.

YAML starts a comment only at a ``#`` that follows white space (or starts a line); a ``#``
inside a plain value is part of it (``C#``, ``page#3``). libyaml does not check this after a
closing quote, a bracket, a comma or a block scalar's ``|``/``>`` header: it drops
``# not a comment`` from ``programme: "UHC Partnership"# not a comment`` as a comment, where
YAML 1.2 readers refuse the file. The two disagree on what the file says, so the loader
reports such a ``#`` (Y014) at the place it stands.

The check costs nothing on most files: only a ``#`` right after one of those characters
makes the loader keep the positions of the values (:func:`may_have_glued_comments`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence

_GLUE = frozenset("\"']}[{,:|>+-0123456789")
"""What a glued ``#`` can follow: a closing quote, a flow indicator, a block scalar header
(``|``, ``>``, ``-``, ``+``, an indentation digit), or a directive's version number."""
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")
_LINE_BREAKS = "\n\r\x85\u2028\u2029"

Span = tuple[int, int, str]
"""A value's text in the file: start and end offsets, and its style ("" when plain)."""


def may_have_glued_comments(text: str) -> bool:
    """True when a ``#`` follows a character it could be glued to (a quick look)."""
    index = text.find("#", 1)
    while index != -1:
        if text[index - 1] in _GLUE:
            return True
        index = text.find("#", index + 1)
    return False


def glued_comments(text: str, values: Sequence[Span]) -> list[int]:
    """Offsets of the ``#`` of every comment not separated from what precedes it.

    ``values`` are the spans of every scalar of the file, in order: a ``#`` inside one is
    text, anything else is a comment's start unless a comment already began on its line.
    """
    starts = [start for start, _, _ in values]

    def inside(offset: int) -> bool:
        at = bisect_right(starts, offset) - 1
        return at >= 0 and offset < values[at][1]

    found = [*_after_block_headers(text, values)]
    index = text.find("#", 1)
    while index != -1:
        if text[index - 1] in _GLUE and not inside(index) and _first_on_line(text, index, inside):
            found.append(index)
        index = text.find("#", index + 1)
    return sorted(found)


def _after_block_headers(text: str, values: Sequence[Span]) -> list[int]:
    """``|#`` and ``>-#``: the header is part of the block scalar's span, so looked at here."""
    found = []
    for start, _, style in values:
        if style in ("|", ">"):
            header = _BLOCK_HEADER.match(text, start)
            if header is not None and text.startswith("#", header.end()):
                found.append(header.end())
    return found


def _first_on_line(text: str, index: int, inside: Callable[[int], bool]) -> bool:
    """No comment began earlier on this line (a ``#`` inside a comment is its text)."""
    line_start = max(text.rfind(brk, 0, index) for brk in _LINE_BREAKS) + 1
    earlier = text.find("#", line_start, index)
    while earlier != -1:
        if not inside(earlier):
            return False
        earlier = text.find("#", earlier + 1, index)
    return True
