"""Every hostile or mistaken workbook gets its one located finding from `import`, in bounds
(2 s, 300 MiB, as for hostile YAML), without a traceback, and nothing is written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import cli_command
from tests.hardening.hostile_workbooks import CASES, Case, large_workbook
from tests.hardening.measure import Measured, run_measured
from tests.hardening.test_hostile import environment
from uhc_roadmap.rules import ALL_RULES

MAX_SECONDS = 2.0
MAX_MIB = 300
WALL_RETRIES = 2


def imported(case: Case, tmp_path: Path) -> tuple[Measured, Path]:
    workbook = tmp_path / "plan.xlsx"
    workbook.write_bytes(case.make(large_workbook()))
    output = tmp_path / "out.yaml"
    for _ in range(1 + WALL_RETRIES):
        run = run_measured(
            [*cli_command(), "import", "plan.xlsx", "-o", "out.yaml"], tmp_path, environment()
        )
        assert run.cpu < MAX_SECONDS, f"import took {run.cpu:.2f} s of CPU"
        assert run.peak_mib < MAX_MIB, f"import peaked at {run.peak_mib:.0f} MiB"
        if run.wall < MAX_SECONDS:
            return run, output
        output.unlink(missing_ok=True)
    pytest.fail(f"import took {run.wall:.2f} s (CPU {run.cpu:.2f} s)")


@pytest.mark.e2e
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_hostile_workbook_gets_its_finding_in_bounds(case: Case, tmp_path: Path) -> None:
    run, output = imported(case, tmp_path)
    assert "Traceback" not in run.stderr, run.stderr
    assert "internal error" not in run.stderr, run.stderr
    assert run.exit_code == case.exit_code, run.stdout + run.stderr
    where = f"plan.xlsx:{case.where}:" if case.where else "plan.xlsx:1:1:"
    lines = [line for line in (run.stdout + run.stderr).splitlines() if f" {case.code} " in line]
    assert any(line.startswith(f"{where} {case.code} ") for line in lines), run.stdout + run.stderr
    codes = {
        found[1] for found in re.finditer(r"^plan\.xlsx:.*?: ([A-Z][0-9]{3}) ", run.stdout, re.M)
    }
    assert codes == {case.code}, f"one kind of finding, not a cascade: {run.stdout}"
    if case.exit_code:
        assert not output.exists(), "nothing is written when there are errors"
        assert "nothing written" in run.stderr
    else:
        assert output.exists()


def test_every_workbook_code_has_a_hostile_case() -> None:
    codes = {rule.code for rule in ALL_RULES if rule.family == "X"}
    assert codes <= {case.code for case in CASES}


@pytest.mark.e2e
def test_the_benchmark_workbook_imports_in_bounds(tmp_path: Path) -> None:
    clean = Case("clean", lambda raw: raw, "", "", exit_code=0)
    run, output = imported(clean, tmp_path)
    assert run.exit_code == 0, run.stderr
    assert output.read_text(encoding="utf-8").startswith('schema_version: "1"')
