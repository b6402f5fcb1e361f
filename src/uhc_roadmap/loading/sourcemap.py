"""Where each node of a document stands in its file, by document path."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

DocPath = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass(slots=True)
class SourceMap:
    """Document path -> 1-based (line, col) of the value, and of the key for mapping entries."""

    values: dict[DocPath, Position] = field(default_factory=dict)
    keys: dict[DocPath, Position] = field(default_factory=dict)

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
