"""`uhc-roadmap regions`: a country's ISO 3166-2 codes with their names, text and JSON."""

from __future__ import annotations

import json

import pytest

from uhc_roadmap.cli import app as app_module


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = app_module.main(["regions", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_senegal_lists_its_fourteen_regions_in_english_and_french(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "SN")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Senegal (SN): 14 ISO 3166-2 codes"
    assert lines[1].split() == ["code", "en", "fr", "type"]
    assert lines[3].split() == ["SN-DK", "Dakar", "Dakar", "region"]
    assert len(lines) == 2 + 14


def test_one_language_and_a_country_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "Maroc", "--lang", "fr")
    assert code == 0
    assert out.splitlines()[0] == "Maroc (MA): 87 ISO 3166-2 codes"
    assert out.splitlines()[2].split() == ["MA-01", "Tanger-Tétouan-Al", "Hoceïma", "region"]


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "SN", "--format", "json")
    assert code == 0
    items = json.loads(out)
    assert items[1] == {"code": "SN-DK", "names": {"en": "Dakar", "fr": "Dakar"}, "type": "region"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Senegl"], "unknown country `Senegl`; did you mean Senegal (SN)?"),
        (["SN", "--lang", "xx"], "no labels for `xx`"),
        (["SN", "--format", "csv"], "unknown format `csv`"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1


def test_a_country_without_subdivisions_says_what_to_write(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "AQ")
    assert code == 0
    assert "write `regions: []` (national)" in out
