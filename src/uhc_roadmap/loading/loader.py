"""The strict loader: YAML 1.2 scalars, no duplicate keys, no aliases, no tags, with positions.

PyYAML's parser (libyaml's, in C, when present) turns the text into a stream of events; we
build plain data from that stream ourselves instead of letting PyYAML compose and construct
Python objects, which is where its YAML 1.1 habits live. The builder keeps its own stack, so
no input can exhaust Python's, and it stops at the first limit crossed (size, depth, number of
values), so hostile input costs little time and memory before it is refused.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from uhc_roadmap.diagnostics import Diagnostic, Severity, builtin_finding
from uhc_roadmap.loading.comments import glued_comments, may_have_glued_comments
from uhc_roadmap.loading.scalars import (
    TYPOGRAPHIC_QUOTES,
    ScalarRangeError,
    resolve_plain,
    typographic_inner,
    yaml11_reading,
)
from uhc_roadmap.loading.source import DecodeProblem, decode, line_text, text_position, visible
from uhc_roadmap.loading.sourcemap import DocPath, Position, SourceMap, Spans

try:  # libyaml's C parser when PyYAML was built with it
    from yaml import CBaseLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import BaseLoader as _BaseLoader  # type: ignore[assignment]

_STANDARD_TAG = "tag:yaml.org,2002:"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 and C1, tab and newline aside
_MAX_REPORTED_MARKERS = 20
MAX_FINDINGS = 1000
"""Findings kept per file: a file of 100,000 repeated keys is refused with the first ones."""
_MAX_SHOWN_KEY = 60


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep hostile input cheap; all are generous for real roadmaps.

    A real roadmap is a few hundred kilobytes, six levels deep and some 130 values per
    activity; ``max_nodes`` bounds what a dense file under the size limit (``[1,1,1,...]``)
    can cost, and admits a roadmap of 3,000 activities (2,000 hold ~263,000 values).
    """

    max_bytes: int = 8 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 400_000

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_depth", "max_nodes"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")


@dataclass(slots=True)
class LoadedDocument:
    """The result of loading one file: plain data (None when unusable) and where things are."""

    file: str
    text: str | None
    data: dict[str, Any] | None
    source_map: SourceMap = field(default_factory=SourceMap)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load_document(
    raw: bytes, file: str, limits: Limits | None = None, *, spans: bool = False
) -> LoadedDocument:
    """Load one roadmap file strictly; every problem becomes a located Y-diagnostic.

    ``raw`` may be cut short by a reader that stopped one byte past ``max_bytes``: any input
    longer than the limit is refused on its length alone. With ``spans``, the source map also
    holds where every node starts and ends and how it is written (``SourceMap.spans``), which
    the editing commands need and checking does not pay for.
    """
    limits = limits or Limits()
    if len(raw) > limits.max_bytes:
        return _failed(file, None, too_large(file, limits.max_bytes))
    text = decode(raw)
    if isinstance(text, DecodeProblem):
        return _failed(
            file, None, _finding("Y005", file, (text.line, text.col), text.message, text.hint)
        )
    with gc_paused():
        return _load_text(text, file, limits, spans)


def too_large(file: str, max_bytes: int) -> Diagnostic:
    """The Y011 finding for a file over ``max_bytes``; its size is not known when the reader
    stopped one byte past the limit, so it is not shown."""
    return _finding(
        "Y011",
        file,
        (1, 1),
        f"the file is too large (over the {format_size(max_bytes)} limit)",
        "split the roadmap, or raise `max_file_size` in the configuration",
    )


def format_size(size: int) -> str:
    """A byte count in the unit a person would use: ``8 MiB``, ``512 KiB``, ``47.7 MiB``."""
    for unit, factor in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= factor:
            amount = size / factor
            return f"{amount:.0f} {unit}" if amount.is_integer() else f"{amount:.1f} {unit}"
    return f"{size} bytes"


def _load_text(text: str, file: str, limits: Limits, spans: bool) -> LoadedDocument:
    keep = may_have_glued_comments(text)
    builder = (
        _SpanBuilder(file, limits, text, keep_scalars=keep)
        if spans
        else _Builder(file, limits, keep_scalars=keep)
    )
    loader = _BaseLoader(text)
    try:
        builder.run(_events(loader))
    except yaml.YAMLError as exc:
        builder.stop(_yaml_error(exc, text, file))
    finally:
        loader.dispose()
    if builder.scalar_events is not None and builder.stopped is None:
        for offset in glued_comments(text, builder.scalar_events):
            builder.glued(text, offset)
    return builder.result(text)


