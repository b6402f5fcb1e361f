"""Template folders, user templates, the sandbox, and errors told by template name and line."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, golden
from tests.render.conftest import EXAMPLES, USER_TEMPLATES, render
from uhc_roadmap.render import RenderError, TemplateChoiceError, list_templates
from uhc_roadmap.render.budget import BudgetError, RenderBudget
from uhc_roadmap.render.folders import builtin_folder, check_name, search_path

MOROCCO = next(p for p in EXAMPLES if p.stem == "morocco")
BENIGN = FIXTURES / "render" / "benign"


def user_template(tmp_path: Path, body: str, name: str = "t.md.j2") -> Path:
    (tmp_path / name).write_text(body, encoding="utf-8")
    return tmp_path


def test_builtin_folder_holds_both_templates_in_both_formats() -> None:
    names = {(t.name, t.formats, t.origin) for t in list_templates([builtin_folder()])}
    assert names == {("brief", ("md", "html"), "built-in"), ("roadmap", ("md", "html"), "built-in")}


def test_listing_shows_user_templates_and_overrides_with_descriptions() -> None:
    listed = {t.name: t for t in list_templates(search_path(USER_TEMPLATES))}
    assert listed["onepager"].origin == "user"
    assert listed["onepager"].description.startswith("A user's one-page summary")
    assert listed["roadmap"].origin == "user, overrides built-in"
    assert listed["brief"].origin == "built-in"
    assert listed["brief"].description.startswith("A one-to-two-page progress brief")


def test_user_template_overrides_a_builtin_by_name() -> None:
    text = render(MOROCCO, "roadmap", "md", "en", template_dir=USER_TEMPLATES)
    assert text.startswith("# Custom – UHC Partnership roadmap – Morocco, Phase III")
    html = render(MOROCCO, "roadmap", "html", "en", template_dir=USER_TEMPLATES)
    assert "<svg" in html  # the html one is not overridden: the built-in is used


def test_user_template_can_extend_the_builtin_layout() -> None:
    html = render(MOROCCO, "onepager", "html", "fr", template_dir=USER_TEMPLATES)
    assert '<html lang="fr" dir="ltr">' in html
    assert "Avancement par axe" in html
    assert 'class="chart chart-axes"' in html


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "en English English ltr [Lead:] GOV-01, FIN-02"),
        ("fr", "fr français French ltr [Lead\u00a0:] GOV-01, FIN-02"),
    ],
)
def test_a_template_reads_the_language_record(tmp_path: Path, lang: str, expected: str) -> None:
    body = (
        "{{ language.code }} {{ language.native_name }} {{ language.english_name }} "
        "{{ language.direction }} [Lead{{ colon }}] "
        '{{ ["GOV-01", "FIN-02"] | join(language.list_separator) }}'
    )
    folder = user_template(tmp_path, body)
    assert render(MOROCCO, "t", "md", lang, template_dir=folder) == expected


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "a/b", "..", "", "x.md"])
def test_template_names_cannot_leave_the_template_folders(name: str) -> None:
    with pytest.raises(TemplateChoiceError):
        check_name(name)
    with pytest.raises(TemplateChoiceError):
        render(MOROCCO, name, "md")


@pytest.mark.parametrize(
    "target", ["../../etc/passwd", "../../../../../../etc/passwd", "/etc/passwd"]
)
def test_includes_cannot_leave_the_template_folders(tmp_path: Path, target: str) -> None:
    folder = user_template(tmp_path, f'line one\n{{% include "{target}" %}}\n')
    with pytest.raises(RenderError, match=r"t\.md\.j2:2: .*not found"):
        render(MOROCCO, "t", "md", template_dir=folder)


def test_unknown_template_names_the_available_ones() -> None:
    with pytest.raises(TemplateChoiceError, match="no template `nope`; available: brief, roadmap"):
        render(MOROCCO, "nope", "md")


def test_missing_format_of_a_known_template(tmp_path: Path) -> None:
    folder = user_template(tmp_path, "x", "only.md.j2")
    with pytest.raises(TemplateChoiceError, match="has no html version"):
        render(MOROCCO, "only", "html", template_dir=folder)


def test_template_dir_must_be_a_folder(tmp_path: Path) -> None:
    with pytest.raises(TemplateChoiceError, match="not a directory"):
        render(MOROCCO, "roadmap", "md", template_dir=tmp_path / "missing")


def test_syntax_error_names_the_template_and_line(tmp_path: Path) -> None:
    folder = user_template(tmp_path, "ok\nok\n{% for x in %}\n")
    with pytest.raises(RenderError) as caught:
        render(MOROCCO, "t", "md", template_dir=folder)
    assert str(caught.value).startswith(f"{folder / 't.md.j2'}:3: syntax error:")


def test_undefined_variable_names_the_template_and_line(tmp_path: Path) -> None:
    folder = user_template(tmp_path, "{{ roadmap.title }}\n{{ roadmap.no_such_field }}\n")
    with pytest.raises(RenderError, match=r"t\.md\.j2:2: undefined: .*no_such_field"):
        render(MOROCCO, "t", "md", template_dir=folder)


@pytest.mark.parametrize(
    "expression",
    [
        "''.__class__.__mro__",
        "roadmap.__class__.__init__.__globals__",
        "cycler.__init__.__globals__.os",
        "figures.activities.__class__.__subclasses__()",
        "_.__globals__",
    ],
)
def test_sandbox_refuses_python_internals(tmp_path: Path, expression: str) -> None:
    folder = user_template(tmp_path, f"fine\n{{{{ {expression} }}}}\n")
    with pytest.raises(RenderError, match=r"t\.md\.j2:2: (forbidden by the sandbox|undefined)"):
        render(MOROCCO, "t", "md", template_dir=folder)


@pytest.mark.parametrize("expression", ["'x' * 10000000", "[1] * 10000000", "10 ** 100000"])
def test_sandbox_bounds_memory_and_time(tmp_path: Path, expression: str) -> None:
    folder = user_template(tmp_path, f"{{{{ {expression} }}}}\n")
    with pytest.raises(RenderError, match=r"t\.md\.j2:1: too large: "):
        render(MOROCCO, "t", "md", template_dir=folder)


def test_runtime_error_inside_a_block_names_the_user_template(tmp_path: Path) -> None:
    folder = user_template(
        tmp_path, '{% extends "_base.md.j2" %}{% block body %}{{ 1 // 0 }}{% endblock %}'
    )
    with pytest.raises(RenderError, match=r"t\.md\.j2:1: error: ZeroDivisionError"):
        render(MOROCCO, "t", "md", template_dir=folder)


def test_runtime_error_inside_a_builtin_macro_names_the_builtin_by_name(tmp_path: Path) -> None:
    folder = user_template(tmp_path, '{% import "_macros.md.j2" as m %}\n{{ m.value(none, 3) }}')
    with pytest.raises(RenderError) as caught:
        render(MOROCCO, "t", "md", template_dir=folder)
    assert str(caught.value).startswith("_macros.md.j2:")
    assert "undefined" in str(caught.value)


def test_markdown_templates_escape_roadmap_text_by_default(tmp_path: Path) -> None:
    folder = user_template(tmp_path, "{% for a in activities %}{{ a.title }}\n{% endfor %}")
    text = render(MOROCCO, "t", "md", "en", template_dir=folder)
    assert "GOV-01" not in text
    assert "Survey of health workers' satisfaction and engagement" in text


def test_html_templates_are_autoescaped(tmp_path: Path) -> None:
    folder = user_template(tmp_path, "{{ '<b>' }}{{ roadmap.title }}", "t.html.j2")
    assert render(MOROCCO, "t", "html", template_dir=folder).startswith("&lt;b&gt;UHC")


# -- containment: links, FIFOs and folders are never read ------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the template folder that must never reach a document or a message."""
    secret = tmp_path / "secret.txt"
    secret.write_text("CANARY-NOT-TO-BE-READ\n", encoding="utf-8")
    return secret


