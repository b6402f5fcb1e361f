"""The diff as text, Markdown and JSON: golden files, a Markdown parser, the JSON contract."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt

from tests.authoring.conftest import case, roadmap_from_text
from tests.conftest import golden
from uhc_roadmap.authoring.diff import FileDiff, diff_roadmaps
from uhc_roadmap.formats.diff.base import DiffOptions
from uhc_roadmap.formats.diff.json import JsonFormat
from uhc_roadmap.formats.diff.markdown import MarkdownFormat
from uhc_roadmap.formats.diff.text import plain, text_lines


def markdown(files: list[FileDiff]) -> str:
    return MarkdownFormat().render(files)


def to_json(files: list[FileDiff]) -> str:
    return JsonFormat().render(files)


CASES = ["review", "reformatted", "renamed", "quarterly"]
"""Each case's golden files are in its roadmap's default language (French); review and quarterly
also in English (``--lang en``)."""
ENGLISH = ["review", "quarterly"]


def file_diff(name: str, lang: str | None = None) -> FileDiff:
    return FileDiff(f"{name}/old.yaml", f"{name}/new.yaml", diff_roadmaps(*case(name), lang))


def several() -> list[FileDiff]:
    """What `diff --since` gives for a folder: unchanged, modified and new files."""
    return [
        file_diff("reformatted"),
        file_diff("renamed"),
        FileDiff("new.yaml@HEAD~1", "new.yaml", None, "fr"),
    ]


@pytest.mark.parametrize("name", CASES)
def test_text_golden(name: str) -> None:
    golden(f"diff/{name}.txt", plain(text_lines([file_diff(name)])))


@pytest.mark.parametrize("name", CASES)
def test_markdown_golden(name: str) -> None:
    golden(f"diff/{name}.md", markdown([file_diff(name)]))


@pytest.mark.parametrize("name", ENGLISH)
def test_english_goldens(name: str) -> None:
    files = [file_diff(name, "en")]
    golden(f"diff/{name}-en.txt", plain(text_lines(files)))
    golden(f"diff/{name}-en.md", MarkdownFormat(DiffOptions(lang="en")).render(files))


@pytest.mark.parametrize("name", CASES)
def test_json_golden(name: str) -> None:
    golden(f"diff/{name}.json", to_json([file_diff(name)]))


def test_several_files_golden() -> None:
    files = several()
    golden("diff/several.txt", plain(text_lines(files)))
    golden("diff/several.md", markdown(files))
    golden("diff/several.json", to_json(files))


def test_styles_are_names_and_plain_text_has_no_escape_codes() -> None:
    lines = text_lines([file_diff("review")])
    styles = {style for line in lines for _, style in line}
    assert styles <= {"heading", "added", "removed", "changed", "id", "dim", ""}
    assert "\x1b" not in plain(lines)


def test_markdown_tables_survive_titles_with_markup() -> None:
    base = """schema_version: "1"
country: MA
title: T
languages: [en]
phase: {id: P, start: 2020-01-01, end: 2021-12-31}
organisations: [{id: MS, name: M, type: government}]
axes: [{id: GOV, title: G}]
activities:
  - id: A-1
    axis: GOV
    title: TITLE
    status: planned
    planned: {start: 2020-01-01, end: 2020-12-31}
"""
    old = roadmap_from_text(base.replace("TITLE", "Plain"))
    nasty = '"a | b <script>alert(1)</script> *bold* [link](http://x)\\n# heading"'
    new = roadmap_from_text(base.replace("TITLE", nasty))
    rendered = markdown([FileDiff("old.yaml", "new.yaml", diff_roadmaps(old, new))])
    parser = MarkdownIt("commonmark").enable("table")
    cells = [t for t in parser.parse(rendered) if t.type == "td_open"]
    assert len(cells) == 3  # one row of Activity | Title | Changes: the | did not split it
    html = parser.render(rendered)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<a " not in html
    assert "<em>" not in html
    assert "<h1>" not in html


def test_json_contract() -> None:
    document = json.loads(to_json(several()))
    assert document["format_version"] == 2
    assert document["changed"] is True
    statuses = [(f["new"], f["status"]) for f in document["files"]]
    assert statuses == [
        ("reformatted/new.yaml", "unchanged"),
        ("renamed/new.yaml", "modified"),
        ("new.yaml", "added"),
    ]
    assert set(document["files"][2]) == {"old", "new", "status"}
    modified = document["files"][1]
    assert set(modified) == {
        "old",
        "new",
        "status",
        "language",
        "roadmap",
        "activities",
        "indicators",
    }
    assert set(modified["activities"]) == {"added", "removed", "changed"}
    assert set(modified["indicators"]) == {"added", "removed", "values"}


def test_json_of_a_quarterly_update() -> None:
    [file] = json.loads(to_json([file_diff("quarterly")]))["files"]
    [change] = file["activities"]["changed"]
    assert set(change) == {
        "id", "title", "status", "progress", "actual", "planned", "milestones", "budget",
        "lead", "partners", "regions", "depends_on", "axis", "titles",
    }  # fmt: skip
    assert change["progress"] == {"old": 40, "new": 100}
    assert change["actual"] == [{"which": "end", "old": None, "new": "2022-06-15", "days": None}]
    assert change["budget"][0] == {
        "year": 2021,
        "funder": "EU",
        "currency": "XOF",
        "old": {"planned": 60000, "committed": 50000, "spent": 41200},
        "new": {"planned": 60000, "committed": 50000, "spent": 52400},
    }
    assert change["milestones"][0] == {
        "id": "FIN-01.M1",
        "title": "Décret adopté",
        "change": "done",
        "due": {"old": "2022-03-31", "new": "2022-03-31"},
        "done_on": {"old": None, "new": "2022-05-12"},
        "days_late": 42,
    }
    assert (change["lead"], change["partners"]) == (
        {"old": "MSAS", "new": "WHO"},
        {"added": ["LU"], "removed": []},
    )
    assert change["depends_on"] is None
    [values] = file["indicators"]["values"]
    assert (values["baseline"], values["target"]) == (None, None)


def test_json_of_identical_versions_says_unchanged() -> None:
    document = json.loads(to_json([file_diff("reformatted")]))
    assert document["changed"] is False
