"""A roadmap file opened for editing: its text, its data and where every node is written."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from uhc_roadmap.diagnostics import Diagnostic, Severity
from uhc_roadmap.editing.errors import NotLoadable
from uhc_roadmap.loading import LoadedDocument, load_document
from uhc_roadmap.loading.loader import Limits
from uhc_roadmap.loading.sourcemap import DocPath, SourceMap, Span, Spans

_BOM = b"\xef\xbb\xbf"
FLOW = frozenset({"{", "["})
"""Span styles of flow collections."""
BLOCK = frozenset({":", "-"})
"""Span styles of block collections."""
COLLECTION = FLOW | BLOCK
BLOCK_SCALAR = frozenset({"|", ">"})
QUOTED = frozenset({"'", '"'})
_BLANK = " \t\r\n"


@dataclass
class Document:
    """One loaded file. Offsets are character offsets into ``text`` (the BOM removed)."""

    file: str
    text: str
    data: dict[str, Any]
    source_map: SourceMap
    spans: Spans
    findings: list[Diagnostic] = field(default_factory=list)
    bom: bool = False
    raw: bytes = b""
    _starts: list[int] | None = field(default=None, repr=False)
    _scalars: list[tuple[int, int, str]] | None = field(default=None, repr=False)
    _scalar_starts: list[int] | None = field(default=None, repr=False)

    @classmethod
    def parse(cls, raw: bytes, file: str, limits: Limits | None = None) -> Document:
        """Load ``raw``; a file that does not load raises NotLoadable with its findings."""
        loaded = load_document(raw, file, limits, spans=True)
        spans = loaded.source_map.spans
        if loaded.data is None or loaded.text is None or spans is None:
            errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
            raise NotLoadable(f"{file} does not load as YAML", errors or loaded.diagnostics)
        return cls(
            file,
            loaded.text,
            loaded.data,
            loaded.source_map,
            spans,
            list(loaded.diagnostics),
            bom=raw.startswith(_BOM),
            raw=raw,
        )

    def loaded(self) -> LoadedDocument:
        """The file as the validator takes it, without loading it again."""
        return LoadedDocument(self.file, self.text, self.data, self.source_map, self.findings)

    def encode(self, text: str) -> bytes:
        """The bytes of an edited text, with the BOM the file had."""
        return (_BOM if self.bom else b"") + text.encode("utf-8")

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"

    # -- lines --------------------------------------------------------------------------

    @property
    def line_starts(self) -> list[int]:
        """Where each line starts (lines ended by a line feed)."""
        if self._starts is None:
            lengths = map(len, self.text.split("\n"))
            self._starts = list(accumulate(lengths, lambda a, n: a + n + 1, initial=0))[:-1]
        return self._starts

    def in_scalar(self, offset: int) -> bool:
        """True when ``offset`` is inside the text of a scalar (a key or a value), not at its
        start; the blank lines after a block scalar are not inside it."""
        if self._scalars is None:
            self._scalars = list(self.spans.scalars.values())
            self._scalar_starts = [span[0] for span in self._scalars]
        assert self._scalar_starts is not None
        index = bisect_right(self._scalar_starts, offset) - 1
        if index < 0:
            return False
        start, end, style = self._scalars[index]
        if style in BLOCK_SCALAR:
            while end > start and self.text[end - 1] in _BLANK:
                end -= 1
        return start < offset < end

    def line_of(self, offset: int) -> int:
        """0-based line of ``offset``."""
        return bisect_right(self.line_starts, offset) - 1

    def line_start(self, offset: int) -> int:
        return self.line_starts[self.line_of(offset)]

    def line_end(self, offset: int) -> int:
        """Where the line holding ``offset`` ends, before its line break."""
        end = self.text.find("\n", offset)
        if end < 0:
            return len(self.text)
        return end - 1 if end > 0 and self.text[end - 1] == "\r" else end

    def next_line(self, offset: int) -> int:
        """The start of the line after the one holding ``offset`` (or the end of the text)."""
        end = self.text.find("\n", offset)
        return len(self.text) if end < 0 else end + 1

    def column(self, offset: int) -> int:
        """0-based column (in characters) of ``offset``."""
        return offset - self.line_start(offset)

    def indentation(self, offset: int) -> int:
        """How many spaces start the line holding ``offset``."""
        start = self.line_start(offset)
        end = start
        while end < len(self.text) and self.text[end] == " ":
            end += 1
        return end - start

    # -- nodes --------------------------------------------------------------------------

    def span(self, path: DocPath) -> Span:
        return self.spans.values[path]

    def key_span(self, path: DocPath) -> Span | None:
        return self.spans.keys.get(path)

    def content_end(self, span: Span) -> int:
        """Where a node's text really ends: a block scalar's (or block collection's) span
        takes in the blank lines after it."""
        end = span.end
        text = self.text
        while end > span.start and text[end - 1] in _BLANK:
            end -= 1
        return end

    def in_flow(self, path: DocPath) -> bool:
        """True when the node at ``path`` sits inside a flow collection."""
        return bool(path) and self.spans.values[path[:-1]].style in FLOW

    def item_head(self, path: DocPath) -> int:
        """Where the ``-`` of a block sequence item stands."""
        start = self.spans.values[path].start
        index = start - 1
        text = self.text
        while index >= 0 and text[index] in _BLANK:
            index -= 1
        return index if index >= 0 and text[index] == "-" else start

    def entry_head(self, path: DocPath) -> int:
        """Where the entry for ``path`` starts: its key, or the `-` of a block list item."""
        key = self.spans.keys.get(path)
        if key is not None:
            return key.start
        if path and isinstance(path[-1], int) and self.spans.values[path[:-1]].style == "-":
            return self.item_head(path)
        return self.spans.values[path].start
