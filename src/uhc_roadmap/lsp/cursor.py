"""Where the cursor is in a roadmap that may be half typed: which field, and key or value.

A document being typed often does not load as YAML at all (``depends_on: [GOV-01, ``), so the
place is read off the text the way a person reads it: the line under the cursor, flow
collections opened on it (or on the line its entry starts on), and the keys and list dashes
of the lines above at smaller indentation. The answer is a *pattern*, a document path with
list items written ``*`` (``("activities", "*", "depends_on", "*")``), as in
``editing.layout``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from uhc_roadmap.editing import layout
from uhc_roadmap.lsp.schema import model_for

Pattern = tuple[str, ...]
_MAX_LINES_UP = 5000
_LINE = re.compile(
    r"""(?P<indent>[ ]*)(?P<dashes>(?:-[ ]+)*)"""
    r"""(?:(?P<key>"[^"\n]*"|'[^'\n]*'|[^\s#'"\[\]{},:-][^\n#:]*?|-[^\s\n#:][^\n#:]*?)[ \t]*:(?=[ \t]|$))?"""
    r"""(?P<rest>[^\n]*)"""
)
_WORD = re.compile(r"""[^\s\[\]{},:#"']*\Z""")


@dataclass(frozen=True)
class Cursor:
    """The field at the cursor.

    ``kind`` ``"key"``: a key of the mapping at ``pattern`` is being typed (``present`` are the
    keys it already has). ``"value"``: the value at ``pattern`` (a scalar, or an item of a
    list when the pattern ends with ``*``). ``start`` is where the word being typed starts.
    """

    pattern: Pattern
    kind: Literal["key", "value"]
    start: int
    word: str
    present: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:  # a key of `region_groups` or `region_labels` is a `*`
        object.__setattr__(self, "pattern", layout.pattern(self.pattern))


@dataclass(frozen=True)
class _Line:
    indent: int
    dashes: tuple[int, ...]  # the columns of the list dashes that open the line
    key: str | None
    key_col: int
    rest: str  # after the key's colon (or after the dashes)
    rest_col: int


def _parse(line: str) -> _Line | None:
    """The structure of one line; None for a blank or comment-only line."""
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return None
    found = _LINE.match(line)
    assert found is not None  # every part of the pattern is optional
    indent = len(found["indent"])
    dashes: list[int] = []
    column = indent
    for dash in re.finditer(r"-[ ]+", found["dashes"]):
        dashes.append(indent + dash.start())
        column = indent + dash.end()
    key = found["key"]
    if key is not None:
        key = key.strip()
        if key[:1] in "\"'":
            key = key[1:-1]
    return _Line(indent, tuple(dashes), key, column, found["rest"], found.start("rest"))


def cursor_at(text: str, offset: int) -> Cursor | None:
    """The field at ``offset`` in ``text``; None in a comment, a block scalar's text or where
    the lines above do not make a structure."""
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    prefix = text[line_start:offset]
    word_match = _WORD.search(prefix)
    word = word_match.group() if word_match else ""
    start = offset - len(word)
    lines = text[:line_start].split("\n")[:-1][-_MAX_LINES_UP:]  # the lines above
    head_index, head = _head(lines, prefix)
    if head is None:
        return None
    if head_index >= 0:  # the entry started on a line above: its value runs to the cursor
        value = "\n".join([lines[head_index][head.rest_col :], *lines[head_index + 1 :], prefix])
        above = lines[:head_index]
    else:
        value = prefix[head.rest_col :]
        above = lines
    if head.key is not None:
        owner = _block_path(above, head.key_col, in_list=False, dashes=head.dashes)
        base = None if owner is None else (*owner, head.key)
    elif head.dashes and value.lstrip()[:1] in ("[", "{"):
        owner = _block_path(above, head.dashes[-1], in_list=True, dashes=head.dashes[:-1])
        base = None if owner is None else (*owner, "*")
    elif head_index < 0:
        return _without_key(text, offset, above, head, word, start)
    else:
        return None
    frames = _flow_frames(value)
    if base is None or frames is None:
        return None
    if frames:
        return _in_flow(base, frames, start, word)
    if head_index >= 0 or head.key is None:
        return None  # below a key whose value is not a flow collection: a block scalar
    return Cursor(base, "value", start, word)


