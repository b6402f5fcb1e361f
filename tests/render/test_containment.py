"""Template files are opened only as regular files inside their folder, bounded, never blocking."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from jinja2 import Environment, TemplateNotFound

from uhc_roadmap.render.containment import (
    ContainedLoader,
    TemplateDecodeError,
    TemplateRefused,
    contained,
    decode,
    open_template,
    present,
    read_template,
    template_file,
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """``tmp/tpl`` with one template; ``tmp/secret.txt`` lies outside it."""
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    inside = tmp_path / "tpl"
    (inside / "sub").mkdir(parents=True)
    (inside / "t.md.j2").write_text("hello", encoding="utf-8")
    (inside / "sub" / "part.txt").write_text("part", encoding="utf-8")
    return inside


@pytest.mark.parametrize(
    ("entry", "target", "reason"),
    [
        ("leak.txt", "../secret.txt", "leads outside the template folder"),
        ("abs.txt", "/etc/passwd", "leads outside the template folder"),
        ("up", "..", "leads outside the template folder"),
        ("self", ".", "leads outside the template folder"),  # the folder itself is no file
        ("dangling.txt", "missing.txt", "is a link to nothing"),
        ("loop.txt", "loop.txt", "is a link that loops"),
        ("dir.txt", "sub", "is a folder, not a regular file"),
    ],
)
def test_links_are_followed_only_inside_the_folder(
    folder: Path, entry: str, target: str, reason: str
) -> None:
    (folder / entry).symlink_to(target)
    name = "up/secret.txt" if entry == "up" else entry
    with pytest.raises(TemplateRefused) as caught:
        read_template(folder, name)
    assert caught.value.reason.startswith(reason)
    assert str(caught.value.message).startswith(f"`{name}` ")


def test_links_inside_the_folder_are_read(folder: Path) -> None:
    (folder / "alias.txt").symlink_to("sub/part.txt")
    (folder / "parts").symlink_to("sub")
    assert read_template(folder, "alias.txt") == b"part"
    assert read_template(folder, os.path.join("parts", "part.txt")) == b"part"


def test_the_folder_may_itself_be_a_link(folder: Path, tmp_path: Path) -> None:
    (tmp_path / "linked").symlink_to(folder)
    assert read_template(tmp_path / "linked", "t.md.j2") == b"hello"
    assert contained(tmp_path / "linked", "t.md.j2") == folder.resolve() / "t.md.j2"


def test_a_fifo_is_refused_without_opening_it(folder: Path) -> None:
    os.mkfifo(folder / "x.md.j2")  # opened for reading without a writer, it would block
    with pytest.raises(TemplateRefused, match="is a FIFO, not a regular file"):
        read_template(folder, "x.md.j2")
    assert not template_file(folder, "x.md.j2")
    assert present(folder, "x.md.j2")


def test_a_link_to_a_device_is_refused(folder: Path) -> None:
    (folder / "null.txt").symlink_to("/dev/null")
    with pytest.raises(TemplateRefused, match="leads outside"):
        read_template(folder, "null.txt")


def test_a_missing_entry_is_not_found_so_the_next_folder_answers(folder: Path) -> None:
    for name in ("none.txt", "t.md.j2/below.txt", "nowhere/x.txt"):
        with pytest.raises(FileNotFoundError):
            open_template(folder, name)
    assert not present(folder, "none.txt")
    assert not present(folder, "sub")  # a folder is never a template


def test_reading_is_bounded(folder: Path) -> None:
    (folder / "big.txt").write_bytes(b"x" * 101)
    assert read_template(folder, "big.txt", limit=101) == b"x" * 101
    with pytest.raises(TemplateRefused, match="too large to read"):
        read_template(folder, "big.txt", limit=100)


def test_decoding_errors_are_located() -> None:
    assert decode("é\n".encode(), "t", "f") == "é\n"
    with pytest.raises(TemplateDecodeError) as caught:
        decode(b"one\ntwo\nthr\xc3(e\n", "t.md.j2", "/x/t.md.j2")
    assert (caught.value.lineno, caught.value.name, caught.value.filename) == (
        3,
        "t.md.j2",
        "/x/t.md.j2",
    )
    assert caught.value.message == "byte 0xc3 at column 4 is not UTF-8; save the template as UTF-8"


def test_the_loader_asks_the_first_folder_that_holds_the_name(folder: Path, tmp_path: Path) -> None:
    second = tmp_path / "second"
    second.mkdir()
    (second / "t.md.j2").write_text("second", encoding="utf-8")
    (second / "only.md.j2").write_text("only here", encoding="utf-8")
    loader = ContainedLoader([folder, second])
    env = Environment(loader=loader)
    assert env.get_template("t.md.j2").render() == "hello"
    assert env.get_template("only.md.j2").render() == "only here"
    source, filename, current = loader.get_source(env, "sub/part.txt")
    assert (source, filename, current()) == ("part", str(folder / "sub" / "part.txt"), True)
    with pytest.raises(TemplateNotFound):
        loader.get_source(env, "../secret.txt")
    with pytest.raises(TemplateNotFound):
        loader.get_source(env, "")


def test_a_refused_entry_does_not_fall_back_to_the_next_folder(
    folder: Path, tmp_path: Path
) -> None:
    second = tmp_path / "second"
    second.mkdir()
    (second / "leak.txt").write_text("harmless", encoding="utf-8")
    (folder / "leak.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(TemplateRefused, match="leads outside"):
        ContainedLoader([folder, second]).get_source(Environment(), "leak.txt")
