"""Comments glued to what comes before them, which libyaml accepts and YAML 1.2 forbids.

YAML starts a comment only at a ``#`` that follows white space (or starts a line); a ``#``
inside a plain value is part of it (``C#``, ``page#3``). libyaml does not check this after a
closing quote, a bracket, a comma or a block scalar's ``|``/``>`` header: it drops
``# not a comment`` from ``programme: "UHC Partnership"# not a comment`` as a comment, where
YAML 1.2 readers refuse the file. The two disagree on what the file says, so the loader
reports such a ``#`` (Y015) at the place it stands.

The check costs next to nothing: most files have no ``#`` right after one of those
characters (:func:`may_have_glued_comments`); for the others the loader keeps its scalar
events and each such ``#`` is placed among them by bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from yaml.events import ScalarEvent

_GLUE = frozenset("\"']}[{,:|>+-0123456789")
"""What a glued ``#`` can follow: a closing quote, a flow indicator, a block scalar header
(``|``, ``>``, ``-``, ``+``, an indentation digit), or a directive's version number."""
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")
_LINE_BREAKS = "\n\r\x85\u2028\u2029"


def _start(scalar: ScalarEvent) -> int:
    return scalar.start_mark.index if scalar.start_mark is not None else 0


def _end(scalar: ScalarEvent) -> int:
    return scalar.end_mark.index if scalar.end_mark is not None else 0


def may_have_glued_comments(text: str) -> bool:
    """True when a ``#`` follows a character it could be glued to (a quick look)."""
    index = text.find("#", 1)
    while index != -1:
        if text[index - 1] in _GLUE:
            return True
        index = text.find("#", index + 1)
    return False


def glued_comments(text: str, scalars: Sequence[ScalarEvent]) -> list[int]:
    """Offsets of the ``#`` of every comment not separated from what precedes it.

    ``scalars`` are every scalar of the file, in order. A ``#`` inside one is its text
    (but for a block scalar's header line, ``|#``); anywhere else, a ``#`` starts a comment
    unless a comment already began on its line.
    """
    found = []
    index = text.find("#", 1)
    while index != -1:
        if text[index - 1] in _GLUE and _glued(text, index, scalars):
            found.append(index)
        index = text.find("#", index + 1)
    return found


def _glued(text: str, index: int, scalars: Sequence[ScalarEvent]) -> bool:
    around = _scalar_at(scalars, index)
    if around is None:
        return _first_on_line(text, index, scalars)
    if around.style in ("|", ">"):
        header = _BLOCK_HEADER.match(text, _start(around))
        return header is not None and header.end() == index
    return False


def _scalar_at(scalars: Sequence[ScalarEvent], index: int) -> ScalarEvent | None:
    """The scalar whose text holds ``index`` (scalars never overlap), or None."""
    at = bisect_right(scalars, index, key=_start) - 1
    if at >= 0 and index < _end(scalars[at]):
        return scalars[at]
    return None


def _first_on_line(text: str, index: int, scalars: Sequence[ScalarEvent]) -> bool:
    """No comment began earlier on this line (a ``#`` inside a comment is its text)."""
    line_start = max(text.rfind(brk, 0, index) for brk in _LINE_BREAKS) + 1
    earlier = text.find("#", line_start, index)
    while earlier != -1:
        if _scalar_at(scalars, earlier) is None:
            return False
        earlier = text.find("#", earlier + 1, index)
    return True
