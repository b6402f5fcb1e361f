"""The strict loader: YAML 1.2 scalars, no duplicate keys, no aliases, no tags, with positions.

PyYAML composes the node tree (in C when libyaml is present); we walk it ourselves instead of
letting PyYAML construct Python objects, which is where its YAML 1.1 habits live. Anchors,
aliases and tags are found by a pass over the parser events, made only when the text contains
one of the characters that can introduce them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from uhc_roadmap.diagnostics import Diagnostic, Severity
from uhc_roadmap.loading.scalars import ScalarRangeError, resolve_plain, yaml11_reading
from uhc_roadmap.loading.source import DecodeProblem, decode, text_position
from uhc_roadmap.loading.sourcemap import DocPath, Position, SourceMap

try:  # libyaml's C parser when PyYAML was built with it
    from yaml import CBaseLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import BaseLoader as _BaseLoader  # type: ignore[assignment]

_MARKERS = ("&", "*", "!")
_STANDARD_TAG = "tag:yaml.org,2002:"
_MAX_REPORTED_MARKERS = 20


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep hostile input cheap; both are generous for real roadmaps."""

    max_bytes: int = 8 * 1024 * 1024
    max_depth: int = 64


@dataclass(slots=True)
class LoadedDocument:
    """The result of loading one file: plain data (None when unusable) and where things are."""

    file: str
    text: str | None
    data: dict[str, Any] | None
    source_map: SourceMap = field(default_factory=SourceMap)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load_document(raw: bytes, file: str, limits: Limits | None = None) -> LoadedDocument:
    """Load one roadmap file strictly; every problem becomes a located Y-diagnostic."""
    limits = limits or Limits()
    if len(raw) > limits.max_bytes:
        size_mib = len(raw) / 1_048_576
        return _failed(
            file,
            None,
            _error(
                "Y011",
                file,
                (1, 1),
                f"the file is {size_mib:.1f} MiB, over the {limits.max_bytes // 1_048_576} MiB limit",
                "split the roadmap, or raise `max_file_size` in the configuration",
            ),
        )
    text = decode(raw)
    if isinstance(text, DecodeProblem):
        return _failed(
            file, None, _error("Y005", file, (text.line, text.col), text.message, text.hint)
        )
    with _gc_paused():
        return _load_text(text, file, limits)


def _load_text(text: str, file: str, limits: Limits) -> LoadedDocument:
    if any(marker in text for marker in _MARKERS):
        problems = _scan_events(text, file)
        if problems:
            return _failed(file, text, *problems)
    try:
        node = _compose(text)
    except yaml.YAMLError as exc:
        return _failed(file, text, _yaml_error(exc, text, file))
    if node is None:
        return _failed(
            file,
            text,
            _error(
                "Y006",
                file,
                (1, 1),
                "the file is empty",
                'a roadmap starts with `schema_version: "1"`',
            ),
        )
    if not isinstance(node, MappingNode):
        return _failed(file, text, _not_a_mapping(node, file))
    walker = _Walker(file, limits.max_depth)
    data = walker.mapping(node, (), 0)
    errors = any(d.severity is Severity.ERROR for d in walker.diagnostics)
    return LoadedDocument(
        file, text, None if errors else data, walker.source_map, walker.diagnostics
    )


def _compose(text: str) -> Node | None:
    loader = _BaseLoader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Composing allocates many small objects and no cycles; the collector only costs time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _scan_events(text: str, file: str) -> list[Diagnostic]:
    """Anchors, aliases and tags, found in the event stream before anything is composed."""
    problems: list[Diagnostic] = []
    loader = _BaseLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if event is not None:
                problems.extend(_event_problems(event, file))
    except yaml.YAMLError as exc:
        problems.append(_yaml_error(exc, text, file))
    finally:
        loader.dispose()
    if len(problems) > _MAX_REPORTED_MARKERS:
        rest = len(problems) - _MAX_REPORTED_MARKERS
        last = problems[_MAX_REPORTED_MARKERS - 1]
        problems = problems[:_MAX_REPORTED_MARKERS]
        problems.append(
            _error(
                last.code, file, (last.line, last.col), f"{rest} more anchors, aliases or tags", ""
            )
        )
    return problems


def _event_problems(event: yaml.Event, file: str) -> Iterator[Diagnostic]:
    pos = _pos(event.start_mark)
    if isinstance(event, yaml.AliasEvent):
        yield _error(
            "Y003",
            file,
            pos,
            f"alias `*{event.anchor}`: anchors and aliases are not allowed",
            "write the value out in full; aliases hide what a reviewer reads and can explode in size",
        )
        return
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        yield _error(
            "Y003",
            file,
            pos,
            f"anchor `&{anchor}`: anchors and aliases are not allowed",
            "remove the anchor and write values out in full",
        )
    tag = getattr(event, "tag", None)
    if tag is not None:
        yield _tag_problem(tag, file, pos)


def _tag_problem(tag: str, file: str, pos: Position) -> Diagnostic:
    shown = "!!" + tag[len(_STANDARD_TAG) :] if tag.startswith(_STANDARD_TAG) else tag
    if "python/" in tag:
        return _error(
            "Y004",
            file,
            pos,
            f"unsafe tag `{shown}`: tags that build program objects are refused, never run",
            "remove the tag; a roadmap holds only plain data",
        )
    return _error(
        "Y004",
        file,
        pos,
        f"tag `{shown}` is not allowed",
        "remove the tag; quote the value if it must be read as text",
    )


