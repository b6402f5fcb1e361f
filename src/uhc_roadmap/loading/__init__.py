"""Strict YAML loading with positions: bytes -> text -> plain data plus a source map."""

from uhc_roadmap.loading.loader import LoadedDocument, load_document
from uhc_roadmap.loading.sourcemap import DocPath, SourceMap

__all__ = ["DocPath", "LoadedDocument", "SourceMap", "load_document"]
