"""`GITHUB_ACTIONS=true uhc-roadmap validate <invalid>`: escaped annotations and a job summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run_cli

pytestmark = pytest.mark.e2e
MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def test_annotations_are_escaped_and_summarised(tmp_path: Path) -> None:
    roadmaps = tmp_path / "roadmaps"
    roadmaps.mkdir()
    # A comma in the file name (a property: %2C); a duplicate key holding `%` and `:` (data).
    (roadmaps / "a,b.yaml").write_text('schema_version: "1"\n"100%: x": 1\n"100%: x": 2\n', "utf-8")
    (roadmaps / "warn.yaml").write_text(
        MINIMAL.replace("spent: 5000}", "spent: 15000}"), encoding="utf-8"
    )
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    completed = run_cli("validate", "./roadmaps", cwd=tmp_path, env=env)
    assert completed.returncode == 1, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0] == (
        "::error file=roadmaps/a%2Cb.yaml,line=3,col=1,title=Y002::duplicate key `100%25: x`: "
        "first at line 2, again at line 3%0Ahint: YAML would silently keep only one of the two "
        "values; remove or merge one"
    )
    assert lines[1].startswith("::warning file=roadmaps/warn.yaml,line=26,col=57,title=B001::")
    assert lines[2] == "2 files checked: 1 error, 1 warning, 0 infos."
    table = summary.read_text(encoding="utf-8")
    assert "| ❌ error | roadmaps/a,b.yaml:3:1 | Y002 |" in table
    assert "| ⚠️ warning | roadmaps/warn.yaml:26:57 | B001 |" in table


def test_outside_actions_the_text_format_stays(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("a: 1\na: 2\n", encoding="utf-8")
    completed = run_cli("validate", "bad.yaml", cwd=tmp_path)
    assert completed.stdout.startswith("bad.yaml:2:1: Y002 error")
