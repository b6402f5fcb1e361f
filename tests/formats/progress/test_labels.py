"""Every label the report formats show has a translation in every language's catalogs."""

from __future__ import annotations

import ast
import io
from dataclasses import replace
from functools import cache

import pytest
from babel.messages.pofile import read_po

from tests.conftest import ROOT
from uhc_roadmap.formats.progress.labels import Labels
from uhc_roadmap.i18n import LANGUAGES, SOURCE_LANGUAGE, catalog_files
from uhc_roadmap.progress import IndicatorProgress

FORMATS = ROOT / "src" / "uhc_roadmap" / "formats"
PACKAGES = (FORMATS / "progress", FORMATS / "history")  # the history formats use these labels
CALLS = {"L", "labels", "gettext", "_"}


def msgids() -> set[tuple[str, ...]]:
    """String literals passed to L(...), self.labels(...), gettext, ngettext and _()."""
    found: set[tuple[str, ...]] = set()
    for path in (p for package in PACKAGES for p in package.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = (
                node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            )
            strings = tuple(
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            )
            wanted = 2 if name == "ngettext" else 1 if name in CALLS else 0
            if wanted and len(strings) == wanted:
                found.add(strings)
    return found


def test_the_formats_use_labels() -> None:
    assert len(msgids()) > 40


@cache
def translated_msgids(lang: str) -> frozenset[str]:
    """Every msgid with a translation in ``lang``, in any catalog of the tool."""
    found: set[str] = set()
    for path in catalog_files(lang):
        catalog = read_po(io.BytesIO(path.read_bytes()), locale=lang)
        for message in catalog:
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            if (
                msgid
                and message.string
                and all(message.string if isinstance(message.string, tuple) else [message.string])
            ):
                found.add(msgid)
    return frozenset(found)


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
@pytest.mark.parametrize("msgid", sorted(msgids()), ids=lambda m: m[0])
def test_label_is_translated(msgid: tuple[str, ...], lang: str) -> None:
    assert msgid[0] in translated_msgids(lang)


def test_french_plurals_follow_the_count() -> None:
    labels = Labels("fr")
    assert labels.status_count("completed", 1) == "1 achevée"
    assert labels.status_count("completed", 2) == "2 achevées"
    assert labels.days(1) == "1 jour"
    assert labels.days(2) == "2 jours"
    assert Labels("en").days(1) == "1 day"


@pytest.mark.parametrize(
    ("values", "shown"),
    [
        ((7.2, 7.9, 10.0), ["7,2", "7,9", "10,0"]),
        ((0.0, 9.0, 12.0), ["0", "9", "12"]),
        ((15.1, 17.25, 24.0), ["15,10", "17,25", "24,00"]),
        ((3800.0, None, 2200.0), ["3\u202f800", "–", "2\u202f200"]),
    ],
)
def test_values_side_by_side_share_their_decimals(
    values: tuple[float | None, ...], shown: list[str]
) -> None:
    """Issue 17, item 16: the terminal report read `7,20 -> 7,90 -> 10`."""
    indicator = replace(_NUMBER, baseline=values[0], latest=values[1], target=values[2])
    assert Labels("fr").measured_all(list(values), indicator) == shown


def test_percent_values_keep_their_sign_with_the_shared_decimals() -> None:
    indicator = replace(_NUMBER, measure="percent")
    assert Labels("en").measured_all([50.7, 45.2, 30.0], indicator) == ["50.7%", "45.2%", "30.0%"]


_NUMBER = IndicatorProgress(
    id="I",
    title="t",
    axis="A",
    activity=None,
    measure="number",
    unit=None,
    direction="increase",
    key=False,
    baseline=None,
    baseline_date=None,
    target=None,
    target_date=None,
    latest=None,
    latest_date=None,
    latest_region=None,
    latest_region_name=None,
    previous=None,
    achievement=None,
    expected=None,
    elapsed=None,
    status="no_data",
    trend=None,
)
