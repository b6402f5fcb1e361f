"""Document formatting: ``uhc-roadmap fmt``'s canonical layout, as the lines that change."""

from __future__ import annotations

from lsprotocol import types

from uhc_roadmap.editing.errors import EditBug, NotLoadable
from uhc_roadmap.editing.fmt import fmt
from uhc_roadmap.loading.loader import Limits
from uhc_roadmap.lsp.analysis import encode
from uhc_roadmap.lsp.edits import text_edits
from uhc_roadmap.lsp.text import TextDocument


class FormatRefused(Exception):
    """``fmt`` would change what the file means (a bug): the text is left as it is."""


def format_document(doc: TextDocument, file: str, limits: Limits) -> list[types.TextEdit] | None:
    """The edits that lay the document out as ``fmt`` does; None when it does not load as
    YAML (its diagnostics say why; a formatter does not guess at a broken file)."""
    try:
        formatted = fmt(encode(doc.text), file, limits)
    except NotLoadable:
        return None
    except EditBug as exc:
        raise FormatRefused(exc.message) from None
    return text_edits(doc, formatted.text)
