"""The real `uhc-roadmap report` on the example roadmaps: golden output of every format.

Regenerate the golden files with UHC_UPDATE_GOLDEN=1 after a deliberate change, and read
the diff: it is the change users will see.
"""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROADMAPS, ROOT, cli_command, golden, run_cli

pytestmark = pytest.mark.e2e
COUNTRY_AS_OF = "--as-of=2021-09-30"
ANSI = re.compile(r"\x1b\[")
IMPORTTIME = (sys.executable, "-X", "importtime", "-m", "uhc_roadmap")
SECTIONS = ("activities", "axes", "budget", "indicators", "milestones")


def report(*args: str, env: dict[str, str] | None = None) -> str:
    completed = run_cli("report", "roadmaps", *args, cwd=ROOT, env=env)
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    return completed.stdout


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("morocco.txt", ["--country", "MA"]),
        ("morocco.en.txt", ["--country", "MA", "--lang", "en"]),
        ("morocco.json", ["--country", "MA", "--format", "json"]),
        ("morocco.md", ["--country", "MA", "--format", "markdown"]),
        ("kazakhstan.md", ["--country", "KZ", "--format", "markdown", "--as-of=2022-06-30"]),
        ("algeria.txt", ["--country", "DZ", "--as-of=2026-06-30"]),
    ],
)
def test_country_report(name: str, args: list[str]) -> None:
    as_of = [] if any(a.startswith("--as-of") for a in args) else [COUNTRY_AS_OF]
    golden(f"report/{name}", report(*args, *as_of))


@pytest.mark.parametrize("section", SECTIONS)
def test_country_csv_sections(section: str) -> None:
    text = report("--country", "MA", "--format", "csv", "--section", section, COUNTRY_AS_OF)
    golden(f"report/morocco.{section}.csv", text)


def test_csv_default_section_is_activities() -> None:
    text = report("--country", "MA", "--format", "csv", COUNTRY_AS_OF)
    assert text == (ROOT / "tests" / "golden" / "report" / "morocco.activities.csv").read_text(
        encoding="utf-8"
    )


def test_every_example_roadmap_fixes_its_as_of() -> None:
    """The portfolio reads each roadmap at its own as_of: reproducible only if it is set."""
    for path in (ROOT / "roadmaps").glob("*.yaml"):
        assert re.search(r"^as_of: \d{4}-\d{2}-\d{2}", path.read_text("utf-8"), re.M), path


@pytest.mark.parametrize("output_format", ["table", "json", "csv", "markdown"])
def test_portfolio(output_format: str) -> None:
    extension = {"table": "txt", "markdown": "md"}.get(output_format, output_format)
    golden(f"report/portfolio.{extension}", report("--format", output_format))


def test_portfolio_sorted_descending() -> None:
    golden("report/portfolio.by-completion.txt", report("--sort=-completion"))


def test_portfolio_at_one_reference_date() -> None:
    golden("report/portfolio.2022-06-30.csv", report("-f", "csv", "--as-of=2022-06-30"))


@pytest.mark.parametrize("query", ["Maroc", "MAR", "morocco"])
def test_names_and_codes_give_the_same_report(query: str) -> None:
    french = report("--country", query, "--lang", "fr", COUNTRY_AS_OF)
    assert french == (ROOT / "tests" / "golden" / "report" / "morocco.txt").read_text("utf-8")


def test_piped_output_has_no_escape_codes_even_without_no_color() -> None:
    text = report("--country", "MA", COUNTRY_AS_OF, env={"NO_COLOR": ""})
    assert not ANSI.search(text)
    assert max(len(line) for line in text.splitlines()) <= 80


def test_color_always_paints_even_when_piped() -> None:
    text = report("--country", "MA", "--color", "always", COUNTRY_AS_OF, env={"NO_COLOR": ""})
    assert ANSI.search(text)


def test_output_file_leaves_stdout_empty(tmp_path: Path) -> None:
    target = tmp_path / "ma.json"
    assert report("--country", "MA", "-f", "json", "-o", str(target), COUNTRY_AS_OF) == ""
    assert target.read_text(encoding="utf-8") == report(
        "--country", "MA", "-f", "json", COUNTRY_AS_OF
    )


def test_invalid_roadmap_prints_its_errors_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("axis: GOV", "axis: NOPE"), encoding="utf-8")
    completed = run_cli("report", str(bad), "--country", "MA")
    assert (completed.returncode, completed.stdout) == (1, "")
    assert re.search(r"bad\.yaml:\d+:\d+: R002 error: ", completed.stderr)
    assert "Traceback" not in completed.stderr