@pytest.mark.parametrize(
    ("link", "target", "include"),
    [
        ("leak.txt", "secret.txt", "leak.txt"),  # a file link leaving the folder
        ("up", ".", "up/secret.txt"),  # a folder link leaving it
    ],
)
def test_links_leaving_the_folder_are_refused(
    tmp_path: Path, outside: Path, link: str, target: str, include: str
) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / link).symlink_to(tmp_path / target)
    user_template(folder, f'ok\n{{% include "{include}" %}}\n')
    with pytest.raises(RenderError) as caught:
        render(MOROCCO, "t", "md", template_dir=folder)
    message = str(caught.value)
    assert message.startswith(f"{folder / 't.md.j2'}:2: refused: `{include}` leads outside")
    assert "CANARY" not in message


def test_a_template_that_is_a_link_leaving_the_folder_is_refused(
    tmp_path: Path, outside: Path
) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "roadmap.md.j2").symlink_to(outside)
    with pytest.raises(RenderError, match=r"roadmap\.md\.j2: refused: .* leads outside"):
        render(MOROCCO, "roadmap", "md", template_dir=folder)


def test_links_inside_the_folder_keep_working(tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "line.txt").write_text("from a linked part", encoding="utf-8")
    (tmp_path / "part.txt").symlink_to(tmp_path / "parts" / "line.txt")
    user_template(tmp_path, '{% include "part.txt" %}')
    assert render(MOROCCO, "t", "md", template_dir=tmp_path) == "from a linked part"


