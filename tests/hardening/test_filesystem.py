"""File-system trouble: one line and exit 2, or a skipped path with a warning; never a hang."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest

from tests.conftest import ROADMAPS, cli_command, run_cli
from uhc_roadmap import discovery, output
from uhc_roadmap.discovery import InputError, Source, expand, read
from uhc_roadmap.output import OutputError, write_atomic

ROOT_USER = os.geteuid() == 0
MOROCCO = (ROADMAPS / "morocco.yaml").read_bytes()


def one_error(done: subprocess.CompletedProcess[str], exit_code: int = 2) -> str:
    """The single line a command printed for a problem with a path."""
    assert done.returncode == exit_code, done.stderr
    assert "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith("uhc-roadmap: error: ")
    return line.removeprefix("uhc-roadmap: error: ")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "roadmaps").mkdir()
    (tmp_path / "roadmaps" / "morocco.yaml").write_bytes(MOROCCO)
    return tmp_path / "roadmaps"


def test_a_folder_named_like_a_yaml_file_is_walked_as_a_folder(tmp_path: Path) -> None:
    odd = tmp_path / "x.yaml"
    odd.mkdir()
    message = one_error(run_cli("validate", "x.yaml", cwd=tmp_path))
    assert message == "no roadmap files found in x.yaml (pass --allow-empty to accept that)"
    (odd / "morocco.yaml").write_bytes(MOROCCO)
    done = run_cli("validate", "x.yaml", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")


def test_a_folder_named_like_a_yaml_file_inside_a_scanned_folder_is_not_read(
    folder: Path,
) -> None:
    (folder / "drafts.yaml").mkdir()
    assert [s.name for s in expand([str(folder)])] == [f"{folder.as_posix()}/morocco.yaml"]


def test_a_symbolic_link_loop_in_a_scanned_folder_is_skipped_with_a_warning(folder: Path) -> None:
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "gone.yaml").symlink_to("deleted.yaml")
    (folder / "up").symlink_to("..")  # a folder loop: links to folders are not followed
    done = run_cli("validate", "roadmaps", cwd=folder.parent)
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        "uhc-roadmap: warning: roadmaps/gone.yaml: skipped: a link to a missing file",
        "uhc-roadmap: warning: roadmaps/loop.yaml: skipped: a symbolic link loop",
    ]
    assert done.stdout.startswith("1 file checked")


def test_a_symbolic_link_loop_given_by_name_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    message = one_error(run_cli("validate", "loop.yaml", cwd=tmp_path))
    assert message == "loop.yaml: cannot be read (Too many levels of symbolic links)"


@pytest.mark.parametrize("where", ["given", "scanned"])
def test_a_fifo_is_refused_before_it_is_opened(tmp_path: Path, where: str) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")  # nobody writes: opening it to read would block
    argument = "pipe.yaml" if where == "given" else "."
    message = one_error(run_cli("validate", argument, cwd=tmp_path, timeout=20))
    assert message == "pipe.yaml: is a named pipe (FIFO), not a file"


def test_a_fifo_is_refused_by_every_command(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    for command in (["report"], ["render", "-o", "out.html"]):
        done = run_cli(*command, "pipe.yaml", cwd=tmp_path, timeout=20)
        assert done.returncode == 2, done.stderr
        assert "pipe.yaml: is a named pipe (FIFO), not a file" in done.stderr
        assert "Traceback" not in done.stderr


@pytest.mark.skipif(ROOT_USER, reason="root reads files whatever their permissions")
def test_an_unreadable_file_is_one_line(folder: Path) -> None:
    (folder / "morocco.yaml").chmod(0)
    message = one_error(run_cli("validate", "roadmaps", cwd=folder.parent))
    assert message == "roadmaps/morocco.yaml: permission denied"


def test_an_unreadable_file_is_an_input_error(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same code path as above, reached as root too."""

    def refuse(path: str, flags: int) -> int:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(discovery, "_nonblocking", refuse)
    with pytest.raises(InputError, match=r"^m\.yaml: permission denied$"):
        read(Source("m.yaml", folder / "morocco.yaml"))


