"""Slips whose errors come in numbers, recognised from the errors and said once.

A number cut by commas in a ``{...}`` mapping (``{value: 7,9}``) makes an unknown field ``9``;
a field indented one level too deep (``budget:`` under a milestone) makes an unknown field and,
when its items followed it, a dozen more. Each is reported once, at the first line, with its
cause and the change that works, and the errors it explains are not reported again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from uhc_roadmap.diagnostics import Diagnostic, builtin_finding
from uhc_roadmap.loading.source import clipped
from uhc_roadmap.loading.sourcemap import DocPath, SourceMap
from uhc_roadmap.model.fields import SINGULAR, data_at, model_at, owner
from uhc_roadmap.model.written import number_hint

# Messages as single strings with named placeholders, ready for a catalog; a pair is the
# singular and the plural.
MESSAGES = {
    "quote text": "put the value in quotes if it is text",
    "move": "move %(fields)s left to column %(column)s, in line with `%(under)s:`",
    "move with items": "move %(fields)s left to column %(column)s, in line with `%(under)s:`, "
    "with its items",
}
PLURALS = {
    "cut": (
        "`%(name)s: %(written)s` is read as `%(name)s: %(first)s` and the field %(fields)s: "
        "in `{...}` a comma separates fields",
        "`%(name)s: %(written)s` is read as `%(name)s: %(first)s` and the fields %(fields)s: "
        "in `{...}` a comma separates fields",
    ),
    "too deep": (
        "%(fields)s is a field of %(owner)s, not of %(here)s: indented one level too deep?",
        "%(fields)s are fields of %(owner)s, not of %(here)s: indented one level too deep?",
    ),
    "swallowed": (
        "The %(n)s item after it (line %(lines)s) is then read as a %(kind)s.",
        "The %(n)s items after it (lines %(lines)s) are then read as %(kinds)s.",
    ),
}


def _plural(key: str, n: int) -> str:
    singular, plural = PLURALS[key]
    return singular if n == 1 else plural


class Slips:
    """Finds the slips among one file's schema errors (``find``), then tells which errors they
    explain (``explains``)."""

    def __init__(
        self,
        root: type[BaseModel],
        data: Any,
        source_map: SourceMap,
        file: str,
        lines: list[str],
    ) -> None:
        self.root = root
        self.data = data
        self.source_map = source_map
        self.file = file
        self.lines = lines
        self.explained: set[DocPath] = set()

    def find(self, errors: list[ErrorDetails]) -> list[Diagnostic]:
        unknown = [
            self.source_map.resolve(e["loc"]) for e in errors if e["type"] == "extra_forbidden"
        ]
        if not unknown:
            return []
        found = list(self._comma_splits(unknown))
        return found + list(self._too_deep([p for p in unknown if not self.explains(p)]))

    def explains(self, path: DocPath) -> bool:
        """Whether the error at ``path`` is part of a slip already reported."""
        return any(path[:n] in self.explained for n in range(len(path) + 1))

    # -- a number cut by commas ----------------------------------------------------------------

    def _comma_splits(self, unknown: list[DocPath]) -> Iterator[Diagnostic]:
        """``{value: 7,9}`` is read as ``value: 7`` and a field ``9``: one finding at the value
        (instead of an unknown field ``9``, and a wrong type for ``74 300`` in ``74 300,50``)."""
        for path in unknown:
            if self.explains(path) or not self._cut_at(path):
                continue
            parent, mapping = path[:-1], data_at(self.data, path[:-1])
            keys = list(mapping)
            start = keys.index(str(path[-1]))
            while start > 0 and self._cut_at((*parent, keys[start - 1])):
                start -= 1
            end = start
            while end < len(keys) and self._cut_at((*parent, keys[end])):
                end += 1
            if start == 0:
                continue
            name, pieces = keys[start - 1], keys[start:end]
            written = self._written(parent, name, pieces)
            if written is None:
                continue
            line, col = self.source_map.position((*parent, name))
            self.explained |= {(*parent, name), *((*parent, p) for p in pieces)}
            message = _plural("cut", len(pieces)) % {
                "name": name,
                "written": clipped(written),
                "first": clipped(mapping[name]),
                "fields": ", ".join(f"`{p}`" for p in pieces),
            }
            hint = number_hint(name, written) or MESSAGES["quote text"]
            yield builtin_finding("S003", self.file, line, col, message, hint)

    def _cut_at(self, path: DocPath) -> bool:
        """A key of digits alone, without a value, right after a comma that follows a digit."""
        if not path or not isinstance(path[-1], str) or not path[-1].isdigit():
            return False
        mapping = data_at(self.data, path[:-1])
        if not isinstance(mapping, dict) or mapping.get(path[-1], 0) is not None:
            return False
        line, col = self.source_map.keys.get(path, (0, 0))
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return col > 2 and text[col - 2] == "," and text[col - 3].isdigit()

    def _written(self, parent: DocPath, name: str, pieces: list[str]) -> str | None:
        """The value as the file writes it, from its first character to the last piece's."""
        start = self.source_map.values.get((*parent, name))
        last = self.source_map.keys.get((*parent, pieces[-1]))
        if start is None or last is None or start[0] != last[0]:
            return None
        return self.lines[start[0] - 1][start[1] - 1 : last[1] - 1 + len(pieces[-1])]

    # -- a field indented too deep ---------------------------------------------------------------

    def _too_deep(self, unknown: list[DocPath]) -> Iterator[Diagnostic]:
        """Unknown fields of a mapping that are fields of an enclosing object: one finding at
        the first, "indented one level too deep?". When such a field is an empty list whose
        items went on as items of the list around the mapping (``budget:`` under a milestone,
        its lines read as milestones), those items are part of the same slip."""
        by_mapping: dict[DocPath, list[DocPath]] = {}
        for path in unknown:
            by_mapping.setdefault(path[:-1], []).append(path)
        for mapping, paths in by_mapping.items():
            placed = [(p, self._home(p)) for p in paths]
            moved = [(p, home) for p, home in placed if home is not None]
            if moved and len(moved) == len(placed):
                yield self._deep_finding(mapping, moved)

    def _home(self, path: DocPath) -> DocPath | None:
        """The nearest enclosing object that has the field ``path`` names, and lacks it."""
        name = path[-1]
        for depth in range(len(path) - 2, -1, -1):
            home = path[:depth]
            model = model_at(self.root, home)
            node = data_at(self.data, home)
            if model is not None and isinstance(node, dict):
                if name in model.model_fields and name not in node:
                    return home
                return None  # fields move one object out, not across several
        return None

    def _deep_finding(self, mapping: DocPath, moved: list[tuple[DocPath, DocPath]]) -> Diagnostic:
        first, home = moved[0]
        names = ", ".join(f"`{p[-1]}:`" for p, _ in moved)
        under = (*home, mapping[len(home)])
        column = self.source_map.keys.get(under, self.source_map.position(under))[1]
        owner_name = owner(self.data, home) or (f"`{_name(home)}`" if home else "the roadmap")
        here = _described(mapping)
        swallowed = list(self._swallowed(mapping, moved))
        self.explained |= {p for p, _ in moved} | set(swallowed)
        values: dict[str, object] = {
            "fields": names,
            "owner": owner_name,
            "here": here,
            "column": column,
            "under": under[-1],
        }
        message = _plural("too deep", len(moved)) % values
        hint = MESSAGES["move"] % values
        if swallowed:
            lines = [self.source_map.position(p)[0] for p in swallowed]
            kinds = str(mapping[-2])  # the list's name: milestones
            kind = SINGULAR.get(kinds, "item")
            values |= {"n": len(swallowed), "lines": _span(lines), "kind": kind, "kinds": kinds}
            message += " " + _plural("swallowed", len(swallowed)) % values
            hint = MESSAGES["move with items"] % values
        line, col = self.source_map.position(first, key=True)
        return builtin_finding("S002", self.file, line, col, message, hint)

    def _swallowed(
        self, mapping: DocPath, moved: list[tuple[DocPath, DocPath]]
    ) -> Iterator[DocPath]:
        """The items after ``mapping`` in its list that are the items of a moved, empty list
        field: ``budget:`` left empty, then ``- year: 2021 ...`` read as milestones."""
        if len(mapping) < 2 or not isinstance(mapping[-1], int):
            return
        own = model_at(self.root, mapping)
        items = data_at(self.data, mapping[:-1])
        for path, home in moved:
            kind = _list_item_model(self.root, (*home, path[-1]))
            if data_at(self.data, path) is not None or kind is None or own is None:
                continue
            for j in range(mapping[-1] + 1, len(items)):
                item = items[j]
                if not (isinstance(item, dict) and item and _fits(item, kind, own)):
                    break
                yield (*mapping[:-1], j)
            return


def _list_item_model(root: type[BaseModel], path: DocPath) -> type[BaseModel] | None:
    """The model of the items of the list field at ``path`` (``budget`` -> BudgetLine)."""
    return model_at(root, (*path, 0))


def _fits(item: dict[str, Any], kind: type[BaseModel], own: type[BaseModel]) -> bool:
    """An item written for ``kind``, not for ``own`` (the list it was read into)."""
    keys = set(item)
    return keys <= set(kind.model_fields) and not keys <= set(own.model_fields)


def _name(path: DocPath) -> str:
    return next((str(e) for e in reversed(path) if isinstance(e, str)), "the document")


def _described(path: DocPath) -> str:
    """``the milestone`` for a list item, ```planned``` for a field."""
    if path and isinstance(path[-1], int):
        return f"the {SINGULAR.get(_name(path), 'item')}"
    return f"`{_name(path)}`"


def _span(lines: Iterable[int]) -> str:
    numbers = sorted(lines)
    return str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"