def _events(loader: Any) -> Iterator[Event]:
    while loader.check_event():
        yield loader.get_event()


@contextmanager
def gc_paused() -> Iterator[None]:
    """The collector paused: loading and checking allocate many small objects and no cycles,
    so its automatic passes over every object in the process only cost time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Stop(Exception):
    """Ends the build early: a limit was crossed, or a second document began."""


@dataclass(slots=True)
class _Frame:
    """A mapping or a list being filled, and what its next node is for."""

    path: DocPath
    value: dict[str, Any] | list[Any]
    seen: dict[str, Position] = field(default_factory=dict)
    key: str | None = None  # in a mapping: the key whose value comes next
    drop_value: bool = False  # the value of a refused or repeated key


class _Builder:
    """Turns the event stream into plain data, recording positions and problems.

    Anchors, aliases and tags are collected apart (``markers``): a file that uses them is
    refused with only those findings, as what its values mean is then not settled.
    """

    def __init__(self, file: str, limits: Limits, *, keep_scalars: bool = False) -> None:
        self.file = file
        self.limits = limits
        self.scalar_events: list[ScalarEvent] | None = [] if keep_scalars else None
        """Every scalar event, kept only when a comment may be glued to one."""
        self.source_map = SourceMap()
        self.diagnostics: list[Diagnostic] = []
        self.unreported: list[Severity] = []  # past MAX_FINDINGS: only counted
        self.markers: list[Diagnostic] = []
        self.markers_seen = 0
        self.stopped: Diagnostic | None = None
        self.stack: list[_Frame] = []
        self.skipping = 0  # open collections inside a subtree that is not kept
        self.nodes = 0
        self.documents = 0
        self.root: Any = None
        self.root_event: Event | None = None

    def run(self, events: Iterator[Event]) -> None:
        try:
            for event in events:
                self.feed(event)
        except _Stop:
            return

    def stop(self, diagnostic: Diagnostic) -> None:
        self.stopped = diagnostic

    def feed(self, event: Any) -> None:
        kind = type(event)
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            self._close()
        elif kind is ScalarEvent or kind is AliasEvent:
            if event.anchor is not None or getattr(event, "tag", None) is not None:
                self._markers(event)
            if self.scalar_events is not None and kind is ScalarEvent:
                self.scalar_events.append(event)
            self._count(event)
            if not self.skipping:
                self._node(event, None)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                self._markers(event)
            self._count(event)
            if self.skipping:
                self.skipping += 1
            else:
                self._node(event, {} if kind is MappingStartEvent else [])
        elif kind is DocumentStartEvent:
            self._document(event)

    def _document(self, event: Event) -> None:
        self.documents += 1
        if self.documents > 1:
            self._halt(
                _finding(
                    "Y007",
                    self.file,
                    _pos(event.start_mark),
                    "the file holds several YAML documents",
                    "keep one roadmap per file and remove the `---` separator",
                )
            )

    def _count(self, event: Event) -> None:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            self._halt(
                self._at(
                    "Y011",
                    event,
                    f"the file holds more than {self.limits.max_nodes:,} keys and values",
                    "split the file, or raise `max_nodes` in the configuration if a roadmap "
                    "is really this large",
                )
            )

    def _node(self, event: Event, container: dict[str, Any] | list[Any] | None) -> None:
        """Place one node (a scalar, an alias, or a collection just opened) where it belongs."""
        top = self.stack[-1] if self.stack else None
        if top is None:
            self._root(event, container)
            return
        if isinstance(top.value, dict) and top.key is None and not top.drop_value:
            self._key(top, event, container)
            return
        if top.drop_value:
            top.drop_value = False
            self._skip(container)
            return
        path = (*top.path, len(top.value) if isinstance(top.value, list) else str(top.key))
        self._place(top, self._value(event, container, path))

    def _root(self, event: Event, container: dict[str, Any] | list[Any] | None) -> None:
        self.root_event = event
        if isinstance(container, dict):
            self.root = self._value(event, container, ())
        else:  # refused as a whole (Y008): nothing inside it is looked at
            self._skip(container)

    def _value(
        self, event: Event, container: dict[str, Any] | list[Any] | None, path: DocPath
    ) -> Any:
        self.source_map.values[path] = _pos(event.start_mark)
        if container is None:
            return self._scalar(event) if isinstance(event, ScalarEvent) else None
        if len(self.stack) > self.limits.max_depth:
            self._halt(
                self._at(
                    "Y011",
                    event,
                    f"nesting deeper than {self.limits.max_depth} levels",
                    "a roadmap is a few levels deep; raise `max_depth` in the configuration "
                    "if needed",
                )
            )
        self.stack.append(_Frame(path, container))
        return container

    def _place(self, top: _Frame, value: Any) -> None:
        if isinstance(top.value, list):
            top.value.append(value)
        else:
            top.value[str(top.key)] = value
            top.key = None

    def _skip(self, container: dict[str, Any] | list[Any] | None) -> None:
        if container is not None:
            self.skipping = 1

    def _close(self) -> None:
        if self.skipping:
            self.skipping -= 1
        elif self.stack:
            self.stack.pop()

    def _key(self, top: _Frame, event: Event, container: dict[str, Any] | list[Any] | None) -> None:
        if not isinstance(event, ScalarEvent):
            if container is not None:
                self._add(
                    "Y010", event, "a mapping key must be a plain name, not a list or mapping"
                )
                self._skip(container)
            top.drop_value = True
            return
        key = str(event.value)
        if event.style == '"':
            self._controls(event)
        pos = _pos(event.start_mark)
        first = top.seen.get(key)
        if first is not None:
            self._duplicate(key, first, pos)
            top.drop_value = True
            return
        top.seen[key] = pos
        top.key = key
        self.source_map.keys[(*top.path, key)] = pos

    def _scalar(self, event: ScalarEvent) -> Any:
        if event.style:  # quoted or block scalar: always text ('' or None is plain)
            if event.style == '"':
                self._controls(event)
            return event.value
        try:
            value = resolve_plain(event.value)
        except ScalarRangeError as exc:
            self._add(
                "Y012", event, f"number out of range: {exc}", "quote it if it is an identifier"
            )
            return None
        if isinstance(value, str) and value:
            if value[0] in TYPOGRAPHIC_QUOTES:
                self._typographic(event, value)
            reading = yaml11_reading(value)
            if reading is not None:
                self._add(
                    "Y009",
                    event,
                    f"`{value}` is read as text here, but YAML 1.1 readers take it as {reading}",
                    f'quote it: "{value}"',
                )
        return value

    def _typographic(self, event: ScalarEvent, value: str) -> None:
        inner = typographic_inner(value)
        if inner is not None:
            self._add(
                "Y014",
                event,
                f"`{visible(value)}` is wrapped in typographic quotes, which YAML keeps as part "
                "of the text",
                f'use straight double quotes: "{visible(inner)}"',
            )

    def _controls(self, event: ScalarEvent) -> None:
        """Escapes in double quotes (``"\\e[2J"``, ``"\\0"``) can make what the YAML reader
        refuses as raw bytes: control characters, which rewrite a terminal or end a C string.
        """
        found = _CONTROL.search(event.value)
        if found is not None:
            self._add(
                "Y005",
                event,
                f"the text holds the control character `{visible(found.group())}`",
                "remove the escape; a roadmap's text has no control characters (\\t and \\n aside)",
            )

    def _duplicate(self, key: str, first: Position, again: Position) -> None:
        shown = visible(key if len(key) <= _MAX_SHOWN_KEY else key[: _MAX_SHOWN_KEY - 3] + "...")
        self._keep(
            _finding(
                "Y002",
                self.file,
                again,
                f"duplicate key `{shown}`: first at line {first[0]}, again at line {again[0]}",
                "YAML would silently keep only one of the two values; remove or merge one",
            )
        )

    def glued(self, text: str, offset: int) -> None:
        """Y015: a comment glued to the value before it (``"UHC Partnership"# note``)."""
        before = text[offset - 1]
        self._keep(
            _finding(
                "Y015",
                self.file,
                text_position(text, offset),
                f"a comment needs a space before `#` (here right after `{visible(before)}`): "
                "YAML 1.2 readers refuse the line, libyaml reads the rest of it as a comment",
                "put a space before `#`, or, if the `#` belongs to the value, put it inside "
                "the quotes",
            )
        )

    def _keep(self, diagnostic: Diagnostic) -> None:
        if len(self.diagnostics) < MAX_FINDINGS:
            self.diagnostics.append(diagnostic)
        else:
            self.unreported.append(diagnostic.severity)

    def _markers(self, event: Event) -> None:
        """Anchors, aliases and tags: each one reported where it stands, up to a bound."""
        for problem in _event_problems(event, self.file):
            self.markers_seen += 1
            if self.markers_seen <= _MAX_REPORTED_MARKERS:
                self.markers.append(problem)

    def _halt(self, diagnostic: Diagnostic) -> None:
        self.stop(diagnostic)
        raise _Stop

    def _add(self, code: str, event: Event, message: str, hint: str = "") -> None:
        self._keep(self._at(code, event, message, hint))

    def _at(self, code: str, event: Event, message: str, hint: str) -> Diagnostic:
        return _finding(code, self.file, _pos(event.start_mark), message, hint)

    def result(self, text: str) -> LoadedDocument:
        refused = self._marker_findings()
        if self.stopped is not None:
            return _failed(self.file, text, *refused, self.stopped)
        if refused:
            return _failed(self.file, text, *refused)
        if self.root_event is None:
            return _failed(self.file, text, _empty(self.file))
        if not isinstance(self.root, dict):
            return _failed(self.file, text, _not_a_mapping(self.root_event, self.file))
        severities = {d.severity for d in self.diagnostics} | set(self.unreported)
        data = None if Severity.ERROR in severities else self.root
        return LoadedDocument(self.file, text, data, self.source_map, self._findings())

    def _findings(self) -> list[Diagnostic]:
        if not self.unreported:
            return self.diagnostics
        last = self.diagnostics[-1]
        worst = max(self.unreported, key=lambda s: s.rank)
        message = f"{len(self.unreported):,} more findings are not shown"
        summary = Diagnostic(last.code, worst, self.file, last.line, last.col, message)
        return [*self.diagnostics, summary]

    def _marker_findings(self) -> list[Diagnostic]:
        rest = self.markers_seen - len(self.markers)
        if rest <= 0:
            return list(self.markers)
        last = self.markers[-1]
        summary = _finding(
            last.code, self.file, (last.line, last.col), f"{rest} more anchors, aliases or tags", ""
        )
        return [*self.markers, summary]


class _SpanBuilder(_Builder):
    """The builder that also records where every node starts and ends, for editing.

    It keeps a table of the parser's events by position, beside the building; a node's span
    is looked up through the position the source map records anyway (``Spans``), so loading
    without spans (``validate``) pays nothing, and loading with them little.
    """

    def __init__(self, file: str, limits: Limits, text: str, *, keep_scalars: bool = False) -> None:
        super().__init__(file, limits, keep_scalars=keep_scalars)
        self.text = text
        self.spans = Spans({}, {})
        self.source_map.spans = self.spans

    def run(self, events: Iterator[Event]) -> None:
        scalars, collections = self.spans.scalars, self.spans.collections
        opened: list[list[Any]] = []
        last_end = 0  # where the text of the last node ended
        feed = self.feed
        try:
            for event in events:
                kind = type(event)
                marks: Any = event
                if kind is ScalarEvent:
                    start = marks.start_mark.index
                    last_end = marks.end_mark.index
                    scalars[start] = (start, last_end, marks.style or "")
                elif kind is MappingStartEvent or kind is SequenceStartEvent:
                    start = marks.start_mark.index
                    mapping = kind is MappingStartEvent
                    style = (
                        ("{" if mapping else "[") if marks.flow_style else (":" if mapping else "-")
                    )
                    entry = [start, start, style]
                    collections[start] = entry
                    opened.append(entry)
                elif (kind is MappingEndEvent or kind is SequenceEndEvent) and opened:
                    entry = opened.pop()
                    if entry[2] in ("{", "["):  # flow: after the bracket; block: its last value
                        last_end = marks.end_mark.index
                    entry[1] = last_end
                feed(event)
        except _Stop:
            return
        finally:
            self.spans.attach(self.source_map, self.text)


def _event_problems(event: Event, file: str) -> Iterator[Diagnostic]:
    pos = _pos(event.start_mark)
    if isinstance(event, AliasEvent):
        yield _finding(
            "Y003",
            file,
            pos,
            f"alias `*{visible(str(event.anchor))}`: anchors and aliases are not allowed",
            "write the value out in full; aliases hide what a reviewer reads and can explode in size",
        )
        return
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        yield _finding(
            "Y003",
            file,
            pos,
            f"anchor `&{visible(anchor)}`: anchors and aliases are not allowed",
            "remove the anchor and write values out in full",
        )
    tag = getattr(event, "tag", None)
    if tag is not None:
        yield _tag_problem(tag, file, pos)


def _tag_problem(tag: str, file: str, pos: Position) -> Diagnostic:
    shown = visible("!!" + tag[len(_STANDARD_TAG) :] if tag.startswith(_STANDARD_TAG) else tag)
    if "python/" in tag:
        return _finding(
            "Y004",
            file,
            pos,
            f"unsafe tag `{shown}`: tags that build program objects are refused, never run",
            "remove the tag; a roadmap holds only plain data",
        )
    return _finding(
        "Y004",
        file,
        pos,
        f"tag `{shown}` is not allowed",
        "remove the tag; quote the value if it must be read as text",
    )


_TAB_HINT = "YAML does not allow tabs for indentation; indent with spaces"
_MAX_SIMPLE_KEY = 1024
_LONG_KEY_HINT = "YAML keys written `key: value` are at most 1,024 characters long"
_TYPOGRAPHIC_HINT = (
    'typographic quotes (“ ” ‘ ’) are not YAML quotes: write straight double quotes "..." '
    "around a value that holds `: `, `#`, `,` or brackets"
)
_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "quote a value that contains ': ', or check the indentation",
    ),
    (
        "could not find expected ':'",
        "check the indentation and the quoting of this line and the one above",
    ),
    (
        "did not find expected key",
        "check the indentation: items of one mapping start in the same column",
    ),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
)


