"""Real clients from the npm registry (yaml-language-server, Sarif.Multitool), installed once
into .npm-tools/ (ignored by git) and reused. Where Node.js or npm is missing, the tests that
need them are skipped with that reason; where npm is present, a failed install fails them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

TOOLS = ROOT / ".npm-tools"


def npm_tool(package: str, version: str, binary: str) -> Path:
    """The path of ``binary`` from ``package@version``, installing it on first use."""
    npm, node = shutil.which("npm"), shutil.which("node")
    if npm is None or node is None:
        pytest.skip(f"{package} runs on Node.js: node and npm are not installed")
    folder = TOOLS / f"{package.replace('/', '+')}@{version}"
    executable = folder / "node_modules" / ".bin" / binary
    if not executable.exists():
        folder.mkdir(parents=True, exist_ok=True)
        completed = subprocess.run(
            [
                npm,
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(folder),
                f"{package}@{version}",
            ],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        assert completed.returncode == 0, f"npm install {package}@{version}: {completed.stderr}"
    return executable
