"""Code actions: the safe fixes of ``validate --fix`` for the findings under the cursor, all of
them at once (``source.fixAll``), and the replacement a hint suggests (``did you mean `X`?``).

Each fix goes through the edit engine, as ``validate --fix`` does, so that only the value
changes, in the file's own style, and the result is read back before it is offered.
"""

from __future__ import annotations

import re

from lsprotocol import types

from uhc_roadmap.diagnostics import Diagnostic
from uhc_roadmap.editing.engine import Change, changed_text
from uhc_roadmap.editing.errors import EditError
from uhc_roadmap.editing.fixes import FIXABLE, Fix, Fixed, fix, fixes_for
from uhc_roadmap.editing.yamltext import double_quoted, plain_key_ok, plain_ok
from uhc_roadmap.lsp.analysis import Checked, encode
from uhc_roadmap.lsp.diagnostics import convert, span
from uhc_roadmap.lsp.edits import text_edits
from uhc_roadmap.lsp.nodes import index_of
from uhc_roadmap.lsp.text import TextDocument

QUICK_FIX = types.CodeActionKind.QuickFix.value
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.uhc-roadmap"
KINDS = [QUICK_FIX, FIX_ALL]
_SUGGESTION = re.compile(r"(?:did you mean|rename it) (`[^`]+`(?:,? (?:or )?`[^`]+`)*)")
_QUOTED = re.compile(r"`([^`]+)`")


def code_actions(
    doc: TextDocument, checked: Checked, start: int, end: int, only: list[str] | None = None
) -> list[types.CodeAction]:
    """The actions for the findings of ``checked`` between two offsets (``only``: the kinds
    the client asks for)."""
    wanted = _wants(only)
    found: list[types.CodeAction] = []
    here = [d for d in checked.result.diagnostics if _overlaps(span(checked, d), start, end)]
    lsp_here = {d: convert(d, checked, doc) for d in here}
    if QUICK_FIX in wanted and here:
        fixes = _fixes(doc, checked, here, lsp_here)
        fixed = {id(d) for action in fixes for d in action.diagnostics or ()}
        unfixed = [d for d in here if id(lsp_here[d]) not in fixed]
        found.extend(fixes)  # a finding with a safe fix gets no second, "did you mean" action
        found.extend(_suggestions(doc, checked, unfixed, lsp_here))
    if FIX_ALL in wanted:
        whole = fix_all(doc, checked)
        if whole is not None:
            found.append(whole)
    return found


def fix_all(doc: TextDocument, checked: Checked) -> types.CodeAction | None:
    """Every safe fix of the document, as ``validate --fix`` makes them (pass after pass).

    Editors ask for code actions at every move of the cursor: the fixes are looked for only
    when a finding has a fixable code, and once per version."""
    if not any(d.code in FIXABLE for d in checked.result.diagnostics):
        return None
    fixed = checked.cache.get("fix-all")
    if not isinstance(fixed, Fixed):
        fixed = fix(encode(checked.text), checked.result.file, checked.options)
        checked.cache["fix-all"] = fixed
    if not fixed.changed or not fixed.applied:
        return None
    count = len(fixed.applied)
    return types.CodeAction(
        title=f"Apply the safe fixes of uhc-roadmap ({count} finding{'s' * (count != 1)})",
        kind=FIX_ALL,
        edit=types.WorkspaceEdit(
            changes={doc.uri: text_edits(doc, _with_bom(checked, fixed.text))}
        ),
    )


def _fixes(
    doc: TextDocument,
    checked: Checked,
    here: list[Diagnostic],
    lsp_here: dict[Diagnostic, types.Diagnostic],
) -> list[types.CodeAction]:
    parsed = checked.parsed()
    if parsed is None:
        return []
    actions = []
    for item in fixes_for(parsed, here):
        try:
            text = changed_text(parsed, [Change(item.path, item.after, item.quote)]).text
        except EditError:
            continue  # the engine refused it: nothing is offered rather than a wrong edit
        finding = _finding_of(item, here, parsed.source_map.values.get(item.path))
        actions.append(
            types.CodeAction(
                title=f"Fix {item.code}: {item.describe()}",
                kind=QUICK_FIX,
                diagnostics=[lsp_here[finding]] if finding is not None else None,
                is_preferred=True,
                edit=types.WorkspaceEdit(
                    changes={doc.uri: text_edits(doc, _with_bom(checked, text))}
                ),
            )
        )
    return actions


def _suggestions(
    doc: TextDocument,
    checked: Checked,
    here: list[Diagnostic],
    lsp_here: dict[Diagnostic, types.Diagnostic],
) -> list[types.CodeAction]:
    """``did you mean `X`?`` (or ``rename it `X```) in a finding's message or hint: replace
    the value (or key) the finding points at with ``X``."""
    index = index_of(checked)
    actions = []
    for finding in here:
        match = _SUGGESTION.search(finding.hint) or _SUGGESTION.search(finding.message)
        if match is None or index is None:
            continue
        node = index.at(span(checked, finding)[0])
        if node is None or not isinstance(node.value, str):
            continue
        flow = index.doc.in_flow(node.path)
        for suggestion in _QUOTED.findall(match.group(1)):
            ok = (
                plain_key_ok(suggestion, flow=flow) if node.key else plain_ok(suggestion, flow=flow)
            )
            written = suggestion if ok else double_quoted(suggestion)
            actions.append(
                types.CodeAction(
                    title=f"Replace `{node.value}` with `{suggestion}`",
                    kind=QUICK_FIX,
                    diagnostics=[lsp_here[finding]],
                    is_preferred=len(_QUOTED.findall(match.group(1))) == 1,
                    edit=types.WorkspaceEdit(
                        changes={
                            doc.uri: [
                                types.TextEdit(
                                    range=doc.lsp_range(node.start, node.end), new_text=written
                                )
                            ]
                        }
                    ),
                )
            )
    return actions


def _finding_of(
    item: Fix, here: list[Diagnostic], position: tuple[int, int] | None
) -> Diagnostic | None:
    for finding in here:
        if finding.code == item.code and (finding.line, finding.col) == position:
            return finding
    return None


def _with_bom(checked: Checked, text: str) -> str:
    """The engine's text (without the byte order mark) as the editor holds it."""
    return checked.text[: checked.bom] + text


def _overlaps(found: tuple[int, int], start: int, end: int) -> bool:
    return found[0] <= end and start <= found[1]


def _wants(only: list[str] | None) -> set[str]:
    kinds = {QUICK_FIX, FIX_ALL}
    if not only:
        return kinds
    return {k for k in kinds if any(k == o or k.startswith(o + ".") for o in only)}
