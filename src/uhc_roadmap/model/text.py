"""Text: a plain string in the roadmap's default language, or a map of language to string."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

LANG_PATTERN = r"^[a-z]{2}$"


class Text:
    """Multilingual text. ``plain`` means written without a language, i.e. the default one."""

    __slots__ = ("plain", "values")

    def __init__(self, values: Mapping[str, str], *, plain: bool = False) -> None:
        self.values: dict[str, str] = dict(values)
        self.plain = plain

    @classmethod
    def of(cls, value: str) -> Text:
        return cls({"": value}, plain=True)

    def get(self, lang: str, default_lang: str) -> tuple[str, bool]:
        """The text in ``lang``; falls back to the default language. Returns (text, fell_back)."""
        if self.plain:
            return self.values[""], lang != default_lang
        if lang in self.values:
            return self.values[lang], False
        if default_lang in self.values:
            return self.values[default_lang], True
        return next(iter(self.values.values())), True

    def languages(self, default_lang: str) -> set[str]:
        return {default_lang} if self.plain else set(self.values)

    def dump(self) -> str | dict[str, str]:
        return self.values[""] if self.plain else dict(self.values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.values, self.plain) == (other.values, other.plain)

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.values.items())), self.plain))

    def __repr__(self) -> str:
        return f"Text({self.dump()!r})"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate_text,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda t: t.dump()),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # A blank string is refused like an empty one: `\S` asks for one visible character.
        one_string = {"type": "string", "minLength": 1, "pattern": r"\S"}
        return {
            "anyOf": [
                one_string,
                {
                    "type": "object",
                    "minProperties": 1,
                    "patternProperties": {LANG_PATTERN: one_string},
                    "additionalProperties": False,
                },
            ],
            "description": "Text in the default language, or a map of ISO 639-1 code to text",
        }


def _validate_text(value: Any) -> Text:
    if isinstance(value, Text):
        return value
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("text_empty", "text is empty")
        return Text.of(value)
    if isinstance(value, dict) and value:
        return Text({_lang_key(k): _lang_value(k, v) for k, v in value.items()})
    raise PydanticCustomError("text_type", "expected text or a map of language to text")


def _lang_key(key: Any) -> str:
    if not isinstance(key, str) or not re.fullmatch(LANG_PATTERN, key):
        raise PydanticCustomError(
            "text_language", "`{key}` is not a two-letter language code", {"key": str(key)}
        )
    return key


def _lang_value(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PydanticCustomError(
            "text_type", "the `{key}` text must be a non-empty string", {"key": key}
        )
    return value
