"""Regression tests for what the hostile corpus found in the loader: limits, numbers, keys."""

from __future__ import annotations

import math
import sys

import pytest
import yaml

from tests.conftest import ROADMAPS
from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.loading import load_document, loader
from uhc_roadmap.loading.loader import MAX_FINDINGS, Limits, format_size, too_large
from uhc_roadmap.loading.scalars import ScalarRangeError, resolve_plain
from uhc_roadmap.loading.source import visible


def findings(raw: bytes, limits: Limits | None = None) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.col) for d in load_document(raw, "f.yaml", limits).diagnostics]


def test_a_huge_integer_as_the_whole_document_is_a_finding_not_a_crash() -> None:
    # Regression: the "is it null?" test of a top-level scalar raised ScalarRangeError.
    [problem] = load_document(b"9" * 5000 + b"\n", "f.yaml").diagnostics
    assert problem.code == "Y008"
    assert "a single value" in problem.message


def test_dense_values_stop_at_the_node_limit() -> None:
    raw = b"a: [" + b"1," * 5000 + b"1]\n"
    doc = load_document(raw, "f.yaml", Limits(max_nodes=1000))
    [problem] = doc.diagnostics
    assert problem.code == "Y011"
    assert "more than 1,000 keys and values" in problem.message
    assert doc.data is None


def test_the_node_limit_counts_every_value_of_a_valid_file() -> None:
    raw = b"a: [1, 2]\nb: {c: 3}\n"  # root; a, its list, 1, 2; b, its mapping, c, 3: nine
    assert load_document(raw, "f.yaml", Limits(max_nodes=9)).diagnostics == []
    assert findings(raw, Limits(max_nodes=8)) == [("Y011", 2, 8)]


def test_nesting_is_refused_where_it_crosses_the_limit_and_loading_stops() -> None:
    raw = b"a:\n" + b"".join(b"  " * i + b"- x:\n" for i in range(1, 10)) + b"b: [\n"
    # The syntax error further down is never reached: the limit ended the load.
    assert findings(raw, Limits(max_depth=4)) == [("Y011", 4, 7)]


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_flow_nesting_far_deeper_than_python_recursion(depth: int) -> None:
    raw = b"a: " + b"[" * depth + b"]" * depth + b"\n"
    [problem] = load_document(
        raw, "f.yaml", Limits(max_depth=sys.getrecursionlimit() * 4)
    ).diagnostics
    assert problem.code == "Y011"  # libyaml's own bound (1,000) answers first


def test_block_nesting_deep_as_the_limit_allows_needs_no_recursion() -> None:
    depth = 900  # under libyaml's 1,000 levels, far over what a recursive walk could take
    raw = b"a:\n" + b"".join(b" " * i + b"b:\n" for i in range(1, depth)) + b" " * depth + b"c\n"
    doc = load_document(raw, "f.yaml", Limits(max_depth=2000))
    assert doc.diagnostics == []
    node, levels = doc.data, 0
    while isinstance(node, dict):
        node, levels = next(iter(node.values())), levels + 1
    assert (node, levels) == ("c", depth)


@pytest.mark.parametrize("field", ["max_bytes", "max_depth", "max_nodes"])
def test_limits_must_be_positive(field: str) -> None:
    with pytest.raises(ValueError, match=field):
        Limits(**{field: 0})  # type: ignore[arg-type]


def test_a_file_cut_short_by_a_bounded_reader_is_still_refused_on_its_length() -> None:
    assert findings(b"a: 1\n" * 30, Limits(max_bytes=100)) == [("Y011", 1, 1)]


@pytest.mark.parametrize(
    ("size", "shown"),
    [(100, "100 bytes"), (512 * 1024, "512 KiB"), (8 * 2**20, "8 MiB"), (50_000_000, "47.7 MiB")],
)
def test_sizes_are_shown_in_the_unit_a_person_uses(size: int, shown: str) -> None:
    assert format_size(size) == shown


def test_the_size_message_names_the_limit() -> None:
    message = too_large("f.yaml", 512 * 1024).message
    assert message == "the file is too large (over the 512 KiB limit)"


def test_a_key_longer_than_yaml_allows_is_explained() -> None:
    [problem] = load_document(b"k" * 2000 + b": x\n", "f.yaml").diagnostics
    assert (problem.code, problem.line) == ("Y001", 1)
    assert "1,024 characters" in problem.hint


@pytest.mark.parametrize("text", ["1e999", "-1e999", "9" * 400, "0x" + "f" * 300])
def test_numbers_beyond_a_float_are_range_errors(text: str) -> None:
    with pytest.raises(ScalarRangeError, match="too large"):
        resolve_plain(text)


def test_range_errors_are_located_and_short() -> None:
    [problem] = load_document(b"a: 1\nb: " + b"7" * 1000 + b"\n", "f.yaml").diagnostics
    assert (problem.code, problem.line, problem.col) == ("Y012", 2, 4)
    assert len(problem.message) < 120


def test_negative_zero_is_zero() -> None:
    value = resolve_plain("-0.0")
    assert value == 0.0
    assert math.copysign(1, value) == 1.0


