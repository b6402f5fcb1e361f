"""Template errors told as the template's name and line, never as a Python traceback.

Jinja rewrites a runtime error's traceback so that frames inside a template carry the template's
file name and line; the innermost such frame is where the author must look.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from uhc_roadmap.errors import FindingsError


class RenderError(FindingsError):
    """A document could not be rendered because of its template (exit 1)."""

    kind = "template error"


def syntax_error(exc: TemplateSyntaxError, folders: list[Path]) -> RenderError:
    where = _shown_name(exc.filename or exc.name or "<template>", folders)
    return RenderError(f"{where}:{exc.lineno}: syntax error: {exc.message}")


def runtime_error(exc: BaseException, folders: list[Path]) -> RenderError | None:
    """A RenderError when the failure happened inside a template, else None (a bug of ours)."""
    located = _innermost_template_frame(exc.__traceback__, folders)
    if located is None:
        return None
    file, line = located
    return RenderError(f"{_shown_name(file, folders)}:{line}: {_kind(exc)}: {_message(exc)}")


def _innermost_template_frame(
    tb: TracebackType | None, folders: list[Path]
) -> tuple[str, int] | None:
    found: tuple[str, int] | None = None
    roots = [str(f.resolve()) for f in folders] + [str(f) for f in folders]
    while tb is not None:
        file = tb.tb_frame.f_code.co_filename
        if file.endswith(".j2") and any(file.startswith(r) for r in roots):
            found = (file, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _shown_name(file: str, folders: list[Path]) -> str:
    """A built-in template by its name; a user's by its path, so they can open it."""
    builtin = folders[-1]
    for root in (builtin.resolve(), builtin):
        if file.startswith(str(root)):
            return Path(file).name
    return file


def _kind(exc: BaseException) -> str:
    if isinstance(exc, TemplateNotFound):
        return "include"
    if isinstance(exc, SecurityError):
        return "forbidden by the sandbox"
    if isinstance(exc, UndefinedError):
        return "undefined"
    return "error"


def _message(exc: BaseException) -> str:
    if isinstance(exc, TemplateNotFound):
        return f"template `{exc.name}` not found (names are relative to the template folders)"
    text = str(exc) or type(exc).__name__
    if not isinstance(exc, SecurityError | UndefinedError) and type(exc).__module__ == "builtins":
        return f"{type(exc).__name__}: {text}"
    return text
