"""The checks before writing catch what IATI's validator would: the schema, the Standard
ruleset's rules by their number, the codelists. Each case breaks a good document one way."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from tests.conftest import ROADMAPS
from tests.formats.export.conftest import SCHEMAS, etree, exported
from uhc_roadmap.codelists import iati_folder
from uhc_roadmap.formats.export import iati_checks
from uhc_roadmap.formats.export.iati_checks import CHECKS, check_document

NOW = datetime(2026, 7, 1, tzinfo=UTC)
Edit = Callable[[etree._Element], None]

# The files as IATI publishes them (IATI-Schemas 4c9ba1e, IATI-Rulesets version-2.03 a88f835):
# a changed byte means the checks no longer apply IATI's own rules.
OFFICIAL = {
    "schemas/iati-activities-schema.xsd": "62c91a66c82ee26864d5e6c3f4bd6358de14d3aec69bc649db85da9f9a0792bc",
    "schemas/iati-common.xsd": "322692e4ea1f4434b154855f381eb4bd972aaa2e1349dfaf9578b775ad6c9c6b",
    "schemas/xml.xsd": "61960fb3131e38022caad5360e2f33a3382578ab3c80cd58bd74320ede61b20c",
}


@pytest.mark.parametrize(("name", "digest"), OFFICIAL.items())
def test_the_shipped_schema_is_the_official_one(name: str, digest: str) -> None:
    """Both the copy in the source tree and the one the tool reads (installed, in the floors'
    environment) are IATI's bytes."""
    for path in (iati_folder() / name, SCHEMAS / name.split("/")[1]):
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, path


def test_the_shipped_ruleset_is_iatis_version_2_03() -> None:
    ruleset = iati_checks.standard_ruleset()
    assert (
        ruleset["/iati-activities/iati-activity/budget"]["time_limit"]["cases"][0]["ruleInfo"]["id"]
        == "7.5.3"
    )
    assert (iati_folder() / "rulesets" / "LICENSE").read_text().startswith("The MIT License")


def rule_names(ruleset: dict[str, dict[str, dict[str, list[dict[str, object]]]]]) -> set[str]:
    found = set()
    for rules in ruleset.values():
        for name, body in rules.items():
            found.add(name)
            if name == "loop":
                for case in body["cases"]:
                    found.update(case["do"])  # type: ignore[arg-type]
    return found


def test_every_rule_of_the_ruleset_can_be_applied() -> None:
    names = rule_names(iati_checks.standard_ruleset())
    assert names - {"loop"} <= set(CHECKS)


def good() -> etree._Element:
    return etree.fromstring(exported(ROADMAPS / "morocco.yaml"))


def failures_after(edit: Edit) -> list[str]:
    root = good()
    edit(root)
    return check_document(etree.tostring(root), NOW)


def test_a_good_document_passes_every_check() -> None:
    assert check_document(etree.tostring(good()), NOW) == []


def first(root: etree._Element, path: str) -> etree._Element:
    found = root.xpath(f"iati-activity[1]/{path}")
    assert found, path
    element: etree._Element = found[0]
    return element


def set_attribute(path: str, name: str, value: str) -> Edit:
    return lambda root: first(root, path).set(name, value)


def remove(path: str) -> Edit:
    def edit(root: etree._Element) -> None:
        element = first(root, path)
        parent = element.getparent()
        assert parent is not None
        parent.remove(element)

    return edit


def add(path: str, xml: str) -> Edit:
    return lambda root: first(root, path).append(etree.fromstring(xml))


def both(*edits: Edit) -> Edit:
    def edit(root: etree._Element) -> None:
        for one in edits:
            one(root)

    return edit


def duplicate_first_activity(root: etree._Element) -> None:
    root.append(etree.fromstring(etree.tostring(root[0])))


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (remove("title"), "XSD: "),
        (set_attribute("activity-status", "code", "7"), "not in the ActivityStatus codelist"),
        (set_attribute("sector", "code", "12100"), "not in the Sector codelist"),
        (set_attribute("activity-date[@type = '1']", "iso-date", "2017-01-01"), "IATI rule 11.1.2"),
        (set_attribute("activity-date[@type = '2']", "iso-date", "2027-01-01"), "IATI rule 11.1.4"),
        (set_attribute("budget/period-end", "iso-date", "2017-06-30"), "IATI rule 7.5.3"),
        (set_attribute("budget/period-end", "iso-date", "2015-06-30"), "IATI rule 8.6.3"),
        (
            set_attribute("transaction/transaction-date", "iso-date", "2027-01-01"),
            "IATI rule 11.2.1",
        ),
        (set_attribute("transaction/value", "value-date", "2027-01-01"), "IATI rule 11.2.2"),
        (set_attribute("sector", "percentage", "150"), "IATI rule 12.3.1"),
        (set_attribute("sector", "percentage", "50"), "IATI rule 2.1.4"),
        (set_attribute("iati-identifier", "x", "1"), "XSD: "),
        (
            lambda root: setattr(first(root, "iati-identifier"), "text", "XM-DAC-9-GOV-01"),
            "IATI rule 1.1.21",
        ),
        (
            lambda root: setattr(first(root, "iati-identifier"), "text", "XM-DAC-928"),
            "IATI rule 1.1.3",
        ),
        (
            lambda root: setattr(first(root, "iati-identifier"), "text", "XM-DAC-928-A/B"),
            "IATI rule 1.3.13",
        ),
        (
            lambda root: setattr(first(root, "iati-identifier"), "text", " XM-DAC-928-GOV-01"),
            "IATI rule 1.3.1",
        ),
        (
            both(
                lambda root: root[0].attrib.pop("{http://www.w3.org/XML/1998/namespace}lang"),
                lambda root: first(root, "title/narrative").attrib.clear(),
            ),
            "IATI rule 4.1.1",
        ),
        (lambda root: root[0].attrib.pop("default-currency"), "IATI rule 7.8.1"),
        (remove("sector"), "IATI rule 6.2.2"),
        (
            both(
                add(".", '<sector vocabulary="2" code="121" percentage="60"/>'),
                add(".", '<sector vocabulary="2" code="122" percentage="30"/>'),
            ),
            "IATI rule 2.1.2",  # a `loop` rule: $1 is the vocabulary
        ),
        (set_attribute("result/indicator/baseline", "value", "n/a"), "IATI rule 8.8.2"),
        (
            lambda root: first(root, "result/indicator/period/target").attrib.pop("value"),
            "IATI rule 8.9.1",
        ),
        (duplicate_first_activity, "given to two activities"),
    ],
)
def test_each_broken_document_fails_the_named_check(edit: Edit, expected: str) -> None:
    failures = failures_after(edit)
    assert any(expected in f for f in failures), failures


def test_a_failure_names_the_rule_its_activity_and_its_message() -> None:
    [failure] = failures_after(set_attribute("budget/period-end", "iso-date", "2017-06-30"))
    assert failure == (
        "IATI rule 7.5.3 (error) fails in XM-DAC-928-UHCP-III-GOV-01: Budget Period must not be "
        "longer than one year."
    )


def test_the_codelists_ship_with_their_sources() -> None:
    shipped = json.loads((iati_folder() / "codelists.json").read_text(encoding="utf-8"))
    assert set(shipped["sources"]) == {"IATI/IATI-Codelists", "IATI/IATI-Codelists-NonEmbedded"}
    mapped = {m["codelist"] for m in iati_checks.codelist_mapping()}
    assert {"ActivityStatus", "Sector", "Currency", "FileFormat"} <= mapped
    assert shipped["codelists"]["FileFormat"]["subset"] is True