def _yaml_error(exc: yaml.YAMLError, text: str, file: str) -> Diagnostic:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        pos = _pos(mark) if mark is not None else (1, 1)
        problem = exc.problem or "invalid YAML"
        if "maximum nesting depth" in problem:
            return _finding(
                "Y011",
                file,
                pos,
                "nesting too deep for the YAML parser",
                "a roadmap is a few levels deep; look for brackets or indentation that never close",
            )
        context = f" {exc.context}" if exc.context else ""
        hint = _TAB_HINT if _char_at(text, pos) == "\t" else _hint_for(problem)
        hint = _LONG_KEY_HINT if _long_key(text, pos) else _quotes_hint(text, pos) or hint
        return _finding("Y001", file, pos, f"invalid YAML: {visible(problem)}{context}", hint)
    if isinstance(exc, yaml.reader.ReaderError):
        line, col = text_position(text, min(exc.position, len(text)))
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        return _finding(
            "Y005",
            file,
            (line, col),
            f"the character `{visible(char)}` is not allowed in YAML",
            f'remove it; inside double quotes it can be written as the escape "{visible(char)}"',
        )
    return _finding("Y001", file, (1, 1), f"invalid YAML: {visible(str(exc))}", "")


# Word's quotes, which YAML keeps as text: “…” ‘…’ „…“ (straight quotes replace them), and
# French guillemets «…», which belong to the text (straight quotes go around them).
_TYPOGRAPHIC = re.compile(r"([“„‘])(.*?)([”“’])|(«.*?»)")
_OPENING_QUOTE = re.compile(r"(?:^|(?<=[\s\[{,]))'")
_APOSTROPHE_INSIDE = re.compile(r"'[^\W\d_]")
_MAX_HINT_LINE = 2000
"""Lines longer than this get no hint about their quotes: the search would cost more than it
is worth on hostile input, and no roadmap line is that long."""


