"""Turning a file's bytes into text, with located errors for what is not UTF-8."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_UTF8_BOM = b"\xef\xbb\xbf"
_FOREIGN_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


@dataclass(frozen=True, slots=True)
class DecodeProblem:
    line: int
    col: int
    message: str
    hint: str


def decode(data: bytes) -> str | DecodeProblem:
    """UTF-8 text without its BOM, or the first reason it cannot be read as such."""
    for bom, name in _FOREIGN_BOMS:
        if data.startswith(bom):
            return DecodeProblem(
                1, 1, f"the file is encoded as {name}", "save it as UTF-8 (without a BOM)"
            )
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = byte_position(data, exc.start)
        return DecodeProblem(
            line,
            col,
            f"invalid UTF-8 byte 0x{data[exc.start]:02x}",
            "save the file as UTF-8; legacy encodings such as Latin-1 or Windows-1252 are not read",
        )
    nul = text.find("\x00")
    if nul >= 0:
        line, col = text_position(text, nul)
        return DecodeProblem(
            line, col, "the file contains a NUL character", "is this a binary file?"
        )
    return text


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def text_position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


# Characters a reader cannot see or that move the text around: controls, zero-width and
# bidirectional formatting, unusual spaces and line separators, unassigned code points.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def visible(text: str) -> str:
    """``text`` with every hidden character written as an escape, e.g. ``GOV\\u200b-01``.

    Messages quote values from the file; a zero-width space or a right-to-left mark would make
    two different ids look the same, and a control character could rewrite the terminal.
    """
    if text.isascii() and text.isprintable():
        return text
    return "".join(_escape(char) if _hidden(char) else char for char in text)


def _hidden(char: str) -> bool:
    category = unicodedata.category(char)
    return category in _HIDDEN_CATEGORIES or (category == "Zs" and char != " ")


_NAMED_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(char: str) -> str:
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
