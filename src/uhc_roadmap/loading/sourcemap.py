"""Where each node of a document stands in its file, by document path."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, NamedTuple

DocPath = tuple[str | int, ...]
Position = tuple[int, int]


class Span(NamedTuple):
    """Where a node's text starts and ends (character offsets into the decoded text).

    ``style`` is how it is written: for a scalar ``""`` (plain), ``"'"``, ``'"'``, ``"|"`` or
    ``">"``; for a collection ``"{"`` or ``"["`` (flow), ``":"`` (block mapping) or ``"-"``
    (block sequence). A block collection ends where its last value ends; a block scalar's end
    takes in the blank lines after it, as the YAML parser reports it.
    """

    start: int
    end: int
    style: str


RawSpan = tuple[int, int, str]
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What ends a line for the YAML parser's marks: CRLF, CR, LF, NEL, LS and PS."""
_new = tuple.__new__


class Spans:
    """The span of every value (``values``) and key (``keys``) by document path.

    Recorded only for editing: the loader keeps a table of its events by the offset where
    each starts, and a node's span is looked up, when asked, through the (line, column) the
    source map holds anyway.
    """

    __slots__ = ("collections", "keys", "line_starts", "scalars", "values")

    def __init__(self, scalars: dict[int, RawSpan], collections: dict[int, list[Any]]) -> None:
        self.scalars = scalars
        """Every scalar (keys included) by the offset where it starts, in the order of the text."""
        self.collections = collections
        self.line_starts: list[int] = [0]
        self.values: _SpanView = _SpanView({}, [0], scalars, collections)
        self.keys: _SpanView = _SpanView({}, [0], scalars, {})

    def attach(self, source_map: SourceMap, text: str) -> None:
        """Look spans up through ``source_map``'s positions in ``text``."""
        self.line_starts = line_starts(text)
        self.values = _SpanView(source_map.values, self.line_starts, self.scalars, self.collections)
        self.keys = _SpanView(source_map.keys, self.line_starts, self.scalars, {})

    def offset(self, position: Position) -> int:
        """The character offset of a 1-based (line, column) as the YAML parser counts them."""
        return self.line_starts[position[0] - 1] + position[1] - 1


def line_starts(text: str) -> list[int]:
    """Where each line starts, lines ended as the YAML parser ends them."""
    if "\r" not in text and not any(c in text for c in "\x85\u2028\u2029"):
        return list(accumulate(map(len, text.split("\n")), lambda a, n: a + n + 1, initial=0))[:-1]
    return [0, *(m.end() for m in LINE_BREAK.finditer(text))]


class _SpanView(Mapping[DocPath, Span]):
    """Document path -> Span, through the path's position. (It holds the tables, not the
    Spans that holds it: no reference cycle keeps a document alive.)"""

    __slots__ = ("_collections", "_line_starts", "_positions", "_scalars")

    def __init__(
        self,
        positions: dict[DocPath, Position],
        starts: list[int],
        scalars: dict[int, RawSpan],
        collections: dict[int, list[Any]],
    ) -> None:
        self._positions = positions
        self._line_starts = starts
        self._scalars = scalars
        self._collections = collections

    def __getitem__(self, path: DocPath) -> Span:
        line, column = self._positions[path]
        offset = self._line_starts[line - 1] + column - 1
        found = self._collections.get(offset)
        if found is not None:
            return _new(Span, found)
        return _new(Span, self._scalars[offset])

    def __iter__(self) -> Iterator[DocPath]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)


@dataclass(slots=True)
class SourceMap:
    """Document path -> 1-based (line, col) of the value, and of the key for mapping entries."""

    values: dict[DocPath, Position] = field(default_factory=dict)
    keys: dict[DocPath, Position] = field(default_factory=dict)
    spans: Spans | None = None
    """Start, end and style of every node: only when loaded with ``spans=True``."""

    def resolve(self, loc: Sequence[object]) -> DocPath:
        """The deepest existing document path along ``loc``.

        pydantic inserts union member names (``str``, ``function-plain[...]``) into locations;
        elements that do not name a node are skipped rather than ending the walk.
        """
        path: DocPath = ()
        for element in loc:
            if not isinstance(element, str | int):
                continue
            candidate = (*path, element)
            if candidate in self.values:
                path = candidate
        return path

    def position(self, path: DocPath, *, key: bool = False) -> Position:
        """The position of ``path`` (its key when ``key``), else of its nearest ancestor."""
        if key and path in self.keys:
            return self.keys[path]
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def locate(self, loc: Sequence[object], *, key: bool = False) -> Position:
        """Position for a pydantic ``loc`` or a rule's path."""
        path = self.resolve(loc)
        exact = len(path) == len([e for e in loc if isinstance(e, str | int)])
        return self.position(path, key=key and exact)
