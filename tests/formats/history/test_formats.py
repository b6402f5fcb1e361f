"""Every history format, on one history with a valid version, a gap and both notes: golden
files, read back by a parser where there is one (json, csv, Markdown)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from markdown_it import MarkdownIt

from tests.conftest import golden
from uhc_roadmap.formats.history import HISTORY_FORMATS
from uhc_roadmap.formats.history.base import HistoryOptions
from uhc_roadmap.history import FileHistory, History, HistoryPoint
from uhc_roadmap.progress.results import PortfolioRow

ROW = PortfolioRow(
    country="MA", name="Morocco", phase="P3", as_of=date(2022, 1, 10), currency="USD",
    completion=0.25, weighted_completion=0.2, planned=20000.0, spent=5000.0, execution=0.25,
    overdue=1, blocked=0, on_track=1, assessed=2,
)  # fmt: skip
LATER = PortfolioRow(
    country="MA", name="Morocco", phase="P3", as_of=date(2022, 3, 1), currency="USD",
    completion=0.5, weighted_completion=0.5, planned=20000.0, spent=9500.0, execution=0.475,
    overdue=0, blocked=0, on_track=2, assessed=2,
)  # fmt: skip
PARIS = timezone(timedelta(hours=1))
POINTS = (
    HistoryPoint("a" * 40, datetime(2022, 1, 10, 12, tzinfo=PARIS), "adopted", "maroc.yaml", 0, ROW, "1"),
    HistoryPoint("b" * 40, datetime(2022, 2, 1, 9, tzinfo=UTC), "typo | *oops*", "maroc.yaml", 2, None, "2"),
    HistoryPoint("c" * 40, datetime(2022, 3, 1, 9, tzinfo=UTC), "GOV-01 done", "roadmaps/morocco.yaml", 0, LATER, "3"),
)  # fmt: skip
HISTORY = History(
    (
        FileHistory("roadmaps/morocco.yaml", "roadmaps/morocco.yaml", POINTS, True, True, None, 3),
        FileHistory("roadmaps/new.yaml", "roadmaps/new.yaml", (), False, False, "v1", 200),
    )
)
SUFFIX = {"table": "txt", "json": "json", "csv": "csv", "markdown": "md"}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", HISTORY_FORMATS.names)
def test_golden(name: str, lang: str) -> None:
    if lang != "en" and name in ("json", "csv"):
        pytest.skip("machine formats are not translated")
    rendered = HISTORY_FORMATS.get(name)(HistoryOptions(lang, width=100)).render(HISTORY)
    assert isinstance(rendered, str)
    golden(f"history/history.{lang}.{SUFFIX[name]}", rendered)


def test_json_reads_back_with_gaps_as_nulls() -> None:
    document = json.loads(HISTORY_FORMATS.get("json")().render(HISTORY))
    first, second = document["files"]
    assert (first["shallow"], first["truncated"], first["max_revisions"]) == (True, True, 3)
    revisions = first["revisions"]
    assert [r["valid"] for r in revisions] == [True, False, True]
    assert revisions[1]["errors"] == 2
    assert revisions[1]["completion"] is None
    assert [r["completion"] for r in revisions if r["valid"]] == [0.25, 0.5]
    assert revisions[0]["date"] == "2022-01-10T12:00:00+01:00"
    assert second == {
        "file": "roadmaps/new.yaml",
        "path": "roadmaps/new.yaml",
        "since": "v1",
        "max_revisions": 200,
        "truncated": False,
        "shallow": False,
        "revisions": [],
    }


def test_csv_has_a_row_per_revision() -> None:
    rows = list(csv.DictReader(io.StringIO(HISTORY_FORMATS.get("csv")().render(HISTORY))))
    assert [r["commit"][:1] for r in rows] == ["a", "b", "c"]
    assert [r["valid"] for r in rows] == ["true", "false", "true"]
    assert rows[1]["errors"] == "2"
    assert rows[1]["completion"] == ""
    assert rows[2]["execution"] == "0.475"


def test_markdown_table_keeps_its_columns() -> None:
    text = HISTORY_FORMATS.get("markdown")().render(HISTORY)
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 1 + len(POINTS)
    assert "typo \\| \\*oops\\*" in text
