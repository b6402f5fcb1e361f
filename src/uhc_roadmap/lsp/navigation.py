"""Go to definition, find references and rename, for the ids of a roadmap.

An id is defined by the ``id`` of an organisation, axis, activity or indicator, or by a key of
``region_groups``; it is referred to by the fields ``ids.REFERENCES`` lists. A rename rewrites
the definition and every reference, each in its own quoting style, and reads the result back:
it must hold exactly the data with the id changed, nothing else, or no edit is made.
"""

from __future__ import annotations

import re
from typing import Any

from lsprotocol import types

from uhc_roadmap.editing.engine import same
from uhc_roadmap.editing.paths import object_paths
from uhc_roadmap.editing.yamltext import double_quoted, plain_key_ok, plain_ok, single_quoted
from uhc_roadmap.loading import load_document
from uhc_roadmap.lsp import ids
from uhc_roadmap.lsp.analysis import Checked, encode
from uhc_roadmap.lsp.ids import Occurrence
from uhc_roadmap.lsp.nodes import Node, NodeIndex, index_of
from uhc_roadmap.lsp.text import TextDocument
from uhc_roadmap.model.types import ID_PATTERN

_ID = re.compile(ID_PATTERN)


class RenameRefused(Exception):
    """A rename that cannot be made, with the reason to show the user."""


def symbol_at(checked: Checked, offset: int) -> tuple[Occurrence, str, Node] | None:
    """The id under the cursor: where it is written, what kind of thing it names, its node."""
    index = index_of(checked)
    node = index.at(offset) if index is not None else None
    if node is None:
        return None
    catalogue = checked.catalogue()
    occurrence = catalogue.at(node.path, key=node.key)
    if occurrence is None:
        return None
    return occurrence, catalogue.kind_of(occurrence), node


def definition(doc: TextDocument, checked: Checked, offset: int) -> list[types.Location] | None:
    """Where the id under the cursor is defined."""
    found = symbol_at(checked, offset)
    if found is None:
        return None
    _, kind, node = found
    defined = checked.catalogue().definition(kind, node_ident(node))
    index = index_of(checked)
    target = index.node(defined.path, defined.at_key) if defined and index else None
    if target is None:
        return None
    return [types.Location(uri=doc.uri, range=doc.lsp_range(target.start, target.end))]


def references(
    doc: TextDocument, checked: Checked, offset: int, *, declaration: bool
) -> list[types.Location] | None:
    """Every place the id under the cursor is written (and its definition, when asked)."""
    found = symbol_at(checked, offset)
    index = index_of(checked)
    if found is None or index is None:
        return None
    _, kind, node = found
    nodes = _nodes(index, checked.catalogue().uses(kind, node_ident(node)), declaration)
    return [types.Location(uri=doc.uri, range=doc.lsp_range(n.start, n.end)) for n in nodes]


def prepare_rename(checked: Checked, offset: int) -> tuple[int, int, str] | None:
    """The id that would be renamed (its start, end and text), or None: only the ids of
    organisations, axes, activities, indicators and region groups are renamed."""
    found = symbol_at(checked, offset)
    if found is None:
        return None
    occurrence, kind, node = found
    if kind not in ids.RENAMEABLE:
        return None
    if checked.catalogue().definition(kind, occurrence.ident) is None:
        return None  # a reference to an id that no object has: nothing to rename
    return node.start, node.end, occurrence.ident


def rename(doc: TextDocument, checked: Checked, offset: int, new: str) -> types.WorkspaceEdit:
    """The edits that rename the id under the cursor to ``new`` everywhere in the file."""
    found = symbol_at(checked, offset)
    index = index_of(checked)
    if found is None or index is None:
        raise RenameRefused("there is no id to rename here")
    occurrence, kind, _ = found
    old = occurrence.ident
    if kind not in ids.RENAMEABLE or checked.catalogue().definition(kind, old) is None:
        raise RenameRefused(f"`{old}` is not the id of an object of this roadmap")
    _check_name(checked, new, old)
    uses = checked.catalogue().uses(kind, old)
    edits: list[tuple[int, int, str]] = []
    for use in uses:
        node = index.node(use.path, use.at_key)
        if node is None:
            raise RenameRefused(f"`{old}` at {use.path} could not be found in the text")
        edits.append((node.start, node.end, _written(index, node, new)))
    _read_back(checked, index, uses, edits, new)
    return types.WorkspaceEdit(
        changes={
            doc.uri: [
                types.TextEdit(range=doc.lsp_range(start, end), new_text=text)
                for start, end, text in edits
            ]
        }
    )


def node_ident(node: Node) -> str:
    return str(node.value)


def _nodes(index: NodeIndex, uses: list[Occurrence], declaration: bool) -> list[Node]:
    found = []
    for use in uses:
        if use.definition and not declaration:
            continue
        node = index.node(use.path, use.at_key)
        if node is not None:
            found.append(node)
    return sorted(found, key=lambda node: node.start)


def _check_name(checked: Checked, new: str, old: str) -> None:
    if new == old:
        raise RenameRefused(f"the id is already `{old}`")
    if not _ID.fullmatch(new):
        raise RenameRefused(
            f"`{new}` is not an id: ids are upper-case letters and digits, parts joined by "
            "`-`, `_` or `.` (such as GOV-01)"
        )
    data = checked.data or {}
    groups = data.get("region_groups")
    taken = set(object_paths(data)) | (set(groups) if isinstance(groups, dict) else set())
    if new in taken:
        raise RenameRefused(f"`{new}` is already the id of something in this roadmap (R001)")


def _written(index: NodeIndex, node: Node, new: str) -> str:
    """``new`` in the quoting style of the text it replaces, where that style can hold it."""
    first = index.doc.text[node.start - index.bom : node.start - index.bom + 1]
    flow = index.doc.in_flow(node.path)
    if first == "'":
        quoted = single_quoted(new)
        if quoted is not None:
            return quoted
    if first in "\"'":
        return double_quoted(new)
    ok = plain_key_ok(new, flow=flow) if node.key else plain_ok(new, flow=flow)
    return new if ok else double_quoted(new)


def _read_back(
    checked: Checked,
    index: NodeIndex,
    uses: list[Occurrence],
    edits: list[tuple[int, int, str]],
    new: str,
) -> None:
    """Refuse (with a message) edits whose text would not hold the data with the id changed."""
    text = checked.text
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    loaded = load_document(encode(text), checked.result.file, checked.options.limits)
    expected = _renamed(index.doc.data, uses, new)
    if loaded.data is None or not same(loaded.data, expected):
        raise RenameRefused("the renamed text would not read back as the same roadmap")


def _renamed(data: dict[str, Any], uses: list[Occurrence], new: str) -> dict[str, Any]:
    """A copy of ``data`` with the id at each use changed to ``new``."""

    def copy(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: copy(v) for k, v in node.items()}
        if isinstance(node, list):
            return [copy(v) for v in node]
        return node

    result: dict[str, Any] = copy(data)
    for use in uses:
        parent: Any = result
        for element in use.path[:-1]:
            parent = parent[element]
        last = use.path[-1]
        if use.at_key:
            parent_items = list(parent.items())
            parent.clear()
            parent.update((new if k == last else k, v) for k, v in parent_items)
        else:
            parent[last] = new
    return result
