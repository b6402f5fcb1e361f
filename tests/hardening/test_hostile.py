"""Every hostile file gets its expected answer from validate, report and render, in bounds.

The corpus and the format of its ``.expected`` files: tests/fixtures/hostile/README.md.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import cli_command
from tests.hardening.hostile import Expected, answers, cases, expected, materialise
from tests.hardening.measure import Measured, run_measured
from uhc_roadmap.cache import CACHE_DIR

MAX_SECONDS = 2.0
MAX_MIB = 300
WALL_RETRIES = 2
OUTPUT = "out.html"
COMMANDS = {
    "validate": ["validate", "-f", "json"],
    "report": ["report"],
    "render": ["render", "-o", OUTPUT],
}


def environment() -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "GITHUB_ACTIONS"}}
    return kept | {"NO_COLOR": "1", "COLUMNS": "100"}


def within_bounds(command: list[str], cwd: Path) -> Measured:
    """Run the command; the time and memory bounds hold (wall time retried on a busy machine)."""
    for _ in range(1 + WALL_RETRIES):
        run = run_measured([*cli_command(), *command], cwd, environment())
        assert run.cpu < MAX_SECONDS, f"{command[0]} took {run.cpu:.2f} s of CPU"
        assert run.peak_mib < MAX_MIB, f"{command[0]} peaked at {run.peak_mib:.0f} MiB"
        if run.wall < MAX_SECONDS:
            return run
        (cwd / OUTPUT).unlink(missing_ok=True)
    pytest.fail(f"{command[0]} took {run.wall:.2f} s (CPU {run.cpu:.2f} s)")


@pytest.fixture
def case(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, Expected]:
    name = request.param
    want = expected(name)
    assert set(want.exits) == set(COMMANDS), f"{name}.expected needs an exit line per command"
    if want.config:
        (tmp_path / ".uhc-roadmap.yaml").write_text("\n".join(want.config) + "\n")
    return materialise(name, tmp_path), want


def answer(command: str, file: Path) -> Measured:
    """Run one command over the file; the file and its folder are as they were, bar output."""
    before = (file.read_bytes(), file.stat().st_mtime_ns)
    entries = {p.name for p in file.parent.iterdir()}
    run = within_bounds([*COMMANDS[command], file.name], file.parent)
    assert (file.read_bytes(), file.stat().st_mtime_ns) == before, "the input was changed"
    left = {p.name for p in file.parent.iterdir()} - entries - {OUTPUT, CACHE_DIR}
    assert not left, f"{command} left {sorted(left)}"
    assert "Traceback" not in run.stderr
    assert "internal error" not in run.stderr
    return run


def findings(run: Measured) -> list[tuple[str, int, int, str]]:
    [result] = json.loads(run.stdout)["files"]
    return [(d["code"], d["line"], d["col"], d["message"]) for d in result["diagnostics"]]


def matches(actual: tuple[str, int, int, str], wanted: tuple[str, int, int, str]) -> bool:
    return actual[:3] == wanted[:3] and wanted[3] in actual[3]


@pytest.mark.parametrize("case", cases(), indirect=True)
def test_validate(case: tuple[Path, Expected]) -> None:
    file, want = case
    run = answer("validate", file)
    assert run.exit_code == want.exits["validate"], run.stderr
    found = findings(run)
    if want.count is None:
        assert len(found) == len(want.findings), found[:5]
        for index, actual in enumerate(found):
            assert any(matches(actual, w) for w in answers(want, index)), (actual, want.findings)
    else:
        assert len(found) == want.count
        rest = iter(found)
        assert all(any(matches(f, w) for f in rest) for w in want.findings), found[:5]


@pytest.mark.parametrize("case", cases(), indirect=True)
def test_report(case: tuple[Path, Expected]) -> None:
    file, want = case
    run = answer("report", file)
    assert run.exit_code == want.exits["report"], run.stderr
    assert_first_finding_shown(run, file, want)
    if run.exit_code == 0:
        assert run.stdout.strip()


@pytest.mark.parametrize("case", cases(), indirect=True)
def test_render(case: tuple[Path, Expected]) -> None:
    file, want = case
    run = answer("render", file)
    assert run.exit_code == want.exits["render"], run.stderr
    assert_first_finding_shown(run, file, want)
    document = file.parent / OUTPUT
    assert document.exists() == (run.exit_code == 0)
    if run.exit_code == 0:
        assert document.read_text(encoding="utf-8").lstrip().startswith("<!DOCTYPE html>")


def assert_first_finding_shown(run: Measured, file: Path, want: Expected) -> None:
    if run.exit_code == 1 and want.findings:
        shown = [f"{file.name}:{line}:{col}: {code}" for code, line, col, _ in answers(want, 0)]
        assert any(where in run.stderr for where in shown), shown


def test_unsafe_tags_run_nothing(tmp_path: Path) -> None:
    file = materialise("python_tag", tmp_path)
    for command in COMMANDS:
        answer(command, file)
    assert not (tmp_path / "hostile-pwned").exists()


def test_every_committed_case_has_its_expected_outcome() -> None:
    from tests.hardening.hostile import GENERATED, HOSTILE

    inputs = {p.stem for p in HOSTILE.glob("*.yaml")}
    assert inputs.isdisjoint(GENERATED), "a generated case must not be committed too"
    assert inputs | set(GENERATED) == set(cases())