def _head(lines: list[str], prefix: str) -> tuple[int, _Line | None]:
    """The line on which the entry under the cursor starts: the cursor's own line when it
    holds a key or a dash (index -1), else the nearest line above that does, when the cursor
    is inside a flow collection continued from it."""
    own = _parse(prefix + "x")  # a word character keeps a blank line parsable
    if own is not None and (own.key is not None or own.dashes):
        return -1, own
    if not _continues_flow(lines):
        return -1, own
    for index in range(len(lines) - 1, -1, -1):
        parsed = _parse(lines[index])
        if parsed is not None and (parsed.key is not None or parsed.dashes):
            return index, parsed
    return -1, None


def _continues_flow(lines: list[str]) -> bool:
    """True when the last non-blank line above leaves a flow collection open (or ends with a
    comma, as the lines of a long flow list do)."""
    for line in reversed(lines):
        parsed = _parse(line)
        if parsed is None:
            continue
        frames = _flow_frames(line[parsed.rest_col :])
        return bool(frames) or line.split(" #")[0].rstrip().endswith(",")
    return False


def _without_key(
    text: str, offset: int, above: list[str], head: _Line, word: str, start: int
) -> Cursor | None:
    """A line holding only dashes and the word being typed, or only the word."""
    column = start - (text.rfind("\n", 0, offset) + 1)
    if head.dashes:
        owner = _block_path(above, head.dashes[-1], in_list=True, dashes=head.dashes[:-1])
        if owner is None:
            return None
        item = (*owner, "*")
        if _holds_mapping(item):
            present = _present(text, offset, column, own_item=True)
            return Cursor(item, "key", start, word, present)
        return Cursor(item, "value", start, word)
    owner = _block_path(above, column, in_list=False, dashes=())
    if owner is None:
        return None
    return Cursor(owner, "key", start, word, _present(text, offset, column, own_item=False))


def _holds_mapping(pattern: Pattern) -> bool:
    return model_for(pattern) is not None


def _block_path(
    above: list[str], column: int, *, in_list: bool, dashes: tuple[int, ...]
) -> Pattern | None:
    """The pattern of the block mapping whose keys stand at ``column`` (or, ``in_list``, of
    the block list whose dashes stand there), from the lines above. ``dashes`` are list dashes
    on the node's own line, before it (``- key:`` opens an item of the list at the dash)."""
    path: list[str] = []
    state_list, col = in_list, column
    for dash in reversed(dashes):
        path.append("*")
        state_list, col = True, dash
    for line in reversed(above):
        if not state_list and col == 0:
            break
        parsed = _parse(line)
        if parsed is None:
            continue
        first = parsed.dashes[0] if parsed.dashes else parsed.indent
        if state_list:
            if col in parsed.dashes and parsed.key_col > col:
                continue  # a sibling item
            owner = parsed.key is not None and parsed.key_col <= col and _opens(parsed.rest)
        else:
            if parsed.key is not None and parsed.key_col == col and parsed.dashes:
                for dash in reversed(parsed.dashes):  # the first key of our list item
                    path.append("*")
                    state_list, col = True, dash
                continue
            owner = parsed.key is not None and parsed.key_col < col and _opens(parsed.rest)
        if owner:
            assert parsed.key is not None
            path.append(parsed.key)
            state_list, col = False, parsed.key_col
            for dash in reversed(parsed.dashes):
                path.append("*")
                state_list, col = True, dash
            continue
        if first < col:
            return None  # something at a smaller indentation that owns nothing
    if state_list or col != 0:
        return None
    return tuple(reversed(path))


