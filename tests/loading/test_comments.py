"""Y015: a `#` glued to the value before it is a comment to libyaml and an error to YAML 1.2.

The cases are the error cases of the YAML test suite (github.com/yaml/yaml-test-suite) that
libyaml accepts because of a glued comment, written here as roadmap-like fragments: a
document that is a list is refused as a whole (Y008), so each sits under a key.
"""

from __future__ import annotations

import pytest
import yaml
from yaml.events import ScalarEvent

from tests.conftest import check_text
from uhc_roadmap.loading.comments import glued_comments, may_have_glued_comments


def glued(text: str) -> list[tuple[int, int]]:
    return [(d.line, d.col) for d in check_text(text).diagnostics if d.code == "Y015"]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('programme: "UHC Partnership"# not a comment\n', (1, 29)),  # suite SU5Z
        ("programme: 'UHC Partnership'# not a comment\n", (1, 29)),
        ("funders: [EU, LU, ]#WHO\n", (1, 20)),  # 9JBA
        ("funders: [EU, LU,#WHO\n  ]\n", (1, 18)),  # CVW2
        ("funders: [#WHO\n  EU]\n", (1, 11)),
        ("phase: {id: P3}#P4\n", (1, 16)),
        ("summary: >#note\n  text\n", (1, 11)),  # X4QW
        ("summary: |-#note\n  text\n", (1, 12)),
        ("summary: |2#note\n   text\n", (1, 12)),
        ("%YAML 1.2#x\n---\ncountry: MA\n", (1, 10)),  # MUS6/00
    ],
)
def test_a_glued_comment_is_found_where_it_stands(text: str, where: tuple[int, int]) -> None:
    assert glued(text) == [where]


@pytest.mark.parametrize(
    "text",
    [
        'programme: "UHC Partnership" # a comment\n',
        'programme: "UHC Partnership"\t# after a tab\n',
        "language: C#\nsource: report.pdf#page=3\n",  # part of a plain value
        "title: \"x]#y\"\nnote: 'a,#b'\n",  # inside quotes
        'note: 1 # see "x"#y and [z]#w\n',  # inside a comment
        'summary: |\n  "quoted"#kept\n  [list]#kept\ntitle: x\n',  # inside a block scalar
        "title: x\n  y]#z\n",  # inside a multi-line plain value
        "# header\n#]#x\n",
    ],
)
def test_what_is_no_glued_comment_gives_nothing(text: str) -> None:
    assert glued(text) == []


def test_most_files_are_not_looked_at_twice() -> None:
    assert not may_have_glued_comments("a: 1 # fine\nb: page#3\n# a: [x]\n")
    assert may_have_glued_comments('a: "x"#y\n')


def test_offsets_are_characters_not_bytes() -> None:
    text = 'titre: "Santé – ok"# glued\n'
    scalars = [e for e in yaml.parse(text, Loader=yaml.CBaseLoader) if isinstance(e, ScalarEvent)]
    [offset] = glued_comments(text, scalars)
    assert text[offset - 1 : offset + 1] == '"#'
    assert glued(text) == [(1, 20)]


def test_a_glued_comment_stops_the_roadmap_like_any_yaml_error() -> None:
    result = check_text('schema_version: "1"# v1\n')
    assert [(d.code, d.severity.value) for d in result.diagnostics] == [("Y015", "error")]