def test_json_report_does_not_import_jinja2_or_rich_tables() -> None:
    completed = subprocess.run(
        [*IMPORTTIME, "report", "roadmaps", "--country", "MA", "--format", "json", COUNTRY_AS_OF],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.split("|")[-1].strip() for line in completed.stderr.splitlines()}
    assert "uhc_roadmap.progress" in imported
    assert not {m for m in imported if m.startswith(("jinja2", "rich.table", "rich.progress"))}


def many_roadmaps(folder: Path, count: int) -> None:
    minimal = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"r{i:02}.yaml").write_text(minimal.replace("id: P3,", f"id: P3-{i},"), "utf-8")


def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    many_roadmaps(tmp_path, 25)
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    master, slave = pty.openpty()
    completed = subprocess.run(
        [*cli_command(), "report", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=slave,
        env=environment,
        timeout=60,
        check=False,
    )
    os.close(slave)
    drawn = _drain(master)
    assert completed.returncode == 0
    assert b"Reading roadmaps" in drawn
    assert b"Reading roadmaps" not in completed.stdout
    piped = run_cli("report", str(tmp_path), env={"NO_COLOR": ""})
    assert (piped.returncode, piped.stderr) == (0, "")


def _drain(fd: int) -> bytes:
    data = b""
    try:
        while chunk := os.read(fd, 4096):
            data += chunk
    except OSError:  # EIO once the writer has closed
        pass
    finally:
        os.close(fd)
    return data


def test_one_funders_part_of_a_roadmap() -> None:
    """Issue 17, item 19: `report --funder EU` shows the work the EU funds, with its money."""
    golden(
        "report/morocco.funder-eu.md",
        report("--country", "MA", "--funder", "eu", "-f", "markdown", COUNTRY_AS_OF),
    )
    whole = report("--country", "MA", "--format", "json", COUNTRY_AS_OF)
    part = report("--country", "MA", "--funder", "EU", "--format", "json", COUNTRY_AS_OF)
    assert '"funder": null' in whole
    assert '"funder": "EU"' in part
    assert '"key": "LU"' not in part.split('"by_funder"')[1].split('"by_year"')[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--country", "MA", "--funder", "EUU"], "did you mean `EU`?"),
        (["--funder", "EU"], "--funder needs --country"),
    ],
)
def test_a_funder_that_funds_nothing_is_a_usage_error(args: list[str], message: str) -> None:
    completed = run_cli("report", "roadmaps", *args, COUNTRY_AS_OF, cwd=ROOT)
    assert completed.returncode == 2
    assert message in completed.stderr
    assert "Traceback" not in completed.stderr


def test_indicator_values_share_their_decimals() -> None:
    """Issue 17, item 16: `7,20 -> 7,90 -> 10` read as three precisions; now one per line."""
    text = report("--country", "MA", COUNTRY_AS_OF)
    assert "15,1 -> 17,2 -> 24,0" in text
    assert "0 -> 9 -> 12" in text


# -- the partnership's other languages ------------------------------------------------------------


def test_kazakhstan_in_russian_has_russian_labels_and_numbers() -> None:
    completed = run_cli("report", str(ROADMAPS), "--country", "KZ", "--lang", "ru")
    assert completed.returncode == 0, completed.stderr
    assert "\nНаправления\n" in completed.stdout
    assert "Дорожная карта Партнерства по ВОУЗ – Казахстан" in completed.stdout  # its own text
    assert "20\u00a0535\u00a0000\u00a0$" in completed.stdout  # CLDR's Russian: no-break spaces
    assert "58 %" in completed.stdout.replace("\u00a0", " ")


def test_spanish_and_portuguese_reports_differ_and_leave_no_english_label() -> None:
    spanish = run_cli("report", str(ROADMAPS), "--country", "MA", "--lang", "es")
    portuguese = run_cli("report", str(ROADMAPS), "--country", "MA", "--lang", "pt")
    english = run_cli("report", str(ROADMAPS), "--country", "MA", "--lang", "en")
    assert spanish.returncode == portuguese.returncode == 0
    assert "\nEjes\n" in spanish.stdout
    assert "\nEixos\n" in portuguese.stdout
    assert spanish.stdout != portuguese.stdout
    headings = [line for line in english.stdout.splitlines() if line.istitle() and " " not in line]
    assert headings  # e.g. Axes, Indicators
    for heading in headings:
        assert f"\n{heading}\n" not in spanish.stdout
        assert f"\n{heading}\n" not in portuguese.stdout
