"""What a package index and a packager see: the sdist has everything its tests read, the
licence travels in the sdist and the wheel, classifiers say the tested Pythons, and README's
links work on a package index page (absolute, from the one recorded home)."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
HOME: str = PROJECT["urls"]["Source"]
LINK = re.compile(r"\]\(([^)\s]+)\)|<a\s[^>]*href=\"([^\"]+)\"|^\[[^\]]+\]:\s*(\S+)", re.M)


def build(target: str, out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", target, "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    [built] = out.iterdir()
    return built


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build("sdist", tmp_path_factory.mktemp("sdist"))


def tracked_files() -> set[str]:
    if not (ROOT / ".git").exists():
        pytest.skip("needs the git checkout")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {name for name in listed.split("\0") if name and (ROOT / name).is_file()}


def test_the_sdist_holds_every_file_of_the_repository(sdist: Path) -> None:
    """action.yml, .pre-commit-hooks.yaml, bench/, LICENSE... everything the tests read."""
    with tarfile.open(sdist) as archive:
        members = {m.name.split("/", 1)[1] for m in archive.getmembers() if m.isfile()}
    missing = tracked_files() - members
    assert not missing, sorted(missing)
    assert {"LICENSE", "action.yml", ".pre-commit-hooks.yaml", "bench/run.py"} <= members


def test_tests_run_from_the_unpacked_sdist(sdist: Path, tmp_path: Path) -> None:
    """The tests that read the repository's files find them in the sdist."""
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    [unpacked] = tmp_path.iterdir()
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_ci_files.py",
            "tests/rules/test_docs.py",
            "tests/test_schema.py",
        ],
        cwd=unpacked,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-3000:]


def test_the_licence_ships_in_both_and_is_declared(sdist: Path, tmp_path: Path) -> None:
    assert (ROOT / "LICENSE").read_text("utf-8").startswith("MIT License")
    wheel = build("wheel", tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        [metadata] = [n for n in names if n.endswith(".dist-info/METADATA")]
        text = archive.read(metadata).decode("utf-8")
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "License-Expression: MIT" in text
    assert "License-File: LICENSE" in text
    for label in ("Homepage", "Documentation", "Source", "Issues"):
        assert f"Project-URL: {label}, {PROJECT['urls'][label]}" in text


def test_classifiers_name_the_pythons_we_support() -> None:
    versions = [
        c.rsplit(" :: ", 1)[1] for c in PROJECT["classifiers"] if re.fullmatch(r".*:: 3\.\d+", c)
    ]
    assert versions == ["3.11", "3.12", "3.13"]
    assert PROJECT["requires-python"] == ">=3.11"


def test_readme_links_work_on_a_package_index_page() -> None:
    """PyPI shows README without the repository around it: a relative link breaks there."""
    text = (ROOT / "README.md").read_text("utf-8")
    links = [next(g for g in m.groups() if g) for m in LINK.finditer(text)]
    assert len(links) > 10
    for link in links:
        if link.startswith("#"):
            anchor = link[1:]
            headings = re.findall(r"^#+ (.+)$", text, re.M)
            assert anchor in {re.sub(r"[^\w -]", "", h).lower().replace(" ", "-") for h in headings}
            continue
        assert re.match(r"https?://", link), (
            f"README links to `{link}`, relative to nothing on PyPI"
        )
        if link.startswith(f"{HOME}/blob/main/"):
            path = link.removeprefix(f"{HOME}/blob/main/").partition("#")[0]
            assert (ROOT / path).is_file(), f"README links to {path}, which does not exist"
