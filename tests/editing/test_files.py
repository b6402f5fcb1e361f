"""Writing an edited file back: atomic, refused when the file changed meanwhile, Ctrl-C safe."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from uhc_roadmap import output
from uhc_roadmap.editing.errors import ConcurrentEdit
from uhc_roadmap.editing.files import read_for_edit, write_back


def test_the_file_is_replaced_and_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(b"a: 1\n")
    path.chmod(0o640)
    raw = read_for_edit(path, 1000)
    write_back(path, raw, b"a: 2\n")
    assert path.read_bytes() == b"a: 2\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


def test_a_file_changed_since_it_was_read_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(b"a: 1\n")
    raw = read_for_edit(path, 1000)
    path.write_bytes(b"a: 1\nb: someone else's edit\n")
    with pytest.raises(ConcurrentEdit, match="changed on disk"):
        write_back(path, raw, b"a: 2\n")
    assert path.read_bytes() == b"a: 1\nb: someone else's edit\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


def test_an_interruption_before_the_rename_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(b"a: 1\n")
    raw = read_for_edit(path, 1000)

    def interrupted(source: str, target: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_back(path, raw, b"a: 2\n")
    assert path.read_bytes() == b"a: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


def test_through_a_link_the_file_it_points_to_is_edited(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_bytes(b"a: 1\n")
    link = tmp_path / "link.yaml"
    os.symlink(real, link)
    write_back(link, read_for_edit(link, 1000), b"a: 2\n")
    assert link.is_symlink()
    assert real.read_bytes() == b"a: 2\n"
