"""Every catalog is complete against its template (``locale/<part>.pot``), and its plural forms
are those CLDR gives the language (checked through Babel).

The templates hold the English msgids; ``tests/render/test_catalogs.py`` holds the templates and
the render core against them (by extraction), these tests hold every language against the
templates: a msgid missing, left untranslated, marked fuzzy or with a placeholder lost fails here.
"""

from __future__ import annotations

import gettext
import re
from io import BytesIO
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from tests.conftest import ROOT
from uhc_roadmap.i18n import LANGUAGES, SOURCE_LANGUAGE, catalog_files
from uhc_roadmap.i18n.languages import language, locale_folder

LOCALE = Path(str(locale_folder()))
TEMPLATES = sorted(LOCALE.glob("*.pot"))
TRANSLATED = [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
BRACED = re.compile(r"(?<!\{)\{(\w+)\}")  # python-brace-format: {id}, not {{literal}}
# Integers enough to meet every CLDR plural category of an integer (Arabic's ``many`` is
# n % 100 in 11..99, so the hundreds matter); millions are CLDR's ``many`` in French,
# Spanish and Portuguese (``1 000 000 de jours``), a form the catalogs need not distinguish.
INTEGERS = range(1_000)
# Parts a language may leave partly untranslated (every msgid still listed, msgstr empty): the
# tool then prints the English text, never a broken one. Only the languages named must be
# complete. Validate's messages are complete in French (docs/languages.md).
PARTIAL = {"messages": {"fr"}}


def read(path: Path, lang: str | None = None) -> Catalog:
    return read_po(BytesIO(path.read_bytes()), locale=lang)


def msgids(catalog: Catalog) -> set[object]:
    return {(m.context, m.id) for m in catalog if m.id}


def test_there_are_templates() -> None:
    assert {t.stem for t in TEMPLATES} >= {"templates", "report", "diff", "render", "skeleton"}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_language_has_a_catalog_for_every_template_and_no_other(lang: str) -> None:
    assert [p.stem for p in catalog_files(lang)] == [t.stem for t in TEMPLATES]


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.stem)
def test_a_catalog_holds_exactly_its_templates_msgids(lang: str, template: Path) -> None:
    expected = msgids(read(template))
    catalog = read(LOCALE / lang / f"{template.stem}.po", lang)
    found = msgids(catalog)
    assert sorted(map(str, expected - found)) == [], f"missing from {lang}/{template.stem}.po"
    assert sorted(map(str, found - expected)) == [], f"not in {template.name}"


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.stem)
def test_every_message_is_translated_with_its_placeholders(lang: str, template: Path) -> None:
    catalog = read(LOCALE / lang / f"{template.stem}.po", lang)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        complete = lang in PARTIAL.get(template.stem, {lang})
        if message.fuzzy or (complete and not all(strings)):
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        if not all(strings):
            continue
        names = set(PLACEHOLDER.findall(ids[-1])) | set(BRACED.findall(ids[-1]))
        # A plural form for one number alone may spell the count out ("le jour même").
        optional = {"n", "count"} if len(ids) > 1 else set()
        for form in strings:
            found = set(PLACEHOLDER.findall(form)) | set(BRACED.findall(form))
            if not names - optional <= found <= names:
                problems.append(f"placeholders of {ids[0]!r}: {form!r}")
    # Babel's own checkers: python-format conversions and the number of plural forms.
    problems += [f"{m.id!r}: {e}" for m, errors in catalog.check() for e in errors]
    assert problems == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_plural_forms_are_cldrs(lang: str) -> None:
    """The catalog's Plural-Forms pick one form for each of CLDR's categories of an integer:
    Arabic six (zero, one, two, few, many, other), Russian three (one, few, many)."""
    cldr = Locale.parse(language(lang).locale).plural_form
    for path in catalog_files(lang):
        catalog = read(path, lang)
        form = gettext.c2py(catalog.plural_expr)
        pairs = {(cldr(n), form(n)) for n in INTEGERS}
        categories = {category for category, _ in pairs}
        assert len(pairs) == len(categories), f"{path.name}: {sorted(pairs)} is no bijection"
        assert catalog.num_plurals == len(categories), path.name
        assert {index for _, index in pairs} == set(range(catalog.num_plurals)), path.name


def test_arabic_and_russian_have_their_plural_forms() -> None:
    assert read(LOCALE / "ar" / "report.po", "ar").num_plurals == 6
    assert read(LOCALE / "ru" / "report.po", "ru").num_plurals == 3


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_machine_translated_catalog_says_so_and_the_docs_name_it(lang: str) -> None:
    """docs/languages.md tells which catalogs want a native speaker's review."""
    docs = (ROOT / "docs" / "languages.md").read_text(encoding="utf-8")
    for path in catalog_files(lang):
        # Babel keeps no unknown header field: the line is looked for as written.
        flagged = '"X-Machine-Translated: yes\\n"' in path.read_text(encoding="utf-8")
        row = re.search(rf"^\| `{lang}` \|.*$", docs, re.MULTILINE)
        assert row, f"docs/languages.md has no row for `{lang}`"
        assert ("native speaker" in row.group(0)) == flagged, (path, row.group(0))
