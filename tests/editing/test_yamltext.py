"""Values written as YAML read back as the same value (property-tested with the real loader)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uhc_roadmap.editing.values import number
from uhc_roadmap.editing.yamltext import double_quoted, plain_ok, scalar_text, single_quoted
from uhc_roadmap.loading import load_document

# Any text a roadmap can hold: the loader refuses control characters but tab and line feed.
texts = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from(["\t", "\n", " "])
    ),
    max_size=30,
)


def read(value_text: str, *, flow: bool = False) -> object:
    source = f"v: [{value_text}]\n" if flow else f"v: {value_text}\n"
    loaded = load_document(source.encode("utf-8"), "t.yaml")
    assert loaded.data is not None, [d.message for d in loaded.diagnostics]
    return loaded.data["v"][0] if flow else loaded.data["v"]


@given(texts)
def test_double_quoted_text_reads_back_as_itself(value: str) -> None:
    assert read(double_quoted(value)) == value


@given(texts, st.booleans())
def test_text_judged_safe_bare_reads_back_as_itself(value: str, flow: bool) -> None:
    if plain_ok(value, flow=flow):
        assert read(value, flow=flow) == value


@given(texts)
def test_single_quoted_text_reads_back_as_itself(value: str) -> None:
    written = single_quoted(value)
    if written is not None:
        assert read(written) == value


@given(st.one_of(st.integers(-(10**15), 10**15), st.floats(allow_nan=False, allow_infinity=False)))
def test_numbers_read_back_as_themselves(value: float) -> None:
    assert read(scalar_text(value, flow=False)) == value


@pytest.mark.parametrize(
    "value", ["NO", "yes", "1.10", "010", "null", "- x", "a: b", "a #b", "[x]", "“x”", " x", ""]
)
def test_text_that_some_reader_takes_otherwise_is_quoted(value: str) -> None:
    if value == "“x”":
        assert plain_ok(value, flow=False)  # YAML reads it as text (Y014 warns)
    else:
        assert not plain_ok(value, flow=False)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("150 000", 150000),
        ("74 300,50", 74300.5),
        ("12,5", 12.5),
        ("1.250.000,5", 1250000.5),
        ("1,250,000", 1250000),
        ("1,250.5", 1250.5),
        ("-3", -3),
        ("1,250", None),  # thousands or decimal comma?
        ("12%", None),
        ("abc", None),
        ("", None),
    ],
)
def test_numbers_written_the_french_or_excel_way(written: str, meant: float | None) -> None:
    assert number(written) == meant
