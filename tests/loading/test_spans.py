"""Spans: where every node starts and ends, recorded only when editing asks for them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import ROADMAPS
from uhc_roadmap.loading import load_document
from uhc_roadmap.loading.scalars import resolve_plain
from uhc_roadmap.loading.sourcemap import Spans

TEXT = (
    'a: "é€😀"\n'
    "b: [x, {c: d}]  # c\n"
    "s:\n"
    "  - z\n"
    "  - >-\n"
    "    folded\n"
    "    more\n"
    "\n"
    "  - w\n"
    "q: |\n"
    "  lit\n"
)


def spans_of(text: str) -> Spans:
    loaded = load_document(text.encode("utf-8"), "f.yaml", spans=True)
    assert loaded.source_map.spans is not None
    return loaded.source_map.spans


def test_checking_records_no_spans() -> None:
    assert load_document(TEXT.encode("utf-8"), "f.yaml").source_map.spans is None


@pytest.mark.parametrize(
    ("path", "written", "style"),
    [
        (("a",), '"é€😀"', '"'),
        (("b",), "[x, {c: d}]", "["),
        (("b", 0), "x", ""),
        (("b", 1), "{c: d}", "{"),
        (("b", 1, "c"), "d", ""),
        (("s", 0), "z", ""),
        (("s", 1), ">-\n    folded\n    more\n\n", ">"),
        (("s", 2), "w", ""),
        (("q",), "|\n  lit\n", "|"),
    ],
)
def test_a_value_spans_its_text_in_characters(
    path: tuple[str | int, ...], written: str, style: str
) -> None:
    span = spans_of(TEXT).values[path]
    assert (TEXT[span.start : span.end], span.style) == (written, style)


def test_a_block_collection_ends_where_its_last_value_ends() -> None:
    span = spans_of(TEXT).values[("s",)]
    assert span.style == "-"
    assert TEXT[span.start : span.end] == "- z\n  - >-\n    folded\n    more\n\n  - w"
    root = spans_of(TEXT).values[()]
    assert (root.start, root.end, root.style) == (0, len(TEXT), ":")


def test_keys_have_spans_and_every_scalar_is_listed_in_text_order() -> None:
    spans = spans_of(TEXT)
    key = spans.keys[("b", 1, "c")]
    assert TEXT[key.start : key.end] == "c"
    starts = [start for start, _, _ in spans.scalars.values()]
    assert starts == sorted(starts)
    assert len(starts) == 12  # 4 keys at the top, 1 in the flow mapping, 7 values


def test_spans_hold_on_crlf_text() -> None:
    text = TEXT.replace("\n", "\r\n")
    span = spans_of(text).values[("b", 1)]
    assert text[span.start : span.end] == "{c: d}"


@pytest.mark.parametrize("name", ["morocco", "kazakhstan", "algeria"])
def test_every_scalar_span_of_the_examples_reads_back_as_its_value(name: str) -> None:
    raw = (ROADMAPS / f"{name}.yaml").read_bytes()
    loaded = load_document(raw, name, spans=True)
    assert loaded.source_map.spans is not None
    assert loaded.text is not None
    values = loaded.source_map.spans.values
    assert set(values) == set(loaded.source_map.values)
    for path, span in values.items():
        node: Any = loaded.data
        for element in path:
            node = node[element]
        raw = loaded.text[span.start : span.end]
        if span.style == "":
            assert resolve_plain(raw) == node, path
        elif span.style == '"':
            assert json.loads(raw) == node, path
        elif span.style == "'":
            assert raw[1:-1].replace("''", "'") == node, path
        elif span.style in ("{", "["):
            assert raw[0] + raw[-1] in ("{}", "[]"), path
