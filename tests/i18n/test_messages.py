"""The user's language for messages, and validate's findings translated from messages.po."""

from __future__ import annotations

from pathlib import Path

import pytest

from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity
from uhc_roadmap.i18n import LANGUAGES, use_locale_dir
from uhc_roadmap.i18n.languages import forget_locale_dirs
from uhc_roadmap.i18n.messages import translate, translate_results, user_language

KNOWN = ("ar", "en", "es", "fr", "pt", "ru")


@pytest.mark.parametrize(
    ("option", "configured", "environ", "expected"),
    [
        ("ru", "fr", {"LANG": "es_ES.UTF-8"}, "ru"),  # --lang first
        (None, "fr", {"LANG": "es_ES.UTF-8"}, "fr"),  # then the configuration
        (None, None, {"LC_ALL": "pt_PT.UTF-8", "LANG": "fr_FR"}, "pt"),  # LC_ALL wins
        (None, None, {"LC_MESSAGES": "ar_MA.UTF-8", "LANG": "fr_FR"}, "ar"),
        (None, None, {"LANG": "fr_FR.UTF-8"}, "fr"),
        (None, None, {"LANG": "fr_CA@euro"}, "fr"),
        (None, None, {"LANG": "de_DE.UTF-8"}, "en"),  # no catalog: English
        (None, None, {"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),  # the first set decides
        (None, None, {"LC_ALL": "", "LANG": "fr_FR.UTF-8"}, "fr"),  # an empty one is unset
        (None, None, {}, "en"),
    ],
)
def test_the_language_of_messages(
    option: str | None, configured: str | None, environ: dict[str, str], expected: str
) -> None:
    assert user_language(option, configured, environ, KNOWN) == expected


def finding(message: str, hint: str = "") -> Diagnostic:
    return Diagnostic("R004", Severity.ERROR, "m.yaml", 30, 18, message, hint)


def test_a_finding_is_translated_with_its_values_and_keeps_its_place() -> None:
    [result] = translate_results(
        [FileResult("m.yaml", [finding("unknown activity `GOV-1`", "did you mean `GOV-01`?")])],
        "fr",
    )
    [translated] = result.diagnostics
    assert translated.message == "activité inconnue `GOV-1`"
    assert translated.hint == "vouliez-vous dire `GOV-01` ?"
    assert (translated.code, translated.line, translated.col) == ("R004", 30, 18)


def test_the_most_specific_template_wins() -> None:
    hint = "did you mean `ongoing`? (expected one of: planned, ongoing)"
    assert (
        translate(hint, "fr")
        == "vouliez-vous dire `ongoing` ? (valeurs possibles : planned, ongoing)"
    )


def test_a_message_without_a_translation_stays_english() -> None:
    assert translate("a message no template knows", "fr") == "a message no template knows"
    # Russian has the templates but no translation yet: English, never a broken string.
    assert translate("unknown activity `GOV-1`", "ru") == "unknown activity `GOV-1`"
    assert translate("unknown activity `GOV-1`", "en") == "unknown activity `GOV-1`"


def test_braces_in_a_message_are_literal_in_its_template() -> None:
    hint = "write it as {fr: ..., en: ...}"
    assert translate(hint, "fr") == "écrivez-le {fr: ..., en: ...}"


def test_a_users_catalog_overrides_and_adds(tmp_path: Path) -> None:
    """--locale-dir: the user's messages.po wins over the tool's, and adds a language."""
    for code, text in (("fr", "activité introuvable `{id}`"), ("eo", "nekonata agado `{id}`")):
        (tmp_path / code).mkdir()
        (tmp_path / code / "messages.po").write_text(
            f'msgid ""\nmsgstr ""\n"Language: {code}\\n"\n\n'
            f'msgid "unknown activity `{{id}}`"\nmsgstr "{text}"\n',
            encoding="utf-8",
        )
    try:
        use_locale_dir(tmp_path)
        assert "eo" in LANGUAGES
        assert translate("unknown activity `X`", "fr") == "activité introuvable `X`"
        assert translate("unknown activity `X`", "eo") == "nekonata agado `X`"
        assert translate("unknown axis `GOUV`", "fr") == "axe inconnu `GOUV`"  # the tool's
    finally:
        forget_locale_dirs()
    assert "eo" not in LANGUAGES
    assert translate("unknown activity `X`", "fr") == "activité inconnue `X`"