_TAB_HINT = "YAML does not allow tabs for indentation; indent with spaces"
_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "quote a value that contains ': ', or check the indentation",
    ),
    (
        "could not find expected ':'",
        "check the indentation and the quoting of this line and the one above",
    ),
    ("found undefined alias", "aliases are not allowed; write the value out in full"),
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
        if "expected a single document" in f"{problem} {exc.context}":
            return _error(
                "Y007",
                file,
                pos,
                "the file holds several YAML documents",
                "keep one roadmap per file and remove the `---` separator",
            )
        if "undefined alias" in problem:
            return _error("Y003", file, pos, "alias to an undefined anchor", _hint_for(problem))
        if "maximum nesting depth" in problem:
            return _error("Y011", file, pos, "nesting too deep for the YAML parser", "")
        context = f" {exc.context}" if exc.context else ""
        hint = _TAB_HINT if _char_at(text, pos) == "\t" else _hint_for(problem)
        return _error("Y001", file, pos, f"invalid YAML: {problem}{context}", hint)
    if isinstance(exc, yaml.reader.ReaderError):
        line, col = text_position(text, min(exc.position, len(text)))
        return _error(
            "Y005",
            file,
            (line, col),
            f"character {exc.character!r} is not allowed in YAML",
            "remove it",
        )
    return _error("Y001", file, (1, 1), f"invalid YAML: {exc}", "")


def _char_at(text: str, pos: Position) -> str:
    lines = text.split("\n", pos[0])
    line = lines[pos[0] - 1] if len(lines) >= pos[0] else ""
    return line[pos[1] - 1 : pos[1]]


def _hint_for(problem: str) -> str:
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem:
            return hint
    return ""


def _not_a_mapping(node: Node, file: str) -> Diagnostic:
    kind = "a list" if isinstance(node, SequenceNode) else "a single value"
    if isinstance(node, ScalarNode) and not node.style and resolve_plain(node.value) is None:
        kind = "null"
    return _error(
        "Y008",
        file,
        _pos(node.start_mark),
        f"the document is {kind}, not a mapping of fields",
        'a roadmap is a mapping that starts with `schema_version: "1"`',
    )


class _Walker:
    """Turns a composed node tree into plain data, recording positions and problems."""

    def __init__(self, file: str, max_depth: int) -> None:
        self.file = file
        self.max_depth = max_depth
        self.source_map = SourceMap()
        self.diagnostics: list[Diagnostic] = []
        self._too_deep = False

    def node(self, node: Node, path: DocPath, depth: int) -> Any:
        self.source_map.values[path] = _pos(node.start_mark)
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if depth >= self.max_depth:
            return self._depth_exceeded(node)
        if isinstance(node, MappingNode):
            return self.mapping(node, path, depth + 1)
        return [self.node(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]

    def mapping(self, node: MappingNode, path: DocPath, depth: int) -> dict[str, Any]:
        self.source_map.values[path] = _pos(node.start_mark)
        result: dict[str, Any] = {}
        seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node)
            if key is None:
                continue
            key_pos = _pos(key_node.start_mark)
            if key in seen:
                self._duplicate(key, seen[key], key_pos)
                continue
            seen[key] = key_pos
            key_path = (*path, key)
            self.source_map.keys[key_path] = key_pos
            result[key] = self.node(value_node, key_path, depth)
        return result

    def scalar(self, node: ScalarNode, path: DocPath) -> Any:
        if node.style:  # quoted or block scalar: always text ('' or None is plain)
            return node.value
        try:
            value = resolve_plain(node.value)
        except ScalarRangeError as exc:
            self._add(
                "Y012", node, f"number out of range: {exc}", "quote it if it is an identifier"
            )
            return None
        if isinstance(value, str) and value:
            reading = yaml11_reading(value)
            if reading is not None:
                self._add(
                    "Y009",
                    node,
                    f"`{value}` is read as text here, but YAML 1.1 readers take it as {reading}",
                    f'quote it: "{value}"',
                    Severity.WARNING,
                )
        return value

    def _key(self, key_node: Node) -> str | None:
        if isinstance(key_node, ScalarNode):
            return str(key_node.value)
        self._add("Y010", key_node, "a mapping key must be a plain name, not a list or mapping", "")
        return None

    def _duplicate(self, key: str, first: Position, again: Position) -> None:
        self.diagnostics.append(
            _error(
                "Y002",
                self.file,
                again,
                f"duplicate key `{key}`: first at line {first[0]}, again at line {again[0]}",
                "YAML would silently keep only one of the two values; remove or merge one",
            )
        )

    def _depth_exceeded(self, node: Node) -> None:
        if not self._too_deep:
            self._too_deep = True
            self._add(
                "Y011",
                node,
                f"nesting deeper than {self.max_depth} levels",
                "a roadmap is a few levels deep; raise `max_depth` in the configuration if needed",
            )

    def _add(
        self, code: str, node: Node, message: str, hint: str, severity: Severity = Severity.ERROR
    ) -> None:
        self.diagnostics.append(
            Diagnostic(code, severity, self.file, *_pos(node.start_mark), message, hint)
        )


def _pos(mark: Any) -> Position:
    return (mark.line + 1, mark.column + 1)


def _error(code: str, file: str, pos: Position, message: str, hint: str) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, file, pos[0], pos[1], message, hint)


def _failed(file: str, text: str | None, *diagnostics: Diagnostic) -> LoadedDocument:
    return LoadedDocument(file, text, None, SourceMap(), list(diagnostics))