def test_an_unlistable_folder_is_an_error_not_a_silent_skip(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "private").mkdir()
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if os.fspath(path).endswith("private"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(InputError, match=r"private: cannot be read \(Permission denied\)$"):
        expand([str(folder)])


def test_paths_with_spaces_and_non_ascii_characters(tmp_path: Path) -> None:
    where = tmp_path / "feuilles de route" / "Maroc – santé"
    where.mkdir(parents=True)
    (where / "Phase III (2016).yaml").write_bytes(MOROCCO)
    (where / "خارطة.yaml").write_bytes(MOROCCO.replace(b"as_of:", b"as_of: x\nas_of:", 1))
    done = run_cli("validate", "feuilles de route", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.startswith("feuilles de route/Maroc – santé/خارطة.yaml:")
    report = run_cli(
        "report",
        "--country",
        "MA",
        "feuilles de route/Maroc – santé/Phase III (2016).yaml",
        cwd=tmp_path,
    )
    assert report.returncode == 0, report.stderr


def test_a_file_name_that_is_not_utf8_or_holds_control_characters_is_shown_escaped(
    tmp_path: Path,
) -> None:
    name = os.fsdecode(b"bad\xff \x1b[31m.yaml")
    (tmp_path / name).write_bytes(b"a: 1\n")
    done = run_cli("validate", ".", cwd=tmp_path)
    assert done.returncode == 1
    assert "\x1b" not in done.stdout
    assert done.stdout.startswith("bad\\xff \\x1b[31m.yaml:1:1: S001 error:")


HOSTILE_NAME = b"bad\xff \x1b[31m\xe2\x80\xaelmay.yaml"
"""Not UTF-8, an escape sequence, a right-to-left override: all legal in a POSIX name."""


def test_json_outputs_carry_the_exact_file_name(tmp_path: Path) -> None:
    """A script maps each name back to its file; JSON escapes what needs escaping."""
    name = os.fsdecode(HOSTILE_NAME)
    (tmp_path / name).write_bytes(b"a: 1\n")
    done = run_cli("validate", ".", "-f", "json", cwd=tmp_path)
    assert done.returncode == 1
    [entry] = json.loads(done.stdout)["files"]
    assert os.fsencode(entry["file"]) == HOSTILE_NAME
    assert not any(c in done.stdout for c in "\x1b\u202e")  # as JSON escapes
    sarif = json.loads(run_cli("validate", ".", "-f", "sarif", cwd=tmp_path).stdout)
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert unquote_to_bytes(uri["uri"]) == HOSTILE_NAME


def test_the_diff_as_json_names_the_exact_files(tmp_path: Path) -> None:
    old, new = (os.fsdecode(b"old\x1b\xff.yaml"), os.fsdecode(b"new\xe2\x80\xae.yaml"))
    (tmp_path / old).write_bytes(MOROCCO)
    (tmp_path / new).write_bytes(MOROCCO)
    done = run_cli("diff", old, new, "-f", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)["files"][0]
    assert (os.fsencode(found["old"]), os.fsencode(found["new"])) == (
        b"old\x1b\xff.yaml",
        b"new\xe2\x80\xae.yaml",
    )
    text = run_cli("diff", "--lang", "en", old, new, cwd=tmp_path)
    assert text.stdout == "old\\x1b\\xff.yaml → new\\u202e.yaml: no differences\n"


def test_text_outputs_show_hostile_names_escaped(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(HOSTILE_NAME)).write_bytes(b"a: 1\n")
    shown = "bad\\xff \\x1b[31m\\u202elmay.yaml"
    in_markdown = "bad\\\\xff \\\\x1b\\[31m\\\\u202elmay.yaml"  # Markdown's own escapes too
    for output_format in ("text", "github", "markdown", "junit"):
        done = run_cli("validate", ".", "-f", output_format, cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        assert not any(c in done.stdout for c in "\x1b\u202e"), output_format
        assert (in_markdown if output_format == "markdown" else shown) in done.stdout


def test_a_missing_output_folder_is_one_line(folder: Path) -> None:
    done = run_cli("validate", "roadmaps", "-o", "missing/report.txt", cwd=folder.parent)
    assert one_error(done) == "missing/report.txt: the folder missing does not exist"


@pytest.mark.skipif(ROOT_USER, reason="root writes files whatever their permissions")
def test_a_read_only_output_file_is_one_line_and_stays_as_it_was(folder: Path) -> None:
    target = folder.parent / "report.txt"
    target.write_text("before\n")
    target.chmod(0o444)
    done = run_cli("validate", "roadmaps", "-o", "report.txt", cwd=folder.parent)
    assert one_error(done) == "report.txt: cannot be written (permission denied)"
    assert target.read_text() == "before\n"


def test_a_read_only_output_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same code path as above, reached as root too (root's access() says yes)."""
    target = tmp_path / "report.txt"
    target.write_text("before\n")
    monkeypatch.setattr(output.os, "access", lambda path, mode: False)
    with pytest.raises(OutputError, match="cannot be written"):
        write_atomic(target, "after\n")
    assert target.read_text() == "before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_an_output_folder_that_cannot_be_written_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**_: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError, match=r"cannot write in .* \(Permission denied\)$"):
        write_atomic(tmp_path / "report.txt", "x")


def test_an_output_over_an_input_roadmap_is_refused(folder: Path) -> None:
    for command in (["validate"], ["render"], ["report", "--country", "MA"]):
        done = run_cli(
            *command, "roadmaps/morocco.yaml", "-o", "roadmaps/morocco.yaml", cwd=folder.parent
        )
        message = one_error(done)
        assert (
            message
            == "roadmaps/morocco.yaml: is one of the input files; write the output elsewhere"
        )
        assert (folder / "morocco.yaml").read_bytes() == MOROCCO


def test_a_bounded_read_stops_one_byte_past_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * 10_000)
    assert len(read(Source("big.yaml", big), max_bytes=100)) == 101
    assert len(read(Source("big.yaml", big))) == 10_000


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("command", ["validate", "report"])
def test_an_endless_standard_input_is_cut_at_the_size_limit(tmp_path: Path, command: str) -> None:
    """Reading `-` to its end never ended: now it stops one byte past the size limit."""
    with open("/dev/zero", "rb") as endless:
        done = subprocess.run(
            [*cli_command(), command, "-"],
            stdin=endless,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1, done.stderr
    shown = done.stdout if command == "validate" else done.stderr
    assert "<stdin>:1:1: Y011 error: the file is too large (over the 8 MiB limit)" in shown


@pytest.fixture
def immutable(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """`chattr +i`: read-only even for root, where the file system and rights allow it."""
    marked: list[Path] = []

    def mark(path: Path) -> None:
        chattr = shutil.which("chattr")
        if (
            chattr is None
            or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode
        ):
            pytest.skip("chattr +i is not available here")
        marked.append(path)

    yield mark
    for path in marked:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_an_immutable_output_file_is_one_line_and_stays_as_it_was(
    folder: Path, immutable: Callable[[Path], None]
) -> None:
    target = folder.parent / "report.txt"
    target.write_text("before\n")
    immutable(target)
    done = run_cli("validate", "roadmaps", "-o", "report.txt", cwd=folder.parent)
    assert one_error(done).startswith("report.txt: cannot be written (")
    assert target.read_text() == "before\n"
    assert not [p.name for p in folder.parent.iterdir() if p.name.endswith(".tmp")]


def test_an_immutable_output_folder_is_one_line(
    folder: Path, immutable: Callable[[Path], None]
) -> None:
    (folder.parent / "site").mkdir()
    immutable(folder.parent / "site")
    done = run_cli("render", "roadmaps", "-c", "MA", "-o", "site/ma.html", cwd=folder.parent)
    assert one_error(done).startswith("site/ma.html: cannot write in site (")
    assert list((folder.parent / "site").iterdir()) == []
