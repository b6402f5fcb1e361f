"""Documents as the editor holds them, and positions as the Language Server Protocol counts them.

LSP positions are 0-based lines and columns in code units of the negotiated encoding (UTF-16
unless the client offers another): an emoji counts two, an accented letter one. Its lines end
at ``\\n``, ``\\r\\n`` or ``\\r`` only, whereas the YAML parser (and so every finding of
``validate``) also ends a line at NEL, LS and PS; findings are therefore placed through
character offsets, never by copying line numbers across.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from lsprotocol import types

UTF16 = "utf-16"
UTF8 = "utf-8"
UTF32 = "utf-32"
ENCODINGS = (UTF16, UTF8, UTF32)
_LINE_BREAK = re.compile("\r\n|\r|\n")
BOM = "\ufeff"


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units ``text`` takes in ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def chars(line: str, count: int, encoding: str = UTF16) -> int:
    """How many characters of ``line`` the first ``count`` code units cover (a position
    inside a character, or past the end of the line, goes to its end)."""
    if encoding == UTF32 or line.isascii():
        return min(count, len(line))
    taken = 0
    for index, char in enumerate(line):
        if taken >= count:
            return index
        taken += units(char, encoding)
    return len(line)


def line_starts(text: str) -> list[int]:
    """Where each line starts, lines ended as LSP ends them."""
    if "\r" not in text:
        return list(accumulate(map(len, text.split("\n")), lambda a, n: a + n + 1, initial=0))[:-1]
    return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]


class TextDocument:
    """One open document: its text, its version, and the start of each of its lines."""

    __slots__ = ("_starts", "encoding", "text", "uri", "version")

    def __init__(self, uri: str, text: str, version: int | None = None, encoding: str = UTF16):
        self.uri = uri
        self.text = text
        self.version = version
        self.encoding = encoding
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = line_starts(self.text)
        return self._starts

    def line(self, number: int) -> str:
        """The text of a 0-based line, without its line break."""
        starts = self.starts
        if not 0 <= number < len(starts):
            return ""
        end = starts[number + 1] if number + 1 < len(starts) else len(self.text)
        return self.text[starts[number] : end].rstrip("\r\n")

    def offset(self, line: int, character: int) -> int:
        """The character offset of an LSP position (clamped to the text)."""
        starts = self.starts
        if line < 0:
            return 0
        if line >= len(starts):
            return len(self.text)
        return starts[line] + chars(self.line(line), max(character, 0), self.encoding)

    def position(self, offset: int) -> tuple[int, int]:
        """The LSP (line, character) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return line, units(self.text[start:offset], self.encoding)

    def lsp_position(self, offset: int) -> types.Position:
        line, character = self.position(offset)
        return types.Position(line=line, character=character)

    def lsp_range(self, start: int, end: int) -> types.Range:
        """The LSP range from one character offset to another."""
        return types.Range(start=self.lsp_position(start), end=self.lsp_position(end))

    def replace(self, start: int, end: int, new: str) -> None:
        """Replace the characters from ``start`` to ``end`` (an incremental change)."""
        old = self.text
        self.text = "".join((old[:start], new, old[end:]))  # one copy of a long text, not two
        starts = self._starts
        if starts is None or "\r" in new or "\r" in old[max(0, start - 1) : end + 1]:
            self._starts = None  # a CR may join or split a CRLF: count again when asked
            return
        first = bisect_right(starts, start)  # the lines that start after the change begins
        last = bisect_right(starts, end)
        added = [start + m.end() for m in re.finditer("\n", new)]
        delta = len(new) - (end - start)
        starts[first:] = [*added, *(s + delta for s in starts[last:])]

    def apply(self, change_range: tuple[tuple[int, int], tuple[int, int]] | None, new: str) -> None:
        """An LSP content change: a range (start and end positions) and its new text, or the
        whole text when ``change_range`` is None."""
        if change_range is None:
            self.text = new
            self._starts = None
            return
        (start_line, start_char), (end_line, end_char) = change_range
        start = self.offset(start_line, start_char)
        end = max(start, self.offset(end_line, end_char))
        self.replace(start, end, new)
