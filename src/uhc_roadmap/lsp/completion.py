"""Completion: field names where a key goes, ids where an id goes, region codes of the roadmap's
country with their names, and the fixed values of a status, a measure, a direction, an
organisation type or a building block.

The place comes from the text (``cursor``), which works in a half-typed document; the ids come
from the last version of the document that loaded as YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lsprotocol import types

from uhc_roadmap.lsp import ids, schema
from uhc_roadmap.lsp.cursor import Cursor, cursor_at
from uhc_roadmap.lsp.ids import Catalogue
from uhc_roadmap.lsp.text import TextDocument

TRIGGERS = [" ", "[", ",", "{"]
Pattern = tuple[str, ...]
_BOOLEAN: frozenset[Pattern] = frozenset({("indicators", "*", "key")})


@dataclass(frozen=True)
class Choice:
    """One value to offer: what is written, and what a person sees beside it."""

    value: str
    detail: str = ""
    documentation: str = ""
    rank: int = 0  # smaller first


def complete(
    doc: TextDocument, line: int, character: int, known: Catalogue
) -> types.CompletionList:
    """What may be written at an LSP position; ``known`` holds the ids to offer."""
    offset = doc.offset(line, character)
    cursor = cursor_at(doc.text, offset)
    if cursor is None:
        return types.CompletionList(is_incomplete=False, items=[])
    choices = keys(cursor, known) if cursor.kind == "key" else values(cursor.pattern, known)
    choices = sorted(choices, key=lambda choice: choice.rank)  # stable: the file's order within
    edit_range = doc.lsp_range(cursor.start, offset)
    kind = (
        types.CompletionItemKind.Field if cursor.kind == "key" else types.CompletionItemKind.Value
    )
    items = [
        types.CompletionItem(
            label=choice.value,
            kind=kind,
            detail=choice.detail or None,
            documentation=(
                types.MarkupContent(kind=types.MarkupKind.Markdown, value=choice.documentation)
                if choice.documentation
                else None
            ),
            sort_text=f"{choice.rank:02d}{index:05d}",
            filter_text=choice.value,
            text_edit=types.TextEdit(
                range=edit_range,
                new_text=f"{choice.value}: " if cursor.kind == "key" else choice.value,
            ),
        )
        for index, choice in enumerate(choices)
    ]
    return types.CompletionList(is_incomplete=False, items=items)


def keys(cursor: Cursor, known: Catalogue) -> list[Choice]:
    """The keys that may be added to the mapping at the cursor."""
    pattern = cursor.pattern
    if pattern in (("title",), ("summary",)) or _is_text(pattern):
        return [
            Choice(lang, "language") for lang in _languages(known) if lang not in cursor.present
        ]
    if pattern == ("region_labels",):
        return [c for c in _regions(known, groups=False) if c.value not in cursor.present]
    return [
        Choice(
            field.name,
            field.type + (" (required)" if field.required else ""),
            field.description,
            rank=0 if field.required else 1,
        )
        for field in schema.fields_of(pattern)
        if field.name not in cursor.present
    ]


def values(pattern: Pattern, known: Catalogue) -> list[Choice]:
    """The values that may be written at ``pattern``."""
    kind = ids.REFERENCES.get(pattern)
    if kind == ids.REGION:
        return _regions(known, groups=True)
    if kind is not None:
        return _ids(known, kind, pattern)
    if pattern in ids.CODES:
        return _regions(known, groups=False)
    if pattern in _BOOLEAN:
        return [Choice("true"), Choice("false")]
    if pattern == ("country",):
        return _countries()
    field = schema.field_doc(pattern)
    if field is not None and field.choices:
        return [Choice(value, field.name) for value in field.choices]
    return []


def _ids(known: Catalogue, kind: str, pattern: Pattern) -> list[Choice]:
    found = []
    for ident in known.ids(kind):
        item = known.item(kind, ident) or {}
        rank = 0
        if pattern == ("activities", "*", "budget", "*", "funder") and item.get("type") != "funder":
            rank = 1  # B006: a budget line's funder is normally an organisation of type funder
        found.append(Choice(ident, _summary(kind, item, known), _details(kind, item), rank))
    return found


def _summary(kind: str, item: dict[str, Any], known: Catalogue) -> str:
    name = text_of(item.get("name") if kind == ids.ORGANISATION else item.get("title"), known)
    return f"{kind}: {name}" if name else kind


def _details(kind: str, item: dict[str, Any]) -> str:
    facts = []
    for key in ("status", "type", "measure", "axis", "lead"):
        value = item.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool):
            facts.append(f"{key}: `{value}`")
    planned = item.get("planned")
    if isinstance(planned, dict) and planned.get("start") and planned.get("end"):
        facts.append(f"planned: {planned['start']} → {planned['end']}")
    return "  \n".join(facts)


def _regions(known: Catalogue, *, groups: bool) -> list[Choice]:
    from uhc_roadmap.model import codes

    found: list[Choice] = []
    if groups:
        for group in known.ids(ids.GROUP):
            members = known.data.get("region_groups", {}).get(group)
            shown = (
                ", ".join(m for m in members if isinstance(m, str))
                if isinstance(members, list)
                else ""
            )
            found.append(Choice(group, f"region group: {shown}", rank=0))
    country = known.data.get("country")
    if isinstance(country, str):
        for code in sorted(codes.subdivision_codes(country)):
            record = codes.subdivision(code)
            top = record is None or not getattr(record, "parent_code", None)
            found.append(Choice(code, region_name(code, known), rank=1 if top else 2))
    return found


def region_name(code: str, known: Catalogue) -> str:
    """A region's name: its label in the roadmap, else its ISO 3166-2 name."""
    from uhc_roadmap.countries import subdivision_name

    labels = known.data.get("region_labels")
    label = labels.get(code) if isinstance(labels, dict) else None
    if label is not None:
        return text_of(label, known)
    return subdivision_name(code, _languages(known)[0] if _languages(known) else "en")


def _countries() -> list[Choice]:
    from uhc_roadmap.countries import country_name
    from uhc_roadmap.model import codes

    return [Choice(code, country_name(code, "en")) for code in codes.country_codes()]


def text_of(value: Any, known: Catalogue) -> str:
    """A text in the roadmap's default language (or the first one it is written in)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for lang in (*_languages(known), *value):
            found = value.get(lang)
            if isinstance(found, str):
                return found
    return ""


def _languages(known: Catalogue) -> list[str]:
    found = known.data.get("languages")
    return [lang for lang in found if isinstance(lang, str)] if isinstance(found, list) else []


def _is_text(pattern: Pattern) -> bool:
    from uhc_roadmap.editing import layout

    return layout.text_at(pattern)
