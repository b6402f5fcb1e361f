"""The real client: LibreOffice Calc (Debian's `libreoffice-calc`, installed by `make test`
where it runs as root with apt) opens what we write and writes what we read.

It converts the exported workbook and the xlsx report to CSV headless, and a workbook it
saves back imports to the same roadmap."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROADMAPS, run_cli
from tests.spreadsheets.conftest import UNITS_AND_VALUES

pytestmark = pytest.mark.e2e
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None:
    pytest.skip(
        "LibreOffice is not installed (`make test` installs Debian's libreoffice-calc where it "
        "runs as root with apt)",
        allow_module_level=True,
    )
# Every sheet to its own CSV file (the last token, -1), UTF-8 (76), comma-separated (44).
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def soffice(tmp_path: Path, target: str, source: Path, outdir: Path) -> None:
    """Convert headless with a profile of its own; fail on any error."""
    assert SOFFICE is not None
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Error" not in done.stderr, done.stderr


def sheets(folder: Path, stem: str) -> dict[str, list[list[str]]]:
    found = {}
    for path in sorted(folder.glob(f"{stem}-*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            found[path.stem.removeprefix(f"{stem}-")] = list(csv.reader(handle))
    return found


def test_calc_reads_every_sheet_of_the_exported_workbook(tmp_path: Path) -> None:
    workbook = tmp_path / "plan.xlsx"
    assert run_cli("export", str(ROADMAPS / "morocco.yaml"), "-o", str(workbook)).returncode == 0
    soffice(tmp_path, ALL_SHEETS_CSV, workbook, tmp_path / "csv")
    found = sheets(tmp_path / "csv", "plan")
    assert {"roadmap", "activities", "budget", "indicators", "values"} <= set(found)
    activities = found["activities"]
    header = activities[0]
    assert header[:3] == ["id", "axis", "title.fr"]
    assert activities[1][header.index("status")] == "Statut"
    assert [row[0] for row in activities[2:5]] == ["GOV-01", "GOV-02", "GOV-03"]
    start = header.index("planned.start")
    assert activities[2][start] == "2016-03-01"  # a date cell, shown in its yyyy-mm-dd format


def test_calc_reads_the_xlsx_report(tmp_path: Path) -> None:
    report = tmp_path / "report.xlsx"
    done = run_cli("report", str(ROADMAPS), "--country", "MA", "-o", str(report))
    assert done.returncode == 0, done.stderr
    soffice(tmp_path, ALL_SHEETS_CSV, report, tmp_path / "csv")
    found = sheets(tmp_path / "csv", "report")
    assert set(found) == {"activities", "axes", "budget", "indicators", "milestones"}
    axes = found["axes"]
    completion = axes[0].index("completion")
    assert axes[1][completion].endswith("%")


def test_a_workbook_calc_saves_back_imports_to_the_same_roadmap(tmp_path: Path) -> None:
    for source in (ROADMAPS / "morocco.yaml", ROADMAPS / "algeria.yaml", UNITS_AND_VALUES):
        name = source.name
        workbook = tmp_path / f"{name}.xlsx"
        assert run_cli("export", str(source), "-o", str(workbook)).returncode == 0
        saved = tmp_path / "saved"
        soffice(tmp_path, "xlsx:Calc MS Excel 2007 XML", workbook, saved)
        back = tmp_path / f"back-{name}"
        done = run_cli("import", str(saved / workbook.name), "-o", str(back))
        assert done.returncode == 0, done.stdout + done.stderr
        # No finding on a workbook Calc saved, but for those of the roadmap itself.
        own = run_cli("validate", str(source)).stdout.splitlines()
        assert codes(done.stdout) == codes("\n".join(own[:-1]))
        same = run_cli("diff", "--exit-code", str(source), str(back))
        assert same.returncode == 0, same.stdout


def codes(findings: str) -> list[str]:
    """The code and severity of each finding line (``Q001 warning``)."""
    return re.findall(r": ([A-Z][0-9]{3} (?:error|warning|info)):", findings)
