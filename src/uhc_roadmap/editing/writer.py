"""New nodes written in the style of the file they go into.

What the engine adds (a missing ``actual:``, a budget line, a measurement) follows the file:
its indentation, how it writes the same field elsewhere (flow or block), whether its free
text is quoted; where the file has no example, the canonical layout (``layout``) decides.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from uhc_roadmap.editing import layout
from uhc_roadmap.editing.document import BLOCK, COLLECTION, FLOW, QUOTED, Document
from uhc_roadmap.editing.yamltext import key_text, scalar_text
from uhc_roadmap.loading.sourcemap import DocPath

_SAMPLE = 5000
"""Nodes looked at to learn a file's habits: enough for any roadmap's first activities."""


@dataclass(frozen=True)
class FileStyle:
    """How a file is written, as far as new nodes need to know."""

    indent: int = layout.INDENT
    sequence_indent: int = layout.INDENT
    free_text_quote: str = '"'
    flow: dict[layout.Pattern, bool] = field(default_factory=dict)
    languages: tuple[str, ...] = ()

    @classmethod
    def of(cls, doc: Document) -> FileStyle:
        indents: Counter[int] = Counter()
        offsets: Counter[int] = Counter()
        quotes: Counter[str] = Counter()
        flows: dict[layout.Pattern, Counter[bool]] = {}
        keys = doc.spans.keys
        for path, span in islice(doc.spans.values.items(), _SAMPLE):
            if span.style in COLLECTION:
                flows.setdefault(layout.pattern(path), Counter())[span.style in FLOW] += 1
                parent_key = keys.get(path)
                if parent_key is not None and span.style in BLOCK:
                    step = doc.column(span.start) - doc.column(parent_key.start)
                    (indents if span.style == ":" else offsets)[step] += 1
            elif (not span.style or span.style in QUOTED) and path and layout.is_free_text(path):
                quotes[span.style] += 1
        return cls(
            indent=_most(indents, layout.INDENT, minimum=1),
            sequence_indent=_most(offsets, layout.INDENT, minimum=0),
            free_text_quote=quotes.most_common(1)[0][0] if quotes else '"',
            flow={p: c[True] >= c[False] for p, c in flows.items()},
            languages=tuple(layout.languages_of(doc.data)),
        )


def _most(counts: Counter[int], default: int, *, minimum: int) -> int:
    found = [(n, value) for value, n in counts.items() if value >= minimum]
    return max(found)[1] if found else default


class Writer:
    """Renders plain data (what the loader produces) as YAML text at a place in the file."""

    def __init__(self, style: FileStyle) -> None:
        self.style = style

    def is_flow(self, path: DocPath, value: Any) -> bool:
        if not value:
            return True  # `[]` and `{}`
        found = self.style.flow.get(layout.pattern(path))
        return layout.flow_by_default(path) if found is None else found

    def scalar(self, path: DocPath, value: Any, *, flow: bool) -> str:
        quote = self.style.free_text_quote if layout.is_free_text(path) else ""
        return scalar_text(value, flow=flow, quote=quote)

    def flow(self, path: DocPath, value: Any) -> str:
        """``value`` on one line, in flow style."""
        if isinstance(value, dict):
            keys = layout.ordered_keys(path, value, self.style.languages)
            inner = ", ".join(
                f"{key_text(k, flow=True)}: {self.flow((*path, k), value[k])}" for k in keys
            )
            return "{" + inner + "}"
        if isinstance(value, list):
            return "[" + ", ".join(self.flow((*path, i), v) for i, v in enumerate(value)) + "]"
        return self.scalar(path, value, flow=True)

    def value_lines(self, path: DocPath, value: Any, indent: int) -> tuple[str, list[str]]:
        """What follows ``key:`` (or ``-``) on its line, and the lines below it at ``indent``
        (the column of the key or dash that holds the value)."""
        if not isinstance(value, dict | list) or self.is_flow(path, value):
            return " " + self.flow(path, value), []
        if isinstance(value, dict):
            return "", self.mapping_lines(path, value, indent + self.style.indent)
        return "", self.sequence_lines(path, value, indent + self.style.sequence_indent)

    def entry_lines(self, path: DocPath, value: Any, indent: int) -> list[str]:
        """``key: value`` for the mapping entry at ``path``, its key at column ``indent``."""
        head, below = self.value_lines(path, value, indent)
        return [" " * indent + key_text(str(path[-1]), flow=False) + ":" + head, *below]

    def mapping_lines(self, path: DocPath, value: dict[str, Any], indent: int) -> list[str]:
        lines: list[str] = []
        for key in layout.ordered_keys(path, value, self.style.languages):
            lines.extend(self.entry_lines((*path, key), value[key], indent))
        return lines

    def sequence_lines(self, path: DocPath, value: list[Any], indent: int) -> list[str]:
        lines: list[str] = []
        for i, item in enumerate(value):
            lines.extend(self.item_lines((*path, i), item, indent))
        return lines

    def item_lines(self, path: DocPath, value: Any, indent: int) -> list[str]:
        """``- value`` for the list item at ``path``, its dash at column ``indent``."""
        if isinstance(value, dict) and value and not self.is_flow(path, value):
            inner = self.mapping_lines(path, value, indent + 2)
            return [" " * indent + "- " + inner[0].lstrip(" "), *inner[1:]]
        head, below = self.value_lines(path, value, indent)
        return [" " * indent + "-" + head, *below]
