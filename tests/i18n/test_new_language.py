"""Adding a language is one catalog folder and one line in SPECS: nothing else is touched.

The package is copied as it is installed (templates inside), the copy gets a folder ``eo/`` of
catalogs and an ``"eo"`` spec, and the real command runs from the copy. Esperanto is a language
CLDR knows and no roadmap will ask for, so the test never collides with a language being added.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROADMAPS, ROOT
from uhc_roadmap.i18n.formatting import format_money

pytestmark = pytest.mark.e2e
SPEC = '    "eo": LanguageSpec(locale="eo", colon="\\u00a0:"),\n'
CATALOG_HEADER = """msgid ""
msgstr ""
"Language: eo\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""
CATALOGS = {
    "templates.po": {"Country": "Lando", "Budget": "Buĝeto"},
    "report.po": {"Axes": "Aksoj"},
    "skeleton.po": {"Governance": "Regado", "Ministry of Health": "Ministerio de Sano"},
}


def add_language(package: Path) -> None:
    """What the recipe in CONTRIBUTING.md asks for, and nothing more."""
    folder = package / "i18n" / "locale" / "eo"
    folder.mkdir()
    for name, messages in CATALOGS.items():
        entries = "".join(f'\nmsgid "{k}"\nmsgstr "{v}"\n' for k, v in messages.items())
        (folder / name).write_text(CATALOG_HEADER + entries, encoding="utf-8")
    languages = package / "i18n" / "languages.py"
    text = languages.read_text(encoding="utf-8")
    anchor = '    "fr": LanguageSpec('
    assert text.count(anchor) == 1, "SPECS changed shape: update this test's anchor"
    languages.write_text(text.replace(anchor, SPEC + anchor), encoding="utf-8")


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("package")
    package = root / "uhc_roadmap"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "src" / "uhc_roadmap", package, ignore=ignore)
    shutil.copytree(ROOT / "templates", package / "templates", ignore=ignore)
    assert not (package / "i18n" / "locale" / "eo").exists()
    add_language(package)
    return root


def run(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(copy), "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "uhc_roadmap", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=copy,
        check=False,
        timeout=120,
    )


def test_the_copy_is_what_runs(copy: Path) -> None:
    completed = run(copy, "render", str(ROADMAPS / "morocco.yaml"), "--lang", "xx", "-f", "md")
    assert completed.returncode == 2
    assert "choose one of: ar, en, eo, es, fr, pt, ru" in completed.stderr


def test_render_speaks_the_new_language(copy: Path) -> None:
    completed = run(copy, "render", str(ROADMAPS / "morocco.yaml"), "--lang", "eo", "-f", "md")
    assert completed.returncode == 0, completed.stderr
    assert "- **Lando**\u00a0: " in completed.stdout  # its catalog and its record's colon
    planned = format_money(1_310_000, "USD", "eo")  # CLDR's Esperanto, whole units
    assert planned in completed.stdout


def test_html_declares_the_new_language(copy: Path) -> None:
    completed = run(copy, "render", str(ROADMAPS / "morocco.yaml"), "--lang", "eo")
    assert completed.returncode == 0, completed.stderr
    assert '<html lang="eo" dir="ltr">' in completed.stdout
    assert "Buĝeto" in completed.stdout


def test_report_speaks_the_new_language(copy: Path) -> None:
    completed = run(copy, "report", str(ROADMAPS), "--country", "MA", "--lang", "eo")
    assert completed.returncode == 0, completed.stderr
    assert "\nAksoj\n" in completed.stdout


def test_new_writes_the_new_language_from_its_catalog(copy: Path) -> None:
    args = ("--country", "MA", "--phase", "P1", "--start", "2024-01-01", "--end", "2025-12-31")
    completed = run(copy, "new", *args, "--lang", "eo,fr")
    assert completed.returncode == 0, completed.stderr
    assert (
        "no built-in texts" not in completed.stderr
    )  # a language with a catalog is no placeholder
    assert '      eo: "Regado"' in completed.stdout
    assert '      eo: "Ministerio de Sano"' in completed.stdout
    assert '      eo: "Human resources for health"' in completed.stdout  # not yet translated
