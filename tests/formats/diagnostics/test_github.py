"""GitHub workflow commands: escaping as the runner reads it, paths as GitHub matches them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.formats.diagnostics.conftest import fixed_results
from uhc_roadmap.diagnostics import Diagnostic, Severity
from uhc_roadmap.formats.diagnostics.base import DiagnosticOptions
from uhc_roadmap.formats.diagnostics.github import (
    GithubFormat,
    annotation_path,
    escape_data,
    escape_property,
)

COMMAND = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<data>.*)$")


def unescape(value: str) -> str:
    """What the runner does (actions/runner ``ActionCommand.Unescape``)."""
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def parse(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    props = dict(p.split("=", 1) for p in match["props"].split(","))
    return match["level"], {k: unescape(v) for k, v in props.items()}, unescape(match["data"])


def test_escaping_as_specified() -> None:
    assert escape_data("100%\r\nnext: a, b") == "100%25%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


@given(st.text())
def test_property_escaping_round_trips_and_leaves_no_separator(value: str) -> None:
    escaped = escape_property(value)
    assert not set(escaped) & {":", ",", "\r", "\n"}
    assert unescape(escaped) == value


@given(st.text())
def test_data_escaping_round_trips_on_one_line(value: str) -> None:
    escaped = escape_data(value)
    assert "\n" not in escaped
    assert "\r" not in escaped
    assert unescape(escaped) == value


@pytest.mark.parametrize(
    ("file", "workspace", "expected"),
    [
        ("./roadmaps/ma.yaml", None, "roadmaps/ma.yaml"),
        ("roadmaps/ma.yaml", "/home/runner/work/x/x", "roadmaps/ma.yaml"),
        ("/home/runner/work/x/x/roadmaps/ma.yaml", "/home/runner/work/x/x", "roadmaps/ma.yaml"),
        ("/elsewhere/ma.yaml", "/home/runner/work/x/x", "/elsewhere/ma.yaml"),
    ],
)
def test_annotation_paths(file: str, workspace: str | None, expected: str) -> None:
    assert annotation_path(file, workspace) == expected


def test_every_finding_is_one_parseable_command_and_levels_map() -> None:
    lines = GithubFormat(DiagnosticOptions(quiet=True)).render(fixed_results()).splitlines()
    parsed = [parse(line) for line in lines]
    assert [p[0] for p in parsed] == ["error", "error", "warning", "notice", "error"]
    _, props, data = parsed[2]
    assert props == {"file": "roadmaps/alg, érie.yaml", "line": "42", "col": "57", "title": "B001"}
    assert data.startswith("spent 100% more: 62,000 > 31,000\r\nsecond line\nhint: check")
    assert parsed[4][1] == {"title": "Y001"}  # standard input has no file to annotate


def test_workspace_makes_absolute_paths_relative(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", "/home/runner/work/r/r")
    d = Diagnostic("Q001", Severity.INFO, "/home/runner/work/r/r/roadmaps/ma.yaml", 3, 3, "m")
    assert parse(GithubFormat.command(d, "/home/runner/work/r/r"))[1]["file"] == "roadmaps/ma.yaml"
