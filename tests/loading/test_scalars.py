"""YAML 1.2 core resolution and the YAML 1.1 readings we warn about."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uhc_roadmap.loading.scalars import ScalarRangeError, resolve_plain, yaml11_reading


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NO", "NO"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("Off", "Off"),
        ("y", "y"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("010", 10),
        ("0o17", 15),
        ("0x1F", 31),
        ("1.10", 1.1),
        ("1e3", 1000.0),
        ("2021-06-15", "2021-06-15"),
        ("1:30", "1:30"),
        ("1_000", "1_000"),
        ("1.1.1", "1.1.1"),
        ("MA-07", "MA-07"),
    ],
)
def test_yaml_12_core_schema(text: str, expected: object) -> None:
    value = resolve_plain(text)
    assert value == expected
    assert type(value) is type(expected)


def test_special_floats() -> None:
    assert resolve_plain(".inf") == math.inf
    assert resolve_plain("-.Inf") == -math.inf
    assert math.isnan(resolve_plain(".NaN"))


def test_huge_integer_is_a_range_error_not_a_crash() -> None:
    with pytest.raises(ScalarRangeError):
        resolve_plain("9" * 5000)


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("NO", "a boolean (false)"),
        ("yes", "a boolean (true)"),
        ("On", "a boolean (true)"),
        ("010", "an octal number"),
        ("1:30", "a base-60 number"),
        ("1_000", "a number (underscores are digit separators there)"),
    ],
)
def test_yaml_11_misreadings_are_named(text: str, reading: str) -> None:
    assert yaml11_reading(text) == reading


@pytest.mark.parametrize("text", ["Norway", "MA", "0", "10", "2021-06-15", "1.1.1", "GOV-01"])
def test_unambiguous_values_have_no_yaml_11_reading(text: str) -> None:
    assert yaml11_reading(text) is None


@given(st.text())
def test_resolution_never_raises_unexpectedly(text: str) -> None:
    try:
        resolve_plain(text)
    except ScalarRangeError:
        assert len(text) > 4300
    yaml11_reading(text)


@given(st.integers())
def test_integers_round_trip(number: int) -> None:
    assert resolve_plain(str(number)) == number
