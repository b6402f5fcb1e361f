"""The warm ``validate`` path: its parser agrees with Typer's, and it answers only from the cache."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer.main

from tests.conftest import ROADMAPS
from uhc_roadmap.cache import Cache
from uhc_roadmap.cli import validating, warm
from uhc_roadmap.cli.app import app
from uhc_roadmap.cli.entry import main

VALIDATE = typer.main.get_command(app).commands["validate"]  # type: ignore[attr-defined]

# Every option of validate, each in the forms a user writes it.
OPTION_FORMS: list[list[str]] = [
    [],
    ["--strict"],
    ["--quiet"],
    ["-q"],
    ["--verbose"],
    ["-v"],
    ["--no-config"],
    ["--warn-unused-ignores"],
    ["--allow-empty"],
    ["--no-cache"],
    ["--fix"],
    ["--diff"],
    ["--format", "json"],
    ["--format=github"],
    ["-f", "markdown"],
    ["-f", "text"],
    ["--output", "out.json"],
    ["-o", "report.sarif"],
    ["--as-of", "2025-06-30"],
    ["--as-of=2025-01-01"],
    ["--select", "B001,B002"],
    ["--select", "B", "--select", "Y001"],
    ["--ignore=Q"],
    ["--config", "conf/.uhc-roadmap.yaml"],
    ["--config=pyproject.toml"],
    ["--color", "never"],
    ["--color=always"],
    ["--jobs", "2"],
    ["-j", "1"],
    ["--lang", "fr"],
    ["--locale-dir", "locales"],
]
PATH_FORMS: list[list[str]] = [[], ["a.yaml"], ["a.yaml", "b/c.yml"], ["--", "-odd.yaml"], ["-"]]


def same(params: dict[str, Any]) -> dict[str, Any]:
    """Repeated options as a tuple: Typer gives a list from 0.2x and a tuple at its floor
    (0.19); the command takes either."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in params.items()}


def typer_params(args: list[str]) -> dict[str, Any]:
    """Click's parameters, paths as Typer 0.2x gives them (0.19 converts them to ``Path`` only
    when it calls the command: the test below compares what the command receives)."""
    params = same(dict(VALIDATE.make_context("validate", list(args)).params))
    return {
        k: Path(v) if k in ("output", "config") and isinstance(v, str) else v
        for k, v in params.items()
    }


def combinations() -> Iterator[list[str]]:
    """Every option form alone and every pair of them, with each kind of paths before, after
    and around them: the forms pre-commit, editors and people use."""
    for paths in PATH_FORMS:
        before = [p for p in paths if p != "--"] if "--" not in paths else []
        for first, second in itertools.combinations(OPTION_FORMS, 2):
            yield [*first, *second, *paths]
            if before:
                yield [*before, *first, *second]
                yield [*first, *before, *second]


def test_the_parser_agrees_with_typer_on_every_combination() -> None:
    taken = 0
    for args in combinations():
        params = warm.parse(args)
        if params is not None:
            assert same(params) == typer_params(args), args
            taken += 1
    assert taken > 1000  # the common forms are taken, not all left to Typer


class Called(Exception):
    """What the command's body received, caught before it does anything."""


def test_the_command_body_gets_what_typer_gives_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """entry.py calls validating.run with ``arguments(parse(...))``; Typer's command calls it
    with what Typer parsed: the same keyword arguments for every combination."""
    seen: list[dict[str, Any]] = []

    def spy(**kwargs: Any) -> int:
        seen.append(kwargs)
        raise Called

    monkeypatch.setattr(validating, "run", spy)
    for args in itertools.islice(combinations(), 0, None, 7):
        params = warm.parse(args)
        if params is None:
            continue
        with pytest.raises(Called):
            app(args=["validate", *args], prog_name="uhc-roadmap", standalone_mode=False)
        assert same(seen.pop()) == same(warm.arguments(params)), args


@pytest.mark.parametrize(
    "args",
    [
        ["-qv", "a.yaml"],  # combined short options
        ["-fjson", "a.yaml"],
        ["--format", "-q", "a.yaml"],  # a value that looks like an option
        ["--strict=yes", "a.yaml"],
        ["--help"],
        ["--jobs", "0", "a.yaml"],  # Typer refuses it (min 1)
        ["--jobs", "02", "a.yaml"],
        ["--color", "AUTO", "a.yaml"],
        ["--unknown", "a.yaml"],
        ["-o", "-", "a.yaml"],
        ["--select"],  # no value
        ["--lang", "fr", "a.yaml"],  # messages in another language: the full command
        ["--locale-dir=locales", "a.yaml"],
    ],
)
def test_forms_it_does_not_take_are_left_to_typer(args: list[str]) -> None:
    assert warm.parse(args) is None


