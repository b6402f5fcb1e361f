"""``fmt``: one canonical layout for a roadmap file, every comment kept, the meaning unchanged.

The layout is the examples' (see ``layout``): two-space indentation with list items indented
under their key, the key order of docs/format.md, records in flow style where the examples
write them so, quotes only where YAML needs them (free text keeps its author's choice between
bare and quoted, in double quotes), long lists of codes filled to 100 columns, one blank line
at most between entries, no trailing spaces, one line break at the end.

Comments stay with what they describe: a comment on its own line goes before the entry that
follows it (or closes the list or mapping it is indented into), a comment at the end of a
line stays at the end of that entry's line, in its column where the line leaves room. A
mapping or list that holds comments inside stays in block style, so that no two comments
have to share a line. Block scalars (``>-``, ``|``) keep their lines.

``format_document`` is idempotent; ``fmt`` reads its result back and refuses to return a
text that would not hold exactly the same data.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from uhc_roadmap.diagnostics import Diagnostic, Severity
from uhc_roadmap.editing import layout
from uhc_roadmap.editing.document import BLOCK, BLOCK_SCALAR, Document
from uhc_roadmap.editing.engine import same
from uhc_roadmap.editing.errors import EditBug, NotLoadable
from uhc_roadmap.editing.yamltext import double_quoted, key_text, plain_ok
from uhc_roadmap.loading import load_document
from uhc_roadmap.loading.loader import Limits
from uhc_roadmap.loading.sourcemap import DocPath

if TYPE_CHECKING:
    from uhc_roadmap.bulk import Job
    from uhc_roadmap.validation import ValidationOptions

Pattern = layout.Pattern

_BLANK_LINE = re.compile(r"\n(?=[ \t]*\r?(?:\n|$))")
_BLOCK_PATTERNS = frozenset(
    {
        (),
        ("organisations",),
        ("organisations", "*"),
        ("axes",),
        ("axes", "*"),
        ("activities",),
        ("activities", "*"),
        ("activities", "*", "milestones"),
        ("activities", "*", "budget"),
        ("activities", "*", "documents"),
        ("indicators",),
        ("indicators", "*"),
        ("indicators", "*", "values"),
        ("region_groups",),
        ("region_labels",),
    }
)


@dataclass
class _Comment:
    text: str
    column: int
    gap: int  # spaces before it on its line (0 for a comment alone on its line)


class _Entry(NamedTuple):
    """A mapping entry of a block mapping or an item of a block list, as written."""

    line: int  # of its key or dash
    column: int
    path: DocPath


@dataclass
class _Trivia:
    """Comments and blank lines (``None``) attached to the entries."""

    leading: dict[DocPath, list[_Comment | None]] = field(default_factory=dict)
    closing: dict[DocPath, list[_Comment | None]] = field(default_factory=dict)
    end_of_line: dict[DocPath, list[_Comment]] = field(default_factory=dict)
    commented: set[DocPath] = field(default_factory=set)  # collections holding comments


@dataclass(frozen=True)
class Formatted:
    """The canonical text of a file, and whether it differs from the file."""

    doc: Document
    text: str

    @property
    def changed(self) -> bool:
        return self.text != self.doc.text or self.doc.bom

    @property
    def raw(self) -> bytes:
        return self.text.encode("utf-8")


def fmt(raw: bytes, file: str, limits: Limits | None = None, *, verify: bool = True) -> Formatted:
    """Format one file. Raises NotLoadable (a file that does not load is never formatted),
    and EditBug if the canonical text would not hold the same data (never written)."""
    doc = Document.parse(raw, file, limits)
    text = format_document(doc)
    if verify and text != doc.text:
        loaded = load_document(text.encode("utf-8"), file, limits)
        errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
        if loaded.data is None or errors or not same(loaded.data, doc.data):
            raise EditBug(f"{file}: fmt would change what the file means; it is left as it is")
    return Formatted(doc, text)


def format_document(doc: Document) -> str:
    """The canonical text of ``doc``."""
    return _Emitter(doc, _attach(doc), []).document()


def is_formatted(doc: Document) -> bool:
    """True when ``doc`` is in the canonical layout; stops writing at the first line that
    differs (``fmt --check`` over many files mostly needs a yes or a no)."""
    lines = doc.text.split("\n")
    if doc.bom or lines[-1] != "":
        return False
    try:
        text = _Emitter(doc, _attach(doc), _Compared(lines[:-1])).document()
    except _Differs:
        return False
    return text == doc.text


class _Differs(Exception):
    """The canonical text parts from the file's text at this line."""


