"""Writing values as YAML text that the strict loader reads back as the same value.

Plain (unquoted) where YAML 1.2 and YAML 1.1 readers agree that the text is that very string,
double-quoted otherwise; numbers, booleans and null as YAML 1.2 core scalars.
"""

from __future__ import annotations

import math
import re
from typing import Any

from uhc_roadmap.loading.scalars import ScalarRangeError, resolve_plain, yaml11_reading

# A plain scalar may not start with an indicator character (YAML 1.2, 7.3.3).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = frozenset(",[]{}")
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\x00": "\\0",
    "\x07": "\\a",
    "\x08": "\\b",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\x1b": "\\e",
}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f]')


def plain_ok(value: str, *, flow: bool, yaml11: bool = True) -> bool:
    """True when ``value`` can be written without quotes and is read back as this text.

    Conservative: a value that a YAML 1.2 reader, or with ``yaml11`` a YAML 1.1 reader too,
    might take for a number, a boolean or a piece of syntax is quoted.
    """
    if not value or value != value.strip() or not _printable(value):
        return False
    first = value[0]
    if first in _INDICATORS and not (first == "-" and len(value) > 1 and value[1] != " "):
        return False
    if ": " in value or " #" in value or value.endswith(":") or "\t" in value:
        return False
    if value.startswith(("---", "...")):
        return False
    if flow and (":" in value or any(c in _FLOW_INDICATORS for c in value)):
        return False
    try:
        if resolve_plain(value) != value:
            return False
    except ScalarRangeError:
        return False
    return not yaml11 or yaml11_reading(value) is None


def plain_key_ok(key: str, *, flow: bool) -> bool:
    """True when a mapping key can be written without quotes (read back as the same text)."""
    if not key or key != key.strip() or not _printable(key):
        return False
    if key[0] in _INDICATORS and not (key[0] == "-" and len(key) > 1 and key[1] != " "):
        return False
    if ": " in key or " #" in key or key.endswith(":") or key.startswith(("---", "...")):
        return False
    return not (flow and (":" in key or any(c in _FLOW_INDICATORS for c in key)))


def _printable(value: str) -> bool:
    """No character a reader cannot see: controls, format characters (zero-width, direction
    marks, the BOM), separators other than the space, unassigned code points."""
    return value.isprintable()


def double_quoted(value: str) -> str:
    """``value`` in double quotes, with the escapes YAML defines for what cannot be shown."""
    if value.isascii() and value.isprintable() and not _NEEDS_ESCAPE.search(value):
        return f'"{value}"'
    return '"' + "".join(_escape(char) for char in value) + '"'


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if char.isprintable():
        return char
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def single_quoted(value: str) -> str | None:
    """``value`` in single quotes, or None when single quotes cannot hold it (line breaks,
    characters that need an escape)."""
    if "\n" in value or not _printable(value) or value != value.strip("\r\t"):
        return None
    return "'" + value.replace("'", "''") + "'"


def text_scalar(value: str, *, flow: bool, quote: str = "") -> str:
    """A string as YAML: plain when ``quote`` is empty and plain is safe, else quoted with
    ``quote`` (``'`` or ``"``) where that quote can hold it, else double-quoted."""
    if not quote and plain_ok(value, flow=flow):
        return value
    if quote == "'":
        single = single_quoted(value)
        if single is not None:
            return single
    return double_quoted(value)


def number_text(value: int | float) -> str:
    """A number as a YAML 1.2 core scalar that reads back as the same number."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return repr(value)


def scalar_text(value: Any, *, flow: bool, quote: str = "") -> str:
    """Any scalar value (text, number, boolean, null) as YAML."""
    if value is None:
        return "null"
    if isinstance(value, bool | int | float):
        return number_text(value)
    return text_scalar(str(value), flow=flow, quote=quote)


def key_text(key: str, *, flow: bool) -> str:
    return key if plain_key_ok(key, flow=flow) else double_quoted(key)
