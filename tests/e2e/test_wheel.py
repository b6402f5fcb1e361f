"""A non-editable install works from another folder: templates and data ship in the wheel."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROADMAPS, ROOT

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [built] = out.glob("uhc_roadmap-*.whl")
    return built


def test_wheel_ships_templates_and_catalogs(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("uhc_roadmap/templates/") for n in names)
    assert any(n.startswith("uhc_roadmap/i18n/locale/fr/") and n.endswith(".po") for n in names)
    assert "uhc_roadmap/py.typed" in names
    assert "uhc_roadmap/site/sort.js" in names  # the site's index script
    assert "uhc_roadmap/templates/site/index.html.j2" in names
    for data in (
        "schemas/iati-activities-schema.xsd",
        "schemas/iati-common.xsd",
        "schemas/xml.xsd",
        "schemas/LICENSE",
        "rulesets/standard.json",
        "rulesets/LICENSE",
        "codelists.json",
        "codelist-mapping.json",
    ):
        assert f"uhc_roadmap/data/iati/{data}" in names


def test_installed_wheel_runs_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "NO_COLOR": "1"}
    where = subprocess.run(
        [sys.executable, "-c", "import uhc_roadmap; print(uhc_roadmap.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(target))
    completed = subprocess.run(
        [sys.executable, "-m", "uhc_roadmap", "validate", str(ROADMAPS)],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_installed_wheel_exports_iati_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    """The schemas, ruleset and codelists are found in the installed package, not in src/."""
    pytest.importorskip("lxml.etree", reason="the IATI export needs lxml (the iati extra)")
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".uhc-roadmap.yaml").write_text(
        "iati: {reporting_org: {ref: XM-DAC-928, type: 40, name: WHO}}\n", encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(target), "SOURCE_DATE_EPOCH": "1633046400"}
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "uhc_roadmap",
            "export",
            str(ROADMAPS / "morocco.yaml"),
            "-o",
            "ma.xml",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert (
        b"<iati-identifier>XM-DAC-928-UHCP-III-GOV-01</iati-identifier>"
        in (elsewhere / "ma.xml").read_bytes()
    )


def interpreter(version: str) -> str | None:
    """A working ``python3.X``: on PATH, or one that pyenv keeps without putting it there."""
    candidates = [shutil.which(f"python{version}")]
    candidates += sorted(
        glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin/python3"))
    )
    for candidate in filter(None, candidates):
        probe = subprocess.run(
            [candidate, "-c", "import sys; print(sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode == 0 and probe.stdout.strip() == str(
            tuple(map(int, version.split(".")))
        ):
            return candidate
    return None


@pytest.mark.parametrize("version", ["3.12", "3.13"])
def test_the_wheel_works_on_the_other_pythons_we_declare(
    version: str, wheel: Path, tmp_path: Path
) -> None:
    """The classifiers name 3.11 to 3.13: the test suite runs on one, this checks the others
    (install with the dependencies pip picks, validate a roadmap, render a page)."""
    if f"{sys.version_info.major}.{sys.version_info.minor}" == version:
        pytest.skip(f"the suite itself runs on Python {version}")
    python = interpreter(version)
    if python is None:
        pytest.skip(f"no Python {version} on this machine")
    venv = tmp_path / "venv"
    subprocess.run([python, "-m", "venv", str(venv)], check=True, timeout=120)
    installed = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    tool = venv / "bin" / "uhc-roadmap"
    env = {**os.environ, "NO_COLOR": "1"}
    checked = subprocess.run(
        [str(tool), "validate", str(ROADMAPS)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    page = tmp_path / "ma.html"
    rendered = subprocess.run(
        [str(tool), "render", str(ROADMAPS / "morocco.yaml"), "-o", str(page)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert rendered.returncode == 0, rendered.stderr
    assert page.read_text("utf-8").startswith("<!DOCTYPE html>")
