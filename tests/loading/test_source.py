"""Quoting values in messages: what a reader cannot see is shown as an escape."""

from __future__ import annotations

import pytest

from uhc_roadmap.formats.terminal import BIDI_CONTROLS
from uhc_roadmap.loading.source import visible


@pytest.mark.parametrize("char", list(BIDI_CONTROLS))
def test_bidirectional_controls_in_quoted_values_are_escaped(char: str) -> None:
    assert visible(f"GOV{char}-01") == f"GOV\\u{ord(char):04x}-01"


def test_controls_and_invisible_characters_are_escaped() -> None:
    assert visible("a\x1bb\u200bc\u00a0d") == "a\\x1bb\\u200bc\\xa0d"
    assert visible("Santé – مراكش") == "Santé – مراكش"
