"""The SARIF log checked by Microsoft's Sarif.Multitool (`validate`), the SDK's own validator:
the schema and the rules it adds (SARIF1002 URIs, SARIF2005 tool properties, ...), as GitHub's
documentation recommends for producers. The tool comes from the npm registry."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROADMAPS, run_cli
from tests.npm_tools import npm_tool

pytestmark = pytest.mark.e2e
VERSION = "5.7.0"


@pytest.fixture(scope="module")
def multitool() -> Path:
    launcher = npm_tool("@microsoft/sarif-multitool", VERSION, "sarif-multitool")
    # The launcher runs the platform package's self-contained binary, whose own `chmod` runs
    # in a postinstall script that npm may decline to run.
    platform = launcher.parent.parent / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"
    if platform.exists():
        platform.chmod(platform.stat().st_mode | stat.S_IXUSR)
    return launcher


def multitool_findings(multitool: Path, log: Path, tmp_path: Path) -> list[dict[str, object]]:
    report = tmp_path / "multitool.sarif"
    env = {**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"}
    completed = subprocess.run(
        [str(multitool), "validate", str(log), "--output", str(report), "--log", "ForceOverwrite"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert report.exists(), completed.stdout + completed.stderr
    results: list[dict[str, object]] = json.loads(report.read_text("utf-8-sig"))["runs"][0].get(
        "results", []
    )
    return results


def test_multitool_finds_nothing_in_a_real_log(multitool: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "roadmaps").mkdir(parents=True)
    (repo / ".git").mkdir()
    for name in ("morocco.yaml", "algeria.yaml"):
        (repo / "roadmaps" / name).write_bytes((ROADMAPS / name).read_bytes())
    broken = (
        (ROADMAPS / "morocco.yaml")
        .read_text("utf-8")
        .replace("country: MA", "country: MA\ncountry: MA", 1)
    )
    (repo / "roadmaps" / "a broken, été.yaml").write_text(broken, encoding="utf-8")
    for case in sorted((FIXTURES / "invalid").glob("*.yaml"))[:40]:
        (repo / "roadmaps" / case.name).write_bytes(case.read_bytes())
    log = tmp_path / "uhc-roadmap.sarif"
    completed = run_cli("validate", "--format", "sarif", "--output", str(log), "roadmaps", cwd=repo)
    assert completed.returncode == 1, completed.stderr
    assert json.loads(log.read_text("utf-8"))["runs"][0]["results"]
    findings = multitool_findings(multitool, log, tmp_path)
    assert findings == []


def test_multitool_does_report_a_broken_log(multitool: Path, tmp_path: Path) -> None:
    """The check above can fail: a relative helpUri and no informationUri are reported."""
    log = tmp_path / "broken.sarif"
    driver = {
        "name": "uhc-roadmap",
        "version": "1",
        "rules": [{"id": "B001", "helpUri": "docs/rules.md#b001 x"}],
    }
    run = {"tool": {"driver": driver}, "results": []}
    log.write_text(json.dumps({"version": "2.1.0", "runs": [run]}), encoding="utf-8")
    codes = {str(f["ruleId"]) for f in multitool_findings(multitool, log, tmp_path)}
    assert {"SARIF1002", "SARIF2005"} <= codes
