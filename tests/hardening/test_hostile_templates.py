"""Every hostile template gets its expected answer from ``render``, in bounds.

A user template is untrusted code (issue 13). Each case of the corpus
(tests/fixtures/hostile_templates/README.md) runs as a separate process, the installed command,
through tests/hardening/measure.py, and must end with its exit code and located message in
under 10 s of wall and CPU time and under 500 MiB of peak memory (the forked rendering child
included: ``wait4`` reports the largest of the process and its reaped children), with no
traceback, no "internal error", no document unless it exits 0, and nothing of the file beside
the template folder in anything it printed or wrote.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROADMAPS, cli_command
from tests.hardening.hostile_templates import (
    CANARY,
    CORPUS,
    GENERATED,
    Expected,
    cases,
    expected,
    materialise,
)
from tests.hardening.measure import Measured, run_measured
from tests.hardening.test_hostile import environment

MAX_SECONDS = 10.0
MAX_MIB = 500
WALL_RETRIES = 2
OUTPUT = "out.html"


def within_bounds(command: list[str], cwd: Path) -> Measured:
    """Run the command; the time and memory bounds hold (wall time retried on a busy machine)."""
    for _ in range(1 + WALL_RETRIES):
        run = run_measured([*cli_command(), *command], cwd, environment(), timeout=60)
        assert run.cpu < MAX_SECONDS, f"took {run.cpu:.2f} s of CPU"
        assert run.peak_mib < MAX_MIB, f"peaked at {run.peak_mib:.0f} MiB"
        if run.wall < MAX_SECONDS:
            return run
        (cwd / OUTPUT).unlink(missing_ok=True)
    pytest.fail(f"took {run.wall:.2f} s (CPU {run.cpu:.2f} s)")


def clean(run: Measured, case: Path) -> None:
    """No traceback, no internal error, nothing read from outside the template folder."""
    assert "Traceback" not in run.stderr
    assert "internal error" not in run.stderr
    document = case / OUTPUT
    shown = (
        run.stdout
        + run.stderr
        + (document.read_text("utf-8", "replace") if document.exists() else "")
    )
    assert CANARY not in shown
    assert "root:x:0:0" not in shown  # /etc/passwd


@pytest.fixture
def case(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, Expected]:
    name = request.param
    want = expected(name)
    assert want.exit is not None, f"{name}.expected needs an exit line"
    assert want.stderr, f"{name}.expected needs the message it must print"
    if want.config:
        (tmp_path / ".uhc-roadmap.yaml").write_text("\n".join(want.config) + "\n")
    shutil.copy(ROADMAPS / "morocco.yaml", tmp_path / "morocco.yaml")
    materialise(name, tmp_path)
    return tmp_path, want


@pytest.mark.parametrize("case", cases(), indirect=True)
def test_render(case: tuple[Path, Expected]) -> None:
    folder, want = case
    command = ["render", "morocco.yaml", "--template-dir", "tpl", "-t", want.template]
    run = within_bounds([*command, "-o", OUTPUT], folder)
    assert run.exit_code == want.exit, run.stderr
    for text in want.stderr:
        assert text in run.stderr
    assert (folder / OUTPUT).exists() == (run.exit_code == 0)
    clean(run, folder)


@pytest.mark.parametrize("case", cases(), indirect=True)
def test_list(case: tuple[Path, Expected]) -> None:
    folder, want = case
    run = within_bounds(["render", "--list", "--template-dir", "tpl"], folder)
    assert run.exit_code == 0, run.stderr
    listed = {line.split()[0] for line in run.stdout.splitlines() if line.strip()}
    assert {"brief", "roadmap"} <= listed
    assert not listed & set(want.hidden)
    clean(run, folder)


def test_every_case_has_its_template() -> None:
    bodies = {p.name.removesuffix(".html.j2") for p in CORPUS.glob("*.html.j2")}
    assert bodies <= set(cases())
    assert set(GENERATED) <= set(cases())
    assert {c for c in cases() if c not in bodies and c not in GENERATED} == set()
