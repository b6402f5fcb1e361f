"""The real `uhc-roadmap export --format xlsx` and `import`, run as users run them."""

from __future__ import annotations

import io
import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from openpyxl import load_workbook

from tests.conftest import ROADMAPS, run_cli
from tests.spreadsheets.conftest import EXAMPLES, UNITS_AND_VALUES, column_of, row_of

pytestmark = pytest.mark.e2e
SARIF = json.loads(
    (Path(__file__).parents[1] / "formats" / "diagnostics" / "sarif-schema-2.1.0.json").read_text(
        "utf-8"
    )
)


def export(tmp_path: Path, name: str | Path = "morocco.yaml") -> Path:
    target = tmp_path / "plan.xlsx"
    done = run_cli("export", str(ROADMAPS / name), "-o", str(target), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return target


def set_cells(path: Path, values: dict[str, object], sheet: str = "activities") -> None:
    book = load_workbook(path)
    for cell, value in values.items():
        book[sheet][cell] = value
        if isinstance(value, datetime):
            book[sheet][cell].number_format = "DD/MM/YYYY"
    book.save(path)


@pytest.mark.parametrize("name", [*EXAMPLES, UNITS_AND_VALUES], ids=str)
def test_export_then_import_gives_the_same_roadmap(name: str | Path, tmp_path: Path) -> None:
    workbook = export(tmp_path, name)
    done = run_cli("import", str(workbook), "-o", "back.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "back.yaml: written from" in done.stderr
    same = run_cli("diff", "--exit-code", str(ROADMAPS / name), "back.yaml", cwd=tmp_path)
    assert same.returncode == 0, same.stdout
    assert run_cli("validate", "back.yaml", cwd=tmp_path).returncode == 0
    assert run_cli("fmt", "--check", "back.yaml", cwd=tmp_path).returncode == 0


def test_a_quarterly_update_by_spreadsheet(tmp_path: Path) -> None:
    workbook = export(tmp_path)
    raw = workbook.read_bytes()
    row = row_of(raw, "activities", "GOV-03")
    set_cells(
        workbook,
        {
            f"{column_of(raw, 'activities', 'status')}{row}": "completed",
            f"{column_of(raw, 'activities', 'actual.end')}{row}": datetime(2021, 9, 20),
        },
    )
    target = tmp_path / "morocco.yaml"
    shutil.copyfile(ROADMAPS / "morocco.yaml", target)
    done = run_cli("import", str(workbook), "--into", str(target), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "2 values changed" in done.stderr
    original = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8").splitlines()
    now = target.read_text(encoding="utf-8").splitlines()
    assert [line for line in original if line.lstrip().startswith("#")] == [
        line for line in now if line.lstrip().startswith("#")
    ]
    assert sum(a != b for a, b in zip(original, now, strict=True)) == 2
    changes = run_cli(
        "diff", "--lang", "en", str(ROADMAPS / "morocco.yaml"), str(target), cwd=tmp_path
    )
    assert "GOV-03" in changes.stdout
    assert "completed" in changes.stdout


def test_a_qualitative_value_edited_in_english_comes_back_into_its_line(tmp_path: Path) -> None:
    workbook = export(tmp_path, UNITS_AND_VALUES)
    raw = workbook.read_bytes()
    row = row_of(raw, "values", "IND-STRAT", datetime(2020, 11, 30))
    set_cells(workbook, {f"{column_of(raw, 'values', 'value.en')}{row}": "Draft adopted"}, "values")
    target = tmp_path / UNITS_AND_VALUES.name
    shutil.copyfile(UNITS_AND_VALUES, target)
    done = run_cli("import", str(workbook), "--into", str(target), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 value changed" in done.stderr
    original = UNITS_AND_VALUES.read_text(encoding="utf-8").splitlines()
    now = target.read_text(encoding="utf-8").splitlines()
    assert [(a, b) for a, b in zip(original, now, strict=True) if a != b] == [
        (
            '      - {date: 2020-11-30, value: {fr: "Projet soumis au ministère", en: "Draft '
            'submitted to the ministry"}}',
            '      - {date: 2020-11-30, value: {fr: "Projet soumis au ministère", en: "Draft '
            'adopted"}}',
        )
    ]


def test_a_bad_cell_exits_1_naming_it_and_writes_nothing(tmp_path: Path) -> None:
    workbook = export(tmp_path)
    raw = workbook.read_bytes()
    cell = f"{column_of(raw, 'activities', 'status')}{row_of(raw, 'activities', 'GOV-03')}"
    set_cells(workbook, {cell: "en cours"})
    done = run_cli("import", str(workbook), "-o", "out.yaml", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.startswith(f"{workbook}:activities!{cell}: S004 error: `en cours`")
    assert "nothing written" in done.stderr
    assert not (tmp_path / "out.yaml").exists()
    target = tmp_path / "morocco.yaml"
    shutil.copyfile(ROADMAPS / "morocco.yaml", target)
    into = run_cli("import", str(workbook), "--into", str(target), cwd=tmp_path)
    assert into.returncode == 1
    assert target.read_bytes() == (ROADMAPS / "morocco.yaml").read_bytes()


def test_findings_in_json_github_and_sarif_carry_the_cell(tmp_path: Path) -> None:
    workbook = export(tmp_path)
    raw = workbook.read_bytes()
    cell = f"{column_of(raw, 'activities', 'status')}{row_of(raw, 'activities', 'GOV-03')}"
    set_cells(workbook, {cell: "en cours"})
    as_json = run_cli("import", "plan.xlsx", "-o", "o.yaml", "--format", "json", cwd=tmp_path)
    (found,) = json.loads(as_json.stdout)["files"][0]["diagnostics"]
    assert found["cell"] == f"activities!{cell}"
    assert found["line"] == int(cell[1:])
    github = run_cli("import", "plan.xlsx", "-o", "o.yaml", "--format", "github", cwd=tmp_path)
    assert f"title=S004 activities!{cell}" in github.stdout
    sarif = run_cli("import", "plan.xlsx", "-o", "o.yaml", "--format", "sarif", cwd=tmp_path)
    log = json.loads(sarif.stdout)
    Draft4Validator(SARIF).validate(log)
    (result,) = log["runs"][0]["results"]
    assert (
        result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == f"activities!{cell}"
    )


def test_without_output_the_roadmap_goes_to_standard_output(tmp_path: Path) -> None:
    export(tmp_path, "kazakhstan.yaml")
    done = run_cli("import", "plan.xlsx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith('schema_version: "1"\ncountry: KZ\n')


def test_a_template_is_a_blank_workbook_to_fill(tmp_path: Path) -> None:
    done = run_cli("export", "--template", "--languages", "en,fr", "-o", "blank.xlsx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    book = load_workbook(io.BytesIO((tmp_path / "blank.xlsx").read_bytes()))
    assert book["activities"]["C1"].value == "title.en"
    empty = run_cli("import", "blank.xlsx", "-o", "x.yaml", cwd=tmp_path)
    assert empty.returncode == 1
    assert "blank.xlsx:roadmap!B3: S001 error: missing required field `country`" in empty.stdout


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    both = run_cli("import", "a.xlsx", "-o", "a.yaml", "--into", "b.yaml", cwd=tmp_path)
    assert both.returncode == 2
    assert (
        both.stderr
        == "uhc-roadmap: error: give -o (a new file) or --into (an existing one), not both\n"
    )
    missing = run_cli("import", "nowhere.xlsx", cwd=tmp_path)
    assert missing.returncode == 2
    assert (
        missing.stderr
        == "uhc-roadmap: error: nowhere.xlsx: cannot be read (No such file or directory)\n"
    )
    template = run_cli("export", "--template", "-f", "iati", cwd=tmp_path)
    assert template.returncode == 2


def test_report_as_a_workbook_and_as_csv_for_french_excel(tmp_path: Path) -> None:
    done = run_cli("report", str(ROADMAPS), "--country", "MA", "-o", "r.xlsx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["activities", "axes", "budget", "indicators", "milestones"]
    french = run_cli(
        "report", str(ROADMAPS), "--country", "MA", "-f", "csv", "--section", "budget",
        "--excel", "--lang", "fr", "-o", "b.csv", cwd=tmp_path,
    )  # fmt: skip
    assert french.returncode == 0, french.stderr
    raw = (tmp_path / "b.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfdimension;key;label;currency;planned;")
    wrong = run_cli("report", str(ROADMAPS), "--country", "MA", "--excel", cwd=tmp_path)
    assert wrong.returncode == 2
    assert wrong.stderr == "uhc-roadmap: error: --excel applies to --format csv, not table\n"
