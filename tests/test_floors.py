""".ci/floors.py: the declared floors as pip constraints for `make test-min`, read from
pyproject.toml so that a dependency or an extra added there is covered with no other edit."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / ".ci" / "floors.py"


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("floors", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["floors"] = module
    spec.loader.exec_module(module)
    return module


floors = load()


def pyproject(tmp_path: Path, dependencies: str, extras: str = "") -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text(
        f'[project]\nname = "uhc-roadmap"\ndependencies = [{dependencies}]\n'
        f"[project.optional-dependencies]\n{extras}\n",
        encoding="utf-8",
    )
    return path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False
    )


def test_every_runtime_dependency_of_the_project_gets_its_floor() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    completed = run("constraints")
    assert completed.returncode == 0, completed.stderr
    lines = [x for x in completed.stdout.splitlines() if not x.startswith("#")]
    names = {line.split("==")[0] for line in lines}
    assert {"typer", "pydantic", "pyyaml", "jinja2", "rich", "pycountry", "babel"} <= names
    assert len(names) >= len(project["dependencies"])
    assert "pytest" not in names  # the developers' tools are not floors users meet


def test_an_extra_added_later_is_covered_and_dev_extras_are_not(tmp_path: Path) -> None:
    path = pyproject(
        tmp_path,
        '"typer>=0.19,<0.30", "PyYAML>=6.0.2"',
        'iati = ["lxml>=5.2"]\nall = ["uhc-roadmap[iati]"]\n'
        'test = ["pytest>=8"]\nbench = ["yamllint>=1.35"]\n'
        "xlsx = [\"openpyxl>=3.1.2; python_version >= '3.11'\"]",
    )
    found = [f.constraint() for f in floors.floors(path)]
    assert found == [
        "lxml==5.2",
        'openpyxl==3.1.2; python_version >= "3.11"',
        "pyyaml==6.0.2",
        "typer==0.19",
    ]
    assert floors.runtime_extras(path) == ["all", "iati", "xlsx"]


def test_a_dependency_without_a_floor_is_refused(tmp_path: Path) -> None:
    path = pyproject(tmp_path, '"typer<1", "rich"')
    with pytest.raises(floors.FloorError, match="typer: no floor"):
        floors.floors(path)
    completed = run("constraints", "--pyproject", str(path))
    assert completed.returncode == 1
    assert "declare the lowest version that works" in completed.stderr


def test_check_reports_a_package_installed_above_its_floor(tmp_path: Path) -> None:
    """`make test-min` proves pip applied the constraints before trusting the tests."""
    path = pyproject(tmp_path, '"pytest>=1.0", "iniconfig>=0.1"')
    wrong = floors.mismatches(floors.floors(path))
    assert any(line.startswith("pytest: ") and "floor 1.0" in line for line in wrong)
    missing = floors.mismatches(floors.floors(pyproject(tmp_path, '"no-such-package>=1"')))
    assert missing == ["no-such-package: not installed (floor 1)"]
