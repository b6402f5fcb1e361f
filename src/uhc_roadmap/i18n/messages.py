"""The user's language for messages, and validate's findings written in it.

The language is ``--lang``, else the configuration's ``language``, else the POSIX locale
(``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``: the first that is set decides), else English.

Findings are built in English by the rules and the loader (and cached so). A finding is
translated as it is printed: ``messages.po`` holds each message as a template with its values
named in braces (``unknown activity `{id}```); the English text is matched against the
templates and the translation written with the same values. A message without a template or
a translation stays English: never a half-translated or broken one. Codes, files, lines and
columns are never touched.

Nothing here is imported, and no catalog read, while the language is English.
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Mapping, Sequence
from functools import cache
from io import BytesIO
from pathlib import Path

from uhc_roadmap.diagnostics import Diagnostic, FileResult
from uhc_roadmap.i18n.languages import _CACHES, LANGUAGES, SOURCE_LANGUAGE

ENVIRONMENT = ("LC_ALL", "LC_MESSAGES", "LANG")
PART = "messages"


def user_language(
    option: str | None,
    configured: str | None,
    environ: Mapping[str, str],
    known: Sequence[str] | None = None,
) -> str:
    """The language messages are written in (see the module's docstring). A locale naming a
    language the tool has no catalog for (``de_DE.UTF-8``, ``C``) means English."""
    if option:
        return option
    if configured:
        return configured
    for name in ENVIRONMENT:
        value = environ.get(name)
        if value:
            code = value.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].lower()
            languages = LANGUAGES if known is None else known
            return code if code in languages else SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


@dataclasses.dataclass(frozen=True, slots=True)
class _Template:
    pattern: re.Pattern[str]
    translation: str


def translate_results(
    results: Sequence[FileResult], lang: str, folder: Path | None = None
) -> list[FileResult]:
    """``results`` with every message and hint that has a translation in ``lang`` translated."""
    if lang == SOURCE_LANGUAGE:
        return list(results)
    templates = _templates(lang, folder)
    return [FileResult(r.file, [_translated(d, templates) for d in r.diagnostics]) for r in results]


def translate(message: str, lang: str, folder: Path | None = None) -> str:
    """One English message in ``lang``, or as it is when no template matches."""
    if lang == SOURCE_LANGUAGE or not message:
        return message
    return _apply(message, _templates(lang, folder))


def _translated(diagnostic: Diagnostic, templates: tuple[_Template, ...]) -> Diagnostic:
    return dataclasses.replace(
        diagnostic,
        message=_apply(diagnostic.message, templates),
        hint=_apply(diagnostic.hint, templates) if diagnostic.hint else diagnostic.hint,
    )


def _apply(text: str, templates: tuple[_Template, ...]) -> str:
    for template in templates:
        found = template.pattern.fullmatch(text)
        if found is not None:
            return template.translation.format(**found.groupdict())
    return text


@cache
def _templates(lang: str, folder: Path | None) -> tuple[_Template, ...]:
    """The translated templates of ``lang``'s messages.po (the user's catalog, from
    ``--locale-dir``, first), the most specific first: longest literal text."""
    from babel.messages.pofile import read_po

    from uhc_roadmap.i18n import catalog_files

    found: dict[str, str] = {}
    for path in catalog_files(lang, folder):
        if path.name != f"{PART}.po":
            continue
        for message in read_po(BytesIO(path.read_bytes()), locale=None):
            msgid, text = message.id, message.string
            usable = isinstance(msgid, str) and isinstance(text, str) and not message.fuzzy
            if usable and msgid and text:
                found.setdefault(str(msgid), str(text))
    templates = [_Template(_pattern(msgid), text) for msgid, text in found.items()]
    templates.sort(key=lambda t: -len(_literal(t.pattern.pattern)))
    return tuple(templates)


_CACHES.append(_templates.cache_clear)


def _pattern(msgid: str) -> re.Pattern[str]:
    """``unknown activity `{id}``` -> a regular expression with a named group per value."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(msgid):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(f"(?P<{name}>.+?)")
    return re.compile("".join(parts), re.DOTALL)


def _literal(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>\.\+\?\)", "", pattern)
