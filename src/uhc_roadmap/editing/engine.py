"""The edit engine: change a roadmap's values with the smallest change to its text.

An edit is a new value for some document paths. The engine compares the file's data with the
data it should hold and patches only the text of what differs, at the positions the loader
recorded: a changed value is rewritten in place (in its own quoting), a new field is inserted
where the canonical key order puts it (in the style the file uses for that field elsewhere),
a removed one takes its lines with it. Comments, blank lines, key order, quoting and flow
style elsewhere stay byte for byte; a comment after a changed value keeps its column where
the line leaves room.

Every result is read back: if the text would not load as exactly the data asked for, nothing
is written (``EditBug``). ``edit`` then validates it: an edit that adds errors is refused.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Final

from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity
from uhc_roadmap.editing import layout
from uhc_roadmap.editing.document import BLOCK, BLOCK_SCALAR, Document
from uhc_roadmap.editing.errors import EditBug, EditRefused
from uhc_roadmap.editing.writer import FileStyle, Writer
from uhc_roadmap.editing.yamltext import key_text, scalar_text, single_quoted, text_scalar
from uhc_roadmap.loading import LoadedDocument, load_document
from uhc_roadmap.loading.loader import Limits
from uhc_roadmap.loading.sourcemap import DocPath, Span

if TYPE_CHECKING:
    from uhc_roadmap.validation import ValidationOptions


class _Delete:
    def __repr__(self) -> str:
        return "DELETE"


DELETE: Final = _Delete()
"""The value of a Change that removes the field or list item at its path."""


@dataclass(frozen=True)
class Change:
    """Set the node at ``path`` to ``value`` (plain data, as the loader produces it), or
    remove it (``DELETE``). ``quote`` forces the quoting of a new text value (``"``)."""

    path: DocPath
    value: Any
    quote: str = ""


@dataclass(frozen=True, slots=True)
class TextEdit:
    start: int
    end: int
    text: str


# -- comparing data --------------------------------------------------------------------------


def same(a: Any, b: Any) -> bool:
    """Equal as roadmap data: numbers by value (1 and 1.0), booleans apart from numbers."""
    if a is b:
        return True
    if type(a) is not type(b):
        if isinstance(a, bool) or isinstance(b, bool):
            return False
        if isinstance(a, int | float) and isinstance(b, int | float):
            return a == b
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def apply_changes(data: dict[str, Any], changes: Iterable[Change]) -> dict[str, Any]:
    """A copy of ``data`` with ``changes`` made; untouched parts are shared, not copied.

    Missing mappings along a path are created (``actual`` for ``actual.end``); a list
    position equal to the list's length appends.
    """
    root = dict(data)
    fresh = {id(root)}
    for change in changes:
        node: Any = root
        for element, following in zip(change.path, change.path[1:], strict=False):
            child = _child(node, element)
            if child is None:
                child = [] if isinstance(following, int) else {}
            elif id(child) not in fresh:
                child = dict(child) if isinstance(child, dict) else list(child)
            fresh.add(id(child))
            _put(node, element, child)
            node = child
        last = change.path[-1]
        if change.value is DELETE:
            if isinstance(node, dict):
                node.pop(last, None)
            elif isinstance(last, int) and last < len(node):
                node.pop(last)
        else:
            _put(node, last, change.value)
    return root


def _child(node: Any, element: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(element)
    if isinstance(node, list) and isinstance(element, int) and element < len(node):
        return node[element]
    return None


def _put(node: Any, element: str | int, value: Any) -> None:
    if isinstance(node, list) and isinstance(element, int):
        if element > len(node):
            raise EditBug(f"no list item {element + 1} to change (the list has {len(node)})")
        if element == len(node):
            node.append(value)
        else:
            node[element] = value
    else:
        node[element] = value


# -- from data to text edits -----------------------------------------------------------------

_ITEM_KEYS: dict[layout.Pattern, tuple[str, ...]] = {
    ("activities", "*", "budget", "*"): ("year", "funder", "currency"),
    ("indicators", "*", "values", "*"): ("date", "region"),
}
_MAPPINGS = frozenset({"{", ":"})
_SEQUENCES = frozenset({"[", "-"})
_BLOCK_HEADER = re.compile(r"[|>](?:[1-9][+-]?|[+-][1-9]?)?")


def _item_key(path: DocPath, item: Any) -> Any:
    """What identifies a list item across versions: its id, a budget line's year and funder,
    a measurement's date and region; else its whole value."""
    if isinstance(item, dict):
        if isinstance(item.get("id"), str):
            return ("id", item["id"])
        fields = _ITEM_KEYS.get(layout.pattern(path))
        if fields:
            return ("fields", *(repr(item.get(f)) for f in fields))
    return ("value", repr(item))


class _Planner:
    """Walks the old and the new data together and collects the text edits between them."""

    def __init__(self, doc: Document, quotes: Mapping[DocPath, str]) -> None:
        self.doc = doc
        self.text = doc.text
        self.quotes = quotes
        self.edits: list[TextEdit] = []
        self._writer: Writer | None = None

    @property
    def writer(self) -> Writer:
        if self._writer is None:
            self._writer = Writer(FileStyle.of(self.doc))
        return self._writer

    def edit(self, start: int, end: int, text: str) -> None:
        if start != end or text:
            self.edits.append(TextEdit(start, end, text))

    def walk(self, path: DocPath, old: Any, new: Any) -> None:
        if same(old, new):
            return
        span = self.doc.span(path)
        if isinstance(old, dict) and isinstance(new, dict) and old and span.style in _MAPPINGS:
            self.mapping(path, old, new, span)
        elif isinstance(old, list) and isinstance(new, list) and old and span.style in _SEQUENCES:
            self.sequence(path, old, new, span)
        else:
            self.replace(path, new, span)

    # -- mappings ----------------------------------------------------------------------

    def mapping(self, path: DocPath, old: dict[str, Any], new: dict[str, Any], span: Span) -> None:
        keys = list(old)
        removed = {i for i, key in enumerate(keys) if key not in new}
        if len(removed) == len(keys):
            self.replace(path, new, span)
            return
        for key in keys:
            if key in new:
                self.walk((*path, key), old[key], new[key])
        flow = span.style == "{"
        self.remove_runs(path, keys, removed, flow=flow)
        added = [key for key in new if key not in old]
        if added:
            kept = [key for key in keys if key in new]
            self.insert_entries(path, kept, {key: new[key] for key in added}, flow=flow)

    def insert_entries(
        self, path: DocPath, kept: list[str], added: dict[str, Any], *, flow: bool
    ) -> None:
        languages = self.writer.style.languages
        groups: dict[str | None, list[str]] = {}
        for key in layout.ordered_keys(path, added, languages):
            groups.setdefault(self._anchor(path, kept, key, languages), []).append(key)
        for anchor, group in groups.items():
            if anchor is None and not flow and not self._starts_line(self._head((*path, kept[0]))):
                anchor = kept[0]  # the first key shares its line with `-`: add after it
            if flow:
                self._insert_flow_entries(path, kept, anchor, group, added)
            else:
                self._insert_block_entries(path, kept, anchor, group, added)

    def _anchor(
        self, path: DocPath, kept: list[str], key: str, languages: Sequence[str]
    ) -> str | None:
        """The kept key a new one goes after (None: before the first kept key)."""
        rank = layout.key_rank(path, key, languages)
        if rank is None:
            return kept[-1]
        before = [
            (r, i, k)
            for i, k in enumerate(kept)
            if (r := layout.key_rank(path, k, languages)) is not None and r < rank
        ]
        return max(before)[2] if before else None

    def _insert_flow_entries(
        self,
        path: DocPath,
        kept: list[str],
        anchor: str | None,
        group: list[str],
        added: dict[str, Any],
    ) -> None:
        parts = [
            f"{key_text(k, flow=True)}: {self.writer.flow((*path, k), added[k])}" for k in group
        ]
        if anchor is None:
            at = self._head((*path, kept[0]))
            self.edit(at, at, ", ".join(parts) + ", ")
        else:
            at = self.doc.content_end(self.doc.span((*path, anchor)))
            self.edit(at, at, "".join(", " + p for p in parts))

    def _insert_block_entries(
        self,
        path: DocPath,
        kept: list[str],
        anchor: str | None,
        group: list[str],
        added: dict[str, Any],
    ) -> None:
        column = self.doc.column(self._head((*path, kept[0])))
        lines: list[str] = []
        for key in group:
            lines.extend(self.writer.entry_lines((*path, key), added[key], column))
        self._insert_lines(path, kept, anchor, lines)

    def _insert_lines(
        self, path: DocPath, kept: Sequence[str | int], anchor: str | int | None, lines: list[str]
    ) -> None:
        newline = self.doc.newline
        if anchor is None:
            at = self.doc.line_start(self._head((*path, kept[0])))
            self.edit(at, at, newline.join(lines) + newline)
        else:
            end = self.doc.content_end(self.doc.span((*path, anchor)))
            at = self.doc.line_end(end)
            self.edit(at, at, "".join(newline + line for line in lines))

    # -- sequences ---------------------------------------------------------------------

    def sequence(self, path: DocPath, old: list[Any], new: list[Any], span: Span) -> None:
        if not new:
            self.replace(path, new, span)
            return
        matcher = SequenceMatcher(
            None,
            [_item_key((*path, i), x) for i, x in enumerate(old)],
            [_item_key((*path, i), x) for i, x in enumerate(new)],
            autojunk=False,
        )
        removed: set[int] = set()
        inserts: list[tuple[int, list[Any]]] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                for o, n in zip(range(i1, i2), range(j1, j2), strict=True):
                    self.walk((*path, o), old[o], new[n])
                continue
            removed.update(range(i1, i2))
            if j2 > j1:
                inserts.append((i1, new[j1:j2]))
        if len(removed) == len(old):
            self.replace(path, new, span)
            return
        flow = span.style == "["
        positions = list(range(len(old)))
        self.remove_runs(path, positions, removed, flow=flow)
        kept = [i for i in positions if i not in removed]
        for at, items in inserts:
            before = [i for i in kept if i < at]
            anchor = before[-1] if before else None
            self.insert_items(path, kept, anchor, items, flow=flow)

    def insert_items(
        self, path: DocPath, kept: list[int], anchor: int | None, items: list[Any], *, flow: bool
    ) -> None:
        if flow:
            parts = [self.writer.flow((*path, kept[0]), item) for item in items]
            if anchor is None:
                at = self.doc.span((*path, kept[0])).start
                self.edit(at, at, ", ".join(parts) + ", ")
            else:
                at = self.doc.content_end(self.doc.span((*path, anchor)))
                self.edit(at, at, "".join(", " + p for p in parts))
            return
        column = self.doc.column(self._head((*path, kept[0])))
        lines: list[str] = []
        for item in items:
            lines.extend(self.writer.item_lines((*path, kept[0]), item, column))
        self._insert_lines(path, kept, anchor, lines)

    # -- removing ----------------------------------------------------------------------

    def remove_runs(
        self, path: DocPath, children: Sequence[str | int], removed: set[int], *, flow: bool
    ) -> None:
        """Remove the children at the ``removed`` positions, run by run, so that no two
        removals overlap; at least one child is kept."""
        count = len(children)
        index = 0
        while index < count:
            if index not in removed:
                index += 1
                continue
            last = index
            while last + 1 < count and last + 1 in removed:
                last += 1
            first_path, last_path = (*path, children[index]), (*path, children[last])
            following = (*path, children[last + 1]) if last + 1 < count else None
            if flow:
                if following is not None:
                    self.edit(self._head(first_path), self._head(following), "")
                else:
                    previous = (*path, children[index - 1])
                    start = self.doc.content_end(self.doc.span(previous))
                    self.edit(start, self.doc.content_end(self.doc.span(last_path)), "")
            elif self._starts_line(self._head(first_path)):
                start = self.doc.line_start(self._head(first_path))
                end = self.doc.content_end(self.doc.span(last_path))
                self.edit(start, self.doc.next_line(end), "")
            elif following is not None:  # the first key of a list item, beside its `-`
                self.edit(self._head(first_path), self._head(following), "")
            index = last + 1

    # -- replacing ---------------------------------------------------------------------

    def replace(self, path: DocPath, new: Any, span: Span) -> None:
        doc = self.doc
        end = doc.content_end(span)
        inline = not isinstance(new, dict | list)
        if inline or doc.in_flow(path) or self.writer.is_flow(path, new):
            text = self.scalar(path, new, span) if inline else self.writer.flow(path, new)
            if span.style in BLOCK or (not inline and span.style in BLOCK_SCALAR):
                self.edit(self._after_indicator(path), end, " " + text)
            elif span.start == end and self.text[span.start - 1 : span.start] in (":", "-"):
                self.edit(span.start, end, " " + text)  # an empty value: `key:` or `-`
            else:
                self.edit(span.start, end, text)
            return
        head = self._head(path)
        column = doc.column(head)
        newline = doc.newline
        if path and isinstance(path[-1], int):
            lines = self.writer.item_lines(path, new, column)
            self.edit(head, end, newline.join([lines[0][column:], *lines[1:]]))
            return
        _, below = self.writer.value_lines(path, new, column)
        self.edit(self._after_indicator(path), end, "".join(newline + line for line in below))

    def scalar(self, path: DocPath, new: Any, span: Span) -> str:
        flow = self.doc.in_flow(path)
        if not isinstance(new, str):
            return scalar_text(new, flow=flow)
        forced = self.quotes.get(path)
        if forced:
            return text_scalar(new, flow=flow, quote=forced)
        if span.style in BLOCK_SCALAR:
            block = self.block_scalar(span, new)
            if block is not None:
                return block
            return text_scalar(new, flow=flow, quote='"')
        return text_scalar(new, flow=flow, quote=span.style)

    def block_scalar(self, span: Span, value: str) -> str | None:
        """``value`` as a block scalar with the original header and indentation, or None
        when that header cannot hold it."""
        text = self.text
        header = _BLOCK_HEADER.match(text, span.start)
        if header is None:
            return None
        indicator = header.group()
        chomp = "-" if "-" in indicator else "+" if "+" in indicator else ""
        body_start = self.doc.next_line(span.start)
        end = self.doc.content_end(span)
        body = text[body_start:end]
        indent = len(body) - len(body.lstrip(" "))
        if indent == 0 or any(c.isdigit() for c in indicator):
            return None
        width = max(_widest(body), layout.WIDTH - 20) - indent
        lines = _block_lines(value, indicator[0], chomp, width=width)
        if lines is None:
            return None
        line_end = self.doc.line_end(span.start)
        newline = self.doc.newline
        content = newline.join(" " * indent + line if line else "" for line in lines)
        return text[span.start : line_end] + newline + content

    def _after_indicator(self, path: DocPath) -> int:
        """Just after the ``:`` of a mapping entry or the ``-`` of a list item."""
        key = self.doc.key_span(path)
        if key is None:
            return self._head(path) + 1
        index = self.text.index(":", key.end)
        return index + 1

    def _head(self, path: DocPath) -> int:
        return self.doc.entry_head(path)

    def _starts_line(self, offset: int) -> bool:
        start = self.doc.line_start(offset)
        return not self.text[start:offset].strip(" ")


def _widest(body: str) -> int:
    return max((len(line) for line in body.splitlines()), default=layout.WIDTH)


def _block_lines(value: str, style: str, chomp: str, *, width: int) -> list[str] | None:
    """The content lines of a block scalar holding ``value``, or None when impossible."""
    core = value.rstrip("\n")
    trailing = len(value) - len(core)
    if not core or (chomp == "-" and trailing) or (chomp == "" and trailing != 1):
        return None
    if chomp == "+" and not trailing:
        return None
    if core[0] in " \t" or single_quoted(core.replace("\n", " ")) is None:
        return None
    extra = [""] * (trailing - 1) if chomp == "+" else []
    if style == "|":
        return [*core.split("\n"), *extra]
    if "\n" in core or "  " in core or core != core.strip():
        return None
    return [*_wrap(core, width), *extra]


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


# -- applying --------------------------------------------------------------------------------


def _apply(doc: Document, edits: list[TextEdit]) -> str:
    edits = sorted(edits, key=lambda e: (e.start, e.end))  # an insertion before a removal
    for before, after in pairwise(edits):
        if before.end > after.start:
            raise EditBug(f"{doc.file}: overlapping edits at offset {after.start}")
    edits = sorted([*edits, *_comment_shifts(doc, edits)], key=lambda e: (e.start, e.end))
    text = doc.text
    pieces: list[str] = []
    position = 0
    for item in edits:
        pieces.append(text[position : item.start])
        pieces.append(item.text)
        position = item.end
    pieces.append(text[position:])
    return "".join(pieces)


def _comment_shifts(doc: Document, edits: list[TextEdit]) -> list[TextEdit]:
    """Keep an end-of-line comment in its column when a value before it changes length."""
    by_line: dict[int, list[TextEdit]] = {}
    for item in edits:
        if "\n" not in item.text and doc.line_of(item.start) == doc.line_of(item.end):
            by_line.setdefault(doc.line_of(item.start), []).append(item)
    shifts: list[TextEdit] = []
    text = doc.text
    for line_edits in by_line.values():
        last = max(e.end for e in line_edits)
        comment = _comment_after(doc, last)
        if comment is None:
            continue
        if any(last < e.start < comment for e in edits):
            continue
        delta = sum(len(e.text) - (e.end - e.start) for e in line_edits if e.start < comment)
        gap_start = comment
        while gap_start > last and text[gap_start - 1] in " \t":
            gap_start -= 1
        gap = comment - gap_start
        if delta == 0 or gap == 0:
            continue
        wanted = max(gap - delta, min(gap, 2))
        if wanted != gap:
            shifts.append(TextEdit(gap_start, comment, " " * wanted))
    return shifts


def _comment_after(doc: Document, offset: int) -> int | None:
    """Where the comment on the line of ``offset`` starts after it, if there is one."""
    text = doc.text
    end = doc.line_end(offset)
    index = text.find("#", offset, end)
    while index >= 0:
        if index > 0 and text[index - 1] in " \t" and not doc.in_scalar(index):
            return index
        index = text.find("#", index + 1, end)
    return None


# -- the public operations -------------------------------------------------------------------


def rewrite(
    doc: Document,
    target: dict[str, Any],
    quotes: Mapping[DocPath, str] | None = None,
    limits: Limits | None = None,
) -> Rewritten:
    """The text of ``doc`` changed so that it holds ``target``, changing as little as possible.

    The text is read back; raises EditBug (and nothing is written) if it would not hold
    exactly ``target``.
    """
    planner = _Planner(doc, quotes or {})
    planner.walk((), doc.data, target)
    if not planner.edits:
        return Rewritten(doc.text, doc.loaded())
    text = _apply(doc, planner.edits)
    loaded = load_document(doc.encode(text), doc.file, limits)
    problems = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    if loaded.data is None or problems or not same(loaded.data, target):
        detail = f": {problems[0].message}" if problems else ""
        raise EditBug(f"{doc.file}: the edited text would not hold the values asked for{detail}")
    return Rewritten(text, loaded)


@dataclass(frozen=True)
class Rewritten:
    """An edited text, and that text loaded (to validate it without reading it again)."""

    text: str
    loaded: LoadedDocument


def changed_text(
    doc: Document, changes: Sequence[Change], limits: Limits | None = None
) -> Rewritten:
    """The text of ``doc`` with ``changes`` made."""
    quotes = {c.path: c.quote for c in changes if c.quote}
    return rewrite(doc, apply_changes(doc.data, changes), quotes, limits)


@dataclass
class Edited:
    """An edit made in memory: the new text, its findings, and the errors it adds."""

    doc: Document
    text: str
    result: FileResult
    added: list[Diagnostic] = field(default_factory=list)
    """Errors the edit adds."""
    new: list[Diagnostic] = field(default_factory=list)
    """Every finding the edit adds, errors, warnings and infos."""

    @property
    def changed(self) -> bool:
        return self.text != self.doc.text

    @property
    def raw(self) -> bytes:
        return self.doc.encode(self.text)


def validated(
    doc: Document, rewritten: Rewritten, options: ValidationOptions | None = None
) -> Edited:
    """Validate an edited text. ``added`` lists the errors it has that the file as it was has
    not, ``new`` every finding it has that the file had not (compared by code and message, as
    lines move); the file as it was is checked only when the edited text has findings."""
    from uhc_roadmap.validation import check_loaded

    result = check_loaded(rewritten.loaded, doc.file, options).result
    if not result.diagnostics:
        return Edited(doc, rewritten.text, result)
    before = check_loaded(doc.loaded(), doc.file, options).result.diagnostics
    existing = Counter((d.code, d.message) for d in before)
    new: list[Diagnostic] = []
    for diagnostic in result.diagnostics:
        key = (diagnostic.code, diagnostic.message)
        if existing[key]:
            existing[key] -= 1
        else:
            new.append(diagnostic)
    added = [d for d in new if d.severity is Severity.ERROR]
    return Edited(doc, rewritten.text, result, added, new)


def edit(
    doc: Document,
    changes: Sequence[Change],
    options: ValidationOptions | None = None,
    *,
    force: bool = False,
) -> Edited:
    """Make ``changes`` to ``doc`` in memory and validate the result; an edit that adds
    errors raises EditRefused with them, unless ``force``."""
    limits = options.limits if options is not None else None
    outcome = validated(doc, changed_text(doc, changes, limits), options)
    refuse_added(outcome, force=force)
    return outcome


def refuse_added(outcome: Edited, *, force: bool) -> None:
    """EditRefused when the edit adds errors (unless ``force``)."""
    if outcome.added and not force:
        count = len(outcome.added)
        raise EditRefused(
            f"{outcome.doc.file}: the edit would add {count} error{'s' if count > 1 else ''}",
            outcome.added,
        )
