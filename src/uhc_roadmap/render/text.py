"""User text in documents: the requested language with a marked fallback, and Markdown escaping.

Every string that comes from a roadmap reaches the templates as a :class:`UserText`. In HTML,
autoescaping calls its ``__html__``, which escapes the text and marks a fallback language with
``lang``; in Markdown the environment's ``finalize`` calls :func:`markdown_text`, so a title can
neither inject raw HTML nor break a table, even in a user's template.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from markupsafe import Markup, escape

from uhc_roadmap.formats.markdown import escape as escape_markdown
from uhc_roadmap.model import Text


@dataclass(frozen=True, slots=True)
class UserText:
    """Text from a roadmap. ``lang`` is None when the format does not say (ids, units, refs)."""

    text: str
    lang: str | None = None
    fallback: bool = False

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    def __len__(self) -> int:
        return len(self.text)

    def __html__(self) -> str:
        body = escape(self.text)
        if not self.fallback or self.lang is None:
            return str(body)
        return str(
            Markup(
                '<span lang="{0}" dir="{2}" class="fallback">{1}</span>'
                '<sup class="lang-tag">{0}</sup>'
            ).format(self.lang, body, script_direction(self.lang))
        )


@cache
def script_direction(lang: str) -> str:
    """``rtl`` or ``ltr``: how a roadmap language's script runs (CLDR's; ``ltr`` for a code CLDR
    does not know). A fallback text carries it, so that French inside an Arabic document (or
    Arabic inside an English one) keeps its own direction, isolated from its neighbours."""
    from babel import Locale, UnknownLocaleError

    try:
        return "rtl" if Locale.parse(lang).text_direction == "rtl" else "ltr"
    except (UnknownLocaleError, ValueError):
        return "ltr"


def localise(text: Text, lang: str, default_lang: str) -> UserText:
    """``text`` in ``lang``, else in the roadmap's default language (marked as a fallback).

    A text without letters (``%``, ``‰``, ``m²``'s digits aside) reads the same in every
    language: it is never marked as a fallback (Q001 does not ask to translate it either)."""
    value, fell_back = text.get(lang, default_lang)
    fell_back = fell_back and any(char.isalpha() for char in value)
    return UserText(value, _language_of(text, lang, default_lang, fell_back), fell_back)


def _language_of(text: Text, lang: str, default_lang: str, fell_back: bool) -> str:
    if not fell_back:
        return lang
    if text.plain or default_lang in text.values:
        return default_lang
    return next(iter(text.values))


def markdown_text(value: UserText) -> str:
    """Escaped text, with a discreet ``*(fr)*`` after a fallback."""
    body = escape_markdown(value.text)
    if value.fallback and value.lang is not None:
        return f"{body} *({value.lang})*"
    return body


def markdown_url(url: str) -> str:
    """A link destination Markdown cannot misread: spaces, brackets and parentheses encoded."""
    return quote(url, safe=":/?#@!$&'*+,;=%-._~")
