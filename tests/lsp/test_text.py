"""Positions as LSP counts them: UTF-16 code units, lines ended by LF, CRLF or CR only."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.lsp.client import position
from uhc_roadmap.lsp.text import UTF8, UTF16, UTF32, TextDocument, chars, line_starts, units


def test_units_count_an_emoji_twice_in_utf16_and_an_accent_once() -> None:
    assert units("é😀", UTF16) == 3
    assert units("é😀", UTF8) == 6
    assert units("é😀", UTF32) == 2
    assert chars("é😀x", 3, UTF16) == 2
    assert chars("é😀x", 2, UTF16) == 2  # inside the emoji: to its end
    assert chars("abc", 10) == 3


def test_lines_end_at_lf_crlf_and_cr_but_not_at_nel_or_form_feed() -> None:
    text = "a\nb\r\nc\rd\x85e\x0cf\u2028g"
    assert line_starts(text) == [0, 2, 5, 7]
    doc = TextDocument("u", text)
    assert doc.line(3) == "d\x85e\x0cf\u2028g"
    assert doc.position(len(text)) == (3, 7)


def test_offsets_and_positions_round_trip_on_a_line_with_accents_and_an_emoji() -> None:
    text = "title: Santé 😀 pour tous\nnext: x\n"
    doc = TextDocument("u", text)
    offset = text.index("pour")
    line, character = doc.position(offset)
    assert (line, character) == (0, 16)  # 13 characters before the emoji, which counts two
    assert doc.offset(line, character) == offset
    assert doc.offset(1, 0) == text.index("next")
    assert doc.offset(5, 0) == len(text)  # past the end: clamped


@pytest.mark.parametrize("encoding", [UTF16, UTF8, UTF32])
def test_incremental_changes_match_a_text_edited_by_hand(encoding: str) -> None:
    rng = random.Random(7)
    text = 'schema_version: "1"\ntitle: Santé 😀\r\nx: [a, b]\n'
    doc = TextDocument("u", text, encoding=encoding)
    for _ in range(300):
        start = _valid(text, rng.randrange(len(text) + 1))
        end = _valid(text, min(len(text), start + rng.randrange(6)))
        new = rng.choice(["", "x", "\n", "é😀\n", "\r\n", "ab\ncd", " "])
        at = (doc.position(start), doc.position(end))
        doc.apply(at, new)
        text = text[:start] + new + text[end:]
        assert doc.text == text
        assert doc.starts == line_starts(text)


def _valid(text: str, offset: int) -> int:
    """An offset LSP can name: not between the CR and the LF of a line break."""
    return (
        offset - 1 if 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n" else offset
    )


def test_a_change_without_a_range_replaces_the_whole_text() -> None:
    doc = TextDocument("u", "a\nb\n")
    doc.apply(None, "c")
    assert doc.text == "c"
    assert doc.starts == [0]


@given(st.text(alphabet=st.sampled_from("ab é😀\n\r\t:-"), max_size=60), st.data())
def test_the_client_and_the_server_agree_on_every_position(text: str, data: st.DataObject) -> None:
    offset = _valid(text, data.draw(st.integers(0, len(text))))
    doc = TextDocument("u", text)
    expected = position(text, offset)
    assert doc.position(offset) == (expected["line"], expected["character"])
    assert doc.offset(expected["line"], expected["character"]) == offset