class _Compared(list[str]):
    """Output lines checked against the file's lines as they are written."""

    def __init__(self, original: list[str]) -> None:
        super().__init__()
        self.original = original

    def append(self, line: str) -> None:
        index = len(self)
        if index >= len(self.original) or self.original[index] != line:
            raise _Differs
        super().append(line)

    def extend(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.append(line)


# -- where each entry is ---------------------------------------------------------------------


def _entries(doc: Document) -> Iterator[_Entry]:
    """Every entry of a block collection, in the order of the text."""
    if doc.spans.values[()].style in BLOCK:
        yield from _children(doc, (), doc.data)


def _children(doc: Document, path: DocPath, node: Any) -> Iterator[_Entry]:
    # A module-level function, not a closure: a recursive closure is a reference cycle that
    # would keep every document alive until the collector runs.
    values, keys = doc.spans.values, doc.spans.keys
    starts = doc.line_starts
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in items:
        child = (*path, key)
        head = keys[child].start if isinstance(key, str) else doc.item_head(child)
        line = bisect_right(starts, head) - 1
        yield _Entry(line, head - starts[line], child)
        if isinstance(value, dict | list) and values[child].style in BLOCK:
            yield from _children(doc, child, value)


def _entries_to(doc: Document, line: int) -> list[_Entry]:
    """The entries up to the first one after ``line`` (all there are when none is)."""
    found: list[_Entry] = []
    for item in _entries(doc):
        found.append(item)
        if item.line > line:
            break
    return found


def _last_line(doc: Document, path: DocPath) -> int:
    """The last line of what an entry owns: its value, unless that is a block collection."""
    span = doc.spans.values[path]
    if span.style in BLOCK:
        return doc.line_of(doc.entry_head(path))
    return doc.line_of(doc.content_end(span))


# -- comments and blank lines ----------------------------------------------------------------


def _attach(doc: Document) -> _Trivia:
    trivia = _Trivia()
    lines = _trivia_lines(doc)
    if not lines:
        return trivia
    entries = _entries_to(doc, max(lines))
    by_path = {entry.path: entry for entry in entries}
    heads = [entry.line for entry in entries]
    loose: list[int] = []
    for line in sorted(lines):
        item = lines[line]
        owner = _owner(doc, entries, heads, by_path, line)
        if owner is not None and (item is None or item.gap or owner.line < line):
            if item is not None:  # at the end of a line, or inside a multi-line value
                trivia.end_of_line.setdefault(owner.path, []).append(item)
            continue
        loose.append(line)
    run: list[int] = []
    for line in loose:
        if run and line != run[-1] + 1:
            _place_run(run, lines, entries, heads, trivia)
            run = []
        run.append(line)
    if run:
        _place_run(run, lines, entries, heads, trivia)
    return _marked(trivia)


def _owner(
    doc: Document,
    entries: list[_Entry],
    heads: list[int],
    by_path: dict[DocPath, _Entry],
    line: int,
) -> _Entry | None:
    """The innermost entry whose own text is on ``line``."""
    index = bisect_right(heads, line) - 1
    if index < 0:
        return None
    entry: _Entry | None = entries[index]
    while entry is not None:
        if entry.line == line or _last_line(doc, entry.path) >= line:
            return entry
        entry = by_path.get(entry.path[:-1])
    return None


def _place_run(
    run: list[int],
    lines: dict[int, _Comment | None],
    entries: list[_Entry],
    heads: list[int],
    trivia: _Trivia,
) -> None:
    """Consecutive comment and blank lines: each comment finds its place; a blank line goes
    where the comment after it goes (or before the next entry)."""
    following = bisect_right(heads, run[-1])
    waiting: list[_Comment | None] = []
    for line in run:
        item = lines[line]
        if item is None:
            waiting.append(None)
            continue
        target = _place(entries, following, item, trivia)
        target.extend(waiting)
        target.append(item)
        waiting = []
    if waiting:
        if following < len(entries):
            trivia.leading.setdefault(entries[following].path, []).extend(waiting)
        else:
            trivia.closing.setdefault((), []).extend(waiting)


def _place(
    entries: list[_Entry], following: int, comment: _Comment, trivia: _Trivia
) -> list[_Comment | None]:
    """The list a comment alone on its line joins: before the next entry, or at the end of a
    collection that closes before it and that it is indented into."""
    if following == len(entries):
        return trivia.closing.setdefault((), [])
    after = entries[following]
    if comment.column > after.column and following > 0:
        before = entries[following - 1].path
        for depth in range(len(before) - 1, len(after.path) - 2, -1):
            collection = before[:depth]
            if after.path[:depth] == collection:
                break
            if _column_of(entries, following - 1, collection) <= comment.column:
                return trivia.closing.setdefault(collection, [])
    return trivia.leading.setdefault(after.path, [])


def _column_of(entries: list[_Entry], last: int, collection: DocPath) -> int:
    """The column of the entries of ``collection``, one of which is at or before ``last``."""
    for index in range(last, -1, -1):
        entry = entries[index]
        if entry.path[:-1] == collection:
            return entry.column
    return 0


def _trivia_lines(doc: Document) -> dict[int, _Comment | None]:
    """Each line holding a comment (outside any scalar) or nothing, by line number."""
    text = doc.text
    found: dict[int, _Comment | None] = {}
    inside = doc.in_scalar
    offset = text.find("#")
    while offset >= 0:
        if (offset == 0 or text[offset - 1] in " \t\n") and not inside(offset):
            line = doc.line_of(offset)
            start = doc.line_starts[line]
            before = text[start:offset]
            gap = len(before) - len(before.rstrip(" \t")) if before.strip() else 0
            end = doc.line_end(offset)
            found[line] = _Comment(text[offset:end].rstrip(), offset - start, gap)
            offset = end
        offset = text.find("#", offset + 1)
    for match in _BLANK_LINE.finditer(text):
        offset = match.start() + 1
        if offset >= len(text) or inside(offset) or inside(offset - 1):
            continue
        line = doc.line_of(offset)
        if line not in found:
            found[line] = None
    return found


def _marked(trivia: _Trivia) -> _Trivia:
    """Note every collection that holds a comment below its own line."""
    for path in trivia.end_of_line:
        trivia.commented.update(path[:i] for i in range(len(path)))
    for path, items in trivia.leading.items():
        if any(item is not None for item in items):
            trivia.commented.update(path[:i] for i in range(len(path)))
    for path, items in trivia.closing.items():
        if any(item is not None for item in items):
            trivia.commented.update(path[: i + 1] for i in range(len(path)))
    return trivia


# -- writing ---------------------------------------------------------------------------------


class _Emitter:
    """Writes the canonical text; each step carries the node's path and its pattern."""

    def __init__(self, doc: Document, trivia: _Trivia, out: list[str]) -> None:
        self.doc = doc
        self.text = doc.text
        self.spans = doc.spans.values
        self.trivia = trivia
        self.languages = layout.languages_of(doc.data)
        self.out = out
        self.keys: dict[tuple[str, bool], str] = {}
        self.bare: dict[tuple[str, bool, bool], bool] = {}
        self.holding_block_scalars = self._block_scalar_holders()

    def document(self) -> str:
        data = self.doc.data
        if data:
            self.mapping((), (), data, 0, None)  # with the comments at the end of the file
        else:
            self.out.append("{}")
            self.comments(self.trivia.closing.get((), []), 0)
        while self.out and not self.out[-1]:
            self.out.pop()
        return "\n".join(self.out) + "\n"

    def _block_scalar_holders(self) -> set[DocPath]:
        """Every collection with a block scalar (``|``, ``>``) somewhere inside it."""
        text = self.text
        if ("|" not in text and ">" not in text) or not any(
            style in BLOCK_SCALAR for _, _, style in self.doc.spans.scalars.values()
        ):
            return set()
        found: set[DocPath] = set()
        for path, span in self.spans.items():
            if span.style in BLOCK_SCALAR:
                found.update(path[:i] for i in range(len(path)))
        return found

    # -- lines and comments --------------------------------------------------------------

    def line(self, text: str, owner: DocPath) -> None:
        comments = self.trivia.end_of_line.get(owner) if self.trivia.end_of_line else None
        if comments:
            first = comments[0]
            gap = min(first.gap, 2) if first.gap else 2
            if first.gap and len(text) + gap <= first.column:
                text = text.ljust(first.column)
            else:
                text = text + " " * gap
            text += first.text
        self.out.append(text)

    def comments(self, items: list[_Comment | None], column: int) -> None:
        for item in items:
            if item is None:
                if self.out and self.out[-1]:
                    self.out.append("")
            else:
                self.out.append(" " * column + item.text)

    def before(self, path: DocPath, column: int) -> None:
        trivia = self.trivia
        if path in trivia.leading:
            self.comments(trivia.leading[path], column)
        extra = trivia.end_of_line.get(path)
        if extra and len(extra) > 1:
            self.comments(list(extra[1:]), column)

    # -- block collections ---------------------------------------------------------------

    def mapping(
        self, path: DocPath, where: Pattern, node: dict[str, Any], column: int, dash: str | None
    ) -> None:
        indent = " " * column
        keys = self.keys
        for index, key in enumerate(layout.ordered_keys_at(where, node, self.languages)):
            child = (*path, key)
            if index == 0 and dash is not None:
                prefix = dash
            else:
                self.before(child, column)
                prefix = indent
            name = keys.get((key, False))
            if name is None:
                name = keys[(key, False)] = key_text(key, flow=False)
            self.entry(
                child, layout.child_pattern(where, key), prefix + name + ":", node[key], column
            )
        if path in self.trivia.closing:
            self.comments(self.trivia.closing[path], column)

    def sequence(self, path: DocPath, where: Pattern, node: list[Any], column: int) -> None:
        dash = " " * column + "-"
        item_where = (*where, "*")
        for index, item in enumerate(node):
            child = (*path, index)
            self.before(child, column)
            if isinstance(item, dict) and item and self.block(child, item_where, item):
                first = layout.ordered_keys_at(item_where, item, self.languages)[0]
                self.before((*child, first), column)
                self.mapping(child, item_where, item, column + 2, dash + " ")
            else:
                self.entry(child, item_where, dash, item, column)
        if path in self.trivia.closing:
            self.comments(self.trivia.closing[path], column)

    def entry(self, path: DocPath, where: Pattern, head: str, value: Any, column: int) -> None:
        """``head`` (``key:`` or ``-``) and its value, the entry at column ``column``."""
        inner = column + layout.INDENT
        if isinstance(value, dict | list):
            if value and self.block(path, where, value):
                self.line(head, path)
                if isinstance(value, dict):
                    self.mapping(path, where, value, inner, None)
                else:
                    self.sequence(path, where, value, inner)
            elif value and isinstance(value, list) and _scalars_only(value):
                self.wrapped(path, head, value)
            else:
                self.line(f"{head} {self.flow(path, where, value)}", path)
            return
        if self.spans[path].style in BLOCK_SCALAR:
            self.block_scalar(path, head, inner)
            return
        text = self.scalar(path, where, value, flow=False)
        self.line(f"{head} {text}" if text else head, path)

    def block(self, path: DocPath, where: Pattern, value: Any) -> bool:
        """Whether a collection is written in block style."""
        if path in self.trivia.commented or path in self.holding_block_scalars:
            return True
        if layout.flow_at(where):
            return False
        if where in _BLOCK_PATTERNS or layout.text_at(where):
            return True
        return self.spans[path].style in BLOCK

    def wrapped(self, path: DocPath, head: str, value: list[Any]) -> None:
        """A flow list of plain values, filled up to the width, continued under its first item."""
        where = layout.pattern((*path, 0))
        parts = [self.scalar((*path, i), where, item, flow=True) for i, item in enumerate(value)]
        start = f"{head} ["
        line = start + parts[0] + ("," if len(parts) > 1 else "]")
        if len(line) + sum(len(p) + 2 for p in parts[1:]) <= layout.WIDTH:
            self.line(start + ", ".join(parts) + "]", path)
            return
        pieces = [p + "," for p in parts[1:-1]] + ([parts[-1] + "]"] if len(parts) > 1 else [])
        lines = [line]
        for piece in pieces:
            if len(lines[-1]) + 1 + len(piece) > layout.WIDTH:
                lines.append(" " * len(start) + piece)
            else:
                lines[-1] += " " + piece
        self.out.extend(lines[:-1])
        self.line(lines[-1], path)

    def block_scalar(self, path: DocPath, head: str, inner: int) -> None:
        """A block scalar: its header as written, its lines moved to the new indentation."""
        doc = self.doc
        start, end, _ = self.spans[path]
        header_end = doc.line_end(start)
        header = self.text[start:header_end].split("#", 1)[0].rstrip()
        self.line(f"{head} {header}", path)
        body_start = doc.next_line(start)
        keep = "+" in header
        body_end = end if keep else doc.content_end(doc.spans.values[path])
        rows = self.text[body_start:body_end].replace("\r\n", "\n").split("\n")
        if keep and rows and rows[-1] == "":
            rows.pop()
        written = [row for row in rows if row.strip()]
        indent = min((len(r) - len(r.lstrip(" ")) for r in written), default=0)
        for row in rows:
            self.out.append(" " * inner + row[indent:] if row.strip() else "")

    # -- flow style ----------------------------------------------------------------------

    def flow(self, path: DocPath, where: Pattern, value: Any) -> str:
        """A collection on one line, in flow style."""
        if isinstance(value, dict):
            parts = []
            keys = self.keys
            for key in layout.ordered_keys_at(where, value, self.languages):
                name = keys.get((key, True))
                if name is None:
                    name = keys[(key, True)] = key_text(key, flow=True)
                child, child_where = (*path, key), layout.child_pattern(where, key)
                item = value[key]
                if isinstance(item, dict | list):
                    parts.append(f"{name}: {self.flow(child, child_where, item)}")
                else:
                    parts.append(f"{name}: {self.scalar(child, child_where, item, flow=True)}")
            return "{" + ", ".join(parts) + "}"
        item_where = (*where, "*")
        items = [
            self.flow((*path, i), item_where, v)
            if isinstance(v, dict | list)
            else self.scalar((*path, i), item_where, v, flow=True)
            for i, v in enumerate(value)
        ]
        return "[" + ", ".join(items) + "]"

    def scalar(self, path: DocPath, where: Pattern, value: Any, *, flow: bool) -> str:
        """A scalar: numbers as written, text bare where that is safe and (for free text) the
        author wrote it bare, else double-quoted."""
        start, end, style = self.spans[path]
        if value is None:
            raw = self.text[start:end]
            return "null" if flow and not raw else raw
        if not isinstance(value, str):
            return self.text[start:end]
        if not style:  # bare as written: stays bare where YAML 1.2 reads it the same
            return value if self._bare(value, flow, False) else double_quoted(value)
        if not layout.free_text_at(where) and self._bare(value, flow, True):
            return value
        return double_quoted(value)

    def _bare(self, value: str, flow: bool, yaml11: bool) -> bool:
        key = (value, flow, yaml11)
        found = self.bare.get(key)
        if found is None:
            found = self.bare[key] = plain_ok(value, flow=flow, yaml11=yaml11)
        return found


def _scalars_only(items: list[Any]) -> bool:
    return all(not isinstance(item, dict | list) for item in items)


# -- many files ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileOutcome:
    """What ``fmt`` found for one file (made in a worker process, so plain data)."""

    name: str
    changed: bool
    original: str = ""
    text: str = ""
    diagnostics: tuple[Diagnostic, ...] = ()
    problem: str = ""  # why the file was not formatted


def format_job(job: Job, options: ValidationOptions, *, check_only: bool = False) -> FileOutcome:
    """Format one file of a ``fmt`` run. ``check_only`` only answers whether it would change
    (and stops at the first line that differs)."""
    try:
        if check_only:
            doc = Document.parse(job.raw, job.name, options.limits)
            return FileOutcome(job.name, not is_formatted(doc))
        done = fmt(job.raw, job.name, options.limits)
    except NotLoadable as exc:
        return FileOutcome(job.name, False, diagnostics=tuple(exc.diagnostics), problem=exc.message)
    except EditBug as exc:
        return FileOutcome(job.name, False, problem=exc.message)
    return FileOutcome(job.name, done.changed, done.doc.text, done.text)
