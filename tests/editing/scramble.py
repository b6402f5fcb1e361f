"""Scrambled copies of a roadmap: the same data and comments, laid out as people do.

Each scramble changes only the layout fmt decides, so that ``fmt(scrambled) == fmt(original)``:
ragged spacing after colons, needless quotes on ids, codes and dates, trailing blanks and
doubled blank lines, other key orders, and records written in block style instead of flow.
Lines that end with a comment are left alone by the scrambles that change their length: fmt
keeps a comment's column (the examples align their comments by hand).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from uhc_roadmap.editing import layout
from uhc_roadmap.editing.document import BLOCK, BLOCK_SCALAR, FLOW, Document
from uhc_roadmap.loading.sourcemap import DocPath

Edit = tuple[int, int, str]


def _apply(text: str, edits: list[Edit]) -> str:
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _nodes(doc: Document) -> list[tuple[DocPath, Any]]:
    found: list[tuple[DocPath, Any]] = []

    def visit(path: DocPath, node: Any) -> None:
        found.append((path, node))
        if isinstance(node, dict):
            for key, value in node.items():
                visit((*path, key), value)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                visit((*path, index), value)

    visit((), doc.data)
    return found


def _commented(doc: Document, offset: int) -> bool:
    """True when the line holding ``offset`` ends with a comment."""
    end = doc.line_end(offset)
    return any(
        doc.text[i] == "#" and doc.text[i - 1] in " \t" and not doc.in_scalar(i)
        for i in range(doc.line_start(offset) + 1, end)
    )


def ragged_spacing(doc: Document, rng: random.Random) -> str:
    """``key:   value`` and ``{ id:  X }``: more spaces after colons, inside braces."""
    edits: list[Edit] = []
    for path, key in doc.spans.keys.items():
        if _commented(doc, key.start):
            continue
        colon = doc.text.index(":", key.end)
        value = doc.spans.values[path]
        if value.style not in BLOCK and value.start > colon + 1 and doc.text[colon + 1] == " ":
            edits.append((colon + 1, colon + 2, " " * rng.randint(2, 5)))
    for path, _ in _nodes(doc):
        span = doc.spans.values[path]
        if span.style in FLOW and span.end - span.start > 2 and not _commented(doc, span.end):
            edits.append((span.start + 1, span.start + 1, " "))
            edits.append((span.end - 1, span.end - 1, " "))
    return _apply(doc.text, edits)


def needless_quotes(doc: Document, rng: random.Random) -> str:
    """Quotes around ids, codes, statuses and dates, which need none."""
    edits: list[Edit] = []
    for path, value in _nodes(doc):
        span = doc.spans.values[path]
        if (
            isinstance(value, str)
            and not span.style
            and path
            and not layout.is_free_text(path)
            and not _commented(doc, span.start)
            and rng.random() < 0.7
        ):
            quote = rng.choice(['"', "'"])
            edits.append((span.start, span.end, f"{quote}{value}{quote}"))
    return _apply(doc.text, edits)


def trailing_blanks(doc: Document, rng: random.Random) -> str:
    """Spaces at the ends of lines (outside block scalars) and blank lines doubled."""
    inside = {
        line
        for path, _ in _nodes(doc)
        if doc.spans.values[path].style in BLOCK_SCALAR
        for line in range(
            doc.line_of(doc.spans.values[path].start),
            doc.line_of(doc.content_end(doc.spans.values[path])) + 1,
        )
    }
    lines = doc.text.split("\n")
    out: list[str] = []
    for number, line in enumerate(lines):
        if number in inside or number == len(lines) - 1:
            out.append(line)
        elif not line.strip():
            out.extend(["", ""])
        else:
            out.append(line + " " * rng.randint(1, 3))
    return "\n".join(out) + "\n\n"


def other_key_orders(doc: Document, rng: random.Random) -> str:
    """Neighbouring entries of block mappings swapped, where each holds whole lines."""
    edits: list[Edit] = []
    for path, node in _nodes(doc):
        if not isinstance(node, dict) or doc.spans.values[path].style != ":":
            continue
        if layout.pattern(path) not in layout.KEY_ORDER:  # keys chosen by the author
            continue
        keys = list(node)
        for first, second in zip(keys[1:-1:2], keys[2::2], strict=False):
            a, b = _whole_lines(doc, (*path, first)), _whole_lines(doc, (*path, second))
            if a and b and a[1] == b[0] and rng.random() < 0.8:
                block_a, block_b = doc.text[a[0] : a[1]], doc.text[b[0] : b[1]]
                edits.append((a[0], b[1], block_b + block_a))
    return _apply(doc.text, edits)


def _whole_lines(doc: Document, path: DocPath) -> tuple[int, int] | None:
    """The lines of an entry that starts its line and holds no comment line before it."""
    head = doc.entry_head(path)
    start = doc.line_start(head)
    if doc.text[start:head].strip():
        return None
    end = doc.next_line(doc.content_end(doc.spans.values[path]))
    return start, end


def block_records(doc: Document, rng: random.Random) -> str:
    """Some one-line records (``planned: {start: ..., end: ...}``) written in block style."""
    edits: list[Edit] = []
    for path, node in _nodes(doc):
        span = doc.spans.values[path]
        key = doc.spans.keys.get(path)
        if (
            key is None
            or span.style != "{"
            or doc.in_flow(path)
            or not node
            or any(isinstance(v, dict | list) for v in node.values())
            or "#" in doc.text[span.end : doc.line_end(span.end)]
            or rng.random() < 0.5
        ):
            continue
        column = doc.column(key.start)
        lines = [
            " " * (column + 4)
            + f"{k}: {doc.text[doc.spans.values[(*path, k)].start : doc.spans.values[(*path, k)].end]}"
            for k in node
        ]
        edits.append((doc.text.index(":", key.end) + 1, span.end, "\n" + "\n".join(lines)))
    return _apply(doc.text, edits)


SCRAMBLES: dict[str, Callable[[Document, random.Random], str]] = {
    "ragged-spacing": ragged_spacing,
    "needless-quotes": needless_quotes,
    "trailing-blanks": trailing_blanks,
    "other-key-orders": other_key_orders,
    "block-records": block_records,
}


def scrambled(text: str, name: str, seed: int = 0) -> str:
    doc = Document.parse(text.encode("utf-8"), "scrambled.yaml")
    return SCRAMBLES[name](doc, random.Random(seed))


def all_scrambles(text: str, seed: int = 0) -> str:
    """Every scramble, one after the other."""
    for name in SCRAMBLES:
        text = scrambled(text, name, seed)
    return text
