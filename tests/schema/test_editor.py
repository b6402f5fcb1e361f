"""The editor setup of docs/editors.md, run with the real yaml-language-server (npm) as VS Code
runs it: the documented settings reach nested roadmaps, the server reports what the docs say it
catches (impossible dates included), completes the six statuses only, and describes the
country and currency fields in its hover instead of listing their codes."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROADMAPS, ROOT
from tests.npm_tools import npm_tool
from tests.schema.lsp import LanguageServer

pytestmark = pytest.mark.e2e
VERSION = "1.25.0"  # the version the Red Hat YAML extension ships
DOC = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")


def vscode_settings() -> dict[str, Any]:
    """The `.vscode/settings.json` of docs/editors.md, as the extension hands it to the server."""
    blocks = re.findall(r"```json\n(.*?)```", DOC, re.S)
    [block] = [b for b in blocks if '"yaml.schemas"' in b]  # the language server has its own
    flat: dict[str, Any] = json.loads(block)
    nested: dict[str, Any] = {}
    for key, value in flat.items():
        section, _, name = key.partition(".")
        nested.setdefault(section, {})[name] = value
    return nested


def roadmap_text() -> str:
    """Morocco's roadmap without its modeline: the settings' mapping must find the schema."""
    lines = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if "yaml-language-server:" not in line)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workspace")
    (root / "schema").mkdir()
    shutil.copy(ROOT / "schema" / "roadmap.schema.json", root / "schema")
    return root


@pytest.fixture(scope="module")
def server(workspace: Path) -> Iterator[LanguageServer]:
    executable = npm_tool("yaml-language-server", VERSION, "yaml-language-server")
    client = LanguageServer([str(executable), "--stdio"], workspace, vscode_settings())
    yield client
    client.close()


def write(workspace: Path, name: str, text: str) -> Path:
    path = workspace / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def messages(diagnostics: list[dict[str, Any]]) -> list[tuple[int, str]]:
    return [(d["range"]["start"]["line"] + 1, d["message"]) for d in diagnostics]


def line_of(text: str, start: str) -> int:
    """The 0-based line that starts (after indentation) with ``start``."""
    return next(i for i, line in enumerate(text.splitlines()) if line.lstrip().startswith(start))


def test_the_documented_globs_reach_top_level_and_nested_roadmaps(
    server: LanguageServer, workspace: Path
) -> None:
    broken = roadmap_text().replace("status: ongoing", "stauts: ongoing", 1)
    for name in ("roadmaps/ma.yaml", "roadmaps/2024/ma.yaml", "countries/roadmaps/ma.yml"):
        found = messages(server.open(write(workspace, name, broken)))
        assert any("stauts" in message for _, message in found), (name, found)
    elsewhere = server.open(write(workspace, "config/other.yaml", broken))
    assert elsewhere == []  # not a roadmap: no schema
    assert server.open(write(workspace, "roadmaps/valid/ma.yaml", roadmap_text())) == []


def test_impossible_dates_and_unknown_statuses_are_reported_iati_codes_accepted(
    server: LanguageServer, workspace: Path
) -> None:
    text = roadmap_text()
    text = text.replace("end: 2021-12-31", "end: 2021-02-29", 1)
    text = text.replace("status: completed", "status: 2", 1)
    text = text.replace("status: ongoing", "status: 7", 1)
    path = write(workspace, "roadmaps/dates.yaml", text)
    found = messages(server.open(path))
    day = next(i for i, line in enumerate(text.splitlines()) if "2021-02-29" in line)
    assert (day + 1, "not a day of the calendar written YYYY-MM-DD") in found
    assert [line for line, m in found if m.startswith("Value is not accepted")] == [
        line_of(text, "status: 7") + 1
    ]
    assert len(found) == 2, found  # `status: 2` (IATI: implementing) is accepted


def test_status_completion_offers_the_six_statuses_only(
    server: LanguageServer, workspace: Path
) -> None:
    text = roadmap_text()
    path = write(workspace, "roadmaps/complete.yaml", text)
    server.open(path)
    line = line_of(text, "status:")
    column = text.splitlines()[line].index("status:") + len("status: ")
    assert sorted(server.completion(path, line, column)) == sorted(
        ["planned", "ongoing", "finalising", "completed", "cancelled", "suspended"]
    )


def test_hover_describes_every_field_without_code_lists(
    server: LanguageServer, workspace: Path
) -> None:
    text = roadmap_text()
    path = write(workspace, "roadmaps/hover.yaml", text)
    server.open(path)
    lines = text.splitlines()
    keys = [(i, m[1]) for i, raw in enumerate(lines) if (m := re.match(r"^(\w+):", raw))]
    assert len(keys) > 8
    for line, key in keys:
        hover = server.hover(path, line, 1)
        title, _, body = hover.partition("\n")
        assert title.startswith("#### "), (key, title)
        assert "||" not in title, (key, title)
        description = body.split("Source:")[0].strip()
        assert description, f"`{key}` has no description"
        assert "Allowed Values" not in hover, (key, hover[:300])
        assert len(hover) < 600, (key, hover[:300])
    country = server.hover(path, line_of(text, "country:"), 1)
    assert "ISO 3166-1 alpha-2" in country
    assert server.hover(path, line_of(text, "currency:"), 1).startswith("#### Currency\n")
