"""Turning a file's bytes into text, with located errors for what is not UTF-8."""

from __future__ import annotations

import re
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
        before = data[: exc.start].decode("utf-8")  # valid up to the first bad byte
        line, col = text_position(before, len(before))
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


# What ends a line for YAML (and libyaml's marks): CRLF, CR, LF, NEL, LS and PS.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def text_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset``, counted as libyaml counts them,
    so that an encoding finding and a syntax finding in one file agree on where line 3 is."""
    line, line_start = 1, 0
    for brk in _LINE_BREAK.finditer(text, 0, offset):
        line, line_start = line + 1, brk.end()
    return line, offset - line_start + 1


def line_text(text: str, line: int) -> str:
    """The text of a 1-based line, lines ended as ``text_position`` ends them."""
    lines = _LINE_BREAK.split(text, maxsplit=line)
    return lines[line - 1] if 0 < line <= len(lines) else ""


# Characters a reader cannot see or that move the text around: controls, zero-width and
# bidirectional formatting, unusual spaces and line separators, unassigned code points.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


SHOWN = 60
"""How much of a value from the file a message quotes."""


def clipped(value: object, limit: int = SHOWN) -> str:
    """A value from the file as a message quotes it: hidden characters escaped, cut short."""
    text = visible(str(value))
    return text if len(text) <= limit else text[: limit - 3] + "..."


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
