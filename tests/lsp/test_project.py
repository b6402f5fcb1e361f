"""The configuration of an open document, found from its folder as validate finds it."""

from __future__ import annotations

import os
from pathlib import Path

from uhc_roadmap.lsp.project import Projects


def test_the_nearest_configuration_up_from_the_documents_folder(tmp_path: Path) -> None:
    (tmp_path / ".uhc-roadmap.yaml").write_text("ignore: [Q]\n", encoding="utf-8")
    (tmp_path / "roadmaps").mkdir()
    project = Projects().for_path(tmp_path / "roadmaps" / "x.yaml", Path("/"))
    assert project.config is not None
    assert project.config.path == (tmp_path / ".uhc-roadmap.yaml").resolve()
    assert not project.options.selection.enabled("Q001")
    assert project.options.selection.enabled("R001")


def test_an_unsaved_document_uses_the_workspace_folders_configuration(tmp_path: Path) -> None:
    (tmp_path / ".uhc-roadmap.yaml").write_text("ignore: [B]\n", encoding="utf-8")
    project = Projects().for_path(None, tmp_path)
    assert not project.options.selection.enabled("B001")


def test_a_changed_configuration_is_read_again(tmp_path: Path) -> None:
    config = tmp_path / ".uhc-roadmap.yaml"
    config.write_text("ignore: [Q]\n", encoding="utf-8")
    projects = Projects()
    document = tmp_path / "x.yaml"
    assert not projects.for_path(document, tmp_path).options.selection.enabled("Q001")
    config.write_text("ignore: [B, Q]\n", encoding="utf-8")
    os.utime(config, ns=(1, 1))  # another time, whatever the clock's resolution
    assert not projects.for_path(document, tmp_path).options.selection.enabled("B001")
    (tmp_path / "sub").mkdir()
    nearer = tmp_path / "sub" / "pyproject.toml"
    nearer.write_text("[tool.uhc-roadmap]\nselect = ['R']\n", encoding="utf-8")
    assert not projects.for_path(tmp_path / "sub" / "y.yaml", tmp_path).options.selection.enabled(
        "D001"
    )


def test_a_configuration_with_errors_is_the_problem_of_the_document(tmp_path: Path) -> None:
    (tmp_path / ".uhc-roadmap.yaml").write_text("selct: [R]\n", encoding="utf-8")
    project = Projects().for_path(tmp_path / "x.yaml", tmp_path)
    assert project.problem is not None
    assert "selct" in str(project.problem)


def test_an_excluded_file_is_not_served(tmp_path: Path) -> None:
    (tmp_path / ".uhc-roadmap.yaml").write_text("exclude: [drafts]\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    projects = Projects()
    assert projects.for_path(tmp_path / "drafts" / "x.yaml", tmp_path).excluded
    assert not projects.for_path(tmp_path / "x.yaml", tmp_path).excluded
