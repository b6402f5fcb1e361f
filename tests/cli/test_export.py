"""`uhc-roadmap export`: options, exit codes, one-line messages, nothing written on failure."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROADMAPS
from uhc_roadmap.cli import app as app_module
from uhc_roadmap.formats.export import iati

pytest.importorskip("lxml.etree", reason="the IATI export needs lxml (the iati extra)")

WHO = "iati: {reporting_org: {ref: XM-DAC-928, type: 40, name: WHO}}\n"
MOROCCO = str(ROADMAPS / "morocco.yaml")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".uhc-roadmap.yaml").write_text(WHO, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1633046400")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = app_module.main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_format_follows_the_output_suffix(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, MOROCCO, "-o", "ma.xml")
    assert (code, out, err) == (0, "", "")
    assert (project / "ma.xml").read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


def test_without_format_or_xml_file_the_format_is_asked_for(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, MOROCCO, "-o", "ma.txt")
    assert (code, out) == (2, "")
    assert err == (
        "uhc-roadmap: error: --format: give one of iati or xlsx, or an -o file named *.xml "
        "or *.xlsx\n"
    )
    assert not (project / "ma.txt").exists()


def test_lxml_missing_is_one_clear_line(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "lxml", None)
    monkeypatch.delitem(sys.modules, "lxml.etree", raising=False)
    monkeypatch.delitem(sys.modules, "uhc_roadmap.formats.export.iati_checks", raising=False)
    code, out, err = run(capsys, MOROCCO, "-o", "ma.xml")
    assert (code, out) == (2, "")
    assert err == (
        "uhc-roadmap: error: IATI export needs lxml to check the document against the IATI "
        "schema: pip install 'uhc-roadmap[iati]'\n"
    )
    assert not (project / "ma.xml").exists()


def test_a_mapping_bug_is_an_internal_error_naming_the_check_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(iati.ACTIVITY_STATUS, "suspended", "9")
    code, out, err = run(capsys, MOROCCO, "-o", "ma.xml")
    assert (code, out) == (70, "")
    assert err.startswith("uhc-roadmap: internal error: the IATI document built")
    assert "codelist: //iati-activity/activity-status/@code in XM-DAC-928-UHCP-III-GOV-04" in err
    assert "`9` is not in the ActivityStatus codelist" in err
    assert "This is a bug in uhc-roadmap" in err
    assert not (project / "ma.xml").exists()


def test_an_invalid_roadmap_is_not_exported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, str(FIXTURES / "invalid" / "d001_planned_end_before_start.yaml"), "-o", "x.xml"
    )
    assert (code, out) == (1, "")
    assert "D001 error" in err
    assert not (project / "x.xml").exists()


def test_a_bad_source_date_epoch_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    code, _, err = run(capsys, MOROCCO, "-o", "ma.xml")
    assert code == 2
    assert err == (
        "uhc-roadmap: error: SOURCE_DATE_EPOCH: `yesterday` is not a number of seconds since "
        "1970-01-01\n"
    )


def test_an_empty_roadmap_is_refused_at_its_activities(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    start = text.index("activities:")
    empty = project / "empty.yaml"
    empty.write_text(text[:start] + "activities: []\n", encoding="utf-8")
    code, _, err = run(capsys, "empty.yaml", "-o", "e.xml")
    assert code == 1
    assert err.startswith(
        f"empty.yaml:{text[:start].count(chr(10)) + 1}:13: IATI error: the roadmap has no activity"
    )
