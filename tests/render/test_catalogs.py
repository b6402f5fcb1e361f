"""Every label of the templates and of the render core has a translation in every language.

The msgids are extracted the way translators' tools do (Babel's Jinja2 and Python extractors), so
a label added to a template without a translation fails here rather than in front of a reader.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from uhc_roadmap.i18n import LANGUAGES, SOURCE_LANGUAGE, catalog_files, translations
from uhc_roadmap.render.folders import builtin_folder

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "uhc_roadmap"
CORE = (PACKAGE / "render", PACKAGE / "site")  # the site's chart labels are the templates' kin
JINJA = {"extensions": "jinja2.ext.loopcontrols", "trimmed": "true"}
TRANSLATED = [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]


def template_msgids() -> set[str]:
    found = extract_from_dir(
        str(builtin_folder()),
        method_map=[("**.j2", "jinja2.ext:babel_extract")],
        options_map={"**.j2": JINJA},
    )
    return {_singular(message) for _, _, message, _, _ in found}


def core_msgids() -> set[str]:
    found = [
        message
        for folder in CORE
        for _, _, message, _, _ in extract_from_dir(
            str(folder), method_map=[("**.py", "python")], keywords={"N_": None, "_": None}
        )
    ]
    return {_singular(message) for message in found}


def language_catalog(lang: str) -> dict[str, str]:
    """msgid -> msgstr over every catalog of ``lang`` (a word may be the same as in English)."""
    found: dict[str, str] = {}
    for path in catalog_files(lang):
        catalog = read_po(BytesIO(path.read_bytes()), locale=lang)
        for message in catalog:
            if message.id and message.string and not message.fuzzy:
                found.setdefault(_singular(message.id), _singular(message.string))
    return found


def _singular(message: str | tuple[str, ...]) -> str:
    return message if isinstance(message, str) else message[0]


def test_templates_have_labels() -> None:
    assert len(template_msgids()) > 50


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("source", ["templates", "core"])
def test_every_label_has_a_translation(source: str, lang: str) -> None:
    msgids = template_msgids() if source == "templates" else core_msgids()
    translated = language_catalog(lang)
    missing = sorted(m for m in msgids if m not in translated)
    assert missing == [], f"add these to src/uhc_roadmap/i18n/locale/{lang}/*.po: {missing}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_survive_translation(lang: str) -> None:
    catalog = translations(lang)
    for msgid in template_msgids() | core_msgids():
        if "%(" in msgid:
            names = sorted(part.split(")")[0] for part in msgid.split("%(")[1:])
            translated = catalog.gettext(msgid)
            assert sorted(p.split(")")[0] for p in translated.split("%(")[1:]) == names, msgid
