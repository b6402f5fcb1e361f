"""Every label the report formats show has a translation in every language's catalogs."""

from __future__ import annotations

import ast
import io
from functools import cache

import pytest
from babel.messages.pofile import read_po

from tests.conftest import ROOT
from uhc_roadmap.formats.progress.labels import Labels
from uhc_roadmap.i18n import LANGUAGES, SOURCE_LANGUAGE, catalog_files

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
