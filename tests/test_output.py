"""Writing outputs: regular files replaced whole, devices and pipes written into, the rest refused,
and the leftovers of a killed writer removed by the next write."""

from __future__ import annotations

import fcntl
import os
import socket
import stat
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import run_cli
from uhc_roadmap import output
from uhc_roadmap.output import OutputError, remove_leftovers, write_atomic

LONG_AGO = time.time() - 3600


def leftover(folder: Path, name: str, *, mtime: float = LONG_AGO) -> Path:
    """A temporary file as a killed run leaves it: named by mkstemp, an hour old."""
    path = folder / name
    path.write_text("half an output")
    os.utime(path, (mtime, mtime))
    return path


def test_a_regular_file_is_replaced_whole_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("before\n")
    target.chmod(0o640)
    inode = target.stat().st_ino
    write_atomic(target, "after\n")
    assert target.read_text() == "after\n"
    assert target.stat().st_ino != inode
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_a_link_to_a_file_replaces_the_file_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    real = tmp_path / "site" / "ma.html"
    real.write_text("before\n")
    link = tmp_path / "ma.html"
    link.symlink_to("site/ma.html")
    write_atomic(link, "after\n")
    assert link.is_symlink()
    assert real.read_text() == "after\n"
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["ma.html"]


def test_a_link_to_nothing_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out.html").symlink_to("missing/out.html")
    with pytest.raises(OutputError, match=r"out\.html: is a link to a missing file$"):
        write_atomic(tmp_path / "out.html", "x")
    assert (tmp_path / "out.html").is_symlink()


def test_a_directory_is_refused_with_one_line(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r": is a directory$"):
        write_atomic(tmp_path, "x")


def test_a_socket_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(OutputError, match=r"s\.sock: is a socket, not a file$"):
            write_atomic(path, "x")
        assert stat.S_ISSOCK(path.lstat().st_mode)


def test_a_named_pipe_is_written_into_not_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    write_atomic(pipe, "through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_link_to_standard_output_writes_to_the_stream(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """``/dev/stdout`` is such a link; one made here spares the real ``/dev``."""
    link = tmp_path / "stdout"
    link.symlink_to(f"/proc/{os.getpid()}/fd/1")
    if not link.exists():
        pytest.skip("no /proc/PID/fd here")
    write_atomic(link, "to the stream\n")
    assert capfd.readouterr().out == "to the stream\n"
    assert link.is_symlink()


def test_a_full_device_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What /dev/full does (tests/hardening/test_devices.py writes to a real one)."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = threading.Thread(target=pipe.read_bytes)
    reader.start()

    def full(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "write", full)
    with pytest.raises(OutputError, match=r"pipe: cannot be written \(No space left on device\)$"):
        write_atomic(pipe, "x")
    reader.join(timeout=10)


def test_leftovers_of_a_killed_write_are_removed_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    stale = leftover(tmp_path, ".out.html.k3x_9q2a.tmp")
    write_atomic(target, "new\n")
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.html"]


def test_only_our_own_stale_temporaries_are_removed(tmp_path: Path) -> None:
    kept = [
        leftover(tmp_path, ".out.html.tmp"),  # not mkstemp's name
        leftover(tmp_path, ".other.html.k3x_9q2a.tmp"),  # another output's
        leftover(tmp_path, ".out.html.k3x_9q2a.tmp.bak"),
        leftover(tmp_path, ".out.html.fresh000.tmp", mtime=time.time() + 60),  # this run's
    ]
    (tmp_path / ".out.html.alink000.tmp").symlink_to(kept[0].name)
    kept.append(tmp_path / ".out.html.alink000.tmp")
    (tmp_path / ".out.html.afolder0.tmp").mkdir()
    kept.append(tmp_path / ".out.html.afolder0.tmp")
    assert remove_leftovers(tmp_path / "out.html") == []
    assert all(p.is_symlink() or p.exists() for p in kept)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_temporary_owned_by_another_user_is_left_alone(tmp_path: Path) -> None:
    theirs = leftover(tmp_path, ".out.html.theirs00.tmp")
    os.chown(theirs, 4242, 4242)
    assert remove_leftovers(tmp_path / "out.html") == []
    assert theirs.exists()


def test_a_temporary_locked_by_a_writer_at_work_is_left_alone(tmp_path: Path) -> None:
    busy = leftover(tmp_path, ".out.html.busy0000.tmp")
    with busy.open("rb") as writer:
        fcntl.flock(writer.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert remove_leftovers(tmp_path / "out.html") == []
    assert busy.exists()
    assert remove_leftovers(tmp_path / "out.html") == [busy.name]


def test_dash_is_standard_output_and_dot_slash_dash_a_file(tmp_path: Path) -> None:
    (tmp_path / "roadmaps").mkdir()
    done = run_cli("schema", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roadmaps"]
    done = run_cli("schema", "-o", "./-", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "")
    assert (tmp_path / "-").read_text().startswith("{")


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_file_replaced_by_root_keeps_its_owner(tmp_path: Path) -> None:
    """In a CI container root writes into a checkout that belongs to the runner's user."""
    target = tmp_path / "report.txt"
    target.write_text("before\n")
    os.chown(target, 4242, 4343)
    write_atomic(target, "after\n")
    assert (target.stat().st_uid, target.stat().st_gid) == (4242, 4343)
