"""The real `uhc-roadmap render` command, run as users run it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROADMAPS, run_cli

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
    assert '<html lang="fr">' in html


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
