"""YAML 1.2 core-schema resolution of plain scalars, and YAML 1.1 ambiguity detection.

PyYAML resolves scalars by YAML 1.1, where ``NO`` is false, ``010`` is 8 and ``1:30`` is 90.
Roadmaps are read by YAML 1.2 rules (``NO`` stays Norway's code); the 1.1 readings are kept
as notes so a rule can warn that another reader of the same file would see something else.
"""

from __future__ import annotations

import math
import re
from typing import Any

_INT_DEC = re.compile(r"[-+]?[0-9]+")
_INT_OCT = re.compile(r"0o[0-7]+")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}
_NEG_INF = {"-.inf", "-.Inf", "-.INF"}
_NAN = {".nan", ".NaN", ".NAN"}
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
# Characters a YAML 1.2 non-string plain scalar can start with; anything else is a string.
_SPECIAL_START = frozenset("-+.0123456789~nNtTfF")

_YAML11_BOOL = frozenset(
    [
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
    ]
)
_YAML11_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_YAML11_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_YAML11_UNDERSCORE_NUM = re.compile(r"[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)")
# Python refuses to convert integers longer than this many digits (CVE-2020-10735).
MAX_INT_DIGITS = 4300


class ScalarRangeError(ValueError):
    """A number too large to represent; reported as a located finding, not a crash."""


def resolve_plain(value: str) -> Any:
    """Return the YAML 1.2 core-schema value of a plain (unquoted) scalar."""
    if value and value[0] not in _SPECIAL_START:
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return _resolve_number(value)


def _resolve_number(value: str) -> Any:
    if _INT_DEC.fullmatch(value):
        return _bounded(value, 10)
    if _INT_OCT.fullmatch(value):
        return _bounded(value[2:], 8)
    if _INT_HEX.fullmatch(value):
        return _bounded(value[2:], 16)
    if _FLOAT.fullmatch(value):
        number = float(value)
        if math.isinf(number):
            raise ScalarRangeError(f"{_short(value)} is too large for a number")
        return number + 0.0  # -0.0 is 0: a sign on zero only shows up later as "-0"
    if value in _INF:
        return float("inf")
    if value in _NEG_INF:
        return float("-inf")
    if value in _NAN:
        return float("nan")
    return value


def _bounded(digits: str, base: int) -> int:
    """An integer that every number field can hold: one a float can represent.

    Larger ones are no amount, year or measurement, and Python refuses to even convert
    those over 4,300 digits (CVE-2020-10735).
    """
    if len(digits) > MAX_INT_DIGITS:
        raise ScalarRangeError(f"the integer has {len(digits)} digits")
    number = int(digits, base)
    try:
        float(number)
    except OverflowError:
        raise ScalarRangeError(f"{_short(digits)} is too large for a number") from None
    return number


def _short(text: str) -> str:
    return text if len(text) <= 20 else f"{text[:8]}...{text[-4:]} ({len(text)} characters)"


def yaml11_reading(value: str) -> str | None:
    """Describe how a YAML 1.1 reader would misread this plain scalar, or None if it agrees."""
    if value in _YAML11_BOOL:
        truth = value.lower() in {"y", "yes", "on"}
        return f"a boolean ({str(truth).lower()})"
    if value[:1] not in _SPECIAL_START and not value[:1].isdigit():
        return None
    if _YAML11_OCTAL.fullmatch(value) and value.lstrip("+-") not in {"0"}:
        return "an octal number"
    if _YAML11_SEXAGESIMAL.fullmatch(value):
        return "a base-60 number"
    if "_" in value and _YAML11_UNDERSCORE_NUM.fullmatch(value):
        return "a number (underscores are digit separators there)"
    if value.startswith(("0b", "+0b", "-0b")) and _YAML11_UNDERSCORE_NUM.fullmatch(value):
        return "a binary number"
    return None


# Word and other word processors turn "..." into these as you type.
_DOUBLE_OPEN, _DOUBLE_CLOSE = "\u201c\u201e\u201d", "\u201d\u201c"  # “ „ ” and ” “
_SINGLE_OPEN, _SINGLE_CLOSE = "\u2018\u201a", "\u2019\u2018"  # ‘ ‚ and ’ ‘
TYPOGRAPHIC_QUOTES = frozenset(_DOUBLE_OPEN + _DOUBLE_CLOSE + _SINGLE_OPEN + _SINGLE_CLOSE)


def typographic_inner(value: str) -> str | None:
    """The text inside typographic quotes that wrap the whole of ``value`` (``“Gouvernance”``
    gives ``Gouvernance``), or None when they do not. Apostrophes (’) inside single
    typographic quotes are part of the text; another double quote inside double ones means
    the quotes are the text's own (``“a” and “b”``)."""
    if len(value) < 3:
        return None
    first, last, inner = value[0], value[-1], value[1:-1]
    if first in _DOUBLE_OPEN and last in _DOUBLE_CLOSE:
        nested = any(c in inner for c in _DOUBLE_OPEN + _DOUBLE_CLOSE)
    elif first in _SINGLE_OPEN and last in _SINGLE_CLOSE:
        nested = any(c in inner for c in _SINGLE_OPEN)
    else:
        return None
    return None if nested or not inner.strip() else inner
