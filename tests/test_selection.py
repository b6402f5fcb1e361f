"""One way in: every command that reads roadmaps chooses them here, the same way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROADMAPS
from uhc_roadmap.config import Config, Settings
from uhc_roadmap.errors import InvalidRoadmaps, UsageError
from uhc_roadmap.selection import Selection, find, load, nothing_found, select_roadmap


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The examples, with Algeria moved to an archive folder the configuration excludes."""
    shutil.copytree(ROADMAPS, tmp_path / "roadmaps")
    (tmp_path / "roadmaps" / "archive").mkdir()
    (tmp_path / "roadmaps" / "algeria.yaml").rename(tmp_path / "roadmaps/archive/algeria.yaml")
    return tmp_path


def config(root: Path, **settings: object) -> Config:
    return Config(Settings(**settings), root / "pyproject.toml", root)  # type: ignore[arg-type]


def test_the_configured_exclude_applies_to_the_default_folder(repo: Path) -> None:
    found = find([], config(repo, exclude=["archive"]))
    assert [s.name.rsplit("/", 1)[-1] for s in found.sources] == ["kazakhstan.yaml", "morocco.yaml"]
    assert [s.name.rsplit("/", 1)[-1] for s in found.excluded] == ["algeria.yaml"]


def test_an_excluded_country_is_not_found(repo: Path) -> None:
    conf = config(repo, exclude=["archive"], roadmaps=str(repo / "roadmaps"))
    options = conf.validation_options()
    with pytest.raises(UsageError, match="no roadmap for Algeria"):
        select_roadmap(Selection(country="DZ"), conf, options)
    assert select_roadmap(Selection(country="Maroc"), conf, options).roadmap.country == "MA"


def test_a_missing_default_folder_says_how_to_go_on(tmp_path: Path) -> None:
    conf = config(tmp_path)
    found = find([], conf)
    assert not found.sources
    message = str(nothing_found(found, conf))
    assert "pass the roadmap file or folder" in message


def test_everything_excluded_names_the_setting(repo: Path) -> None:
    conf = config(repo, exclude=["*.yaml"])
    message = str(nothing_found(find([], conf), conf))
    assert message.startswith("every matching file (3) is excluded by `exclude`")


def test_the_size_limit_applies_to_every_command(repo: Path) -> None:
    conf = config(repo, max_file_size=1000)
    [checked] = load([str(repo / "roadmaps" / "morocco.yaml")], conf, conf.validation_options())
    assert [d.code for d in checked.result.diagnostics] == ["Y011"]


def test_an_invalid_roadmap_is_refused_with_its_findings(repo: Path) -> None:
    broken = repo / "roadmaps" / "morocco.yaml"
    broken.write_text(broken.read_text("utf-8").replace("axis: GOV", "axis: NOPE", 1), "utf-8")
    conf = config(repo)
    with pytest.raises(InvalidRoadmaps) as raised:
        select_roadmap(Selection((str(broken),)), conf, conf.validation_options())
    assert {d.code for d in raised.value.results[0].diagnostics} == {"R002"}


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        (Selection(), "give one roadmap file, or --country"),
        (Selection(phase="UHCP-III"), "--phase needs --country"),
        (Selection(country="MA", phase="NOPE"), "MA: no phase `NOPE`"),
    ],
)
def test_what_cannot_be_chosen(repo: Path, selection: Selection, message: str) -> None:
    conf = config(repo)
    with pytest.raises(UsageError) as raised:
        select_roadmap(selection, conf, conf.validation_options())
    assert str(raised.value).startswith(message)
