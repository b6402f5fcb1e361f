"""The one Markdown escaper: text from a roadmap or a message is shown as written.

Every Markdown output (findings, the progress report, the diff, rendered documents, the rules
reference) builds its markup itself and passes every piece of outside text through these
functions, so that a title such as ``Governance <b>and</b> *draft*`` can neither inject HTML
nor emphasis, nor break a table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones that start
# markup inside a line (emphasis, code, links, raw HTML, entities, GFM tables and strikethrough).
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# ...and these only at the start of a line: headings, quotes, lists, setext underlines.
_LINE_START = re.compile(r"^([#>+=-])|^(\d+)([.)])")
_SPACES = re.compile(r"\s+")
_BACKTICKS = re.compile(r"`+")


def escape(text: str) -> str:
    """Plain text that Markdown shows as written, on one line (tables and lists stay whole)."""
    flat = _SPACES.sub(" ", text).strip()
    escaped = _INLINE.sub(r"\\\1", flat)
    return _LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return f"{match.group(2)}\\{match.group(3)}"


def code(text: str) -> str:
    """A code span holding ``text`` exactly, also inside a table cell (``|`` escaped, as GFM
    reads it there), with a fence longer than any run of backticks inside."""
    flat = _SPACES.sub(" ", text).strip().replace("|", "\\|")
    longest = max((len(run) for run in _BACKTICKS.findall(flat)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {flat} " if flat.startswith("`") or flat.endswith("`") or not flat else flat
    return f"{fence}{padded}{fence}"


def with_code(text: str) -> str:
    """Text whose backtick-quoted names (as messages write them: ``unknown field `x` ``) are
    code spans and the rest plain text; with unbalanced backticks, all of it is plain."""
    parts = text.split("`")
    if len(parts) % 2 == 0:
        return escape(text)
    return "".join(code(part) if i % 2 else _keep_edges(part) for i, part in enumerate(parts))


def _keep_edges(part: str) -> str:
    """``escape`` without losing the spaces that separate a plain part from a code span."""
    body = escape(part)
    if not body:
        return " " if part[:1].isspace() else ""
    return (" " if part[:1].isspace() else "") + body + (" " if part[-1:].isspace() else "")


def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """A GFM pipe table of cells that are already Markdown; columns in ``right`` align right."""
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    lines = [header, rule, *rows]
    return "\n".join("| " + " | ".join(_one_line(c) for c in line) + " |" for line in lines)


def _one_line(cell: str) -> str:
    return " ".join(cell.split())
