"""Run a command and measure it: exit code, wall time, CPU time and peak memory.

Used as a script (``python -I -S measure.py RESULT.json COMMAND...``) between the test and the
command. A process's peak-memory figure (``ru_maxrss``) starts from its parent's size at the
fork, and the test process is large after building a 50 MiB file: the small interpreter in
between gives the command a clean start. The tests import ``run_measured`` from here.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measured:
    exit_code: int
    wall: float
    cpu: float
    peak_mib: float
    stdout: str
    stderr: str


def run_measured(
    command: list[str], cwd: Path, env: dict[str, str], timeout: float = 60
) -> Measured:
    """Run ``command`` in ``cwd`` through this script; its output goes to files, not pipes."""
    result, out, err = cwd / ".measure.json", cwd / ".measure.out", cwd / ".measure.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        wrapper = subprocess.Popen(
            [sys.executable, "-I", "-S", __file__, str(result), *command],
            cwd=cwd,
            env=env,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,  # a timeout ends the command too, not only the wrapper
        )
        try:
            wrapper.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(wrapper.pid, signal.SIGKILL)
            wrapper.wait()
            raise
    figures = json.loads(result.read_text())
    measured = Measured(
        figures["exit_code"],
        figures["wall"],
        figures["cpu"],
        figures["peak_kib"] / 1024,
        out.read_text(encoding="utf-8", errors="replace"),
        err.read_text(encoding="utf-8", errors="replace"),
    )
    for temporary in (result, out, err):
        temporary.unlink()
    return measured


def main(arguments: list[str]) -> int:
    result, command = arguments[0], arguments[1:]
    start = time.perf_counter()
    child = subprocess.Popen(command)
    _, status, usage = os.wait4(child.pid, 0)
    figures = {
        "exit_code": os.waitstatus_to_exitcode(status),
        "wall": time.perf_counter() - start,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_kib": usage.ru_maxrss,  # kibibytes on Linux
    }
    with open(result, "w", encoding="utf-8") as handle:
        json.dump(figures, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
