"""Template folders, user templates, the sandbox, and errors told by template name and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.render.conftest import EXAMPLES, USER_TEMPLATES, render
from uhc_roadmap.render import RenderError, TemplateChoiceError, list_templates
from uhc_roadmap.render.folders import builtin_folder, check_name, search_path

MOROCCO = next(p for p in EXAMPLES if p.stem == "morocco")


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
    assert '<html lang="fr">' in html
    assert "Avancement par axe" in html
    assert 'class="chart chart-axes"' in html


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
