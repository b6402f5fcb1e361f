"""primaryLocationLineHash as GitHub computes it, checked against the values of
github/codeql-action's own tests of its fingerprinting (src/fingerprints.test.ts)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uhc_roadmap.formats.diagnostics.fingerprints import line_hashes

GREETINGS = [
    "e9496ae3ebfced30:1",
    "fb7c023a8b9ccb3f:1",
    "ce8ba1a563dcdaca:1",
    "e20e36e16fcb0cc8:1",
    "b3edc88f2938467e:1",
    "c8e28b0b4002a3a0:1",
    "c129715d7a2bc9a3:1",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ["c129715d7a2bc9a3:1"]),
        (
            " a\nb\n  \t\tc\n d",
            ["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"],
        ),
        (
            " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End",
            [
                "8b7cf3e952e7aeb2:1",
                "b1ae1287ec4718d9:1",
                "bff680108adb0fcc:1",
                "c6805c5e1288b612:1",
                "b86d3392aea1be30:1",
                "e6ceba753e1a442:1",
            ],
        ),
        (" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", GREETINGS),
        (" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", GREETINGS),
        (" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", GREETINGS),
        (" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", GREETINGS),
        (
            "Lorem ipsum dolor sit amet.\n" * 10,
            [
                *(f"a7f2ff13bc495cf2:{n}" for n in range(1, 7)),
                "a7f2ff1481e87703:1",
                "a9cf91f7bbf1862b:1",
                "55ec222b86bcae53:1",
                "cc97dc7b1d7d8f7b:1",
                "c129715d7a2bc9a3:1",
            ],
        ),
    ],
)
def test_githubs_own_examples(text: str, expected: list[str]) -> None:
    assert line_hashes(text) == dict(enumerate(expected, start=1))


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300), st.integers(1, 5))
def test_lines_added_above_shift_the_line_not_its_hash(text: str, added: int) -> None:
    """Only the line numbers move (the hash of a line reads that line and the next 100
    characters, never those before it)."""
    body = "key: value\n" + text
    shifted = "# new\n" * added + body
    before, after = line_hashes(body), line_hashes(shifted)
    assert len(after) == len(before) + added
    assert after[added + 1].split(":")[0] == before[1].split(":")[0]
    assert [after[n + added] for n in before][-1].split(":")[0] == before[len(before)].split(":")[0]


def test_characters_beyond_the_bmp_count_as_two_units_as_in_javascript() -> None:
    assert line_hashes("😀\n") != line_hashes("x\n")
    assert len(line_hashes("é😀\nb")) == 2
