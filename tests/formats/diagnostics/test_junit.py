"""JUnit XML parsed back: one testcase per file, a failure per error, the rest in system-out."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.formats.diagnostics.conftest import fixed_results
from uhc_roadmap.formats.diagnostics.base import DiagnosticOptions
from uhc_roadmap.formats.diagnostics.junit import JunitFormat


def parsed(strict: bool = False) -> ET.Element:
    return ET.fromstring(JunitFormat(DiagnosticOptions(strict=strict)).render(fixed_results()))


def test_one_suite_one_case_per_file() -> None:
    root = parsed()
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [r.file for r in fixed_results()]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "2", "0")
    assert root.get("failures") == "2"


def test_a_failure_per_error_and_warnings_in_system_out() -> None:
    morocco, kazakhstan, algeria, stdin = parsed().iter("testcase")
    assert [f.get("type") for f in morocco.findall("failure")] == ["Y002", "R006"]
    assert morocco.find("failure").text.startswith("roadmaps/morocco.yaml:17:1: Y002 error")  # type: ignore[union-attr]
    assert list(kazakhstan) == []
    assert algeria.find("failure") is None
    out = algeria.find("system-out").text.splitlines()  # type: ignore[union-attr]
    assert out[0].startswith("./roadmaps/alg, érie.yaml:42:57: B001 warning")
    assert out[-1].endswith("Q001 info: `title` has no `en` text | a `pipe|here`")
    assert stdin.find("failure").get("message") == "invalid YAML: bad\\x07 <char>"  # type: ignore[union-attr]


def test_strict_makes_warnings_failures_but_not_infos() -> None:
    algeria = list(parsed(strict=True).iter("testcase"))[2]
    assert [f.get("type") for f in algeria.findall("failure")] == ["B001"]
    assert "Q001 info" in algeria.find("system-out").text  # type: ignore[union-attr]
    assert parsed(strict=True).find("testsuite").get("failures") == "3"  # type: ignore[union-attr]
