"""pydantic errors rewritten, by error type, into located plain-language diagnostics."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from uhc_roadmap.diagnostics import Diagnostic, builtin_finding
from uhc_roadmap.loading.scalars import ScalarRangeError, resolve_plain
from uhc_roadmap.loading.source import SHOWN as _SHOWN
from uhc_roadmap.loading.source import clipped as _shown
from uhc_roadmap.loading.source import visible
from uhc_roadmap.loading.sourcemap import DocPath, SourceMap
from uhc_roadmap.model.fields import (
    SINGULAR,
    data_at,
    field_info,
    literal_choices,
    model_at,
    owner,
)
from uhc_roadmap.model.slips import Slips
from uhc_roadmap.model.types import date_readings
from uhc_roadmap.model.written import (
    BOOLEAN_WORDS,
    HINTS,
    PercentField,
    choice_meant,
    number_hint,
)
from uhc_roadmap.suggest import named, nearest

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of names to values",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "date_type": "a date written YYYY-MM-DD",
    "text_type": "text, or a map of language to text",
}
_CODES = {
    "missing": "S001",
    "missing_for_numbers": "S001",
    "missing_currency": "S001",
    "extra_forbidden": "S002",
    "date_type": "S007",
    "date_format": "S007",
    "date_value": "S007",
    "unknown_country": "S005",
    "unknown_currency": "S005",
    "unknown_language": "S005",
    "schema_version": "S006",
} | dict.fromkeys(_EXPECTED.keys() - {"date_type"}, "S003")
_HINTS = {
    "date_format": "dates are written YYYY-MM-DD, e.g. 2021-06-15",
    "date_value": "check the month and the day",
    "unknown_country": "use the ISO 3166-1 alpha-2 code, e.g. MA for Morocco",
    "unknown_currency": "use the ISO 4217 code, e.g. USD or EUR",
    "unknown_language": "use the ISO 639-1 code, e.g. fr or en",
    "unknown_sector": "use a 5-digit OECD DAC purpose code, e.g. 12110 (health policy and "
    "administrative management) or 12220 (basic health care); see docs/iati.md",
    "schema_version": 'set `schema_version: "1"`, or upgrade uhc-roadmap',
    "missing_currency": "add `currency:` with an ISO 4217 code, e.g. `currency: USD`",
    "missing_for_numbers": "numeric indicators are measured from a baseline towards a target",
    "indicator_subject": "add `axis: <axis id>` or `activity: <activity id>`",
    "text_language": "keys of a text map are ISO 639-1 codes, e.g. {fr: ..., en: ...}",
}
_PATTERN_HINTS = {
    "^[A-Z][A-Z0-9]*": "ids are upper-case letters and digits joined by -, _ or . (e.g. GOV-01)",
    "^[A-Z]{2}$": "a country code is two upper-case letters, e.g. MA",
    "^[A-Z]{3}$": "a currency code is three upper-case letters, e.g. USD",
    "^[a-z]{2}$": "a language code is two lower-case letters, e.g. fr",
    "^https?://": "a link starts with https:// or http://",
    "^[^\\s/&|?]": "an IATI activity identifier, e.g. XM-DAC-928-MA-2024-25-1.1.EU01, "
    "has no spaces around it and none of / & | ?",
}


# Fields that name an item of a top-level list by its id, and that list.
_REFERENCES = {
    "funder": "organisations",
    "lead": "organisations",
    "partners": "organisations",
    "axis": "axes",
    "depends_on": "activities",
    "activity": "activities",
}
# The field holding an item's name, by list.
_NAMES = {"organisations": "name", "axes": "title", "activities": "title"}
_IDS_SHOWN = 12

_MODEL_LEVEL_FIELDS: dict[str, tuple[str, ...]] = {
    "schema_version": ("schema_version",),
    "missing_currency": ("currency",),
}
# Error types about a field's presence, not its value.
_PLACES = {"missing", "extra_forbidden"}


class Translator:
    """Turns one ValidationError's details into Diagnostics located through the source map."""

    def __init__(
        self, root: type[BaseModel], data: Any, source_map: SourceMap, file: str, text: str
    ) -> None:
        self.root = root
        self.data = data
        self.source_map = source_map
        self.file = file
        self.lines = text.splitlines()

    def translate(self, errors: Iterable[ErrorDetails]) -> list[Diagnostic]:
        found: dict[tuple[int, int, str], Diagnostic] = {}
        errors = list(errors)
        slips = Slips(self.root, self.data, self.source_map, self.file, self.lines)
        for diagnostic in slips.find(errors):
            found[(diagnostic.line, diagnostic.col, diagnostic.code)] = diagnostic
        errors = [e for e in errors if not slips.explains(self.source_map.resolve(e["loc"]))]
        for error in _matched_members(errors, self.source_map):
            diagnostic = self.one(error)
            key = (diagnostic.line, diagnostic.col, diagnostic.code)
            if key not in found:
                found[key] = diagnostic
            elif diagnostic.code == "S003":
                found[key] = _merge_expected(found[key], diagnostic)
        return list(found.values())

    def one(self, error: ErrorDetails) -> Diagnostic:
        kind = error["type"]
        # Model-level validators have no location of their own; point at the field they judge.
        loc = _MODEL_LEVEL_FIELDS.get(kind, error["loc"])
        path = self.source_map.resolve(loc)
        line, col = self.source_map.position(path, key=kind == "extra_forbidden")
        message, hint = self._words(kind, error, path, (line, col))
        code = _CODES.get(kind, "S004")
        # Values quoted from the file may hold invisible or control characters: show them.
        return builtin_finding(code, self.file, line, col, visible(message), visible(hint))

    def _words(
        self, kind: str, error: ErrorDetails, path: DocPath, pos: tuple[int, int]
    ) -> tuple[str, str]:
        loc = [e for e in error["loc"] if isinstance(e, str | int)]
        if kind == "missing":
            return self._missing(loc)
        if kind == "extra_forbidden":
            return self._unknown(path)
        if kind in _EXPECTED and kind != "date_type":
            return self._mistyped(kind, error["input"], path, pos)
        if kind == "literal_error":
            return self._not_a_choice(error["input"], path)
        if kind == "string_pattern_mismatch":
            return self._pattern(error, path)
        if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
            return self._bound(kind, error, path)
        if kind == "date_format":
            return _sentence(_clipped_msg(error)), _date_hint(str(error["input"]))
        if kind == "finite_number":
            return f"{_field(path)} must be a finite number", "write an ordinary number"
        if kind == "too_short":
            return f"{_field(path)} must not be empty", "give at least one item"
        return _sentence(_clipped_msg(error)), _HINTS.get(kind, "")

    def _missing(self, loc: list[str | int]) -> tuple[str, str]:
        name = str(loc[-1])
        owner = self._owner(loc[:-1])
        info = field_info(self.root, loc)
        hint = f"add `{name}:`" + (f": {info.description}" if info and info.description else "")
        return f"missing required field `{name}`{owner}", hint

    def _unknown(self, path: DocPath) -> tuple[str, str]:
        name = str(path[-1]) if path else "?"
        model = model_at(self.root, path[:-1])
        allowed = list(model.model_fields) if model else []
        if name == "<<":
            return "merge keys (`<<`) are not supported", "write the fields out in full"
        if not name.strip():
            return "a key is empty", "give the field a name, or remove the line"
        close = nearest(name[:_SHOWN], allowed)
        if close is not None:
            return (
                f"unknown field `{_shown(name)}`; did you mean `{close}`?",
                f"rename it `{close}`" + _hidden_hint(name),
            )
        hint = "allowed here: " + ", ".join(f"`{a}`" for a in allowed)
        return f"unknown field `{_shown(name)}`", hint

    def _mistyped(
        self, kind: str, value: Any, path: DocPath, pos: tuple[int, int]
    ) -> tuple[str, str]:
        expected = _EXPECTED[kind]
        message = f"{_field(path)} must be {expected}, not {_describe(value)}"
        return message, self._type_hint(kind, value, path, pos)

    def _type_hint(self, kind: str, value: Any, path: DocPath, pos: tuple[int, int]) -> str:
        if value is None:
            return "give a value, or remove the line"
        if kind in {"string_type", "text_type"} and isinstance(value, int | float):
            return f'put it in quotes so it is read as text: "{self._raw(pos)}"'
        if kind in {"int_type", "float_type", "int_from_float"} and isinstance(value, str):
            if _is_plain_number(value.strip()):
                return f"write the number without quotes: {value.strip()}"
            name = _name(path)
            percent: PercentField = "field" if name == "progress" else ""
            return number_hint(name, value, whole=kind != "float_type", percent=percent)
        if kind == "bool_type" and isinstance(value, str):
            meant = BOOLEAN_WORDS.get(value.strip().casefold())
            if meant is not None:
                return HINTS["boolean"] % {"name": _name(path), "value": str(meant).lower()}
            return HINTS["true or false"] % {"name": _name(path)}
        if kind == "list_type" and not isinstance(value, list | dict):
            return f"write a list, e.g. [{self._raw(pos)}]"
        return ""

    def _not_a_choice(self, value: Any, path: DocPath) -> tuple[str, str]:
        choices = literal_choices(field_info(self.root, list(path)))
        hint = "expected one of: " + ", ".join(choices)
        meant = choice_meant(_name(path), value) if isinstance(value, str) else None
        close = meant if meant in choices else nearest(str(value)[:_SHOWN], choices)
        if close is not None:
            hint = f"did you mean `{close}`?{_hidden_hint(str(value))} ({hint})"
        return f"`{_shown(value)}` is not a valid {_field(path)}", hint

    def _pattern(self, error: ErrorDetails, path: DocPath) -> tuple[str, str]:
        pattern = str((error.get("ctx") or {}).get("pattern", ""))
        hint = next((h for p, h in _PATTERN_HINTS.items() if pattern.startswith(p)), "")
        value = str(error["input"])
        part = _REFERENCES.get(_name(path)) if path and path[0] != "region_groups" else None
        if visible(value) != value:
            hint = "it holds invisible characters" + _hidden_hint(value) + "; retype it"
        elif part is not None:
            hint = self._reference_hint(value, part)
        elif re.fullmatch(pattern, value.upper()) and value.upper() != value:
            hint = f"write it in upper case: `{_shown(value.upper())}`"
        return f"`{_shown(value)}` is not a valid {_field(path)}", hint

    def _reference_hint(self, value: str, part: str) -> str:
        """A reference that is no id (``funder: Luxembourg``): the id of the item so named,
        else the ids the roadmap defines in ``part``."""
        items = self._data_at((part,))
        items = [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []
        ids = list(dict.fromkeys(i["id"] for i in items if isinstance(i.get("id"), str)))
        singular = SINGULAR.get(part, part)
        if value.upper() in ids:
            return f"write it in upper case: `{_shown(value.upper())}`"
        names = {
            i["id"]: _texts(i.get(_NAMES[part])) for i in items if isinstance(i.get("id"), str)
        }
        meant = named(value, names)
        values = {"value": _shown(value), "kind": singular, "part": part}
        if len(meant) == 1:
            return HINTS["named"] % (values | {"id": meant[0]})
        listing = ", ".join(f"`{i}`" for i in (meant or ids)[:_IDS_SHOWN])
        values["ids"] = listing + (", ..." if len(meant or ids) > _IDS_SHOWN else "")
        if meant:
            return HINTS["named several"] % values
        return HINTS["an id" if ids else "no ids"] % values

    def _bound(self, kind: str, error: ErrorDetails, path: DocPath) -> tuple[str, str]:
        ctx = error.get("ctx") or {}
        words = {
            "greater_than_equal": ("at least", "ge"),
            "less_than_equal": ("at most", "le"),
            "greater_than": ("more than", "gt"),
            "less_than": ("less than", "lt"),
        }
        phrase, key = words[kind]
        value = _shown(_number(error["input"]))
        return f"{_field(path)} must be {phrase} {_number(ctx.get(key))}, not {value}", ""

    def _owner(self, loc: list[str | int]) -> str:
        named = owner(self.data, tuple(loc))
        return f" in {named}" if named else ""

    def _data_at(self, path: DocPath) -> Any:
        return data_at(self.data, path)

    def _raw(self, pos: tuple[int, int]) -> str:
        line = self.lines[pos[0] - 1] if 0 < pos[0] <= len(self.lines) else ""
        raw = re.split(r"\s#", line[pos[1] - 1 :], maxsplit=1)[0].strip()
        return _shown(raw.rstrip(",]}").strip() or "…")


def _date_hint(value: str) -> str:
    """The ISO form of a date written day-first, or both readings when day and month could
    swap (`uhc-roadmap validate --fix` rewrites only the first kind)."""
    readings = date_readings(value)
    if len(readings) == 1:
        return f"write it {readings[0].isoformat()}"
    if len(readings) == 2:
        day_first, month_first = (d.isoformat() for d in readings)
        return (
            f"day and month could be either way round: write {day_first} if the day comes "
            f"first, {month_first} if the month does"
        )
    return _HINTS["date_format"]


def _matched_members(errors: list[ErrorDetails], source_map: SourceMap) -> list[ErrorDetails]:
    """Where a union member had the right type but a wrong value (``.nan`` for a number or
    text), that is the member the author meant: the other members' type errors are dropped.
    """
    constrained = {
        source_map.resolve(e["loc"]) for e in errors if e["type"] not in _EXPECTED.keys() | _PLACES
    }
    return [
        e
        for e in errors
        if e["type"] not in _EXPECTED or source_map.resolve(e["loc"]) not in constrained
    ]


def _name(path: DocPath) -> str:
    """The name of the field at ``path`` as written in the file (``depends_on``)."""
    return next((str(e) for e in reversed(path) if isinstance(e, str)), "the document")


def _field(path: DocPath) -> str:
    """The field at ``path`` as a message names it: ```status```, ```depends_on`` item`."""
    item = " item" if path and isinstance(path[-1], int) else ""
    return f"`{_name(path)}`{item}"


def _texts(value: Any) -> list[str]:
    """The texts of a Text field as written: one string, or one per language."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, str)]
    return []


def _is_plain_number(text: str) -> bool:
    """Written as YAML reads a number (``12``, ``1.5``): only its quotes make it text."""
    try:
        value = resolve_plain(text)
    except ScalarRangeError:
        return False
    return isinstance(value, int | float) and not isinstance(value, bool)


def _describe(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {_shown(_number(value))}"
    if isinstance(value, str):
        return f'the text "{_shown(value, 40)}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _merge_expected(first: Diagnostic, second: Diagnostic) -> Diagnostic:
    """A union failed on every member: say 'A or B' once instead of two findings."""
    a, _, rest = first.message.partition(" must be ")
    b_expected = second.message.partition(" must be ")[2].split(", not ")[0]
    a_expected, _, got = rest.partition(", not ")
    if b_expected in a_expected:
        return first
    message = f"{a} must be {a_expected} or {b_expected}, not {got}"
    return Diagnostic(
        first.code, first.severity, first.file, first.line, first.col, message, first.hint
    )


def _hidden_hint(value: str) -> str:
    hidden = sorted({visible(c) for c in value if visible(c) != c})
    return f" (remove {', '.join(hidden)})" if hidden else ""


def _clipped_msg(error: ErrorDetails) -> str:
    """pydantic's own message, with a long or hidden value from the file shortened."""
    value = (error.get("ctx") or {}).get("value")
    message = error["msg"]
    if isinstance(value, str) and value and value in message:
        message = message.replace(value, _shown(value))
    return message


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sentence(message: str) -> str:
    return message[:1].lower() + message[1:] if message else message
