"""`uhc-roadmap site` run as users run it: the examples, PDFs, a refused folder, no git."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROADMAPS, run_cli
from tests.gitrepo import HISTORY, Repo

pytestmark = pytest.mark.e2e


def test_the_examples_from_another_folder(tmp_path: Path) -> None:
    target = tmp_path / "public"
    completed = run_cli(
        "site", str(ROADMAPS), "-o", str(target), "--no-pdf", "--lang", "fr,en", cwd=tmp_path
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == ""
    assert f"{target}: 3 countries, 21 pages; open {target / 'index.html'}" in completed.stderr
    assert '<html lang="fr"' in (target / "index.html").read_text(encoding="utf-8")
    again = run_cli(
        "site", str(ROADMAPS), "-o", str(target), "--no-pdf", "--lang", "en", cwd=tmp_path
    )
    assert again.returncode == 0, again.stderr
    assert not (target / "fr").exists()  # the previous site replaced whole


def test_a_folder_that_is_not_a_site_is_refused(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("mine", encoding="utf-8")
    completed = run_cli("site", str(ROADMAPS), "-o", str(tmp_path / "docs"), cwd=tmp_path)
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1
    assert "is not a site made by uhc-roadmap" in completed.stderr
    assert (tmp_path / "docs" / "guide.md").read_text(encoding="utf-8") == "mine"


def test_the_working_directory_is_never_the_site(tmp_path: Path) -> None:
    shutil.copy(HISTORY / "v1.yaml", tmp_path / "ma.yaml")
    completed = run_cli("site", "ma.yaml", "-o", ".", "--force", cwd=tmp_path)
    assert completed.returncode == 2
    assert "write the site into a folder of its own" in completed.stderr
    assert (tmp_path / "ma.yaml").exists()


def test_outside_git_the_site_is_built_and_says_so(tmp_path: Path) -> None:
    shutil.copy(HISTORY / "v1.yaml", tmp_path / "ma.yaml")
    completed = run_cli("site", "ma.yaml", "-o", "public", "--no-pdf", "--lang", "en", cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert "ma.yaml: not in a git repository: the site shows no history for it" in completed.stderr
    assert (tmp_path / "public" / "en" / "MA.html").is_file()


def test_pdfs_are_linked_when_the_extra_is_there(tmp_path: Path) -> None:
    from tests.render.pdfs import weasyprint_missing

    if weasyprint_missing():
        pytest.skip(f"no PDF here: {weasyprint_missing()}")
    (tmp_path / "repo").mkdir()
    repo = Repo(tmp_path / "repo")
    repo.commit("adopted", **{"ma.yaml": HISTORY / "v1.yaml"})
    completed = run_cli("site", "ma.yaml", "-o", "public", "--lang", "en", cwd=repo.folder)
    assert completed.returncode == 0, completed.stderr
    site = repo.folder / "public"
    assert (site / "en" / "MA-brief.pdf").read_bytes().startswith(b"%PDF-")
    brief = (site / "en" / "MA-brief.html").read_text(encoding="utf-8")
    assert '<a href="MA-brief.pdf" type="application/pdf">' in brief
    pages = json.loads((site / "site.json").read_text(encoding="utf-8"))["countries"][0]["pages"]
    assert pages["en"]["roadmap_pdf"] == "en/MA-roadmap.pdf"


def test_render_history_gives_the_brief_its_panel(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    repo.commit("adopted", **{"ma.yaml": HISTORY / "v1.yaml"})
    repo.commit("GOV-01 completed", **{"ma.yaml": HISTORY / "v2.yaml"})
    completed = run_cli(
        "render", "ma.yaml", "-t", "brief", "-f", "md", "--history", "--lang", "en", cwd=tmp_path
    )
    assert completed.returncode == 0, completed.stderr
    assert "## Since the last version" in completed.stdout
    assert "Compared with the version of 10 January 2022" in completed.stdout
    plain = run_cli("render", "ma.yaml", "-t", "brief", "-f", "md", cwd=tmp_path)
    assert "Since the last version" not in plain.stdout