def test_special_floats_stay_for_the_model_to_judge() -> None:
    assert math.isinf(resolve_plain(".inf"))
    assert math.isnan(resolve_plain(".nan"))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("GOV-01", "GOV-01"),
        ("Santé", "Santé"),
        ("GOV\u200b-01", "GOV\\u200b-01"),
        ("GOV\u202e-01", "GOV\\u202e-01"),
        ("a\tb\nc\rd", "a\\tb\\nc\\rd"),
        ("\x1b[2J", "\\x1b[2J"),
        ("non\u00a0breaking", "non\\xa0breaking"),
        ("\U000e0041", "\\U000e0041"),
    ],
)
def test_visible_escapes_what_a_reader_cannot_see(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_a_control_character_is_named_visibly_with_its_escape() -> None:
    [problem] = load_document(b'a: "x\x1by"\n', "f.yaml").diagnostics
    assert (problem.code, problem.line, problem.col) == ("Y005", 1, 6)
    assert "`\\x1b`" in problem.message
    assert '"\\x1b"' in problem.hint


def test_duplicate_hidden_keys_are_shown_escaped() -> None:
    [problem] = load_document('"a\u200b": 1\n"a\u200b": 2\n'.encode(), "f.yaml").diagnostics
    assert problem.code == "Y002"
    assert "`a\\u200b`" in problem.message


def test_markers_are_bounded_and_summarised() -> None:
    raw = b"".join(b"k%d: &a%d x\n" % (i, i) for i in range(50))
    doc = load_document(raw, "f.yaml")
    assert len(doc.diagnostics) == 21
    assert doc.diagnostics[-1].message == "30 more anchors, aliases or tags"


def test_alias_used_as_a_key_is_refused() -> None:
    assert findings(b"a: &k x\n*k : 1\n") == [("Y003", 1, 4), ("Y003", 2, 1)]


def test_value_of_a_list_key_is_not_kept() -> None:
    doc = load_document(b"? [a]\n: {deep: [1]}\nb: 2\n", "f.yaml")
    assert [d.code for d in doc.diagnostics] == ["Y010"]
    assert ("b",) in doc.source_map.values
    assert not any("deep" in path for path in doc.source_map.values)


def test_findings_per_file_are_bounded_and_summarised() -> None:
    raw = b"".join(b'"k": %d\n' % i for i in range(MAX_FINDINGS + 50))
    doc = load_document(raw, "f.yaml")
    assert len(doc.diagnostics) == MAX_FINDINGS + 1
    assert doc.diagnostics[-1].message == "49 more findings are not shown"
    assert doc.data is None


def test_an_error_past_the_bound_still_refuses_the_data() -> None:
    warnings = b"".join(b"w%d: NO\n" % i for i in range(MAX_FINDINGS))
    doc = load_document(warnings + b"a: 1\na: 2\n", "f.yaml")
    assert {d.code for d in doc.diagnostics[:-1]} == {"Y009"}
    assert doc.diagnostics[-1].severity is Severity.ERROR
    assert doc.data is None


@pytest.mark.parametrize(
    ("escape", "shown"), [("\\e[2J", "\\x1b"), ("\\0", "\\x00"), ("\\a", "\\x07"), ("\\N", "\\x85")]
)
def test_an_escape_that_makes_a_control_character_is_refused(escape: str, shown: str) -> None:
    doc = load_document(f'a: "x{escape}"\n"k{escape}": 1\n'.encode(), "f.yaml")
    assert [(d.code, d.line, d.col) for d in doc.diagnostics] == [("Y005", 1, 4), ("Y005", 2, 1)]
    assert doc.diagnostics[0].message == f"the text holds the control character `{shown}`"
    assert doc.data is None


def test_tabs_and_newlines_from_escapes_are_text() -> None:
    doc = load_document(b'a: "x\\ty\\nz"\n', "f.yaml")
    assert (doc.diagnostics, doc.data) == ([], {"a": "x\ty\nz"})


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b"\x00\r\x80", (2, 1)),  # found by fuzzing: a CR ends a line for libyaml, not for us
        (b"a: 1\r\nb: \xe9", (2, 4)),
        (b"a:\r\r  \x00", (3, 3)),
        ("é: x\n\u2028b: ".encode() + b"\xff", (3, 4)),  # columns in characters
    ],
)
def test_encoding_findings_count_lines_as_yaml_does(raw: bytes, where: tuple[int, int]) -> None:
    [problem] = load_document(raw, "f.yaml").diagnostics
    assert (problem.code, problem.line, problem.col) == ("Y005", *where)


def test_the_tab_hint_finds_its_line_in_a_file_with_cr_line_ends() -> None:
    [problem] = load_document(b"a:\r\tb: 1\r", "f.yaml").diagnostics
    assert (problem.code, problem.line, problem.col) == ("Y001", 2, 1)
    assert "tabs" in problem.hint


@pytest.mark.parametrize(
    "raw",
    [
        b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
        b"a:\n  " + b"- " * 10_000 + b"x\n",
        b"".join(b" " * i + b"a:\n" for i in range(2000)) + b" " * 2000 + b"x\n",
    ],
    ids=["flow", "compact-block", "indented-block"],
)
def test_without_libyaml_deep_nesting_is_a_limit_not_a_recursion_error(
    raw: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyYAML's pure-Python parser has no nesting bound of its own; the loader's is enough."""
    monkeypatch.setattr(loader, "_BaseLoader", yaml.BaseLoader)
    [problem] = load_document(raw, "f.yaml").diagnostics
    assert (problem.code, problem.message) == ("Y011", "nesting deeper than 64 levels")


def test_without_libyaml_the_examples_load_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    for path in sorted(ROADMAPS.glob("*.yaml")):
        fast = load_document(path.read_bytes(), path.name)
        monkeypatch.setattr(loader, "_BaseLoader", yaml.BaseLoader)
        slow = load_document(path.read_bytes(), path.name)
        monkeypatch.undo()
        assert (slow.data, slow.diagnostics, slow.source_map) == (
            fast.data,
            fast.diagnostics,
            fast.source_map,
        )
