"""The Jinja2 environment every template runs in, built-in or a user's.

It is a SandboxedEnvironment for both: a user template is untrusted code that must not reach
Python internals, and running the built-ins the same way keeps one behaviour to test. Measured on
the Morocco roadmap, the sandbox adds about 4 ms to the 10-15 ms of executing a template, next to
some 40 ms of compiling it: under a tenth of an in-process render. HTML templates are autoescaped;
Markdown templates escape roadmap text through ``finalize`` (see render/text.py).

Beyond Jinja2's sandbox, the environment reads templates only from inside their folders
(render/containment.py), bounds what a template can build (render/limits.py), and turns Python's
own limits on compiling deeply nested code into a located template error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from types import BuiltinMethodType, CodeType, MethodType
from typing import Any

from jinja2 import BytecodeCache, StrictUndefined, nodes, select_autoescape
from jinja2.bccache import Bucket
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, soft_str

from uhc_roadmap.i18n import translations
from uhc_roadmap.i18n.languages import language
from uhc_roadmap.render.containment import ContainedLoader
from uhc_roadmap.render.errors import nesting_error
from uhc_roadmap.render.filters import Filters, finalize_html, finalize_markdown
from uhc_roadmap.render.limits import (
    BOUNDED,
    Limits,
    bounded_filters,
    bounded_gettext,
    bounded_lipsum,
    bounded_range,
)

_METHODS = (MethodType, BuiltinMethodType)  # bound methods: ``'x'.center``, ``Markup.join``
_AUTOESCAPE = select_autoescape(
    enabled_extensions=("html", "htm", "html.j2", "htm.j2"),
    disabled_extensions=(),
    default_for_string=False,
    default=False,
)


class _CodeGenerator(CodeGenerator):
    """Jinja2's code generator, with ``~`` going through the environment's bounded joins."""

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = (
                "(environment.markup_join if context.eval_ctx.volatile else environment.str_join)"
            )
        elif frame.eval_ctx.autoescape:
            join = "environment.markup_join"
        else:
            join = "environment.str_join"
        self.write(f"{join}((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class DocumentEnvironment(SandboxedEnvironment):
    """The sandbox, with every operation that builds a value bounded by ``limits``."""

    code_generator_class = _CodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, limits: Limits, **options: Any) -> None:
        self.limits = limits
        super().__init__(**options)
        self.filters.update(bounded_filters(limits))
        self.globals["lipsum"] = bounded_lipsum(limits)
        self.globals["range"] = bounded_range

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.limits.binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(__obj, _METHODS) and isinstance(__obj.__self__, BOUNDED):
            args = __self.limits.method(__obj, __obj.__self__, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format`` and ``format_map`` through the bounded formatter."""
        if not isinstance(value, _METHODS) or value.__name__ not in {"format", "format_map"}:
            return None
        text = value.__self__
        if not isinstance(text, str):
            return None
        kind = type(text)
        escape = text.escape if isinstance(text, Markup) else None
        mapping = value.__name__ == "format_map"

        def formatted(*args: Any, **kwargs: Any) -> str:
            if mapping:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                kwargs = args[0]
                args = ()
            return kind(self.limits.formatter(self, escape).vformat(text, args, kwargs))

        return formatted

    def concat(self, parts: Iterable[str]) -> str:
        """The text of a ``{% set %}`` block, a macro or a ``{% call %}``, bounded."""
        chunks = parts if isinstance(parts, list) else list(parts)
        self.limits.joined(chunks, "a block's text")
        return "".join(chunks)

    def str_join(self, values: Iterable[Any]) -> str:
        """``a ~ b`` outside autoescaping."""
        parts = [str(v) for v in values]
        self.limits.joined(parts, "`~`")
        return "".join(parts)

    def markup_join(self, values: Iterable[Any]) -> str:
        """``a ~ b`` with autoescaping: Markup as soon as one part is markup, as in Jinja2."""
        parts = [soft_str(v) for v in values]
        self.limits.joined(parts, "`~`")
        if any(hasattr(p, "__html__") for p in parts):
            return Markup("").join(parts)
        return "".join(parts)

    def compile(  # type: ignore[override]
        self,
        source: str | nodes.Template,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> str | CodeType:
        """Python refuses code nested too deeply (IndentationError, RecursionError ...): a
        template error at the template's deepest line, not an internal one."""
        try:
            return super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload,no-any-return]
        except (RecursionError, SyntaxError):
            raise nesting_error(self, source, name, filename) from None


class _CompiledCode(BytecodeCache):
    """Compiled templates kept in this process's memory, keyed by template name and file and
    checked against the source (Jinja2's buckets): a rendering forked after
    ``precompile_builtin`` finds the built-in templates compiled, which is some 0.1 s a
    document when a site renders hundreds. User templates are compiled in each rendering's
    child, under its budget, and what it compiles dies with it."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


COMPILED = _CompiledCode()


def precompile_builtin(folder: Path) -> None:
    """Compile every built-in template (trusted code, shipped in the wheel) in this process,
    so that renderings forked from it start with them compiled."""
    limits = Limits(max_length=8 * 1024 * 1024)
    environments = {
        kind: make_environment([folder], kind, "en", None, limits) for kind in ("md", "html")
    }
    for path in sorted(folder.rglob("*.j2")):
        name = path.relative_to(folder).as_posix()
        kind = "md" if name.endswith(".md.j2") else "html"
        environments[kind].get_template(name)


def make_environment(
    folders: list[Path], output_format: str, lang: str, currency: str | None, limits: Limits
) -> DocumentEnvironment:
    """The environment of one rendering: its folders, format, language, currency and bounds."""
    env = DocumentEnvironment(
        limits,
        loader=ContainedLoader(folders),
        bytecode_cache=COMPILED,
        autoescape=_AUTOESCAPE,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n", "jinja2.ext.loopcontrols"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        finalize=finalize_markdown if output_format == "md" else finalize_html,
    )
    catalog = translations(lang)
    env.install_gettext_translations(catalog, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(bounded_gettext(limits, catalog))
    env.filters.update(Filters(lang, currency).as_mapping())
    env.globals["language"] = record = language(lang)
    env.globals["colon"] = record.colon
    env.policies["ext.i18n.trimmed"] = True
    return env
