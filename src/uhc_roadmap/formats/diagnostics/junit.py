"""JUnit XML: one testsuite, one testcase per file, one ``<failure>`` per error.

Warnings and infos do not fail a file, so they go to the testcase's ``<system-out>``, where
CI test viewers show them beside it; under ``--strict`` warnings fail the run and become
``<failure>`` elements too.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity
from uhc_roadmap.formats.diagnostics.base import DiagnosticFormat, shown_name

# Characters XML 1.0 cannot carry at all, even escaped (control characters, lone surrogates).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Line breaks as LF (parsers turn a bare CR in text into LF anyway); what XML cannot
    carry as ``\\xNN``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 256 else "\ufffd", text)


def line_of(d: Diagnostic) -> str:
    return f"{shown_name(d.where)}: {d.code} {d.severity.value}: {d.message}"


class JunitFormat(DiagnosticFormat):
    name = "junit"

    def render(self, results: list[FileResult]) -> str:
        cases = [self._testcase(r) for r in results]
        failed = sum(1 for case in cases if case.find("failure") is not None)
        counts = {"tests": str(len(cases)), "failures": str(failed), "errors": "0"}
        suites = ET.Element("testsuites", {"name": "uhc-roadmap", **counts})
        suite = ET.SubElement(suites, "testsuite", {"name": "uhc-roadmap validate", **counts})
        suite.set("skipped", "0")
        suite.extend(cases)
        ET.indent(suites)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"

    def _fails(self, d: Diagnostic) -> bool:
        return d.severity is Severity.ERROR or (
            self.options.strict and d.severity is Severity.WARNING
        )

    def _testcase(self, result: FileResult) -> ET.Element:
        name = xml_safe(shown_name(result.file))
        case = ET.Element("testcase", {"classname": "uhc-roadmap", "name": name, "file": name})
        others: list[str] = []
        for d in result.diagnostics:
            if not self._fails(d):
                others.append(xml_safe(line_of(d)))
                continue
            failure = ET.SubElement(
                case, "failure", {"type": d.code, "message": xml_safe(d.message)}
            )
            failure.text = xml_safe(line_of(d) + (f"\nhint: {d.hint}" if d.hint else ""))
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(others)
        return case
