"""Finding the configuration file without the models: the same file config.load_config checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from uhc_roadmap.config import load_config
from uhc_roadmap.configfile import candidates, claims, nearest

OURS = b"[tool.uhc-roadmap]\nignore = ['Q']\n"
THEIRS = b"[project]\nname = 'x'\ndependencies = ['uhc-roadmap']\n"


def test_candidates_go_up_from_the_start_yaml_before_pyproject(tmp_path: Path) -> None:
    found = list(candidates(tmp_path / "a"))[:6]
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a/.uhc-roadmap.yaml",
        "a/.uhc-roadmap.yml",
        "a/pyproject.toml",
        ".uhc-roadmap.yaml",
        ".uhc-roadmap.yml",
        "pyproject.toml",
    ]


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        (".uhc-roadmap.yaml", b"", True),
        ("pyproject.toml", OURS, True),
        ("pyproject.toml", THEIRS, False),  # names the tool, has no table
        ("pyproject.toml", b"[project]\nname = 'x'\n", False),
        ("pyproject.toml", b"[tool.uhc-roadmap\n", True),  # broken: reported, not passed over
        ("pyproject.toml", b"[tool]\nuhc-roadmap = 3\n", True),  # not a table: reported
    ],
)
def test_claims(name: str, raw: bytes, expected: bool) -> None:
    assert claims(Path(name), raw) is expected


@pytest.mark.parametrize(
    ("layout", "chosen"),
    [
        ({}, None),
        ({"pyproject.toml": OURS}, "pyproject.toml"),
        ({"sub/pyproject.toml": THEIRS, "pyproject.toml": OURS}, "pyproject.toml"),
        ({"sub/pyproject.toml": OURS, ".uhc-roadmap.yaml": b"ignore: [Q]\n"}, "sub/pyproject.toml"),
        ({"sub/.uhc-roadmap.yml": b"{}\n", "sub/pyproject.toml": OURS}, "sub/.uhc-roadmap.yml"),
    ],
)
def test_nearest_is_the_file_load_config_checks(
    tmp_path: Path, layout: dict[str, bytes], chosen: str | None
) -> None:
    for name, raw in layout.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(raw)
    start = tmp_path / "sub"
    start.mkdir(exist_ok=True)
    found = nearest(start)
    config = load_config(start)
    if chosen is None:
        assert found is None or not found.path.is_relative_to(tmp_path)
        assert config.path is None or not config.path.is_relative_to(tmp_path)
        return
    assert found is not None
    assert found.path.resolve() == config.path == (tmp_path / chosen).resolve()
    assert found.raw == config.raw == layout[chosen]
