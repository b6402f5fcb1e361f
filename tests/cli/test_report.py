"""`report` options in-process: country lookup, phases, sorting, formats, invalid input."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROADMAPS
from uhc_roadmap.cli import app as app_module

AS_OF = "--as-of=2022-06-30"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example roadmaps under roadmaps/, run from its root."""
    shutil.copytree(ROADMAPS, tmp_path / "roadmaps")
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = app_module.main(["report", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("query", ["MA", "mar", "Morocco", "Maroc", "maroc"])
def test_every_way_of_naming_morocco(
    repo: Path, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    code, out, _ = run(capsys, "--country", query, AS_OF, "-f", "json")
    assert code == 0
    assert json.loads(out)["roadmap"]["country"] == "MA"


def test_default_language_is_the_roadmaps_first(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--country", "MA")[1].startswith("Maroc (MA) · Feuille de route")
    assert run(capsys, "--country", "KZ")[1].startswith("Kazakhstan (KZ) · UHC Partnership")
    assert run(capsys, "--country", "MA", "--lang", "en")[1].startswith("Morocco (MA) · UHC")


def test_as_of_defaults_to_the_roadmap_and_can_be_set(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    default = json.loads(run(capsys, "--country", "MA", "-f", "json")[1])
    assert default["roadmap"]["as_of"] == "2021-09-30"
    later = json.loads(run(capsys, "--country", "MA", AS_OF, "-f", "json")[1])
    assert later["roadmap"]["as_of"] == "2022-06-30"


def test_unknown_country_lists_the_countries_found(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--country", "Atlantis")
    assert (code, out) == (2, "")
    assert "countries found: Algeria (DZ), Kazakhstan (KZ), Morocco (MA)" in err


def test_latest_phase_by_default_and_phase_picks_another(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = (repo / "roadmaps" / "morocco.yaml").read_text(encoding="utf-8")
    old = old.replace("id: UHCP-III, start: 2016-01-01", "id: UHCP-II, start: 2014-01-01")
    (repo / "roadmaps" / "morocco-2014.yaml").write_text(old, encoding="utf-8")
    latest = json.loads(run(capsys, "--country", "MA", "-f", "json")[1])
    assert latest["roadmap"]["phase"]["id"] == "UHCP-III"
    older = json.loads(run(capsys, "--country", "MA", "--phase", "UHCP-II", "-f", "json")[1])
    assert older["roadmap"]["phase"]["id"] == "UHCP-II"
    code, _, err = run(capsys, "--country", "MA", "--phase", "UHCP-I")
    assert code == 2
    assert "phases found: UHCP-III, UHCP-II" in err
    portfolio = json.loads(run(capsys, "-f", "json")[1])
    assert [r["phase"] for r in portfolio["countries"] if r["country"] == "MA"] == ["UHCP-III"]


def test_an_invalid_roadmap_is_not_reported_on(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo / "roadmaps" / "morocco.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[PHC-03]", "[PHC-99]"), "utf-8")
    code, out, err = run(capsys, "--country", "MA")
    assert (code, out) == (1, "")
    assert "roadmaps/morocco.yaml:300:18: R004 error: unknown activity `PHC-99`" in err
    assert run(capsys)[0] == 1
    assert run(capsys, "--country", "KZ")[0] == 0


def test_a_file_that_is_no_roadmap_blocks_every_report(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "roadmaps" / "broken.yaml").write_text("country: [\n", encoding="utf-8")
    code, out, err = run(capsys, "--country", "KZ")
    assert (code, out) == (1, "")
    assert "roadmaps/broken.yaml:" in err


def test_portfolio_sorting(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def order(*args: str) -> list[str]:
        text = run(capsys, "-f", "csv", *args)[1]
        return [row["country"] for row in csv.DictReader(io.StringIO(text))]

    assert order() == ["DZ", "KZ", "MA"]
    assert order("--sort", "completion") == ["KZ", "DZ", "MA"]
    assert order("--sort=-completion") == ["MA", "DZ", "KZ"]
    assert order("--sort", "completion", "--reverse") == ["MA", "DZ", "KZ"]
    assert order("--sort", "overdue", "--reverse") == ["MA", "DZ", "KZ"]
    code, _, err = run(capsys, "--sort", "colour")
    assert code == 2
    assert "columns: country" in err


def test_usage_errors_exit_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for args in (
        ["--country", "MA", "--lang", "de"],
        ["--country", "MA", "--format", "pdf"],
        ["--country", "MA", "--format", "csv", "--section", "nope"],
        ["--country", "MA", "--section", "axes"],
        ["--phase", "UHCP-III"],
        ["--as-of", "2021-13-01"],
        ["missing/"],
    ):
        code, out, err = run(capsys, *args)
        assert (code, out) == (2, ""), args
        assert err.startswith("uhc-roadmap: error: "), args


def test_output_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--country", "DZ", "-f", "markdown", "-o", "dz.md")
    assert (code, out) == (0, "")
    assert (repo / "dz.md").read_text(encoding="utf-8").startswith("# Algérie — ")
    code, _, err = run(capsys, "--country", "DZ", "-o", "nowhere/dz.md")
    assert code == 2
    assert "does not exist" in err


def test_window_changes_the_upcoming_milestones(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def upcoming(*args: str) -> int:
        document = json.loads(run(capsys, "--country", "MA", "-f", "json", *args)[1])
        return len(document["roadmap"]["milestones"]["upcoming"])

    assert (upcoming(), upcoming("--window", "30"), upcoming("--window", "365")) == (1, 0, 2)


def test_configured_folder_and_exclude(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "roadmaps").rename(repo / "plans")
    (repo / "pyproject.toml").write_text(
        '[tool.uhc-roadmap]\nroadmaps = "plans"\nexclude = ["plans/algeria.yaml"]\n', "utf-8"
    )
    code, out, _ = run(capsys, "-f", "csv")
    assert code == 0
    assert [row["country"] for row in csv.DictReader(io.StringIO(out))] == ["KZ", "MA"]
    (repo / "pyproject.toml").write_text('[tool.uhc-roadmap]\nroadmap = "plans"\n', "utf-8")
    code, out, err = run(capsys)
    assert (code, out) == (2, "")
    assert "roadmap" in err


def test_the_portfolio_table_in_french_writes_french_words_and_numbers(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--lang", "fr")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Portefeuille : 3 pays"
    assert max(len(line) for line in lines) <= 80
    # The long French headers wrap, never a country's name inside a word.
    assert "Kazakhstan" in out
    assert "Exécuté" in out
    assert "En bonne" in out
    morocco = next(line for line in lines if line.startswith("Maroc (MA)"))
    assert "30 sept. 2021" in morocco
    assert "73\u00a0%" in morocco  # CLDR's French percent, not 73%
    assert "%" not in morocco.replace("\u00a0%", "")
