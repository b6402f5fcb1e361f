"""One version of an open document, checked as ``validate`` checks a file and parsed for editing.

The editor's text is encoded to UTF-8, the bytes ``validate`` would read once it is saved, and
goes through the same pipeline (``load_document`` then ``check_loaded``, which is
``check_bytes``), with the same options. The features that need where each node is written
(hover, definition, rename, code actions, formatting) parse the text once more with spans, when
first asked, as the edit engine does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from uhc_roadmap.diagnostics import FileResult
from uhc_roadmap.editing.document import Document
from uhc_roadmap.editing.errors import NotLoadable
from uhc_roadmap.loading import load_document
from uhc_roadmap.loading.sourcemap import line_starts as yaml_line_starts
from uhc_roadmap.lsp.ids import Catalogue
from uhc_roadmap.lsp.text import BOM
from uhc_roadmap.validation import ValidationOptions, check_loaded

_ROADMAP_KEY = re.compile(r"""(?:^|[{,])[ \t]*["']?schema_version["']?[ \t]*:""", re.MULTILINE)


def looks_like_roadmap(text: str) -> bool:
    """A YAML file is served when it has a ``schema_version`` key, as every roadmap does
    (``uhc-roadmap new`` writes it first); other YAML files in the workspace are left alone."""
    return "schema_version" in text and _ROADMAP_KEY.search(text) is not None


def encode(text: str) -> bytes:
    """The bytes the editor would save. A lone surrogate (which no file can hold as UTF-8) is
    kept as the bytes it stands for, so that the loader reports it as ``validate`` would."""
    return text.encode("utf-8", "surrogatepass")


@dataclass
class Checked:
    """The findings of one version of a document, and its data when it loads as YAML."""

    version: int | None
    text: str
    result: FileResult
    data: dict[str, Any] | None
    options: ValidationOptions = field(default_factory=ValidationOptions)
    cache: dict[str, object] = field(default_factory=dict, repr=False)
    """What the features build from this version once (the node index, the ids)."""
    _parsed: Document | None = field(default=None, repr=False)
    _tried: bool = field(default=False, repr=False)
    _yaml_starts: list[int] | None = field(default=None, repr=False)

    @property
    def bom(self) -> int:
        """1 when the text starts with a byte order mark (which the loader leaves out, so
        that its offsets are one less than the editor's), else 0."""
        return 1 if self.text.startswith(BOM) else 0

    def parsed(self) -> Document | None:
        """The text parsed with the span of every node (None when it does not load as YAML)."""
        if not self._tried:
            self._tried = True
            try:
                raw = encode(self.text)
                self._parsed = Document.parse(raw, self.result.file, self.options.limits)
            except NotLoadable:
                self._parsed = None
        return self._parsed

    def catalogue(self) -> Catalogue:
        """The ids of this version's data (none when it does not load)."""
        found = self.cache.get("ids")
        if not isinstance(found, Catalogue):
            found = Catalogue.of(self.data)
            self.cache["ids"] = found
        return found

    def offset(self, line: int, col: int) -> int:
        """The offset in the editor's text of a 1-based (line, column) as the YAML parser
        counts them (the positions of findings and of the source map)."""
        if self._yaml_starts is None:
            self._yaml_starts = yaml_line_starts(self.text[self.bom :])
        starts = self._yaml_starts
        if line > len(starts):  # the parser's mark after the last line: the end of the text
            return len(self.text)
        return min(starts[max(line, 1) - 1] + max(col, 1) - 1 + self.bom, len(self.text))


def check(text: str, file: str, options: ValidationOptions, version: int | None = None) -> Checked:
    """Check one version of a document: ``check_bytes`` on the bytes the editor would save,
    keeping the loader's plain data (completion needs the ids of a file with schema errors)."""
    loaded = load_document(encode(text), file, options.limits)
    checked = check_loaded(loaded, file, options)
    return Checked(version, text, checked.result, loaded.data, options)
