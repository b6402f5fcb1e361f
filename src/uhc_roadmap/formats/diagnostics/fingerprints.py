"""Line fingerprints that survive line shifts: GitHub code scanning's ``primaryLocationLineHash``.

GitHub matches an alert across runs by this hash of the line it points at, so that an alert
is the same alert after lines are added above it. The algorithm is the one GitHub documents
for SARIF producers and runs in ``github/codeql-action`` when a log has no fingerprints: a
rolling hash (base 37, wrapping at 64 bits) over a window of the next 100 characters from the
start of each line, spaces and tabs skipped, ``\\r\\n`` and ``\\r`` read as ``\\n``, the end of
the text marked by 65535 and padded with zeros; the value, in hexadecimal, is followed by
``:N``, N counting the lines of the file that hashed to the same value so far. Characters are
UTF-16 code units, as JavaScript reads them.
"""

from __future__ import annotations

from collections import Counter

BLOCK = 100
_BASE = 37
_MASK = (1 << 64) - 1
_END = 0xFFFF
_FIRST = pow(_BASE, BLOCK, 1 << 64)  # what the character leaving the window weighed
_SKIPPED = {ord(" "), ord("\t")}
_LF, _CR = ord("\n"), ord("\r")


def _units(text: str) -> list[int]:
    data = text.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(data[i : i + 2], "little") for i in range(0, len(data), 2)]


def line_hashes(text: str) -> dict[int, str]:
    """``{line number (1-based): "hash:count"}`` for every line of ``text``."""
    window = [0] * BLOCK
    starts = [-1] * BLOCK  # the line that starts at this window slot, or -1
    index = 0
    value = 0
    line = 0
    line_start = True
    after_cr = False
    seen: Counter[str] = Counter()
    hashes: dict[int, str] = {}

    def emit() -> None:
        digest = format(value, "x")
        seen[digest] += 1
        hashes[starts[index]] = f"{digest}:{seen[digest]}"
        starts[index] = -1

    def push(unit: int) -> None:
        nonlocal value, index
        leaving = window[index]
        window[index] = unit
        value = (_BASE * value + unit - _FIRST * leaving) & _MASK
        index = (index + 1) % BLOCK

    for unit in [*_units(text), _END]:
        if unit in _SKIPPED or (after_cr and unit == _LF):
            after_cr = False
            continue
        after_cr = unit == _CR
        if after_cr:
            unit = _LF
        if starts[index] != -1:
            emit()
        if line_start:
            line_start = False
            line += 1
            starts[index] = line
        if unit == _LF:
            line_start = True
        push(unit)
    for _ in range(BLOCK):
        if starts[index] != -1:
            emit()
        push(0)
    return hashes
