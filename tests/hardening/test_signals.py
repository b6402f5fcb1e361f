"""SIGTERM, SIGHUP and SIGKILL sent to the real command: as `timeout`, `docker stop`, a CI
cancellation and a closed terminal send them. Nothing half-written, no temporary file left
(after the next run, for SIGKILL, which cannot be handled), no worker process left alive."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from bench.corpus import countries, roadmap

from tests.conftest import ROADMAPS, cli_command, run_cli

LINUX = sys.platform.startswith("linux")
STOPS = [(signal.SIGTERM, 143), (signal.SIGHUP, 129)]
# The real command with one change: the write pauses after the text is in the temporary file
# and before it is renamed, so that a signal is sure to land in the middle of the write.
PAUSED_WRITE = """
import os, sys, time
from uhc_roadmap import output
from uhc_roadmap.cli.app import main
output.os.fsync = lambda fd: time.sleep(60)
sys.exit(main(sys.argv[1:]))
"""


def wait_for(condition: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for whoever adopted it to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def children(pid: int) -> list[int]:
    """The live processes whose parent is ``pid``, from the process table."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended meanwhile
        if int(fields[1]) == pid and fields[0] not in ("Z", "X"):
            found.append(int(entry.name))
    return found


@pytest.fixture
def large(tmp_path: Path) -> Path:
    """A 300-activity roadmap (~430 KB): rendering it takes a second or two."""
    (code, regions), *_ = countries(1)
    path = tmp_path / "large.yaml"
    path.write_text(roadmap(code, regions, 300, seed=7), encoding="utf-8")
    (tmp_path / "out.html").write_text("the previous output\n")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copyfile(ROADMAPS / "morocco.yaml", tmp_path / "morocco.yaml")
    (tmp_path / "out.html").write_text("the previous output\n")
    return tmp_path


def paused_render(folder: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", PAUSED_WRITE, "render", "morocco.yaml", "-o", "out.html"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert wait_for(lambda: bool(temporaries(folder))), "the write never began"
    return process


@pytest.mark.parametrize(("number", "code"), STOPS, ids=["SIGTERM", "SIGHUP"])
def test_a_stop_signal_in_the_middle_of_a_write_removes_the_temporary_file(
    project: Path, number: signal.Signals, code: int
) -> None:
    folder = project
    process = paused_render(folder)
    process.send_signal(number)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == code
    assert stderr == f"uhc-roadmap: terminated by {number.name}\n"
    assert temporaries(folder) == []
    assert (folder / "out.html").read_text() == "the previous output\n"


def test_the_next_write_removes_what_sigkill_left(project: Path) -> None:
    folder = project
    process = paused_render(folder)
    [left] = temporaries(folder)
    process.kill()
    process.wait(timeout=30)
    assert temporaries(folder) == [left]  # SIGKILL cannot be handled: the next run cleans up
    done = run_cli("render", "morocco.yaml", "-o", "out.html", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert temporaries(folder) == []
    assert (folder / "out.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.3])
def test_sigterm_at_any_moment_of_a_real_render(large: Path, delay: float) -> None:
    """No pause added: the signal lands wherever the render is (starting, reading, checking,
    rendering, writing, or just after the rename). The output is the old one or the whole new
    one; nothing else is left. (Before the handler is installed, in the first moments of start-up, SIGTERM's
    default action ends the process, which has written nothing yet.)"""
    folder = large.parent
    process = subprocess.Popen(
        [*cli_command(), "render", "large.yaml", "-o", "out.html"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode in (0, 143, -signal.SIGTERM), stderr
    if process.returncode != 0:
        assert stderr in ("uhc-roadmap: terminated by SIGTERM\n", "")
    written = (folder / "out.html").read_text(encoding="utf-8")
    if process.returncode == 0 or written != "the previous output\n":  # renamed before the signal
        assert written.startswith("<!DOCTYPE html>")
        assert written.endswith("</html>\n")
    assert sorted(p.name for p in folder.iterdir()) == ["large.yaml", "out.html"]


def many(folder: Path, count: int = 1000) -> Path:
    where = folder / "many"
    where.mkdir()
    for index in range(count):
        shutil.copyfile(ROADMAPS / "algeria.yaml", where / f"algeria-{index:04}.yaml")
    return where


def validating_with_workers(folder: Path, *extra: str) -> tuple[subprocess.Popen[str], list[int]]:
    """``validate -j 2`` on a thousand files, once its two workers are at work."""
    process = subprocess.Popen(
        [*cli_command(), "validate", "--no-cache", "-j", "2", "many", *extra],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert wait_for(lambda: len(children(process.pid)) >= 2), "no workers started"
    time.sleep(0.5)
    assert process.poll() is None, "validation ended before it could be stopped"
    workers = children(process.pid)
    assert all(alive(pid) for pid in workers)
    return process, workers


@pytest.mark.skipif(not LINUX, reason="reads the process table in /proc")
@pytest.mark.parametrize(("number", "code"), STOPS, ids=["SIGTERM", "SIGHUP"])
def test_a_stop_signal_with_worker_processes_leaves_no_process_and_no_file(
    tmp_path: Path, number: signal.Signals, code: int
) -> None:
    before = sorted(p.name for p in many(tmp_path).iterdir())
    process, workers = validating_with_workers(tmp_path, "-f", "json", "-o", "report.json")
    process.send_signal(number)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == code
    assert stderr == f"uhc-roadmap: terminated by {number.name}\n"
    assert wait_for(lambda: not any(alive(pid) for pid in workers), seconds=5)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many"]
    assert sorted(p.name for p in (tmp_path / "many").iterdir()) == before


@pytest.mark.skipif(not LINUX, reason="reads the process table in /proc")
@pytest.mark.parametrize("number", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_workers_die_with_their_parent(tmp_path: Path, number: signal.Signals) -> None:
    """Killed as a whole group would be, but only the parent: the workers must follow it
    within moments, not live on adopted by init (they did, 8 runs out of 8)."""
    many(tmp_path)
    process, workers = validating_with_workers(tmp_path)
    process.send_signal(number)
    process.wait(timeout=30)
    assert wait_for(lambda: not any(alive(pid) for pid in workers), seconds=5), [
        json.dumps(Path(f"/proc/{pid}/stat").read_text()) for pid in workers if alive(pid)
    ]
