"""Putting a site in place: whole or not at all, and never over something that is not a site."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from uhc_roadmap.site import SiteFolderError, publish
from uhc_roadmap.site.folder import MARKER, is_site

FILES = {"index.html": b"<!DOCTYPE html><title>x</title>", "en/index.html": b"en"}


def test_a_new_folder_gets_the_files_and_the_marker(tmp_path: Path) -> None:
    publish(FILES, tmp_path / "public", force=False, protected=[])
    assert (tmp_path / "public" / "en" / "index.html").read_bytes() == b"en"
    assert is_site(tmp_path / "public")
    assert [p.name for p in tmp_path.iterdir()] == ["public"]  # no temporary folder left


def test_a_previous_site_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "public"
    publish(FILES | {"fr/index.html": b"fr"}, target, force=False, protected=[])
    publish(FILES, target, force=False, protected=[])
    assert not (target / "fr").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "public").mkdir()
    publish(FILES, tmp_path / "public", force=False, protected=[])
    assert is_site(tmp_path / "public")


def test_a_folder_that_is_not_a_site_is_refused_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    target.mkdir()
    (target / "notes.md").write_text("mine")
    with pytest.raises(
        SiteFolderError, match=f"is not a site made by uhc-roadmap .*{MARKER}.*--force"
    ):
        publish(FILES, target, force=False, protected=[])
    assert (target / "notes.md").read_text() == "mine"
    publish(FILES, target, force=True, protected=[])
    assert not (target / "notes.md").exists()


def test_a_marker_that_is_not_ours_does_not_count(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    target.mkdir()
    (target / MARKER).write_text("something else\n")
    with pytest.raises(SiteFolderError):
        publish(FILES, target, force=False, protected=[])


@pytest.mark.parametrize("kind", ["file", "link"])
def test_a_file_or_a_link_is_refused_even_forced(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "public"
    if kind == "file":
        target.write_text("x")
    else:
        (tmp_path / "real").mkdir()
        target.symlink_to(tmp_path / "real")
    with pytest.raises(
        SiteFolderError, match="is not a folder" if kind == "file" else "symbolic link"
    ):
        publish(FILES, target, force=True, protected=[])


def test_a_folder_holding_the_roadmaps_is_never_replaced(tmp_path: Path) -> None:
    roadmap = tmp_path / "repo" / "roadmaps" / "ma.yaml"
    roadmap.parent.mkdir(parents=True)
    roadmap.write_text("x")
    for target in (tmp_path / "repo", tmp_path / "repo" / "roadmaps", tmp_path):
        with pytest.raises(SiteFolderError, match=r"holds .*ma\.yaml"):
            publish(FILES, target, force=True, protected=[roadmap])
    assert roadmap.read_text() == "x"


def test_a_failed_write_leaves_the_previous_site(tmp_path: Path) -> None:
    target = tmp_path / "public"
    publish(FILES, target, force=False, protected=[])
    with pytest.raises(SiteFolderError, match="cannot be written"):
        publish(
            {"en/index.html": b"x", "en/index.html/oops": b"y"}, target, force=False, protected=[]
        )
    assert (target / "en" / "index.html").read_bytes() == b"en"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_an_interruption_leaves_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "public"
    publish(FILES, target, force=False, protected=[])
    real_rename = os.rename

    def interrupted(source: str | Path, destination: str | Path) -> None:
        if Path(destination) == target and str(source).endswith(".tmp"):
            raise KeyboardInterrupt  # Ctrl-C just as the new site was to take its place
        real_rename(source, destination)

    monkeypatch.setattr(os, "rename", interrupted)
    with pytest.raises(KeyboardInterrupt):
        publish({"index.html": b"new"}, target, force=False, protected=[])
    monkeypatch.undo()
    assert (target / "index.html").read_bytes() == FILES["index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]
