"""Which files a run checks: directories, quoted globs, exclude globs from configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from uhc_roadmap.discovery import expand, select_sources


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("roadmaps/ma.yaml", "roadmaps/drafts/dz.yaml", "roadmaps/kz/kz.yml", "x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("a: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def names(
    arguments: list[str], exclude: tuple[str, ...] = (), base: Path | None = None
) -> list[str]:
    return [s.name for s in expand(arguments, exclude, base)]


def test_quoted_recursive_glob_is_expanded_by_the_tool(tree: Path) -> None:
    assert names(["roadmaps/**/*.yaml"]) == ["roadmaps/drafts/dz.yaml", "roadmaps/ma.yaml"]
    assert names(["roadmaps/*.yaml"]) == ["roadmaps/ma.yaml"]
    assert names(["roadmaps/**/*.y*ml"]) == [
        "roadmaps/drafts/dz.yaml",
        "roadmaps/kz/kz.yml",
        "roadmaps/ma.yaml",
    ]


def test_glob_matching_nothing_gives_nothing(tree: Path) -> None:
    assert names(["plans/**/*.yaml"]) == []


def test_directories_are_walked_and_duplicates_dropped(tree: Path) -> None:
    assert names(["roadmaps", "./roadmaps/ma.yaml"]) == [
        "roadmaps/drafts/dz.yaml",
        "roadmaps/kz/kz.yml",
        "roadmaps/ma.yaml",
    ]


@pytest.mark.parametrize(
    "pattern",
    [
        "roadmaps/drafts",
        "drafts",
        "roadmaps/drafts/",
        "**/drafts/*",
        "*/dz.yaml",
        "./roadmaps/drafts",
    ],
)
def test_exclude_matches_files_and_their_folders(tree: Path, pattern: str) -> None:
    kept, dropped = select_sources(["roadmaps"], [pattern])
    assert [s.name for s in dropped] == ["roadmaps/drafts/dz.yaml"]
    assert "roadmaps/ma.yaml" in [s.name for s in kept]


def test_exclude_is_relative_to_the_configuration_folder(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree / "roadmaps")
    kept, dropped = select_sources(["."], ["roadmaps/drafts/*"], base=tree)
    assert [s.name for s in dropped] == ["drafts/dz.yaml"]
    assert [s.name for s in kept] == ["kz/kz.yml", "ma.yaml"]


def test_exclude_applies_to_files_named_explicitly(tree: Path) -> None:
    """pre-commit passes file names one by one; the configured excludes must still hold."""
    assert names(["roadmaps/drafts/dz.yaml", "roadmaps/ma.yaml"], ("drafts",)) == [
        "roadmaps/ma.yaml"
    ]


def test_standard_input_is_never_excluded(tree: Path) -> None:
    assert names(["-"], ("*",)) == ["<stdin>"]
