"""JSON text: exact names, valid UTF-8 whatever the name holds."""

from __future__ import annotations

import json
import os

from uhc_roadmap.formats.json_text import dumps


def test_names_are_exact_and_read_back_as_the_same_bytes() -> None:
    raw = b"\x1b[31mred \xff\xfe \xe2\x80\xaeyaml.exe"
    name = os.fsdecode(raw)
    text = dumps({"file": name})
    text.encode("utf-8")  # valid UTF-8: no lone surrogate left raw
    assert "\\u001b[31mred \\udcff\\udcfe \\u202eyaml.exe" in text
    assert os.fsencode(json.loads(text)["file"]) == raw


def test_text_is_kept_as_it_is() -> None:
    assert dumps({"title": "Santé – مراكش"}, indent=None) == '{"title": "Santé – مراكش"}\n'


def test_what_could_drive_a_terminal_is_a_json_escape() -> None:
    text = dumps(["\x1b\x7f\x9b\u200f\u2066"], indent=None)
    assert text == '["\\u001b\\u007f\\u009b\\u200f\\u2066"]\n'
    assert json.loads(text) == ["\x1b\x7f\x9b\u200f\u2066"]
