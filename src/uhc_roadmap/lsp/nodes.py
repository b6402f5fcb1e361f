"""The node under the cursor in a document that loads: its document path and where it is
written, from the spans the loader records for the edit engine."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from uhc_roadmap.editing.document import BLOCK_SCALAR, Document
from uhc_roadmap.loading.sourcemap import DocPath
from uhc_roadmap.lsp.analysis import Checked


@dataclass(frozen=True)
class Node:
    """A scalar of the document: the value at ``path``, or its key when ``key``. ``start`` and
    ``end`` are offsets in the editor's text."""

    path: DocPath
    key: bool
    start: int
    end: int
    value: Any


class NodeIndex:
    """Scalars by where they are written, and the document path of each."""

    def __init__(self, doc: Document, bom: int) -> None:
        self.doc = doc
        self.bom = bom
        self._starts = list(doc.spans.scalars)
        self._paths: dict[int, tuple[DocPath, bool]] = {}
        for table, is_key in ((doc.source_map.values, False), (doc.source_map.keys, True)):
            for path, position in table.items():
                offset = doc.spans.offset(position)
                if offset in doc.spans.scalars:
                    self._paths[offset] = (path, is_key)

    def at(self, offset: int) -> Node | None:
        """The scalar written at ``offset`` (its end counts: the cursor after a word is on it)."""
        local = offset - self.bom
        index = bisect_right(self._starts, local) - 1
        if index < 0:
            return None
        start = self._starts[index]
        _, end, style = self.doc.spans.scalars[start]
        if style in BLOCK_SCALAR:
            end = self.doc.content_end(self.doc.spans.values[self._paths[start][0]])
        if not start <= local <= end or start not in self._paths:
            return None
        return self.node(*self._paths[start])

    def node(self, path: DocPath, key: bool = False) -> Node | None:
        """The scalar at ``path`` (its key when ``key``)."""
        spans = self.doc.spans.keys if key else self.doc.spans.values
        span = spans.get(path)
        if span is None:
            return None
        value: Any = path[-1] if key else _value(self.doc.data, path)
        return Node(path, key, span.start + self.bom, span.end + self.bom, value)


def index_of(checked: Checked) -> NodeIndex | None:
    """The node index of a checked version (built once, when first asked)."""
    doc = checked.parsed()
    if doc is None:
        return None
    found = checked.cache.get("nodes")
    if not isinstance(found, NodeIndex):
        found = NodeIndex(doc, checked.bom)
        checked.cache["nodes"] = found
    return found


def _value(data: Any, path: DocPath) -> Any:
    node = data
    for element in path:
        node = node[element]
    return node
