"""Each invalid fixture gives exactly the diagnostics written beside it, and each rule has one.

``tests/fixtures/invalid/<case>.yaml`` sits next to ``<case>.expected``: one
``CODE severity line:col`` per line (``B001 warning 25:75``), every finding the file must
produce, warnings and infos included. A line
``# options: name=value, ...`` there validates the file with those ValidationOptions (e.g.
``warn_unused_ignores=true``). Fixtures named ``<code>_<case>`` are the examples of that rule.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, read_expected
from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.rules import ALL_RULES, Rule
from uhc_roadmap.validation import RuleSelection, ValidationOptions, check_bytes

INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))


def options_of(expected_file: Path) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for line in expected_file.read_text(encoding="utf-8").splitlines():
        if line.startswith("# options:"):
            for item in line.removeprefix("# options:").split(","):
                name, _, value = item.strip().partition("=")
                options[name] = _value(value.strip())
    return options


def _value(text: str) -> Any:
    if text in ("true", "false"):
        return text == "true"
    return date.fromisoformat(text)


def found(path: Path, **options: Any) -> list[tuple[str, Severity, int, int]]:
    """Read as bytes: some fixtures are deliberately not UTF-8."""
    result = check_bytes(path.read_bytes(), path.name, ValidationOptions(**options)).result
    return sorted((d.code, d.severity, d.line, d.col) for d in result.diagnostics)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_gives_exactly_its_expected_diagnostics(path: Path) -> None:
    expected_file = path.with_suffix(".expected")
    assert expected_file.exists(), f"{expected_file.name} is missing"
    expected = sorted(read_expected(expected_file))
    assert expected, f"{expected_file.name} expects nothing; an invalid fixture must fail"
    assert found(path, **options_of(expected_file)) == expected


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_gives_no_error(path: Path) -> None:
    result = check_bytes(path.read_bytes(), path.name).result
    assert [str(d) for d in result.diagnostics if d.severity is Severity.ERROR] == []


@pytest.mark.parametrize("name", ["minimal", "full"])
def test_minimal_and_full_roadmaps_give_no_diagnostic_at_all(name: str) -> None:
    assert found(FIXTURES / "valid" / f"{name}.yaml") == []


def test_every_expected_file_has_its_fixture() -> None:
    orphans = [p.name for p in (FIXTURES / "invalid").glob("*.expected")]
    orphans = [n for n in orphans if not (FIXTURES / "invalid" / n).with_suffix(".yaml").exists()]
    assert orphans == []


@pytest.mark.parametrize(
    # X findings come from workbooks, not YAML files: tests/spreadsheets/test_reader.py builds
    # a workbook that gives each X code.
    "rule",
    [r for r in ALL_RULES if r.family != "X"],
    ids=lambda r: r.code,
)
def test_every_rule_has_a_fixture_that_triggers_it(rule: type[Rule]) -> None:
    own = [p for p in INVALID if p.name.upper().startswith(rule.code + "_")]
    assert own, f"add tests/fixtures/invalid/{rule.code.lower()}_<case>.yaml and its .expected"
    triggered = [p for p in own if rule.code in _codes(p.with_suffix(".expected"))]
    assert triggered, f"no {rule.code.lower()}_* fixture expects {rule.code}"


def _codes(expected_file: Path) -> set[str]:
    return {code for code, _, _, _ in read_expected(expected_file)}


def test_fixture_options_are_read() -> None:
    """The options line is honoured: a reference date moved back makes a past date future."""
    path = FIXTURES / "invalid" / "d003_actual_after_as_of.yaml"
    assert [c for c, _, _, _ in found(path)] == ["D003", "D003"]
    moved = found(path, as_of=date(2023, 1, 1))
    assert moved == []


def test_an_expected_line_without_its_severity_is_refused_with_its_place(tmp_path: Path) -> None:
    expected_file = tmp_path / "q002_case.expected"
    expected_file.write_text("# a case\nQ002 info 3:5\nQ002 7:5\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"q002_case.expected:3: `Q002 7:5` is not `CODE severity"):
        read_expected(expected_file)


def test_the_severity_of_a_finding_is_compared() -> None:
    path = FIXTURES / "invalid" / "b001_overspent.yaml"
    assert ("B001", Severity.WARNING, 25, 75) in read_expected(path.with_suffix(".expected"))
    relevelled = found(path, selection=RuleSelection(severities={"B001": Severity.ERROR}))
    assert ("B001", Severity.ERROR, 25, 75) in relevelled
    assert relevelled != sorted(read_expected(path.with_suffix(".expected")))
