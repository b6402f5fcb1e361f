"""No data loss: inputs are never written, outputs appear whole or not at all, Ctrl-C is clean."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import ROADMAPS, cli_command, run_cli
from uhc_roadmap import output
from uhc_roadmap.cli.app import main

OUT = "out"
NEW = ["new", "-c", "NO", "--phase", "P1", "--start", "2025-01-01", "--end", "2027-12-31"]
# Every command that reads roadmaps or writes a file, with the options that make it write.
COMMANDS = [
    ["validate", "roadmaps"],
    ["validate", "roadmaps", "-f", "json", "-o", f"{OUT}/validate.json"],
    ["validate", "roadmaps", "-f", "sarif", "-o", f"{OUT}/validate.sarif"],
    ["report", "roadmaps"],
    ["report", "roadmaps", "-c", "MA", "-f", "csv", "-o", f"{OUT}/report.csv"],
    ["report", "roadmaps", "-f", "markdown", "-o", f"{OUT}/report.md"],
    ["render", "roadmaps", "-c", "MA", "-o", f"{OUT}/morocco.html"],
    ["render", "roadmaps", "-c", "KZ", "-t", "brief", "-o", f"{OUT}/kazakhstan.md"],
    ["diff", "roadmaps/morocco.yaml", "roadmaps/algeria.yaml", "-o", f"{OUT}/diff.txt"],
    ["export", "roadmaps", "-c", "MA", "-f", "iati", "-o", f"{OUT}/morocco.iati.xml"],
    ["schema", "-o", f"{OUT}/schema.json"],
    [*NEW, "--force", "-o", f"{OUT}/norway.yaml"],
    ["cache", "info"],
]
WRITERS = [c for c in COMMANDS if "-o" in c]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file's bytes, modification time and permissions."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROADMAPS, tmp_path / "roadmaps")
    (tmp_path / OUT).mkdir()
    (tmp_path / ".uhc-roadmap.yaml").write_text(  # the publisher `export --format iati` needs
        "iati: {reporting_org: {ref: XM-DAC-928, type: 40, name: WHO}}\n", encoding="utf-8"
    )
    return tmp_path


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_no_command_writes_to_an_input_roadmap(project: Path) -> None:
    before = snapshot(project / "roadmaps")
    for command in COMMANDS:
        done = run_cli(*command, cwd=project)
        assert done.returncode == 0, (command, done.stderr)
        assert snapshot(project / "roadmaps") == before, command
    written = {p.name for p in (project / OUT).iterdir()}
    # `new` also writes the schema its roadmap points at, beside it.
    expected = {Path(c[c.index("-o") + 1]).name for c in WRITERS} | {"roadmap.schema.json"}
    assert written == expected


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: " ".join(c[:2]))
def test_every_output_replaces_the_old_file_whole(project: Path, command: list[str]) -> None:
    """A new inode: the output was written beside and renamed over, never rewritten in place."""
    target = project / command[command.index("-o") + 1]
    target.write_text("the previous output\n")
    old_inode = target.stat().st_ino
    done = run_cli(*command, cwd=project)
    assert done.returncode == 0, done.stderr
    assert target.stat().st_ino != old_inode
    assert target.read_text(encoding="utf-8") != "the previous output\n"
    assert temporaries(target.parent) == []


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: " ".join(c[:2]))
def test_ctrl_c_while_writing_leaves_the_old_output_and_no_temporary_file(
    project: Path,
    command: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """SIGINT arrives after the text went to the temporary file, before the rename."""
    target = project / command[command.index("-o") + 1]
    target.write_text("the previous output\n")
    monkeypatch.chdir(project)
    core_log = logging.getLogger("uhc_roadmap")  # main() installs its warning handler
    monkeypatch.setattr(core_log, "handlers", [])
    monkeypatch.setattr(core_log, "propagate", True)

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fsync", interrupted)
    assert main([*command, "--no-cache"] if command[0] == "validate" else command) == 130
    assert capsys.readouterr().err == "uhc-roadmap: interrupted\n"
    assert target.read_text() == "the previous output\n"
    assert temporaries(target.parent) == []


def test_ctrl_c_during_a_long_validation(tmp_path: Path) -> None:
    """The real signal, to the real command, in the middle of a thousand files."""
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(1000):
        shutil.copyfile(ROADMAPS / "morocco.yaml", folder / f"morocco-{index:04}.yaml")
    before = snapshot(folder)
    command = [*cli_command(), "validate", "--no-cache", "-j", "1", "many", "-o", "report.txt"]
    process = subprocess.Popen(
        command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    time.sleep(2)  # far past start-up (0.3 s), far from the end (several seconds)
    assert process.poll() is None, "validation ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr == "uhc-roadmap: interrupted\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many"]
    assert snapshot(folder) == before


@pytest.mark.skipif(not hasattr(os, "fork"), reason="worker processes need fork")
def test_ctrl_c_with_worker_processes_leaves_no_process_behind(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(1000):
        shutil.copyfile(ROADMAPS / "algeria.yaml", folder / f"algeria-{index:04}.yaml")
    process = subprocess.Popen(
        [*cli_command(), "validate", "--no-cache", "-j", "2", "many"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    time.sleep(2)
    assert process.poll() is None, "validation ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr == "uhc-roadmap: interrupted\n"
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):  # the session is empty: no worker outlived it
        os.killpg(process.pid, 0)


def test_an_output_over_an_input_is_refused_for_every_reader(project: Path) -> None:
    morocco = project / "roadmaps" / "morocco.yaml"
    before = morocco.read_bytes()
    for command in (
        ["validate", "roadmaps", "-o", "roadmaps/morocco.yaml"],
        ["report", "roadmaps", "-o", "roadmaps/morocco.yaml"],
        ["render", "roadmaps", "-c", "MA", "-o", "roadmaps/morocco.yaml"],
        ["diff", "roadmaps/morocco.yaml", "roadmaps/algeria.yaml", "-o", "roadmaps/morocco.yaml"],
        ["export", "roadmaps", "-c", "MA", "-f", "iati", "-o", "roadmaps/morocco.yaml"],
    ):
        done = run_cli(*command, cwd=project)
        assert done.returncode == 2, command
        assert "is one of the input files" in done.stderr
    assert morocco.read_bytes() == before
