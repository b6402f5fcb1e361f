"""Reading values typed by people: numbers written the French or Excel way, day-first dates.

Only what has a single reading is read: ``150 000``, ``74 300,50`` and ``12,5`` are numbers,
``1,234`` is not (a thousands separator or a decimal comma?); ``15/06/2021`` is the 15th of
June, ``01/06/2021`` could be January or June.
"""

from __future__ import annotations

import re
from typing import Any

from uhc_roadmap.loading.scalars import ScalarRangeError, resolve_plain
from uhc_roadmap.model.types import date_readings

__all__ = ["date_readings", "number", "plain_value"]

_SPACES = "  \u202f\u2009"  # space, no-break space, narrow no-break space, thin space
_GROUPED_BY_SPACES = re.compile(rf"[+-]?\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?:[.,]\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_GROUPED_BY_COMMAS = re.compile(r"[+-]?\d{1,3}(?:,\d{3}){2,}|[+-]?\d{1,3}(?:,\d{3})+\.\d+")
_GROUPED_BY_DOTS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+,\d+|[+-]?\d{1,3}(?:\.\d{3}){2,}")
_AMBIGUOUS_COMMA = re.compile(r"[+-]?\d{1,3},\d{3}")


def number(text: str) -> int | float | None:
    """The number a person meant by ``text``, or None when it is not one or not surely one."""
    text = text.strip()
    if not text:
        return None
    plain = _yaml_number(text)
    if plain is not None:
        return plain
    if _GROUPED_BY_SPACES.fullmatch(text):
        cleaned = re.sub(f"[{_SPACES}]", "", text).replace(",", ".")
    elif _AMBIGUOUS_COMMA.fullmatch(text):
        return None
    elif _DECIMAL_COMMA.fullmatch(text):
        cleaned = text.replace(",", ".")
    elif _GROUPED_BY_COMMAS.fullmatch(text):
        cleaned = text.replace(",", "")
    elif _GROUPED_BY_DOTS.fullmatch(text):
        cleaned = text.replace(".", "").replace(",", ".")
    else:
        return None
    return _yaml_number(cleaned)


def _yaml_number(text: str) -> int | float | None:
    try:
        value = resolve_plain(text)
    except ScalarRangeError:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    return value


def plain_value(text: str) -> Any:
    """What ``text`` means written bare in YAML 1.2 (a number, a boolean, null or text)."""
    try:
        return resolve_plain(text)
    except ScalarRangeError:
        return text