def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.md.j2")
    user_template(tmp_path, '{% include "x.md.j2" %}')
    with pytest.raises(RenderError, match=r"t\.md\.j2:1: refused: `x\.md\.j2` is a FIFO"):
        render(MOROCCO, "t", "md", template_dir=tmp_path)
    with pytest.raises(RenderError, match=r"x\.md\.j2: refused: `x\.md\.j2` is a FIFO"):
        render(MOROCCO, "x", "md", template_dir=tmp_path)


def test_listing_shows_only_template_files(tmp_path: Path, outside: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "folder.html.j2").mkdir()
    os.mkfifo(folder / "fifo.html.j2")
    (folder / "leak.html.j2").symlink_to(outside)
    (folder / "real.md.j2").write_text("{# Mine. #}", encoding="utf-8")
    (folder / "alias.md.j2").symlink_to(folder / "real.md.j2")
    listed = {t.name: t.description for t in list_templates(search_path(folder))}
    assert sorted(listed) == ["alias", "brief", "real", "roadmap"]
    assert listed["alias"] == listed["real"] == "Mine."
    with pytest.raises(TemplateChoiceError, match="no template `folder`"):
        render(MOROCCO, "folder", "html", template_dir=folder)


def test_invalid_utf8_is_told_at_its_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "t.md.j2").write_bytes(b"fine\nab\xff\xfe\n")
    with pytest.raises(RenderError) as caught:
        render(MOROCCO, "t", "md", template_dir=tmp_path)
    assert str(caught.value) == (
        f"{tmp_path / 't.md.j2'}:2: encoding: byte 0xff at column 3 is not UTF-8;"
        " save the template as UTF-8"
    )


def test_an_included_template_in_another_encoding_names_the_included_file(tmp_path: Path) -> None:
    (tmp_path / "part.txt").write_bytes("caf\xe9".encode("latin-1"))
    user_template(tmp_path, '{% include "part.txt" %}')
    with pytest.raises(RenderError, match=r"part\.txt:1: encoding: byte 0xe9 at column 4"):
        render(MOROCCO, "t", "md", template_dir=tmp_path)


# -- every template error is a template error ------------------------------------------------


@pytest.mark.parametrize(
    ("body", "line", "depth"),
    [
        ("intro\n" + "{% if true %}" * 100 + "x" + "{% endif %}" * 100, 2, 100),
        ("{{ 1 }}\n\n{{ " + "(" * 100 + "1" + ")" * 100 + " }}", 3, 100),
        ("{% for i in [1] %}\n" * 30 + "{% endfor %}" * 30, 30, 31),  # 30 loops and [1]
    ],
    ids=["100-ifs", "100-parentheses", "30-loops"],
)
def test_nesting_python_cannot_compile_is_a_located_template_error(
    tmp_path: Path, body: str, line: int, depth: int
) -> None:
    folder = user_template(tmp_path, body)
    with pytest.raises(RenderError) as caught:
        render(MOROCCO, "t", "md", template_dir=folder)
    assert str(caught.value).startswith(
        f"{folder / 't.md.j2'}:{line}: nested too deeply: the template nests blocks or brackets"
        f" deeper than Python can compile ({depth} levels at this line)"
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("x\n{{ 'x' | date }}", r":2: wrong filter input: `date` expects a date, got the text 'x'"),
        (
            "{{ as_of | number }}",
            r":1: wrong filter input: `number` expects a number, got the date",
        ),
        ("{% macro f() %}{{ f() }}{% endmacro %}\n{{ f() }}", r":1: too deep: macros, includes"),
        ('{% include "t.md.j2" %}', r":1: too deep: "),
        ("{{ range(200000) | length }}", r":1: too large: `range` would make 200,000 numbers"),
    ],
)
def test_runtime_failures_are_located_template_errors(
    tmp_path: Path, body: str, expected: str
) -> None:
    folder = user_template(tmp_path, body)
    with pytest.raises(RenderError, match=re.escape(str(folder / "t.md.j2")) + expected):
        render(MOROCCO, "t", "md", template_dir=folder)


