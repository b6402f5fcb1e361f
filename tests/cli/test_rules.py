"""`uhc-roadmap rules`: the listing, one rule explained, JSON and Markdown, and usage errors."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli
from uhc_roadmap.cli import app as app_module
from uhc_roadmap.rules import ALL_RULES
from uhc_roadmap.rules.docs import rules_markdown


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = app_module.main(["rules", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == [r.code for r in ALL_RULES]
    assert lines[[r.code for r in ALL_RULES].index("B001")].split()[1:3] == [
        "warning",
        "spent-above-planned",
    ]


@pytest.mark.parametrize("wanted", ["B001", "b001", "spent-above-planned"])
def test_explains_one_rule_by_code_or_name(capsys: pytest.CaptureFixture[str], wanted: str) -> None:
    code, out, _ = run(capsys, wanted)
    assert code == 0
    assert out.startswith("B001 spent-above-planned (warning, budget)")
    assert "Bad:" in out
    assert "Good:" in out


@pytest.mark.parametrize(
    ("wanted", "suggested"), [("B01", "B001"), ("spent-above", "B001"), ("I", "I001")]
)
def test_unknown_rule_is_a_usage_error_naming_close_codes(
    capsys: pytest.CaptureFixture[str], wanted: str, suggested: str
) -> None:
    code, out, err = run(capsys, wanted)
    assert code == 2
    assert out == ""
    assert f"unknown rule `{wanted}`" in err
    assert suggested in err
    assert len(err.strip().splitlines()) == 1


def test_json_listing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [r["code"] for r in data] == [r.code for r in ALL_RULES]
    b001 = next(r for r in data if r["code"] == "B001")
    assert b001["severity"] == "warning"
    assert b001["options"][0]["name"] == "tolerance"
    assert set(b001) == {
        "code", "name", "severity", "family", "summary", "description", "bad", "good", "options",
        "fixable",
    }  # fmt: skip
    assert b001["fixable"] is None
    s007 = next(r for r in data if r["code"] == "S007")
    assert "`15/06/2021` → `2021-06-15`" in s007["fixable"]


def test_json_of_one_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "Q001", "-f", "json")
    assert code == 0
    assert json.loads(out)["name"] == "missing-translation"


def test_markdown_prints_the_rules_reference(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--markdown")
    assert code == 0
    assert out == rules_markdown()


@pytest.mark.parametrize("args", [["--markdown", "B001"], ["--format", "xml"]])
def test_bad_combinations_are_usage_errors(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "uhc-roadmap: error:" in err


@pytest.mark.e2e
def test_installed_command_lists_and_explains() -> None:
    listed = run_cli("rules")
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == len(ALL_RULES)
    unknown = run_cli("rules", "Z999")
    assert unknown.returncode == 2
    assert "Traceback" not in unknown.stderr
