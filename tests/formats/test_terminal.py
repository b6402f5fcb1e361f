"""Text for a terminal: controls, bidirectional controls and undecodable bytes as escapes."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from uhc_roadmap.formats.terminal import BIDI_CONTROLS, safe, safe_strings


@pytest.mark.parametrize("char", list(BIDI_CONTROLS))
def test_every_bidirectional_control_is_written_as_an_escape(char: str) -> None:
    assert safe(f"GOV{char}-01") == f"GOV\\u{ord(char):04x}-01"


def test_the_bidirectional_controls_are_the_ones_unicode_names() -> None:
    """U+202A-U+202E, U+2066-U+2069, U+200E, U+200F and U+061C: nothing more, nothing less."""
    expected = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
    assert {ord(c) for c in BIDI_CONTROLS} == expected


def test_controls_are_escaped_and_text_is_kept() -> None:
    assert safe("\x1b[2Jgone\r") == "\\x1b[2Jgone\\x0d"
    assert safe("Santé publique\tمراكش\u00a0: 12 %") == "Santé publique\tمراكش\u00a0: 12 %"
    assert safe("two\nlines") == "two\nlines"
    assert safe("two\nlines", one_line=True) == "two\\x0alines"
    assert safe("\x85\x9b") == "\\x85\\x9b"


def test_undecodable_bytes_of_a_file_name_show_as_the_bytes() -> None:
    assert safe(os.fsdecode(b"bad\xff.yaml")) == "bad\\xff.yaml"


@dataclass(frozen=True)
class Row:
    title: str
    figures: tuple[float, ...]
    notes: dict[str, str]


def test_safe_strings_cleans_a_whole_result_and_copies_only_what_changes() -> None:
    clean = Row("Gouvernance", (1.0,), {"MS": "Ministère"})
    assert safe_strings(clean) is clean
    hostile = Row("Gouver\u202enance", (1.0,), {"MS\u2066": "x\x1b"})
    assert safe_strings(hostile) == Row("Gouver\\u202enance", (1.0,), {"MS\\u2066": "x\\x1b"})
    assert safe_strings([clean, hostile])[0] is clean
