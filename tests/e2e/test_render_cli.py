"""The real `uhc-roadmap render` command, run as users run it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROADMAPS, cli_command, run_cli

pytestmark = pytest.mark.e2e


def test_brief_of_a_country_to_standard_output() -> None:
    completed = run_cli(
        "render", str(ROADMAPS), "--country", "MAR", "-t", "brief", "-f", "md", "--lang", "en"
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("# Progress brief – UHC Partnership roadmap – Morocco")
    assert completed.stderr == ""


def test_html_file_from_another_folder(tmp_path: Path) -> None:
    target = tmp_path / "algerie.html"
    completed = run_cli("render", str(ROADMAPS / "algeria.yaml"), "-o", str(target), cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="fr" dir="ltr">' in html


def test_list_from_another_folder(tmp_path: Path) -> None:
    completed = run_cli("render", "--list", cwd=tmp_path)
    assert completed.returncode == 0
    assert [line.split()[0] for line in completed.stdout.splitlines()] == ["brief", "roadmap"]


def test_template_error_is_one_line_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "broken.html.j2").write_text("<p>\n{% if %}\n", encoding="utf-8")
    completed = run_cli(
        "render", "-c", "MA", "-t", "broken", "--template-dir", str(tmp_path), cwd=ROADMAPS.parent
    )
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert completed.stderr.count("\n") == 1
    assert f"{tmp_path / 'broken.html.j2'}:2: syntax error" in completed.stderr


def test_a_funders_view_of_the_roadmap(tmp_path: Path) -> None:
    """Issue 17, item 19: `render --funder EU` keeps the activities the EU funds."""
    completed = run_cli(
        "render", str(ROADMAPS / "morocco.yaml"), "--funder", "EU", "-f", "md", "--lang", "en"
    )
    assert completed.returncode == 0, completed.stderr
    text = completed.stdout
    assert "Funder's view – European Union: its activities and its budget lines only." in text
    assert "#### GOV-01 – " in text  # funded by the EU
    assert "#### FIN-01 – " not in text  # funded by Luxembourg alone
    assert "Grand Duchy of Luxembourg: US$" not in text
    refused = run_cli("render", str(ROADMAPS / "morocco.yaml"), "--funder", "WHO", cwd=tmp_path)
    assert refused.returncode == 2
    assert "funds no budget line" in refused.stderr
    assert not list(tmp_path.iterdir())


FAKE_WEASYPRINT = {
    "missing": (
        "raise ModuleNotFoundError(\"No module named 'weasyprint'\", name='weasyprint')\n",
        "pip install 'uhc-roadmap[pdf]'",
    ),
    "no-pango": (
        "raise OSError(\"cannot load library 'libpango-1.0-0': cannot open shared object file\")\n",
        "apt-get install libpango-1.0-0 libpangoft2-1.0-0",
    ),
}


@pytest.mark.parametrize("case", FAKE_WEASYPRINT, ids=list(FAKE_WEASYPRINT))
def test_pdf_without_its_libraries_is_one_line_and_exit_2(tmp_path: Path, case: str) -> None:
    """A WeasyPrint that cannot be imported, as on a machine without the extra or Pango."""
    code, advice = FAKE_WEASYPRINT[case]
    package = tmp_path / "shadow" / "weasyprint"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(code, encoding="utf-8")
    target = tmp_path / "brief.pdf"
    completed = run_cli(
        "render", str(ROADMAPS / "morocco.yaml"), "-t", "brief", "-o", str(target),
        env={"PYTHONPATH": str(tmp_path / "shadow")},
    )  # fmt: skip
    assert completed.returncode == 2, completed.stderr
    assert completed.stderr.count("\n") == 1, completed.stderr
    assert advice in completed.stderr
    assert not target.exists()


def test_pdf_file_by_suffix(tmp_path: Path) -> None:
    from tests.render.pdfs import weasyprint_missing

    if weasyprint_missing():
        pytest.skip(f"no PDF here: {weasyprint_missing()}")
    target = tmp_path / "morocco.pdf"
    completed = run_cli(
        "render", "-c", "MA", "--lang", "fr", "-o", str(target), cwd=ROADMAPS.parent
    )
    assert completed.returncode == 0, completed.stderr
    assert target.read_bytes().startswith(b"%PDF-")
    piped = subprocess.run(
        [*cli_command(), "render", "-c", "MA", "-t", "brief", "-f", "pdf"],
        cwd=ROADMAPS.parent, capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith(b"%PDF-")


# -- a user's own catalogs (--locale-dir) -------------------------------------------------------

ESPERANTO = """msgid ""
msgstr ""
"Language: eo\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Country"
msgstr "Lando"

msgid "Budget"
msgstr "Buĝeto"
"""


def catalogs(folder: Path) -> Path:
    (folder / "eo").mkdir(parents=True)
    (folder / "eo" / "templates.po").write_text(ESPERANTO, encoding="utf-8")
    return folder


def test_a_po_file_in_locale_dir_adds_a_language_render_uses(tmp_path: Path) -> None:
    folder = catalogs(tmp_path / "my-catalogs")
    morocco = str(ROADMAPS / "morocco.yaml")
    completed = run_cli("render", morocco, "--lang", "eo", "--locale-dir", str(folder), "-f", "md")
    assert completed.returncode == 0, completed.stderr
    assert "- **Lando**: " in completed.stdout  # its catalog, CLDR's record for Esperanto
    assert "Reference date" in completed.stdout  # what it does not translate stays English
    html = run_cli("render", morocco, "--lang", "eo", "--locale-dir", str(folder))
    assert '<html lang="eo" dir="ltr">' in html.stdout
    assert "Buĝeto" in html.stdout


def test_the_configurations_locale_dir_adds_it_too(tmp_path: Path) -> None:
    catalogs(tmp_path / "locale")
    (tmp_path / ".uhc-roadmap.yaml").write_text("locale_dir: locale\n", encoding="utf-8")
    morocco = str(ROADMAPS / "morocco.yaml")
    completed = run_cli("render", morocco, "--lang", "eo", "-f", "md", cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert "- **Lando**: " in completed.stdout
    report = run_cli("report", morocco, "--lang", "eo", cwd=tmp_path)
    assert report.returncode == 0, report.stderr


def test_without_it_the_language_is_refused_naming_the_available_ones(tmp_path: Path) -> None:
    completed = run_cli("render", str(ROADMAPS / "morocco.yaml"), "--lang", "eo", "-f", "md")
    assert completed.returncode == 2
    assert "choose one of: ar, en, es, fr, pt, ru" in completed.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    refused = run_cli("render", "--lang", "fr", "--locale-dir", str(empty), "-f", "md")
    assert refused.returncode == 2
    assert "holds no catalog" in refused.stderr
