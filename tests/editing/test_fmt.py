"""fmt: one canonical layout, idempotent, every comment kept, the meaning unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROADMAPS
from tests.editing.scramble import SCRAMBLES, all_scrambles, scrambled
from uhc_roadmap.editing.document import Document
from uhc_roadmap.editing.errors import NotLoadable
from uhc_roadmap.editing.fmt import fmt, format_document, is_formatted
from uhc_roadmap.loading import load_document

EXAMPLES = sorted(ROADMAPS.glob("*.yaml"))
HAND_WRITTEN = sorted((FIXTURES / "editing").glob("*.yaml"))
EVERY = EXAMPLES + HAND_WRITTEN


def formatted(text: str) -> str:
    return format_document(Document.parse(text.encode("utf-8"), "f.yaml"))


def comments(text: str) -> list[str]:
    """The comments of a text, in order, as written (a `#` after a space or at a line start,
    outside quotes: enough for these files)."""
    found = []
    for line in text.splitlines():
        match = re.search(r"(?:^|\s)(#.*)$", re.sub(r'"[^"]*"', '""', line))
        if match:
            found.append(match.group(1).rstrip())
    return found


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_example_roadmaps_are_in_fmts_layout(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert formatted(text) == text, f"run `uhc-roadmap fmt {path.relative_to(ROADMAPS.parent)}`"
    assert is_formatted(Document.parse(text.encode(), path.name))


@pytest.mark.parametrize("path", EVERY, ids=lambda p: p.stem)
def test_fmt_is_idempotent_and_keeps_meaning_and_comments(path: Path) -> None:
    raw = path.read_bytes()
    done = fmt(raw, path.name)  # reads its result back and compares the data itself
    assert formatted(done.text) == done.text
    assert load_document(done.raw, path.name).data == load_document(raw, path.name).data
    assert comments(done.text) == comments(done.doc.text)
    assert done.text.endswith("\n")
    assert not done.text.endswith("\n\n")
    assert all(line == line.rstrip() for line in done.text.splitlines())


@pytest.mark.parametrize("path", EVERY, ids=lambda p: p.stem)
@pytest.mark.parametrize("scramble", [*SCRAMBLES, "all"])
def test_a_scrambled_copy_formats_back_to_the_canonical_text(path: Path, scramble: str) -> None:
    text = path.read_text(encoding="utf-8-sig")
    messy = all_scrambles(text, seed=7) if scramble == "all" else scrambled(text, scramble)
    assert messy != text
    doc = Document.parse(messy.encode(), path.name)
    assert not is_formatted(doc)
    assert format_document(doc) == formatted(text)
    assert formatted(format_document(doc)) == format_document(doc)


def test_the_hand_written_roadmap_takes_the_canonical_layout() -> None:
    text = (FIXTURES / "editing" / "senegal_hand_written.yaml").read_text(encoding="utf-8")
    out = formatted(text)
    assert 'schema_version: "1"' in out  # double quotes where quotes are needed
    assert "languages: [fr, en]\nphase: {id: PH-2021, start: 2021-01-01, end: 2023-12-31}" in out
    assert "\n  - id: MSAS\n    name:" in out  # list items indented under their key
    assert "    planned: {start: 2021-03-01, end: 2021-12-31}\n" in out
    assert '    title: "Revue annuelle conjointe"\n' in out  # free text: still quoted
    assert (
        "      - {title: Termes de référence validés, due: 2021-05-31, done_on: 2021-06-10}" in out
    )
    # a comment inside a record keeps it in block style, and keeps its column
    assert "    actual:\n      start: 2021-04-15      # date approximative\n" in out
    assert "  - id: OMS-SN      # le bureau pays\n" in out
    # block scalars keep their lines, re-indented; a `#` inside one is not a comment
    assert "    description: |\n      Première ligne.\n      Deuxième ligne, avec un #" in out
    assert "  # --- Gouvernance ---" in out  # a comment takes the indentation of what follows
    assert out.endswith("\n\n# Fin du fichier.\n")


def test_crlf_and_bom_become_plain_utf8_with_line_feeds() -> None:
    raw = (FIXTURES / "editing" / "minimal_crlf_bom.yaml").read_bytes()
    done = fmt(raw, "minimal.yaml")
    assert done.changed
    assert "\r" not in done.text
    assert not done.raw.startswith(b"\xef\xbb\xbf")
    assert "  - id: MS\n    name: Ministère de la Santé\n    type: government\n" in done.text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("programme: 'l''OMS'\n", 'programme: "l\'OMS"\n'),  # free text: double quotes
        ("country: 'MA'\n", "country: MA\n"),  # a code: no quotes needed
        ("country: 'NO'\n", 'country: "NO"\n'),  # still needed for YAML 1.1 readers
        ('schema_version: "1"\n', 'schema_version: "1"\n'),
        (
            "activities:\n- id: 'A-1'\n  status: \"ongoing\"\n",
            "activities:\n  - id: A-1\n    status: ongoing\n",
        ),
        ("key: yes\n", "key: yes\n"),  # bare stays bare: what --fix reads as a boolean
        ("a: 1\n\n\n\nb: 2   \n\n\n", "a: 1\n\nb: 2\n"),
        ("# only a comment on top\n---\na: 1\n...\n", "# only a comment on top\na: 1\n"),
        (
            "title:\n  en: B\n  fr: A\nlanguages: [fr, en]\n",
            "title:\n  fr: A\n  en: B\nlanguages: [fr, en]\n",
        ),
        ("n: 1.50\nm: 0x1F\n", "n: 1.50\nm: 0x1F\n"),  # numbers as written
    ],
)
def test_small_cases(before: str, after: str) -> None:
    assert formatted(before) == after
    assert formatted(after) == after


def test_a_file_that_does_not_load_is_refused_with_its_findings() -> None:
    with pytest.raises(NotLoadable) as caught:
        fmt(b"a: [1, 2\n", "broken.yaml")
    assert [d.code for d in caught.value.diagnostics] == ["Y001"]


def test_long_lists_of_codes_are_filled_to_100_columns_and_continue_under_the_first() -> None:
    codes = ", ".join(f"DZ-{i:02}" for i in range(1, 30))
    out = formatted(f"region_groups:\n  SUD: [{codes}]\n")
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert lines[2].startswith("        DZ-")  # under the first item, after `[`
    assert formatted(out) == out


def test_formatting_leaves_no_reference_cycle() -> None:
    """Worker processes run with the collector paused and collect after each file: a cycle
    through a document would keep it alive until then and cost a pass over all of it."""
    import gc

    raw = (ROADMAPS / "morocco.yaml").read_bytes()
    gc.collect()
    gc.disable()
    try:
        is_formatted(Document.parse(raw, "m.yaml"))
        fmt(raw, "m.yaml")
        assert gc.collect() == 0
    finally:
        gc.enable()
