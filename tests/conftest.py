"""Shared test helpers: paths, the installed CLI, and fixture-driven expectations."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from uhc_roadmap.diagnostics import FileResult, Severity
from uhc_roadmap.validation import ValidationOptions, check_bytes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
ROADMAPS = ROOT / "roadmaps"
GOLDEN = ROOT / "tests" / "golden"
_EXPECTED_LINE = re.compile(r"([A-Z][0-9]{3})\s+(error|warning|info)\s+([0-9]+):([0-9]+)")


def cli_command() -> list[str]:
    """The installed console script (end-to-end tests run what users run)."""
    script = Path(sys.executable).with_name("uhc-roadmap")
    if script.exists():
        return [str(script)]
    found = shutil.which("uhc-roadmap")
    return [found] if found else [sys.executable, "-m", "uhc_roadmap"]


def run_cli(
    *args: str,
    cwd: Path | None = None,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run `uhc-roadmap ARGS` in a subprocess with colour off unless the env says otherwise."""
    environment = {
        k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "GITHUB_ACTIONS", *LOCALE}
    }
    environment["LANG"] = "C.UTF-8"  # messages in English unless a test asks otherwise
    environment |= {"NO_COLOR": "1", "COLUMNS": "100"} | (env or {})
    return subprocess.run(
        [*cli_command(), *args],
        cwd=cwd,
        input=stdin.decode("utf-8", "surrogateescape") if stdin is not None else None,
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
        check=False,
    )


def check_text(text: str, file: str = "roadmap.yaml", **options: object) -> FileResult:
    """Validate YAML text in-process, as `validate` would."""
    return check_bytes(text.encode("utf-8"), file, ValidationOptions(**options)).result  # type: ignore[arg-type]


def read_expected(path: Path) -> list[tuple[str, Severity, int, int]]:
    """``<case>.expected``: one ``CODE severity line:col`` per line (``B001 warning 25:75``), every
    finding the file must produce, in any order; # starts a comment."""
    found = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = _EXPECTED_LINE.fullmatch(line)
        if match is None:
            raise ValueError(f"{path.name}:{number}: `{line}` is not `CODE severity line:col`")
        code, severity, row, col = match.groups()
        found.append((code, Severity(severity), int(row), int(col)))
    return found


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/<name>; UHC_UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("UHC_UPDATE_GOLDEN") == "1" or not path.exists():
        if os.environ.get("CI") == "true" and not path.exists():
            pytest.fail(f"golden file {name} is missing")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"output differs from tests/golden/{name}"


LOCALE = ("LC_ALL", "LC_MESSAGES", "LANG")
"""The POSIX locale, which chooses the language of validate's messages (docs/languages.md)."""


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs in the C locale (English messages), whatever the developer's is."""
    for name in LOCALE:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_cli
