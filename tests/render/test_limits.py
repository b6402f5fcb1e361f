"""Size bounds: every operation that builds a value is refused before it builds too much,
and gives the same result as unbounded Jinja2 when it fits."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2.sandbox import SandboxedEnvironment

from tests.hardening.conftest import FUZZ
from uhc_roadmap.render.environment import DocumentEnvironment, make_environment
from uhc_roadmap.render.limits import (
    MAX_INT_BITS,
    Limits,
    SizeLimitError,
    printf_size,
    replaced_size,
)

LIMIT = 1000


@pytest.fixture
def env(tmp_path: Path) -> DocumentEnvironment:
    return make_environment([tmp_path], "md", "en", None, Limits(LIMIT))


def run(env: SandboxedEnvironment, source: str) -> str:
    return env.from_string(source).render()


# Each operation: an expression that fits (and what plain Jinja2 gives for it), and one that
# would build more than LIMIT characters or items.
CASES = [
    ("'ab' * 500", "'ab' * 501"),
    ("('x' * 999) + 'y'", "('x' * 999) + 'yz'"),
    ("([1] * 999 + [2]) | length", "([1] * 999 + [1, 2]) | length"),
    ("('x' * 500) ~ ('y' * 500)", "('x' * 500) ~ ('y' * 501)"),
    ("'%990d' % 1", "'%1000d' % 1"),
    ("'%(a)s%(a)s' % {'a': 'x' * 400}", "'%(a)s%(a)s%(a)s' % {'a': 'x' * 400}"),
    ("'%*d' % (900, 1)", "'%*d' % (1001, 1)"),
    ("'{:990}'.format(1)", "'{:1001}'.format(1)"),
    ("'{0}{0}'.format('x' * 500)", "'{0}{0}{0}'.format('x' * 500)"),
    ("'{x:>{w}}'.format(x=1, w=900)", "'{x:>{w}}'.format(x=1, w=1001)"),
    ("'{a}'.format_map({'a': 'x' * 10})", "'{a:1001}'.format_map({'a': 1})"),
    ("'x'.center(1000)", "'x'.center(1001)"),
    ("'x'.ljust(1000, '.')", "'x'.ljust(1001)"),
    ("'x'.rjust(1000)", "'x'.rjust(1001)"),
    ("'1'.zfill(1000)", "'1'.zfill(1001)"),
    ("'\t'.expandtabs(1000)", "'\t\t'.expandtabs(600)"),
    ("('a' * 10).replace('a', 'b' * 100)", "('a' * 10).replace('a', 'b' * 101)"),
    ("'abc'.replace('', 'x' * 200)", "'abc'.replace('', 'x' * 300)"),
    ("'-'.join(['x' * 499, 'y' * 500])", "'-'.join(['x' * 500, 'y' * 500])"),
    ("'ab'.translate({97: 'x' * 500})", "'ab'.translate({97: 'x' * 501})"),
    ("'x' | center(1000)", "'x' | center(1001)"),
    ("('a\\n' * 10) | indent(98)", "('a\\n' * 10) | indent(99)"),
    ("'x' | indent(990, true)", "'x' | indent('-' * 1000, true)"),
    ("'%990s' | format(1)", "'%1000s' | format(1)"),
    ("['x' * 500, 'y' * 500] | join", "['x' * 500, 'y' * 500] | join('-')"),
    ("('a' * 10) | replace('a', 'b' * 100)", "('a' * 10) | replace('a', 'b' * 101)"),
    ("('a ' * 100) | wordwrap(2)", "('a ' * 100) | wordwrap(2, wrapstring='-' * 10)"),
    (
        "[[1] * 500, [2] * 500] | sum(start=[]) | length",
        "([[1] * 500] * 3) | sum(start=[]) | length",
    ),
    ("[1] | batch(100000, 0) | list | length", "[1] | batch(100001, 0) | list | length"),
    ("[1] | slice(100000) | list | length", "[1] | slice(100001) | list | length"),
    ("{'a': 1} | tojson(64)", "{'a': 1} | tojson(65)"),
    ("range(100000) | length", "range(100001) | length"),
    ("lipsum(1, false, 20, 100000) | length > 0", "lipsum(2, false, 20, 50001)"),
    ("(1).to_bytes(1000, 'big') | length", "(1).to_bytes(1001, 'big')"),
    ("(2 ** 99999) > 0", "2 ** 100000"),
    ("(3 ** 63000) > 0", "3 ** 63093"),
    ("(2 ** 50000) * (2 ** 49998) > 0", "(2 ** 50000) * (2 ** 50000)"),
    ("_('%(x)980s', x=1)", "_('%(x)1000s', x=1)"),
    ("ngettext('%(num)d %(x)900s', 'p', 1, x=1)", "ngettext('s', '%(num)d %(x)1000s', 2, x=1)"),
]


@pytest.mark.parametrize(("fits", "too_large"), CASES, ids=[c[1] for c in CASES])
def test_fits_as_in_jinja_and_too_large_is_refused(
    env: DocumentEnvironment, fits: str, too_large: str
) -> None:
    plain = SandboxedEnvironment(extensions=["jinja2.ext.i18n"])
    plain.intercepted_binops = DocumentEnvironment.intercepted_binops  # no folding of 2 ** 99999
    plain.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    if "lipsum" not in fits:  # lipsum is random
        assert run(env, f"{{{{ {fits} }}}}") == run(plain, f"{{{{ {fits} }}}}")
    with pytest.raises(SizeLimitError):
        run(env, f"{{{{ {too_large} }}}}")


@pytest.mark.parametrize(
    "body",
    [
        "{% set ns = namespace(l=[1]) %}{% for i in range(20) %}{{ ns.l.extend(ns.l) or '' }}{% endfor %}",
        "{% set l = [] %}{% for i in range(1001) %}{{ l.append(i) or '' }}{% endfor %}",
        "{% set l = [] %}{% for i in range(1001) %}{{ l.insert(0, i) or '' }}{% endfor %}",
        "{% set l = [] %}{{ l.extend(range(1001)) or '' }}",
        "{% set l = [] %}{{ l.extend(range(1001) | map('string')) or '' }}",
        "{% set t %}{% for i in range(11) %}{{ 'x' * 100 }}{% endfor %}{% endset %}",
        "{% macro m() %}{% for i in range(11) %}{{ 'x' * 100 }}{% endfor %}{% endmacro %}{{ m() }}",
        "{% filter upper %}{% for i in range(11) %}{{ 'x' * 100 }}{% endfor %}{% endfilter %}",
    ],
)
def test_growing_step_by_step_is_refused_at_the_bound(env: DocumentEnvironment, body: str) -> None:
    with pytest.raises(SizeLimitError):
        run(env, body)


def test_appending_within_the_bound_works(env: DocumentEnvironment) -> None:
    body = (
        "{% set l = [] %}{% for i in range(1000) %}{{ l.append(i) or '' }}{% endfor %}{{ l | sum }}"
    )
    assert run(env, body) == str(sum(range(1000)))


def test_autoescaped_concatenation_keeps_markup(tmp_path: Path) -> None:
    env = make_environment([tmp_path], "html", "en", None, Limits(LIMIT))
    escaped = "{% autoescape true %}{{ '<a>' ~ x }}{{ x ~ ('<b>' | safe) }}{% endautoescape %}"
    assert env.from_string(escaped, {"x": "&"}).render() == "&lt;a&gt;&amp;&amp;<b>"
    assert env.from_string("{{ '<a>' ~ '&' }}").render() == "<a>&"


def test_messages_name_the_operation_and_the_budget() -> None:
    with pytest.raises(SizeLimitError) as caught:
        Limits(LIMIT).binop("*", "ab", 501)
    assert str(caught.value) == (
        "`*` would build 1,002 characters or items; a template may build at most 1,000"
        " (the output budget, render_output_limit)"
    )
    with pytest.raises(SizeLimitError, match=f"the sandbox allows {MAX_INT_BITS:,} bits"):
        Limits(LIMIT).binop("**", 9, 100_000)


def test_operators_on_other_types_pass_through() -> None:
    limits = Limits(LIMIT)
    for operator, left, right in (("*", 2.5, 10**9), ("**", 1, 10**18), ("+", 1, 2), ("%", 7, 3)):
        limits.binop(operator, left, right)  # nothing to refuse


# -- the estimates are upper bounds ---------------------------------------------------------------

CONVERSIONS = st.sampled_from(["s", "r", "a", "d", "i", "x", "X", "o", "e", "f", "g", "c", "%"])
FLAGS = st.text(alphabet="#0- +", max_size=3)
WIDTHS = st.one_of(st.just(""), st.integers(0, 300).map(str))
VALUES = st.one_of(
    st.text(max_size=40),
    st.integers(-(10**40), 10**40),
    st.floats(allow_nan=False, allow_infinity=False),
)


@st.composite
def printf_cases(draw: st.DrawFn) -> tuple[str, object]:
    """A format with up to five conversions, by position (``*`` widths too) or by key."""
    by_key = draw(st.booleans())
    parts: list[str] = []
    values: list[object] = []
    keyed = {"a": draw(VALUES), "b": draw(VALUES)}
    for _ in range(draw(st.integers(0, 5))):
        conversion = draw(CONVERSIONS)
        precision = draw(st.one_of(st.just(""), WIDTHS.map(lambda w: "." + w)))
        width = draw(WIDTHS)
        key = ""
        if conversion != "%" and by_key:
            key = f"({draw(st.sampled_from(['a', 'b']))})"
        elif conversion != "%" and draw(st.booleans()):
            width = "*"
            values.append(draw(st.integers(-300, 300)))
        parts.append(draw(st.text(max_size=5)).replace("%", "%%"))
        parts.append(f"%{key}{draw(FLAGS)}{width}{precision}{conversion}")
        if conversion != "%" and not by_key:
            values.append(draw(VALUES))
    return "".join(parts), keyed if by_key else tuple(values)


@FUZZ
@given(printf_cases())
def test_printf_size_is_never_below_the_real_length(case: tuple[str, object]) -> None:
    fmt, values = case
    try:
        real = len(fmt % values)
    except (TypeError, ValueError, OverflowError):
        return  # the operation itself refuses; its error is the template's
    assert printf_size(fmt, values) >= real


@FUZZ
@given(st.text(max_size=30), st.text(max_size=3), st.text(max_size=6), st.integers(-1, 5))
def test_replaced_size_is_never_below_the_real_length(
    text: str, old: str, new: str, count: int
) -> None:
    assert replaced_size(text, old, new, count) >= len(text.replace(old, new, count))
