"""Hover: the rule behind a finding (its documentation, as ``uhc-roadmap rules CODE`` shows it),
what an id names (title, status, dates), a region code's name, and what a field is for."""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from uhc_roadmap.editing import layout
from uhc_roadmap.lsp import ids, schema
from uhc_roadmap.lsp.analysis import Checked
from uhc_roadmap.lsp.completion import region_name, text_of
from uhc_roadmap.lsp.cursor import cursor_at
from uhc_roadmap.lsp.diagnostics import rule_link, span
from uhc_roadmap.lsp.ids import Catalogue, Occurrence
from uhc_roadmap.lsp.nodes import Node, index_of
from uhc_roadmap.lsp.text import TextDocument

_RULE = "\n\n---\n\n"


def hover(
    doc: TextDocument, line: int, character: int, checked: Checked, known: Catalogue
) -> types.Hover | None:
    """What to show at an LSP position of ``checked`` (the document's current version);
    ``known`` holds the ids of the last version that loaded, for a half-typed document."""
    offset = doc.offset(line, character)
    parts: list[str] = []
    where: tuple[int, int] | None = None
    explained: set[str] = set()
    for finding in checked.result.diagnostics:
        start, end = span(checked, finding)
        if start <= offset <= end and finding.code not in explained:
            explained.add(finding.code)
            parts.append(rule_markdown(finding.code))
            where = where or (start, end)
    index = index_of(checked)
    node = index.at(offset) if index is not None else None
    if node is not None:
        parts.append(describe_node(node, checked.catalogue()))
        where = (node.start, node.end)
    elif index is None:
        found = _from_text(doc.text, offset, known)
        if found is not None:
            parts.append(found)
    parts = [p for p in parts if p]
    if not parts:
        return None
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=_RULE.join(parts)),
        range=doc.lsp_range(*where) if where is not None else None,
    )


def rule_markdown(code: str) -> str:
    """A rule's documentation: summary, explanation, its fix, its examples and a link."""
    from uhc_roadmap.rules import FAMILIES, RULES_BY_CODE
    from uhc_roadmap.rules.docs import fix_of, parse_doc

    rule = RULES_BY_CODE.get(code)
    if rule is None:
        return ""
    doc = parse_doc(rule)
    parts = [
        f"**{code}** `{rule.name}` ({rule.severity.value}, {FAMILIES[rule.family].lower()}): "
        f"{doc.summary}"
    ]
    if doc.body:
        parts.append(doc.body)
    fix = fix_of(rule)
    if fix:
        parts.append(f"Fixable (a quick fix here, or `uhc-roadmap validate --fix`): {fix}")
    if doc.bad:
        parts.append(f"Bad:\n```yaml\n{doc.bad}\n```")
    if doc.good:
        parts.append(f"Good:\n```yaml\n{doc.good}\n```")
    link = rule_link(code)
    if link:
        parts.append(f"[{code} in the rules documentation]({link})")
    return "\n\n".join(parts)


def describe_node(node: Node, catalogue: Catalogue) -> str:
    """An id's object, a region's name, else the field the node belongs to."""
    occurrence = catalogue.at(node.path, key=node.key)
    if occurrence is not None:
        return describe_id(occurrence, catalogue)
    pattern = layout.pattern(node.path)
    field = schema.field_doc(pattern)
    if field is None and pattern and pattern[-1] == "*":  # an item of a list: the list's field
        field = schema.field_doc(pattern[:-1])
    return describe_field(field) if field is not None else ""


def describe_id(occurrence: Occurrence, catalogue: Catalogue) -> str:
    kind = catalogue.kind_of(occurrence)
    ident = occurrence.ident
    if kind == ids.REGION:
        return f"**{ident}** (region): {region_name(ident, catalogue)}"
    if kind == ids.GROUP:
        groups = catalogue.data.get("region_groups")
        members = groups.get(ident) if isinstance(groups, dict) else None
        named = [
            f"- `{m}` {region_name(m, catalogue)}" for m in members or [] if isinstance(m, str)
        ]
        return f"**{ident}** (region group)\n\n" + "\n".join(named)
    item = catalogue.item(kind, ident)
    if item is None:
        return f"**{ident}**: no {kind} has this id in the roadmap"
    return f"**{ident}** ({kind}): {_title(kind, item, catalogue)}" + _facts(kind, item)


def _title(kind: str, item: dict[str, Any], catalogue: Catalogue) -> str:
    return text_of(item.get("name") if kind == ids.ORGANISATION else item.get("title"), catalogue)


def _facts(kind: str, item: dict[str, Any]) -> str:
    facts = []
    for key in ("status", "progress", "type", "measure", "axis", "lead", "activity"):
        value = item.get(key)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            facts.append(f"- {key}: `{value}`")
    for key in ("planned", "actual"):
        period = item.get(key)
        if isinstance(period, dict):
            start, end = period.get("start", "…"), period.get("end", "…")
            facts.append(f"- {key}: {start} → {end}")
    return "\n\n" + "\n".join(facts) if facts else ""


def describe_field(field: schema.FieldDoc) -> str:
    text = f"**{field.name}**: {field.type}" + (" (required)" if field.required else "")
    if field.description and field.description not in field.type:
        text += f"\n\n{field.description}"
    return text


def _from_text(text: str, offset: int, known: Catalogue) -> str | None:
    """For a document that does not load: an id under the cursor, else the field there."""
    cursor = cursor_at(text, offset)
    if cursor is None:
        return None
    end = offset
    while end < len(text) and not text[end].isspace() and text[end] not in ",]}:#":
        end += 1
    word = cursor.word + text[offset:end]
    if cursor.kind == "key":
        field = schema.field_doc((*cursor.pattern, word))
        return describe_field(field) if field is not None else None
    kind = ids.REFERENCES.get(cursor.pattern)
    if kind is not None and word:
        described = _named(kind, word, known)
        if described is not None:
            return described
    field = schema.field_doc(cursor.pattern) or schema.field_doc(cursor.pattern[:-1])
    return describe_field(field) if field is not None else None


def _named(kind: str, word: str, known: Catalogue) -> str | None:
    """What ``word`` names where an id of ``kind`` goes (a region: a group, else a code)."""
    if kind != ids.REGION:
        found = known.definition(kind, word)
        return describe_id(found, known) if found is not None else None
    group = known.definition(ids.GROUP, word)
    return describe_id(group or Occurrence(ids.REGION, word, (), False), known)
