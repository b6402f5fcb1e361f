"""Helpers of the IATI tests: the official schema, examples exported once, parsed with lxml."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROADMAPS, ROOT
from uhc_roadmap.config import IatiSettings
from uhc_roadmap.formats.export.iati import IatiFormat, identifier
from uhc_roadmap.model import Roadmap
from uhc_roadmap.validation import check_bytes

etree = pytest.importorskip("lxml.etree", reason="the IATI export needs lxml (the iati extra)")

SCHEMAS = ROOT / "src" / "uhc_roadmap" / "data" / "iati" / "schemas"
EXAMPLES = [
    *sorted(ROADMAPS.glob("*.yaml")),
    *sorted((FIXTURES / "valid").glob("*.yaml")),
]
# After every date of the examples (Algeria's as_of is 2026-06-30): nothing lies in the future.
GENERATED = datetime(2026, 7, 1, tzinfo=UTC)
WHO = IatiSettings.model_validate(
    {
        "reporting_org": {
            "ref": "XM-DAC-928",
            "type": 40,
            "name": {
                "en": "World Health Organization",
                "fr": "Organisation mondiale de la Santé",
                "ar": "منظمة الصحة العالمية",
                "ru": "Всемирная организация здравоохранения",
            },
        }
    }
)


@cache
def official_schema() -> etree.XMLSchema:
    """IATI's activity schema as published; it includes and imports the files beside it."""
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "iati-activities-schema.xsd")))


@cache
def load(path: Path) -> Roadmap:
    checked = check_bytes(path.read_bytes(), path.name)
    assert checked.roadmap is not None, checked.result.diagnostics
    assert not checked.result.has_errors, checked.result.diagnostics
    return checked.roadmap


@cache
def exported(path: Path) -> bytes:
    return IatiFormat(WHO, GENERATED).export(load(path))


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def by_activity(root: etree._Element, roadmap: Roadmap) -> dict[str, etree._Element]:
    """Each roadmap activity's iati-activity, by the roadmap's activity id."""
    found = {}
    for activity in roadmap.activities:
        [element] = root.xpath(
            "iati-activity[iati-identifier = $id]", id=identifier(WHO, roadmap, activity)
        )
        found[activity.id] = element
    return found
