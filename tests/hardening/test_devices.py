"""`-o` on device nodes and `/dev/stdout`, as root, as CI containers run.

Every command runs inside a private mount namespace (``unshare -m``) whose ``/dev`` is a fresh
tmpfs holding device nodes made with ``mknod``: a bug that replaced ``/dev/null`` would
replace that copy, never the machine's own ``/dev``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROADMAPS, cli_command

UNSHARE = shutil.which("unshare")
# Inside the namespace: a private /dev, then each command with its output's type afterwards.
DRIVER = r"""
import json, os, stat, subprocess, sys
subprocess.run(["mount", "-t", "tmpfs", "-o", "mode=755", "uhc-test-dev", "/dev"], check=True)
for name, major, minor in (("null", 1, 3), ("full", 1, 7), ("zero", 1, 5), ("urandom", 1, 9)):
    os.mknod("/dev/" + name, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    os.chmod("/dev/" + name, 0o666)
os.mknod("/dev/loop7", 0o660 | stat.S_IFBLK, os.makedev(7, 7))
os.symlink("/proc/self/fd", "/dev/fd")
for number, name in enumerate(("stdin", "stdout", "stderr")):
    os.symlink(f"/proc/self/fd/{number}", "/dev/" + name)
cli, runs = json.loads(sys.argv[1]), json.loads(sys.argv[2])
results = []
for run in runs:
    stdout = open(run["stdout_file"], "wb") if run.get("stdout_file") else subprocess.PIPE
    done = subprocess.run(cli + run["args"], stdout=stdout, stderr=subprocess.PIPE, timeout=120)
    kinds = {}
    for path in ("/dev/null", "/dev/full", "/dev/stdout"):
        mode = os.lstat(path).st_mode
        kinds[path] = "char" if stat.S_ISCHR(mode) else "link" if stat.S_ISLNK(mode) else "other"
    results.append({
        "code": done.returncode,
        "stdout": done.stdout.decode("utf-8", "replace") if done.stdout else "",
        "stderr": done.stderr.decode("utf-8", "replace"),
        "kinds": kinds,
        "dev": sorted(os.listdir("/dev")),
    })
print(json.dumps(results))
"""


def _namespace_problem() -> str | None:
    if not sys.platform.startswith("linux"):
        return "mount namespaces are Linux's"
    if os.geteuid() != 0:
        return "device nodes are made and mounted as root"
    if UNSHARE is None:
        return "unshare (util-linux) is not installed"
    probe = subprocess.run(
        [UNSHARE, "-m", "--propagation", "private", "true"], capture_output=True, check=False
    )
    if probe.returncode:
        return f"no mount namespace here: {probe.stderr.decode(errors='replace').strip()}"
    return None


PROBLEM = _namespace_problem()
pytestmark = pytest.mark.skipif(PROBLEM is not None, reason=PROBLEM or "")
EXPECTED_DEV = ["fd", "full", "loop7", "null", "stderr", "stdin", "stdout", "urandom", "zero"]


def in_private_dev(cwd: Path, *runs: dict[str, object]) -> list[dict[str, object]]:
    assert UNSHARE is not None
    done = subprocess.run(
        [
            UNSHARE,
            "-m",
            "--propagation",
            "private",
            sys.executable,
            "-c",
            DRIVER,
            json.dumps(cli_command()),
            json.dumps(list(runs)),
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stderr
    results: list[dict[str, object]] = json.loads(done.stdout)
    return results


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROADMAPS, tmp_path / "roadmaps")
    return tmp_path


def test_device_outputs_are_written_into_and_stay_devices(project: Path) -> None:
    into_null, into_full, html_out, json_out = in_private_dev(
        project,
        {"args": ["validate", "roadmaps", "--output", "/dev/null"]},
        {"args": ["render", "roadmaps", "-c", "MA", "-o", "/dev/full"]},
        {"args": ["render", "roadmaps", "-c", "MA", "-o", "/dev/stdout"]},
        {"args": ["validate", "roadmaps", "-f", "json", "-o", "/dev/stdout"]},
    )
    assert (into_null["code"], into_null["stdout"], into_null["stderr"]) == (0, "", "")
    assert into_full["code"] == 2
    assert into_full["stderr"] == (
        "uhc-roadmap: error: /dev/full: cannot be written (No space left on device)\n"
    )
    assert html_out["code"] == 0, html_out["stderr"]
    assert str(html_out["stdout"]).startswith("<!DOCTYPE html>")
    assert json.loads(str(json_out["stdout"]))["summary"]["errors"] == 0
    for result in (into_null, into_full, html_out, json_out):
        expected = {"/dev/null": "char", "/dev/full": "char", "/dev/stdout": "link"}
        assert result["kinds"] == expected
        assert result["dev"] == EXPECTED_DEV  # no temporary file left beside a device


def test_dev_stdout_redirected_to_a_file_writes_into_that_file(project: Path) -> None:
    """``cmd -o /dev/stdout > page.html``: the link leads to a regular file, which is the
    shell's, not ours to replace; the text goes through standard output."""
    page = project / "page.html"
    [result] = in_private_dev(
        project,
        {
            "args": ["render", "roadmaps", "-c", "MA", "-o", "/dev/stdout"],
            "stdout_file": str(page),
        },
    )
    assert result["code"] == 0, result["stderr"]
    assert result["kinds"] == {"/dev/null": "char", "/dev/full": "char", "/dev/stdout": "link"}
    assert result["dev"] == EXPECTED_DEV
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_directory_and_a_block_device_are_refused_with_one_line(project: Path) -> None:
    as_folder, as_link, as_block = in_private_dev(
        project,
        {"args": ["render", "roadmaps", "-c", "MA", "-o", "/dev"]},
        {"args": ["schema", "-o", "/dev/fd"]},
        {"args": ["schema", "-o", "/dev/loop7"]},
    )
    assert (as_folder["code"], as_link["code"], as_block["code"]) == (2, 2, 2)
    assert as_folder["stderr"] == "uhc-roadmap: error: /dev: is a directory\n"
    assert as_link["stderr"] == "uhc-roadmap: error: /dev/fd: is a directory\n"
    assert as_block["stderr"] == "uhc-roadmap: error: /dev/loop7: is a block device, not a file\n"
    assert as_block["dev"] == EXPECTED_DEV