def test_only_validate_is_answered() -> None:
    assert warm.answer(["report", "a.yaml"]) is None
    assert warm.answer([]) is None


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "morocco.yaml").write_bytes((ROADMAPS / "morocco.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_nothing_is_answered_before_the_full_command_ran(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert warm.answer(["validate", "morocco.yaml"]) is None
    assert capsys.readouterr().out == ""


def test_a_second_run_is_answered_from_the_cache(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "morocco.yaml"]) == 0
    cold = capsys.readouterr()
    assert warm.answer(["validate", "morocco.yaml"]) == 0
    assert capsys.readouterr() == cold


def test_a_changed_configuration_is_checked_again(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "morocco.yaml"]) == 0
    capsys.readouterr()
    (project / ".uhc-roadmap.yaml").write_text("ignore: [Q]\n", encoding="utf-8")
    assert warm.answer(["validate", "morocco.yaml"]) is None
    (project / ".uhc-roadmap.yaml").write_text("ignore: [NOPE]\n", encoding="utf-8")
    assert main(["validate", "morocco.yaml"]) == 2  # checked, refused: nothing remembered
    assert "unknown rule code `NOPE`" in capsys.readouterr().err
    assert warm.answer(["validate", "morocco.yaml"]) is None


def test_a_changed_file_or_option_misses(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "morocco.yaml"]) == 0
    assert warm.answer(["validate", "--select", "B", "morocco.yaml"]) is None
    assert warm.answer(["validate", "--as-of", "2025-01-01", "morocco.yaml"]) is None
    with (project / "morocco.yaml").open("a", encoding="utf-8") as roadmap:
        roadmap.write("# a comment\n")
    assert warm.answer(["validate", "morocco.yaml"]) is None


def test_the_locale_keys_the_settings(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert main(["validate", "morocco.yaml"]) == 0
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert warm.answer(["validate", "morocco.yaml"]) is None


def test_folders_and_globs_find_the_same_files(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "morocco.yaml"]) == 0
    cold = capsys.readouterr()
    assert warm.answer(["validate", "."]) == 0
    assert warm.answer(["validate", "*.yaml"]) == 0
    assert capsys.readouterr().out == cold.out * 2


def test_warnings_are_held_until_the_answer_is_certain(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "gone.yaml").symlink_to(project / "nowhere.yaml")
    assert main(["validate", "."]) == 0
    cold = capsys.readouterr()
    assert "uhc-roadmap: warning: gone.yaml: skipped: a link to a missing file" in cold.err
    assert warm.answer(["validate", "."]) == 0
    assert capsys.readouterr() == cold
    assert warm.answer(["validate", "--as-of", "2020-01-01", "."]) is None  # a miss
    assert capsys.readouterr().err == ""  # said by the full command, once


def test_runs_it_cannot_answer_exactly_go_to_the_full_command(project: Path) -> None:
    assert main(["validate", "morocco.yaml"]) == 0
    assert warm.answer(["validate"]) is None  # no roadmaps/ folder here
    assert warm.answer(["validate", "-"]) is None  # standard input
    assert warm.answer(["validate", "-v", "morocco.yaml"]) is None
    assert warm.answer(["validate", "-f", "sarif", "morocco.yaml"]) is None
    assert warm.answer(["validate", "-f", "nonsense", "morocco.yaml"]) is None
    assert warm.answer(["validate", "missing.yaml"]) is None
    assert warm.answer(["validate", "--config", "missing.yaml", "morocco.yaml"]) is None


@pytest.mark.parametrize(
    "value",
    [
        None,
        [],
        {"fingerprint": "x", "exclude": [], "max_bytes": 0, "roadmaps": "r"},
        {"fingerprint": "x", "exclude": [1], "max_bytes": 10, "roadmaps": "r"},
        {"fingerprint": 1, "exclude": [], "max_bytes": 10, "roadmaps": "r"},
        {"fingerprint": "x", "exclude": [], "max_bytes": True, "roadmaps": "r"},
        {"fingerprint": "x", "exclude": [], "max_bytes": 10, "roadmaps": None},
        {"fingerprint": "x", "exclude": [], "max_bytes": 10},
        {"fingerprint": "x", "exclude": [], "max_bytes": 10, "roadmaps": "r", "more": 1},
    ],
)
def test_a_settings_entry_of_another_shape_is_a_miss(tmp_path: Path, value: object) -> None:
    cache = Cache(tmp_path / "cache")
    cache.put(warm.SETTINGS, "0" * 64, value)
    assert warm.recall(cache, "0" * 64) is None
    good = {"fingerprint": "x", "exclude": ["a"], "max_bytes": 10, "roadmaps": "r"}
    cache.put(warm.SETTINGS, "1" * 64, good)
    assert warm.recall(cache, "1" * 64) == warm.Settled("x", ["a"], 10, "r")


def test_the_settings_key_covers_each_raw_source(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    plain: dict[str, Any] = {
        "select": None,
        "ignore": None,
        "as_of": None,
        "warn_unused_ignores": False,
    }
    base = warm.settings_key(cache, None, b"", **plain)
    variants = [
        warm.settings_key(cache, tmp_path / "a.yaml", b"", **plain),
        warm.settings_key(cache, None, b"ignore: [Q]\n", **plain),
        warm.settings_key(cache, None, b"", **(plain | {"select": []})),
        warm.settings_key(cache, None, b"", **(plain | {"ignore": ["Q"]})),
        warm.settings_key(cache, None, b"", **(plain | {"as_of": date(2025, 1, 1)})),
        warm.settings_key(cache, None, b"", **(plain | {"warn_unused_ignores": True})),
    ]
    assert len({base, *variants}) == len(variants) + 1
