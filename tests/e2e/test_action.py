"""action.yml's validate step, run with bash as GitHub would run it.

Its inputs are set as GitHub sets them, and the installed uhc-roadmap is on PATH (setup-python
and the pip install step are GitHub's and pip's business; test_pre_commit.py installs from
source).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROADMAPS
from tests.test_ci_files import ACTION, CI_DOC, EXPRESSION, steps

pytestmark = pytest.mark.e2e


def validate_step() -> dict[str, Any]:
    return next(s for s in steps() if "uhc-roadmap validate" in s.get("run", ""))


def run_step(workspace: Path, inputs: dict[str, str]) -> subprocess.CompletedProcess[str]:
    step = validate_step()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "UHC_"))}
    values = {f"inputs.{name}": spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    values |= {f"inputs.{name}": value for name, value in inputs.items()}
    for name, expression in step["env"].items():
        env[name] = EXPRESSION.sub(lambda m: values[m[1]], expression)
    summary = workspace / "summary.md"
    env |= {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary), "NO_COLOR": "1"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(
        [shutil.which("bash") or "bash", "-e", "-c", step["run"]],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "roadmaps" / "nested").mkdir(parents=True)
    shutil.copy(ROADMAPS / "morocco.yaml", tmp_path / "roadmaps" / "morocco.yaml")
    return tmp_path


def test_step_passes_on_valid_roadmaps_with_a_summary(workspace: Path) -> None:
    completed = run_step(workspace, {})
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "1 file checked: no problems.\n"
    assert "✅ 1 file checked: no problems." in (workspace / "summary.md").read_text("utf-8")


def test_step_fails_with_annotations_on_an_invalid_roadmap(workspace: Path) -> None:
    broken = workspace / "roadmaps" / "nested" / "broken.yaml"
    broken.write_text('schema_version: "1"\ncountry: MA\ncountry: DZ\n', encoding="utf-8")
    completed = run_step(workspace, {"paths": "roadmaps/**/*.yaml", "args": "--strict"})
    assert completed.returncode == 1
    assert completed.stdout.startswith(
        "::error file=roadmaps/nested/broken.yaml,line=3,col=1,title=Y002::duplicate key"
    )
    summary = (workspace / "summary.md").read_text("utf-8")
    assert "roadmaps/nested/broken.yaml:3:1 | Y002 |" in summary


def test_step_writes_a_sarif_file(workspace: Path) -> None:
    args = "--output uhc-roadmap.sarif"
    completed = run_step(workspace, {"format": "sarif", "args": args, "paths": "roadmaps"})
    assert completed.returncode == 0, completed.stderr
    assert '"version": "2.1.0"' in (workspace / "uhc-roadmap.sarif").read_text("utf-8")


def test_with_sarif_the_log_still_shows_the_findings_and_the_summary(workspace: Path) -> None:
    broken = workspace / "roadmaps" / "broken.yaml"
    broken.write_text('schema_version: "1"\ncountry: MA\ncountry: DZ\n', encoding="utf-8")
    args = "--output uhc-roadmap.sarif"
    completed = run_step(workspace, {"format": "sarif", "args": args, "paths": "roadmaps"})
    assert completed.returncode == 1, completed.stderr
    log = json.loads((workspace / "uhc-roadmap.sarif").read_text("utf-8"))
    assert log["runs"][0]["results"]
    assert "roadmaps/broken.yaml:3:1: Y002 error: duplicate key `country`" in completed.stdout
    assert completed.stdout.rstrip().endswith("2 files checked: 1 error, 0 warnings, 0 infos.")
    summary = (workspace / "summary.md").read_text("utf-8")
    assert "roadmaps/broken.yaml:3:1 | Y002 |" in summary


def documented_glob_step() -> dict[str, Any]:
    """The step of docs/ci.md that shows globs in `paths`, as a user copies it."""
    blocks = re.findall(r"```yaml\n(.*?)```", CI_DOC, re.S)
    [block] = [b for b in blocks if re.search(r"paths: .*\*\*", b)]
    [step] = yaml.safe_load(block)
    assert isinstance(step, dict)
    return step


def test_the_documented_globs_in_paths_select_what_the_docs_say(workspace: Path) -> None:
    step = documented_glob_step()
    paths = step["with"]["paths"]
    assert paths == "**/roadmap.yaml plans/*.yml"
    valid = (ROADMAPS / "morocco.yaml").read_bytes()
    duplicate = b'schema_version: "1"\ncountry: MA\ncountry: DZ\n'
    files = {
        "roadmap.yaml": valid,  # `**` matches no folder at all too
        "countries/kz/roadmap.yaml": duplicate,  # and any depth
        "plans/dz.yml": valid,
        "plans/old/dz.yml": duplicate,  # `*` stays within plans/
        "roadmaps/other.yaml": duplicate,  # named by no glob
    }
    for name, data in files.items():
        (workspace / name).parent.mkdir(parents=True, exist_ok=True)
        (workspace / name).write_bytes(data)
    completed = run_step(workspace, {"paths": paths})
    assert completed.returncode == 1, completed.stderr
    annotated = set(re.findall(r"^::error file=([^,]+),", completed.stdout, re.M))
    assert annotated == {"countries/kz/roadmap.yaml"}
    assert completed.stdout.rstrip().endswith("3 files checked: 1 error, 0 warnings, 0 infos.")