def _opens(rest: str) -> bool:
    """True when a key's line leaves its value to the lines below (nothing, or a comment)."""
    value = rest.strip()
    return not value or value.startswith("#")


def _present(text: str, offset: int, column: int, *, own_item: bool) -> frozenset[str]:
    """The keys written at ``column`` in the block mapping around ``offset`` (``own_item``:
    the cursor's line opens a list item, so the lines above belong to another)."""
    found: set[str] = set()
    line_start = text.rfind("\n", 0, offset) + 1
    above = [] if own_item else text[:line_start].split("\n")[:-1][-_MAX_LINES_UP:]
    for line in reversed(above):
        parsed = _parse(line)
        if parsed is None:
            continue
        if parsed.key is not None and parsed.key_col == column:
            found.add(parsed.key)
            if parsed.dashes:
                break  # the first key of the list item
            continue
        if (parsed.dashes[0] if parsed.dashes else parsed.indent) < column:
            break
    line_end = text.find("\n", offset)
    below = text[line_end + 1 :].split("\n", _MAX_LINES_UP)[:_MAX_LINES_UP] if line_end >= 0 else []
    for line in below:
        parsed = _parse(line)
        if parsed is None:
            continue
        if (parsed.dashes[0] if parsed.dashes else parsed.indent) < column:
            break
        if parsed.key is not None and parsed.key_col == column and not parsed.dashes:
            found.add(parsed.key)
    return frozenset(found)


# -- flow collections --------------------------------------------------------------------------


@dataclass
class _Frame:
    bracket: str  # "[" or "{"
    key: str | None = None  # in a mapping: the key whose value is being written
    token: str = ""
    keys: list[str] = field(default_factory=list)  # in a mapping: the keys written so far


def _flow_frames(value: str) -> list[_Frame] | None:
    """The flow collections left open at the end of ``value`` (innermost last); None when
    the end is inside a comment or a quoted string is left open at a key."""
    frames: list[_Frame] = []
    index = 0
    while index < len(value):
        char = value[index]
        if char in "\"'" and (not frames or not frames[-1].token.strip()):
            end = _quote_end(value, index)
            if end < 0:
                return frames  # the cursor is inside a quoted value
            if frames:
                frames[-1].token += value[index + 1 : end - 1]
            index = end
            continue
        if char == "#" and (index == 0 or value[index - 1] in " \t\n"):
            newline = value.find("\n", index)
            if newline < 0:
                return None
            index = newline
            continue
        if char in "[{":
            frames.append(_Frame(char))
        elif char in "]}" and frames:
            frames.pop()
            if frames:
                frames[-1].token = "\x00"  # a nested collection stands as this value
        elif char == "," and frames:
            frames[-1].key = None
            frames[-1].token = ""
        elif char == ":" and frames and frames[-1].bracket == "{" and _ends_key(value, index):
            frames[-1].key = frames[-1].token.strip()
            frames[-1].keys.append(frames[-1].key)
            frames[-1].token = ""
        elif frames:
            frames[-1].token += char
        index += 1
    return frames


def _ends_key(value: str, index: int) -> bool:
    return index + 1 >= len(value) or value[index + 1] in " \t\n,[]{}"


def _quote_end(value: str, start: int) -> int:
    """The index after the closing quote, or -1 when it is not closed."""
    quote = value[start]
    index = start + 1
    while index < len(value):
        char = value[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and value[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index + 1
        index += 1
    return -1


def _in_flow(base: Pattern, frames: list[_Frame], start: int, word: str) -> Cursor:
    path = list(base)
    for frame in frames[:-1]:
        path.append("*" if frame.bracket == "[" else frame.key or "")
    top = frames[-1]
    if top.bracket == "[":
        return Cursor((*path, "*"), "value", start, word)
    if top.key is not None:
        return Cursor((*path, top.key), "value", start, word)
    return Cursor(tuple(path), "key", start, word, frozenset(top.keys))
