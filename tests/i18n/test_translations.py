"""The catalogs of a language are merged into one: no msgid may mean two things in them."""

from __future__ import annotations

from io import BytesIO

import pytest
from babel.messages.pofile import read_po

from uhc_roadmap.i18n import LANGUAGES, SOURCE_LANGUAGE, catalog_files, translations

TRANSLATED = [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_msgid_in_several_catalogs_has_one_translation(lang: str) -> None:
    """``translations`` merges the catalogs in name order, so a second, different translation
    of the same msgid would be silently ignored."""
    seen: dict[object, tuple[str, object]] = {}
    clashes = []
    for path in catalog_files(lang):
        for message in read_po(BytesIO(path.read_bytes()), locale=lang):
            if not message.id:
                continue
            key = (message.context, message.id)
            first = seen.setdefault(key, (path.name, message.string))
            if first[1] != message.string:
                clashes.append(f"{message.id!r}: {first[0]} and {path.name} differ")
    assert clashes == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_catalog_of_a_language_is_merged(lang: str) -> None:
    merged = translations(lang)
    for path in catalog_files(lang):
        catalog = read_po(BytesIO(path.read_bytes()), locale=lang)
        message = next((m for m in catalog if m.id and isinstance(m.id, str) and m.string), None)
        if message is not None:  # a part not yet translated (messages.po) holds no msgstr
            assert merged.gettext(message.id) == message.string, path.name


def test_a_part_is_translated_from_its_own_catalog_only() -> None:
    skeleton = translations("fr", "skeleton")
    assert skeleton.gettext("Ministry of Health") == "Ministère de la Santé"
    assert skeleton.gettext("Reference date") == "Reference date"  # a label of templates.po
    assert translations("fr").gettext("Reference date") != "Reference date"
    assert translations("fr", "no-such-part").gettext("Governance") == "Governance"