def _cut_by_apostrophe(line: str) -> str | None:
    """The text of ``'Appui à l'Agence'``: single quotes cut short by an apostrophe (a quote
    followed by a letter), closed by the first quote after it that ends a value (one followed
    by the end of the line, a comma, a bracket or a comment)."""
    opening = _OPENING_QUOTE.search(line)
    if opening is None:
        return None
    start = opening.end()
    for closing in _closing_quotes(line):
        if closing > start:
            inner = line[start:closing]
            return inner if _APOSTROPHE_INSIDE.search(inner) else None
    return None


def _closing_quotes(line: str) -> list[int]:
    """The indexes of the quotes that can end a value, in order: one pass from the end."""
    found = []
    ends_value = True  # what follows the current position, spaces aside, ends a value
    for index in range(len(line) - 1, -1, -1):
        char = line[index]
        if char == "'" and ends_value:
            found.append(index)
        if not char.isspace():
            ends_value = char in ",}]#"
    return found[::-1]


_QUOTE_HINTS = {
    "apostrophe": "an apostrophe ends a text in single quotes: write it in double quotes, "
    "%(value)s",
    "apostrophe and quotes": "an apostrophe ends a text in single quotes: double it, %(value)s",
    "guillemets": "guillemets « » are text to YAML: put the value in straight double quotes, "
    "%(value)s",
    "typographic": "typographic quotes (“ ” ‘ ’) are not YAML quotes: write straight double "
    "quotes, %(value)s",
}
"""Hints as single message strings with named placeholders, ready for a catalog."""


