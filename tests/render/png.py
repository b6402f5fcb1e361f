"""A small PNG reader for screenshot checks (8-bit RGB/RGBA, as Chromium writes them).

Pillow is not a dependency; reading the pixels lets a test ask what a person would see: are the
chart colours on the page, is the page more than blank?
"""

from __future__ import annotations

import struct
import zlib
from collections import Counter
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    channels: int
    rows: list[bytes]

    def colours(self, step: int = 2) -> Counter[str]:
        """How often each colour (``#rrggbb``) appears, sampling every ``step`` pixel and row."""
        found: Counter[str] = Counter()
        stride = self.channels * step
        for row in self.rows[::step]:
            for i in range(0, len(row), stride):
                found["#" + row[i : i + 3].hex()] += 1
        return found


def read(data: bytes) -> Image:
    if data[:8] != SIGNATURE:
        raise ValueError("not a PNG file")
    header, compressed = _chunks(data)
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    if depth != 8 or colour not in (2, 6) or header[12] != 0:
        raise ValueError("only 8-bit, non-interlaced RGB or RGBA images are read")
    channels = 3 if colour == 2 else 4
    return Image(
        width,
        height,
        channels,
        _unfilter(zlib.decompress(compressed), width * channels, channels, height),
    )


def _chunks(data: bytes) -> tuple[bytes, bytes]:
    header, parts, pos = b"", [], 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            parts.append(body)
    return header, b"".join(parts)


def _unfilter(raw: bytes, stride: int, bpp: int, height: int) -> list[bytes]:
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        _undo(kind, line, previous, bpp)
        rows.append(bytes(line))
        previous = line
    return rows


def _undo(kind: int, line: bytearray, previous: bytearray, bpp: int) -> None:
    if kind == 2:
        line[:] = bytes((a + b) & 255 for a, b in zip(line, previous, strict=True))
        return
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        if kind == 1:
            line[i] = (line[i] + left) & 255
        elif kind == 3:
            line[i] = (line[i] + (left + previous[i]) // 2) & 255
        elif kind == 4:
            line[i] = (
                line[i] + _paeth(left, previous[i], previous[i - bpp] if i >= bpp else 0)
            ) & 255


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c
