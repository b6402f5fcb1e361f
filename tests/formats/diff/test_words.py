"""The words of the diff: each change named with its year, in the roadmap's language."""

from __future__ import annotations

import ast
import re

import pytest

from tests.authoring.conftest import case
from tests.conftest import ROOT
from tests.formats.progress.test_labels import translated_msgids
from uhc_roadmap.authoring.diff import diff_roadmaps
from uhc_roadmap.formats.diff.words import Words, words_language
from uhc_roadmap.i18n import LANGUAGES, SOURCE_LANGUAGE

PACKAGE = ROOT / "src" / "uhc_roadmap" / "formats" / "diff"
CALLS = {"words", "self", "N_"}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def msgids() -> set[tuple[str, ...]]:
    """String literals passed to words(...), self(...) in Words, N_(...) and ngettext."""
    found: set[tuple[str, ...]] = set()
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            strings = tuple(
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            )
            if name == "ngettext" and len(strings) == 2:
                found.add(strings)
            elif name in CALLS and strings:
                found.add(strings[:1])
    return found


def test_the_formats_use_words() -> None:
    assert len(msgids()) > 60


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
@pytest.mark.parametrize("msgid", sorted(msgids()), ids=lambda m: m[0])
def test_every_phrase_is_translated(msgid: tuple[str, ...], lang: str) -> None:
    assert msgid[0] in translated_msgids(lang)


def phrases(lang: str | None) -> list[str]:
    diff = diff_roadmaps(*case("quarterly"), lang)
    words = Words(lang)
    return words.changes(diff.changed[0], diff.currency)


def test_a_quarterly_update_names_each_change_and_the_year() -> None:
    assert phrases("en") == [
        "status: ongoing → completed",
        "progress: 40% → 100%",
        "actual end: (none) → 2022-06-15",
        "milestone done: FIN-01.M1 “Decree adopted” on 2022-05-12 (due 2022-03-31, 42 days late)",
        "milestone done on: FIN-01.M2 “Workshop” 2021-10-05 → 2021-09-28",
        "budget 2021 EU: spent 41,200 → 52,400",
        "budget 2022 EU: committed 0 → 15,000",
        "lead: MSAS → WHO",
        "partners: added LU",
        "regions: added SN-TC",
    ]


def test_in_french_numbers_and_words_are_french() -> None:
    found = phrases("fr")
    assert "avancement : 40\u00a0% → 100\u00a0%" in found  # CLDR's no-break space
    assert "budget 2021 EU : dépensé 41\u202f200 → 52\u202f400" in found  # narrow one
    assert "fin effective : (vide) → 2022-06-15" in found


def test_a_budget_line_in_another_currency_names_it() -> None:
    diff = diff_roadmaps(*case("quarterly"))
    change = diff.changed[0].budget[0]
    assert Words("en").budget(change, "XOF") == "budget 2021 EU: spent 41,200 → 52,400"
    assert Words("en").budget(change, "USD") == "budget 2021 EU (XOF): spent 41,200 → 52,400"


def test_a_roadmap_language_without_labels_gets_english() -> None:
    assert words_language("de") == "en"
    assert words_language(None) == "en"
    assert Words("de")("status: %(old)s → %(new)s", old="a", new="b") == "status: a → b"


def test_days_and_plurals() -> None:
    assert Words("fr").timing(1) == "1 jour de retard"
    assert Words("fr").timing(-2) == "2 jours d’avance"
    assert Words("en").timing(0) == "on time"
    assert Words("en").signed_days(-3) == "−3 days"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
@pytest.mark.parametrize("msgid", sorted(msgids()), ids=lambda m: m[0])
def test_placeholders_survive_translation(msgid: tuple[str, ...], lang: str) -> None:
    words = Words(lang)
    if len(msgid) == 2:
        translated = [words.ngettext(*msgid, n) for n in (1, 2)]
    else:
        translated = [words.gettext(msgid[0])]
    for text in translated:
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(msgid[-1])), text