@pytest.mark.parametrize(
    "expression",
    [
        "'%999999999d' % 1",
        "'{:999999999}'.format(1)",
        "'x'.center(10**9)",
        "'x'.ljust(10**9)",
        "'x' | center(1000000000)",
        "('x\\n' * 1000000) | indent(1000)",
        "lipsum(10**6)",
        "((9 ** 1000) ** 1000) ** 1000",
        "_('%(x)999999999s', x=1)",
        "(['x' * 1000000] * 100) | join",
    ],
)
def test_each_large_value_is_refused_at_its_line(tmp_path: Path, expression: str) -> None:
    folder = user_template(tmp_path, f"line one\n{{{{ {expression} }}}}\n")
    with pytest.raises(RenderError, match=r"t\.md\.j2:2: too large: "):
        render(MOROCCO, "t", "md", template_dir=folder)


@pytest.mark.parametrize(
    "body",
    [
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
        "{% set l = [1] %}{% for i in range(64) %}{{ l.extend(l) or '' }}{% endfor %}",
    ],
    ids=["tilde", "plus", "extend"],
)
def test_doubling_in_a_loop_stops_at_the_output_budget(tmp_path: Path, body: str) -> None:
    folder = user_template(tmp_path, body)
    with pytest.raises(RenderError, match=r"t\.md\.j2:1: too large: .* at most 8,388,608"):
        render(MOROCCO, "t", "md", template_dir=folder)


# -- budgets ------------------------------------------------------------------------------------


def test_the_time_budget_stops_a_template_at_its_line(tmp_path: Path) -> None:
    folder = user_template(
        tmp_path,
        "{% for i in range(100000) %}\n{% for j in range(100000) %}{% endfor %}{% endfor %}",
    )
    with pytest.raises(BudgetError, match=r"t\.md\.j2:2: over the time budget: .* after 0\.5 s"):
        render(MOROCCO, "t", "md", template_dir=folder, budget=RenderBudget(seconds=0.5))


def test_the_output_budget_stops_a_template_at_its_line(tmp_path: Path) -> None:
    folder = user_template(
        tmp_path, "head\n{% for i in range(1000) %}\n{{ 'x' * 100 }}{% endfor %}"
    )
    budget = RenderBudget(output=10_000)
    with pytest.raises(BudgetError, match=r"t\.md\.j2:3: over the output budget: .* 9\.766 KiB"):
        render(MOROCCO, "t", "md", template_dir=folder, budget=budget)
    assert len(render(MOROCCO, "t", "md", template_dir=folder)) == 100_005


def test_the_memory_budget_stops_what_the_sandbox_cannot_see(tmp_path: Path) -> None:
    body = "{% set s = '<' * 1000000 %}{% set t %}{% for i in range(1000) %}{{ s }}{% endfor %}{% endset %}"
    folder = user_template(tmp_path, body, "t.html.j2")  # autoescaped: a new copy per round
    budget = RenderBudget(memory=64 * 1024 * 1024)
    with pytest.raises(BudgetError, match=r"t\.html\.j2:1: over the memory budget: .* 64 MiB"):
        render(MOROCCO, "t", "html", template_dir=folder, budget=budget)


# -- a benign template ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_benign_template_using_everything_renders_as_before(lang: str) -> None:
    text = render(MOROCCO, "everything", "html", lang, template_dir=BENIGN)
    golden(f"render/benign-everything-morocco-{lang}.html", text)
