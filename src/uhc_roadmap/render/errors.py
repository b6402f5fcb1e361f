"""Template errors told as the template's name and line, never as a Python traceback.

Every way a template can fail is a template error: it cannot be read (refused by containment,
not UTF-8), it does not parse, it is nested too deeply for Python to compile, it fails while it
runs (undefined, sandbox, a filter given the wrong input, recursion), or it runs out of a budget.
The line is that of the innermost template frame: Jinja2 rewrites the traceback of an ordinary
exception so that its template frames carry the template's file name and line; an exception
Jinja2 does not handle (a budget running out) still has the compiled template's own frames,
whose lines the template maps back to its source.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError, nodes
from jinja2.exceptions import FilterArgumentError, SecurityError

from uhc_roadmap.errors import FindingsError
from uhc_roadmap.render.containment import TemplateRefused
from uhc_roadmap.render.limits import SizeLimitError

if TYPE_CHECKING:
    from jinja2 import Environment

# Tags that open a block closed by ``end<tag>``: how deep a template nests, for the message.
_OPENING = {"if", "for", "macro", "call", "filter", "block", "with", "trans", "autoescape"}


class RenderError(FindingsError):
    """A document could not be rendered because of its template (exit 1)."""

    kind = "template error"


class TemplateNestingError(TemplateSyntaxError):
    """Python cannot compile the template's code: it nests blocks or brackets too deeply."""

    kind = "nested too deeply"


def syntax_error(exc: TemplateSyntaxError, folders: list[Path]) -> RenderError:
    where = shown_name(exc.filename or exc.name or "<template>", folders)
    kind = getattr(exc, "kind", "syntax error")
    return RenderError(f"{where}:{exc.lineno}: {kind}: {exc.message}")


def runtime_error(exc: BaseException, folders: list[Path]) -> RenderError | None:
    """A RenderError when the failure happened inside a template, else None (a bug of ours)."""
    located = template_location(exc.__traceback__, folders)
    if located is None:
        return None
    file, line = located
    return RenderError(f"{shown_name(file, folders)}:{line}: {_kind(exc)}: {_message(exc)}")


def unplaced_error(exc: BaseException, where: str) -> RenderError:
    """A template error with no line: the template named by ``--template`` could not be loaded."""
    return RenderError(f"{where}: {_kind(exc)}: {_message(exc)}")


def template_location(tb: TracebackType | None, folders: list[Path]) -> tuple[str, int] | None:
    """The file and line of the innermost template frame of a traceback."""
    found: tuple[str, int] | None = None
    roots = {os.path.join(str(f), "") for f in folders}
    roots |= {os.path.join(str(f.resolve()), "") for f in folders}
    while tb is not None:
        frame = tb.tb_frame
        template = frame.f_globals.get("__jinja_template__")
        if template is not None and template.filename is not None:  # compiled template code
            found = (template.filename, template.get_corresponding_lineno(tb.tb_lineno))
        elif any(frame.f_code.co_filename.startswith(r) for r in roots):  # rewritten by Jinja2
            found = (frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def shown_name(file: str, folders: list[Path]) -> str:
    """A built-in template by its name; a user's by its path, so they can open it."""
    builtin = folders[-1]
    for root in (str(builtin.resolve()), str(builtin)):
        if file.startswith(os.path.join(root, "")):
            return Path(os.path.relpath(file, root)).as_posix()
    return file


def nesting_error(
    env: Environment,
    source: str | nodes.Template,
    name: str | None,
    filename: str | None,
) -> TemplateNestingError:
    """Python's refusal to compile (``too many levels of indentation``, ``too many statically
    nested blocks``, recursion) told at the template's most deeply nested line."""
    line, depth = deepest_line(env, source) if isinstance(source, str) else (1, 0)
    levels = f" ({depth} levels at this line)" if depth else ""
    message = (
        f"the template nests blocks or brackets deeper than Python can compile{levels};"
        " split it into macros or includes"
    )
    return TemplateNestingError(message, line, name, filename)


def deepest_line(env: Environment, source: str) -> tuple[int, int]:
    """The first line where blocks and brackets nest deepest, and that depth."""
    depth = deepest = 0
    line = 1
    after_block_start = False
    try:
        for lineno, token, value in env.lex(source):
            if token == "whitespace":
                continue
            if token == "operator" and value in "([{":
                depth += 1
            elif token == "operator" and value in ")]}":
                depth -= 1
            elif token == "name" and after_block_start and value in _OPENING:
                depth += 1
            elif token == "name" and after_block_start and _closes(value):
                depth -= 1
            after_block_start = token == "block_begin"
            if depth > deepest:
                deepest, line = depth, lineno
    except TemplateSyntaxError:
        pass  # the compiler failed first; the depth so far is the answer
    return line, deepest


def _closes(tag: str) -> bool:
    return tag.startswith("end") and tag[3:] in _OPENING


def _kind(exc: BaseException) -> str:
    if isinstance(exc, TemplateRefused):
        return "refused"
    if isinstance(exc, TemplateNotFound):
        return "include"
    if isinstance(exc, SizeLimitError):
        return "too large"
    if isinstance(exc, SecurityError):
        return "forbidden by the sandbox"
    if isinstance(exc, UndefinedError):
        return "undefined"
    if isinstance(exc, FilterArgumentError):
        return "wrong filter input"
    if isinstance(exc, RecursionError):
        return "too deep"
    return "error"


def _message(exc: BaseException) -> str:
    if isinstance(exc, TemplateRefused):
        return f"{exc.message}; templates are only read as regular files inside their folders"
    if isinstance(exc, TemplateNotFound):
        return f"template `{exc.name}` not found (names are relative to the template folders)"
    if isinstance(exc, RecursionError):
        return "macros, includes or recursive loops call themselves more deeply than Python allows"
    text = str(exc) or type(exc).__name__
    if not isinstance(exc, SecurityError | UndefinedError) and type(exc).__module__ == "builtins":
        return f"{type(exc).__name__}: {text}"
    return text
