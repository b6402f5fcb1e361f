"""Size bounds on everything a template can build, checked before it is built.

Jinja2's sandbox keeps a template away from Python's internals but lets it build values of any
size: ``ns.s ~ ns.s`` in a loop, ``'%999999999d' % 1``, ``'x'.center(10**9)``, ``l.extend(l)``.
Every operation a template has that makes a string, a list or a number from smaller ones is
bounded here by the size of what it would make, computed from its inputs: the result of ``*``,
``+``, ``~``, ``%``, ``**``, ``str.format``, the string methods that pad, repeat or replace,
the list methods that grow a list, the filters ``center``, ``indent``, ``format``, ``join``,
``replace``, ``wordwrap``, ``batch``, ``slice``, ``sum`` and ``tojson``, ``lipsum``, ``range``,
gettext's ``%(name)s`` and the text of ``{% set %}`` blocks and macros. Over the bound, a
SizeLimitError stops the rendering at the template line that asked for it, long before the memory budget of
render/budget.py (the backstop for anything not listed) is reached.

The bound on strings and lists is the output budget: no single value may be longer than the
whole document may be.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sized
from dataclasses import dataclass
from string import Formatter
from typing import Any, TypeGuard

from jinja2 import pass_context, pass_environment, pass_eval_context
from jinja2.environment import Environment
from jinja2.exceptions import SecurityError
from jinja2.filters import (
    do_batch,
    do_center,
    do_format,
    do_indent,
    do_replace,
    do_tojson,
    do_wordwrap,
    make_attrgetter,
    sync_do_join,
    sync_do_slice,
    sync_do_sum,
)
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import MAX_RANGE, SandboxedEscapeFormatter, SandboxedFormatter
from jinja2.utils import generate_lorem_ipsum
from markupsafe import Markup, soft_str

# A number a template computes has at most this many bits (30,000 decimal digits): enough for
# any arithmetic, and far below what makes ``**`` or ``*`` on integers take seconds.
MAX_INT_BITS = 100_000
# How many pieces a filter may invent that its input does not hold (``batch`` and ``slice``
# fillers, ``lipsum`` words): the sandbox's own bound on ``range``.
MAX_PIECES = MAX_RANGE
MAX_JSON_INDENT = 64
_TEXT = (str, bytes, bytearray)
_SEQUENCES = (str, bytes, bytearray, list, tuple)
_GROWING = (list, bytearray, deque)
BOUNDED = (*_TEXT, *_GROWING, int)  # the types whose methods ``Limits.method`` checks
_PRINTF = re.compile(
    rb"%(?:\((?P<key>[^)]*)\))?[#0\- +]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d*))?"
    rb"[hlL]?(?P<type>[%a-zA-Z]?)"
)
_DIGITS = re.compile(r"\d+")


class SizeLimitError(SecurityError):
    """An operation would build a value larger than a template may build."""


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds of one rendering; ``max_length`` is the output budget in characters."""

    max_length: int

    # -- the checks ------------------------------------------------------------------------

    def length(self, size: int, what: str) -> None:
        if size > self.max_length:
            raise SizeLimitError(
                f"{what} would build {size:,} characters or items; a template may build at most"
                f" {self.max_length:,} (the output budget, render_output_limit)"
            )

    def width(self, width: object, what: str) -> None:
        if isinstance(width, int) and width > self.max_length:
            self.length(width, what)

    def bits(self, bits: int, what: str) -> None:
        if bits > MAX_INT_BITS:
            raise SizeLimitError(
                f"{what} would build a number of {bits:,} bits; the sandbox allows"
                f" {MAX_INT_BITS:,} bits (about 30,000 digits)"
            )

    def pieces(self, count: object, what: str) -> None:
        if isinstance(count, int) and count > MAX_PIECES:
            raise SizeLimitError(
                f"{what} would make {count:,} pieces; the sandbox allows {MAX_PIECES:,}"
            )

    # -- operators -------------------------------------------------------------------------

    def binop(self, operator: str, left: Any, right: Any) -> None:
        """Raise SizeLimitError when ``left operator right`` would be too large to build."""
        if operator == "*":
            self._product(left, right)
        elif operator == "**":
            if _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1:
                self.bits(math.floor(right * math.log2(abs(left))) + 1, "`**`")
        elif operator == "+":
            if isinstance(left, _SEQUENCES) and isinstance(right, Sized):
                self.length(len(left) + len(right), "`+`")
        elif operator == "%" and isinstance(left, _TEXT):
            self.length(printf_size(left, right), "`%` formatting")

    def _product(self, left: Any, right: Any) -> None:
        if _is_int(left) and _is_int(right):
            self.bits(abs(left).bit_length() + abs(right).bit_length(), "`*`")
            return
        for sequence, count in ((left, right), (right, left)):
            if isinstance(sequence, _SEQUENCES) and _is_int(count):
                self.length(len(sequence) * count, "`*`")

    def joined(self, parts: list[str], what: str) -> None:
        """``parts`` (strings) joined would fit."""
        self.length(sum(map(len, parts)), what)

    # -- method calls ----------------------------------------------------------------------

    def method(
        self, method: Any, owner: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[Any, ...]:
        """Check a call of a method of ``owner``, a string, a list or a number (one of
        ``BOUNDED``); the arguments to call it with: an iterable given to ``join`` or ``extend``
        is read here once, and the call gets it as a list."""
        if isinstance(owner, _TEXT):
            return self._text_method(owner, method.__name__, args, kwargs)
        if isinstance(owner, int):
            if method.__name__ == "to_bytes":
                self.width(_argument(args, kwargs, 0, "length", 1), "`to_bytes`")
            return args
        return self._list_method(owner, method.__name__, args)

    def _text_method(
        self, text: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[Any, ...]:
        what = f"`{name}`"
        if name in {"center", "ljust", "rjust", "zfill"}:
            self.width(_argument(args, kwargs, 0, "width"), what)
        elif name == "expandtabs":
            tab = _argument(args, kwargs, 0, "tabsize", 8)
            if _is_int(tab):
                self.length(len(text) + text.count(_same("\t", text)) * (tab - 1), what)
        elif name == "replace" and len(args) >= 2:
            self.length(
                replaced_size(text, args[0], args[1], _argument(args, kwargs, 2, "count", -1)), what
            )
        elif name == "join" and args:
            items = list(args[0])
            self.length(sum(map(_size, items)) + len(text) * max(len(items) - 1, 0), what)
            return (items, *args[1:])
        elif name == "translate" and args and isinstance(args[0], Mapping):
            longest = max((len(v) for v in args[0].values() if isinstance(v, str)), default=1)
            self.length(len(text) * max(longest, 1), what)
        return args

    def _list_method(self, items: Any, name: str, args: tuple[Any, ...]) -> tuple[Any, ...]:
        what = f"`{name}`"
        if name in {"append", "appendleft", "insert"}:
            self.length(len(items) + 1, what)
        elif name in {"extend", "extendleft"} and args:
            added = args[0]
            if not isinstance(added, Sized):
                added = list(itertools.islice(added, self.max_length + 1))
            self.length(len(items) + len(added), what)
            return (added, *args[1:])
        return args

    # -- str.format ------------------------------------------------------------------------

    def formatter(self, env: Environment, escape: Callable[[Any], Markup] | None) -> Formatter:
        """The sandbox's formatter for ``str.format``, counting what it builds."""
        if escape is None:
            return _SizedFormatter(env, self)
        return _SizedEscapeFormatter(env, self, escape=escape)


def bounded_filters(limits: Limits) -> dict[str, Callable[..., Any]]:
    """Jinja2's filters that build large values, each checking its result's size first."""

    def center(value: Any, width: int = 80) -> str:
        limits.width(width, "`center`")
        return do_center(value, width)

    def indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
        step = len(width) if isinstance(width, str) else width
        if _is_int(step) and isinstance(s, str):
            limits.width(step, "`indent`")
            limits.length(len(s) + (s.count("\n") + bool(first)) * step, "`indent`")
        return do_indent(s, width, first, blank)

    def format_(value: Any, *args: Any, **kwargs: Any) -> str:
        limits.length(printf_size(soft_str(value), kwargs or args), "`format`")
        return do_format(value, *args, **kwargs)

    @pass_eval_context
    def join(
        eval_ctx: EvalContext, value: Iterable[Any], d: str = "", attribute: Any = None
    ) -> str:
        if attribute is not None:
            value = map(make_attrgetter(eval_ctx.environment, attribute), value)
        items = list(value)
        separator = len(soft_str(d)) * max(len(items) - 1, 0)
        limits.length(sum(map(_size, items)) + separator, "`join`")
        return sync_do_join(eval_ctx, items, d)

    @pass_eval_context
    def replace(eval_ctx: EvalContext, s: str, old: str, new: str, count: int | None = None) -> str:
        size = replaced_size(soft_str(s), soft_str(old), soft_str(new), count)
        limits.length(size, "`replace`")
        return do_replace(eval_ctx, s, old, new, count)

    @pass_environment
    def wordwrap(
        environment: Environment, s: str, width: int = 79, *args: Any, **kwargs: Any
    ) -> str:
        wrap = kwargs.get("wrapstring", args[1] if len(args) > 1 else None)
        wrap = environment.newline_sequence if wrap is None else wrap
        if isinstance(s, str) and _is_int(width) and isinstance(wrap, str):
            lines = len(s) // max(width, 1) + s.count("\n") + 1
            limits.length(len(s) + lines * len(wrap), "`wordwrap`")
        return do_wordwrap(environment, s, width, *args, **kwargs)

    def batch(value: Iterable[Any], linecount: int, fill_with: Any = None) -> Any:
        if fill_with is not None:
            limits.pieces(linecount, "`batch`")
        return do_batch(value, linecount, fill_with)

    def slice_(value: Any, slices: int, fill_with: Any = None) -> Any:
        limits.pieces(slices, "`slice`")
        return sync_do_slice(value, slices, fill_with)

    @pass_environment
    def sum_(
        environment: Environment, iterable: Iterable[Any], attribute: Any = None, start: Any = 0
    ) -> Any:
        if attribute is not None:
            iterable = map(make_attrgetter(environment, attribute), iterable)
        items = list(iterable)
        limits.length(_size(start) + sum(map(_size, items)), "`sum`")
        return sync_do_sum(environment, items, start=start)

    @pass_eval_context
    def tojson(eval_ctx: EvalContext, value: Any, indent: Any = None) -> Markup:
        step = len(indent) if isinstance(indent, str) else indent
        if _is_int(step) and step > MAX_JSON_INDENT:
            raise SizeLimitError(f"`tojson` indents by at most {MAX_JSON_INDENT}, not {step:,}")
        return do_tojson(eval_ctx, value, indent)

    return {
        "center": center,
        "indent": indent,
        "format": format_,
        "join": join,
        "replace": replace,
        "wordwrap": wordwrap,
        "batch": batch,
        "slice": slice_,
        "sum": sum_,
        "tojson": tojson,
    }


def bounded_range(*args: int) -> range:
    """``range``, at most MAX_PIECES numbers (Jinja2's bound, told as this module tells)."""
    numbers = range(*args)
    if len(numbers) > MAX_PIECES:
        raise SizeLimitError(
            f"`range` would make {len(numbers):,} numbers; the sandbox allows {MAX_PIECES:,}"
        )
    return numbers


def bounded_lipsum(limits: Limits) -> Callable[..., str]:
    """Jinja2's ``lipsum``, refusing more than MAX_PIECES words."""

    def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
        if _is_int(n) and _is_int(max):
            limits.pieces(n * max, "`lipsum`")
        return generate_lorem_ipsum(n, html, min, max)

    return lipsum


def bounded_gettext(limits: Limits, translations: Any) -> dict[str, Callable[..., Any]]:
    """Jinja2's new-style gettext functions, with their ``%(name)s`` formatting bounded.

    The message is the template's own text when the catalog does not hold it, so
    ``_("%(x)999999999s", x=1)`` is as much a template's formatting as ``%`` is.
    """

    def formatted(context: Context, message: Any, variables: dict[str, Any]) -> str:
        text = Markup(message) if context.eval_ctx.autoescape else str(message)
        if "%" in text:  # most labels have no placeholder: nothing to bound
            limits.length(printf_size(text, variables), "gettext's `%(name)s`")
        return text % variables

    @pass_context
    def gettext(__context: Context, __string: str, **variables: Any) -> str:
        return formatted(__context, __context.call(translations.gettext, __string), variables)

    @pass_context
    def ngettext(
        __context: Context, __singular: str, __plural: str, __num: int, **variables: Any
    ) -> str:
        variables.setdefault("num", __num)
        text = __context.call(translations.ngettext, __singular, __plural, __num)
        return formatted(__context, text, variables)

    @pass_context
    def pgettext(__context: Context, __ctx: str, __string: str, **variables: Any) -> str:
        variables.setdefault("context", __ctx)
        return formatted(
            __context, __context.call(translations.pgettext, __ctx, __string), variables
        )

    @pass_context
    def npgettext(
        __context: Context,
        __ctx: str,
        __singular: str,
        __plural: str,
        __num: int,
        **variables: Any,
    ) -> str:
        variables.setdefault("context", __ctx)
        variables.setdefault("num", __num)
        text = __context.call(translations.npgettext, __ctx, __singular, __plural, __num)
        return formatted(__context, text, variables)

    return {"gettext": gettext, "ngettext": ngettext, "pgettext": pgettext, "npgettext": npgettext}


class _SizedFormatter(SandboxedFormatter):
    """The sandbox's ``str.format``: widths, precisions and the whole result bounded."""

    def __init__(self, env: Environment, limits: Limits, **kwargs: Any) -> None:
        super().__init__(env, **kwargs)
        self.limits = limits
        self.built = 0

    def format_field(self, value: Any, format_spec: str) -> Any:
        for number in _DIGITS.findall(format_spec):
            self.limits.width(_number(number), "`format`")
        piece = super().format_field(value, format_spec)
        self.built += len(piece)
        self.limits.length(self.built, "`format`")
        return piece


class _SizedEscapeFormatter(_SizedFormatter, SandboxedEscapeFormatter):
    pass


def printf_size(text: str | bytes | bytearray, values: Any) -> int:
    """An upper bound of the length of ``text % values`` for what matters: widths, precisions
    and the text of ``%s`` arguments. Formatting errors are left to the real operation."""
    fmt = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else bytes(text)
    positional = list(values) if isinstance(values, tuple) else [values]
    mapping = values if isinstance(values, Mapping) else None
    total, index = len(text), 0
    for spec in _PRINTF.finditer(fmt):
        sizes = []
        for part in ("width", "precision"):
            given = spec[part]
            if given == b"*":
                star = positional[index] if index < len(positional) else 0
                index += 1
                sizes.append(abs(star) if _is_int(star) else 0)
            elif given:
                sizes.append(_number(given.decode()))
        kind = spec["type"].decode()
        if kind == "%" and not sizes:
            continue
        if spec["key"] is not None and mapping is not None:
            value = mapping.get(spec["key"].decode("utf-8", "replace"))
        else:
            value = positional[index] if index < len(positional) else None
            index += 1
        total += sum(sizes) + _shown_size(value, kind)
    return total


def replaced_size(text: Any, old: Any, new: Any, count: Any) -> int:
    """An upper bound of the length of ``text.replace(old, new, count)``."""
    if not (isinstance(text, _TEXT) and isinstance(old, _TEXT) and isinstance(new, _TEXT)):
        return 0
    try:
        times = text.count(old) if old else len(text) + 1  # type: ignore[arg-type]
    except TypeError:
        return 0  # str and bytes mixed: the call itself says so
    if _is_int(count) and count >= 0:
        times = min(times, count)
    return len(text) + times * max(len(new) - len(old), 0)


def _shown_size(value: Any, kind: str) -> int:
    """An upper bound of one conversion's text, its width and precision apart."""
    digits = value.bit_length() // 3 + 3 if _is_int(value) else 0
    if kind in {"s", "r", "a"}:
        if isinstance(value, _TEXT):
            return len(value) * (1 if kind == "s" else 10)  # repr() escapes a character in ≤ 10
        return digits or (32 if isinstance(value, float) else 0)  # objects: the memory budget
    if kind in {"e", "E", "f", "F", "g", "G"}:
        return 330  # the longest float written out, exponent and sign included
    return digits or 330  # d, i, x, o ... of an integer, or of a float's integer part


def _size(value: Any) -> int:
    return len(value) if isinstance(value, Sized) else 0


def _same(char: str, text: Any) -> Any:
    return char if isinstance(text, str) else char.encode()


def _argument(
    args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str, default: Any = None
) -> Any:
    return args[index] if len(args) > index else kwargs.get(name, default)


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(digits: str) -> int:
    """A width written in a format: a run of digits too long for int() is simply too large."""
    return int(digits) if len(digits) <= 18 else 10**18
