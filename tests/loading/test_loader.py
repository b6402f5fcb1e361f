"""The strict loader: every YAML trap becomes one located Y-diagnostic, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.loading import load_document
from uhc_roadmap.loading.loader import Limits


def codes(raw: bytes, limits: Limits | None = None) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.col) for d in load_document(raw, "f.yaml", limits).diagnostics]


def test_plain_mapping_loads_with_yaml_12_scalars() -> None:
    doc = load_document(b"country: NO\nn: 12\nd: 2021-06-15\nq: '12'\nf: 1.5\n", "f.yaml")
    assert doc.data == {"country": "NO", "n": 12, "d": "2021-06-15", "q": "12", "f": 1.5}


def test_norway_is_text_with_a_warning_for_yaml_11_readers() -> None:
    doc = load_document(b"country: NO\n", "f.yaml")
    assert doc.data == {"country": "NO"}
    [warning] = doc.diagnostics
    assert (warning.code, warning.severity, warning.line, warning.col) == (
        "Y009",
        Severity.WARNING,
        1,
        10,
    )
    assert warning.hint == 'quote it: "NO"'


def test_quoted_norway_has_no_warning() -> None:
    assert load_document(b'country: "NO"\n', "f.yaml").diagnostics == []


def test_duplicate_key_names_both_lines() -> None:
    doc = load_document(b"a: 1\nb: 2\na: 3\n", "f.yaml")
    [dup] = doc.diagnostics
    assert (dup.code, dup.line, dup.col) == ("Y002", 3, 1)
    assert "line 1" in dup.message
    assert "line 3" in dup.message
    assert doc.data is None


def test_duplicate_keys_in_nested_mappings_are_all_reported() -> None:
    raw = b"a:\n  x: 1\n  x: 2\nb:\n  - y: 1\n    y: 2\n"
    assert codes(raw) == [("Y002", 3, 3), ("Y002", 6, 5)]


def test_anchor_and_alias_are_refused_where_they_stand() -> None:
    assert codes(b"a: &x 1\nb: *x\n") == [("Y003", 1, 4), ("Y003", 2, 4)]


def test_billion_laughs_is_refused_without_expansion() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    doc = load_document("\n".join(lines).encode(), "bomb.yaml")
    assert doc.data is None
    assert {d.code for d in doc.diagnostics} == {"Y003"}
    assert len(doc.diagnostics) <= 21


def test_python_tag_is_refused_and_never_constructed() -> None:
    doc = load_document(b"title: !!python/object/apply:os.system ['echo pwned']\n", "f.yaml")
    [tag] = doc.diagnostics
    assert (tag.code, tag.line, tag.col) == ("Y004", 1, 8)
    assert "unsafe tag" in tag.message


def test_custom_and_standard_tags_are_refused() -> None:
    assert codes(b"a: !custom x\nb: !!str 12\n") == [("Y004", 1, 4), ("Y004", 2, 4)]


def test_tab_indentation_is_a_syntax_error_with_a_hint() -> None:
    [problem] = load_document(b"a:\n\tb: 1\n", "f.yaml").diagnostics
    assert (problem.code, problem.line, problem.col) == ("Y001", 2, 1)
    assert "tabs" in problem.hint


def test_syntax_error_keeps_libyaml_position() -> None:
    assert codes(b"title: a: b\n") == [("Y001", 1, 9)]


def test_several_documents() -> None:
    assert codes(b"a: 1\n---\nb: 2\n") == [("Y007", 2, 1)]


@pytest.mark.parametrize("raw", [b"", b"# only a comment\n", b"\n\n  \n"])
def test_empty_file(raw: bytes) -> None:
    assert codes(raw) == [("Y006", 1, 1)]


@pytest.mark.parametrize(
    ("raw", "kind"), [(b"- a\n", "a list"), (b"null\n", "null"), (b"just text\n", "a single value")]
)
def test_document_that_is_not_a_mapping(raw: bytes, kind: str) -> None:
    [problem] = load_document(raw, "f.yaml").diagnostics
    assert problem.code == "Y008"
    assert kind in problem.message


def test_utf8_bom_is_accepted() -> None:
    assert load_document(b"\xef\xbb\xbfa: 1\n", "f.yaml").data == {"a": 1}


def test_invalid_utf8_is_located() -> None:
    [problem] = load_document(b"a: 1\nb: \xe9t\xe9\n", "f.yaml").diagnostics
    assert (problem.code, problem.line, problem.col) == ("Y005", 2, 4)
    assert "0xe9" in problem.message


def test_utf16_is_named() -> None:
    [problem] = load_document("a: 1\n".encode("utf-16"), "f.yaml").diagnostics
    assert problem.code == "Y005"
    assert "UTF-16" in problem.message


def test_nul_byte() -> None:
    assert codes(b"a: 1\nb: x\x00y\n") == [("Y005", 2, 5)]


def test_mapping_key_that_is_a_list() -> None:
    assert codes(b"? [a, b]\n: 1\n") == [("Y010", 1, 3)]


def test_huge_integer_is_located() -> None:
    assert codes(b"a: " + b"9" * 5000 + b"\n") == [("Y012", 1, 4)]


def test_size_limit() -> None:
    assert codes(b"a: 1\n" * 100, Limits(max_bytes=100)) == [("Y011", 1, 1)]


def test_depth_limit_is_reported_once() -> None:
    raw = b"a: " + b"[" * 70 + b"]" * 70 + b"\n"
    assert codes(raw) == [("Y011", 1, 68)]  # the 65th bracket: 64 levels below the root


def test_libyaml_nesting_limit_is_a_limit_finding() -> None:
    raw = b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"
    [problem] = load_document(raw, "f.yaml").diagnostics
    assert problem.code == "Y011"


def test_source_map_positions_values_and_keys() -> None:
    doc = load_document(b"a:\n  - x: 1\n    y: [2, 3]\n", "f.yaml")
    assert doc.source_map.values[("a", 0, "y", 1)] == (3, 12)
    assert doc.source_map.keys[("a", 0, "y")] == (3, 5)
    assert doc.source_map.position(("a", 0, "missing")) == (2, 5)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    doc = load_document(raw, "f.yaml")
    assert doc.data is None or isinstance(doc.data, dict)
    for diagnostic in doc.diagnostics:
        assert diagnostic.line >= 1
        assert diagnostic.col >= 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!|>'\"\n\t#,?%@`")), max_size=120))
def test_arbitrary_yaml_punctuation_never_raises(text: str) -> None:
    doc = load_document(text.encode(), "f.yaml")
    assert doc.data is None or isinstance(doc.data, dict)


def test_typographic_quotes_around_a_whole_value_are_a_warning_at_the_value() -> None:
    doc = load_document("title: {fr: “Gouvernance”}\nrefs: [‘l’Agence’]\n".encode(), "f.yaml")
    assert [(d.code, d.severity, d.line, d.col) for d in doc.diagnostics] == [
        ("Y014", Severity.WARNING, 1, 13),
        ("Y014", Severity.WARNING, 2, 8),
    ]
    assert doc.diagnostics[0].hint == 'use straight double quotes: "Gouvernance"'
    assert doc.data == {"title": {"fr": "“Gouvernance”"}, "refs": ["‘l’Agence’"]}


@pytest.mark.parametrize(
    "text",
    ['title: "“Gouvernance”"\n', "title: “a” et “b”\n", "title: Le “plan” national\n"],
)
def test_typographic_quotes_that_belong_to_the_text_are_not_reported(text: str) -> None:
    assert load_document(text.encode(), "f.yaml").diagnostics == []


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        (
            "title: 'Appui à l'Agence'",
            "an apostrophe ends a text in single quotes: write it in double quotes, "
            '"Appui à l\'Agence"',
        ),
        (
            "title: {fr: 'Appui à l'Agence', en: Support}",
            "an apostrophe ends a text in single quotes: write it in double quotes, "
            '"Appui à l\'Agence"',
        ),
        (
            "title: 'Il dit \"l'an\"'",
            "an apostrophe ends a text in single quotes: double it, 'Il dit \"l''an\"'",
        ),
        (
            "title: {fr: “a : b”}",
            'typographic quotes (“ ” ‘ ’) are not YAML quotes: write straight double quotes, "a : b"',
        ),
        (
            "title: “Plan : 2021”",
            "typographic quotes (“ ” ‘ ’) are not YAML quotes: write straight double quotes, "
            '"Plan : 2021"',
        ),
        (
            "title: « Plan : santé »",
            "guillemets « » are text to YAML: put the value in straight double quotes, "
            '"« Plan : santé »"',
        ),
    ],
)
def test_a_syntax_error_caused_by_quotes_gets_the_value_that_works(line: str, hint: str) -> None:
    [error] = load_document(f"{line}\ncountry: MA\n".encode(), "f.yaml").diagnostics
    assert error.code == "Y001"
    assert error.hint == hint
    # The value the hint gives loads.
    value = hint.rpartition(", ")[2]
    fixed = load_document(f"title: {value}\n".encode(), "f.yaml")
    assert fixed.diagnostics == []


def test_quotes_elsewhere_do_not_change_the_hint_of_another_error() -> None:
    [error] = load_document(b"title: l'Agence\n\tcountry: MA\n", "f.yaml").diagnostics
    assert "apostrophe" not in error.hint
