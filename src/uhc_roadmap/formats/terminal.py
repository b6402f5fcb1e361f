"""Text for a terminal or a text log: what could drive it or reorder it, written as an escape.

Formats that write for people at a terminal (validate's text, the report table, the diff as
text) pass file names and roadmap text through :func:`safe`: a control character could move
the cursor or recolour the screen, and a bidirectional control (U+202E RIGHT-TO-LEFT OVERRIDE
and its kin) could show ``ok.yaml`` for ``lmay.ko``, or reverse a figure. JSON outputs carry
the exact text instead (JSON escapes it), and Markdown is escaped by ``formats.markdown``.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

T = TypeVar("T")

BIDI_CONTROLS = (
    "\u061c"  # ARABIC LETTER MARK
    "\u200e\u200f"  # LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings, overrides and their POP
    "\u2066\u2067\u2068\u2069"  # isolates and their POP
)
"""Every character that changes the order in which the terminal shows the text around it."""
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")
_UNSAFE_ONE_LINE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")


def safe(text: str, *, one_line: bool = False) -> str:
    """``text`` with control characters (tab and, unless ``one_line``, line feed aside),
    bidirectional controls and undecodable bytes of a file name written as escapes:
    ``\\x1b``, ``\\u202e``, ``\\xff``. Text without them is returned as it is."""
    pattern = _UNSAFE_ONE_LINE if one_line else _UNSAFE
    if text.isascii() and text.isprintable():
        return text
    return pattern.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by os.fsdecode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def safe_strings(data: T) -> T:
    """``data`` (frozen dataclasses, tuples, lists, dicts) with every string passed through
    :func:`safe`; parts without anything to escape are kept as they are, not copied."""
    return _walk(data)  # type: ignore[no-any-return]


def _walk(data: Any) -> Any:
    if isinstance(data, str):
        return data if safe(data) == data else safe(data)
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        values = {f.name: getattr(data, f.name) for f in dataclasses.fields(data) if f.init}
        changes = {name: _walk(v) for name, v in values.items()}
        changes = {name: v for name, v in changes.items() if v is not values[name]}
        return dataclasses.replace(data, **changes) if changes else data
    if isinstance(data, dict):
        pairs = [(_walk(k), _walk(v)) for k, v in data.items()]
        same = all(k is a and v is b for (k, v), (a, b) in zip(pairs, data.items(), strict=True))
        return data if same else type(data)(pairs)
    if isinstance(data, tuple | list):
        items = [_walk(item) for item in data]
        if all(new is old for new, old in zip(items, data, strict=True)):
            return data
        return type(data)(*items) if hasattr(data, "_fields") else type(data)(items)
    return data
