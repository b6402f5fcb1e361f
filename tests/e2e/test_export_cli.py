"""The real `uhc-roadmap export --format iati`, run as users run it: Morocco's golden file,
five mapped fields read back by XPath, and the one-line refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GOLDEN, ROADMAPS, golden, run_cli

pytestmark = pytest.mark.e2e
etree = pytest.importorskip("lxml.etree", reason="the IATI export needs lxml (the iati extra)")

WHO = """iati:
  reporting_org:
    ref: XM-DAC-928
    type: 40
    name: {en: World Health Organization, fr: Organisation mondiale de la Santé}
"""
# 2021-10-01T00:00:00Z, the day after Morocco's as_of: the golden file never changes.
FIXED = {"SOURCE_DATE_EPOCH": "1633046400"}
MOROCCO_GOLDEN = GOLDEN / "export" / "morocco.iati.xml"


def project(tmp_path: Path, config: str = WHO) -> Path:
    (tmp_path / ".uhc-roadmap.yaml").write_text(config, encoding="utf-8")
    return tmp_path


def test_morocco_matches_its_golden_file(tmp_path: Path) -> None:
    target = tmp_path / "morocco.xml"
    completed = run_cli(
        "export",
        str(ROADMAPS),
        "--country",
        "MA",
        "--format",
        "iati",
        "-o",
        str(target),
        cwd=project(tmp_path),
        env=FIXED,
    )
    assert (completed.returncode, completed.stdout, completed.stderr) == (0, "", "")
    golden("export/morocco.iati.xml", target.read_text(encoding="utf-8"))
    assert target.read_bytes() == MOROCCO_GOLDEN.read_bytes()


def test_five_mapped_fields_of_the_golden_file_by_xpath() -> None:
    root = etree.parse(str(MOROCCO_GOLDEN)).getroot()
    assert root.get("generated-datetime") == "2021-10-01T00:00:00Z"

    def activity(ident: str) -> etree._Element:
        [found] = root.xpath(
            "iati-activity[iati-identifier = $id]", id=f"XM-DAC-928-UHCP-III-{ident}"
        )
        return found

    # 1. status: GOV-04 is suspended (ActivityStatus 6)
    assert activity("GOV-04").xpath("activity-status/@code") == ["6"]
    # 2. actual start date (ActivityDateType 2) of GOV-01
    assert activity("GOV-01").xpath("activity-date[@type = '2']/@iso-date") == ["2016-04-11"]
    # 3. PHC-04's 2022 budget: EU 90 000 and LU 60 000 planned, none committed: indicative
    [budget] = activity("PHC-04").xpath("budget[period-start/@iso-date = '2022-01-01']")
    assert (budget.get("type"), budget.get("status"), budget.findtext("value")) == (
        "1",
        "1",
        "150000",
    )
    assert budget.xpath("value/@value-date") == ["2022-01-01"]
    # 4. GOV-02's expenditure (TransactionType 4) of 2018, funded by Luxembourg
    [spent] = activity("GOV-02").xpath(
        "transaction[transaction-type/@code = '4'][transaction-date/@iso-date = '2018-12-31']"
    )
    assert spent.findtext("value") == "79100"
    assert spent.xpath("provider-org/narrative[@xml:lang = 'en']/text()") == [
        "Grand Duchy of Luxembourg"
    ]
    # 5. PHC-03 depends on PHC-02 (a sibling) and works in the PILOT regions, by name
    assert activity("PHC-03").xpath("related-activity[@type = '3']/@ref") == [
        "XM-DAC-928-UHCP-III-PHC-02"
    ]
    assert activity("PHC-03").xpath("location/name/narrative[@xml:lang = 'fr']/text()") == [
        "Marrakech-Safi",
        "Souss-Massa",
    ]


def test_standard_output_when_no_file_is_named(tmp_path: Path) -> None:
    completed = run_cli(
        "export", str(ROADMAPS / "morocco.yaml"), "-f", "iati", cwd=project(tmp_path), env=FIXED
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == MOROCCO_GOLDEN.read_text(encoding="utf-8")


def test_missing_reporting_org_is_one_line_naming_the_setting(tmp_path: Path) -> None:
    target = tmp_path / "out.xml"
    completed = run_cli(
        "export",
        str(ROADMAPS / "morocco.yaml"),
        "-o",
        str(target),
        cwd=project(tmp_path, "ignore: [Q002]\n"),
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    [line] = completed.stderr.splitlines()
    assert line.startswith(
        "uhc-roadmap: error: export --format iati needs the publishing organisation"
    )
    assert "`iati.reporting_org`" in line
    assert not target.exists()


def test_a_future_actual_date_is_refused_at_its_line_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "out.xml"
    target.write_text("the previous export\n", encoding="utf-8")
    completed = run_cli(
        "export",
        str(ROADMAPS / "algeria.yaml"),
        "-o",
        str(target),
        cwd=project(tmp_path),
        env=FIXED,
    )
    assert completed.returncode == 1
    lines = completed.stderr.splitlines()
    assert any(
        ":170:21: IATI error: actual start 2023-02-01 of GOV-01 is after the export date" in line
        for line in lines
    )
    assert lines[-1] == "uhc-roadmap: error: nothing exported: IATI refuses the values above"
    assert target.read_text(encoding="utf-8") == "the previous export\n"


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    completed = run_cli("export", "-c", "MA", "-f", "odt", cwd=project(tmp_path))
    assert completed.returncode == 2
    assert "--format: unknown format `odt`; choose iati" in completed.stderr