def _quotes_hint(text: str, pos: Position) -> str | None:
    """A syntax error caused by quotes: typographic quotes around a text with a colon
    (``title: {fr: “a : b”}``), or an apostrophe ending a text in single quotes
    (``title: 'Appui à l'Agence'``). The hint gives the value that works."""
    for line in (_line_at(text, pos), line_text(text, pos[0] - 1) if pos[0] > 1 else ""):
        if len(line) > _MAX_HINT_LINE:
            continue
        inner = _cut_by_apostrophe(line)
        if inner is not None:
            if '"' in inner:
                value = "'" + inner.replace("'", "''") + "'"
                return _QUOTE_HINTS["apostrophe and quotes"] % {"value": visible(value)}
            return _QUOTE_HINTS["apostrophe"] % {"value": visible(f'"{inner}"')}
        typographic = _TYPOGRAPHIC.search(line)
        if typographic is not None and typographic.group(4):
            return _QUOTE_HINTS["guillemets"] % {"value": visible(f'"{typographic.group(4)}"')}
        if typographic is not None:
            inner = typographic.group(2).replace('"', '\\"')
            return _QUOTE_HINTS["typographic"] % {"value": visible(f'"{inner}"')}
    return None


def _line_at(text: str, pos: Position) -> str:
    return line_text(text, pos[0])


def _char_at(text: str, pos: Position) -> str:
    return _line_at(text, pos)[pos[1] - 1 : pos[1]]


def _long_key(text: str, pos: Position) -> bool:
    """libyaml gives up on a `key:` longer than YAML allows with a message about something else."""
    before = _line_at(text, pos)[: pos[1] - 1].strip()
    return len(before) > _MAX_SIMPLE_KEY and ": " not in before


def _hint_for(problem: str) -> str:
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem:
            return hint
    return ""


def _empty(file: str) -> Diagnostic:
    return _finding(
        "Y006", file, (1, 1), "the file is empty", 'a roadmap starts with `schema_version: "1"`'
    )


def _not_a_mapping(event: Event, file: str) -> Diagnostic:
    kind = "a list" if isinstance(event, SequenceStartEvent) else "a single value"
    if isinstance(event, ScalarEvent) and not event.style and _reads_as_null(event.value):
        kind = "null"
    return _finding(
        "Y008",
        file,
        _pos(event.start_mark),
        f"the document is {kind}, not a mapping of fields",
        'a roadmap is a mapping that starts with `schema_version: "1"`',
    )


def _reads_as_null(value: str) -> bool:
    """True when a plain scalar reads as null (huge numbers are not null)."""
    try:
        return resolve_plain(value) is None
    except ScalarRangeError:
        return False


def _pos(mark: Any) -> Position:
    return (mark.line + 1, mark.column + 1)


def _finding(code: str, file: str, pos: Position, message: str, hint: str) -> Diagnostic:
    """A Y finding at the severity its code has (``diagnostics.BUILTIN_SEVERITIES``)."""
    return builtin_finding(code, file, pos[0], pos[1], message, hint)


def _failed(file: str, text: str | None, *diagnostics: Diagnostic) -> LoadedDocument:
    return LoadedDocument(file, text, None, SourceMap(), list(diagnostics))
