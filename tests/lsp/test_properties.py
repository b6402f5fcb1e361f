"""Random edits of the example roadmaps, sent to the real server as a client sends them
(incremental changes, positions in UTF-16), and its diagnostics compared with validate's on
the same text: same codes, severities, messages and hints, at the same places."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROADMAPS, cli_command
from tests.lsp.client import Client, position
from uhc_roadmap.validation import check_bytes

pytestmark = pytest.mark.e2e
EXAMPLES = {path.stem: path.read_text(encoding="utf-8") for path in sorted(ROADMAPS.glob("*.yaml"))}
YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
SNIPPETS = [
    "", "x", ":", ": ", "- ", "[", "]", "{", "}", ", ", "#", "\n", "  ", "é", "😀", '"', "'",
    "GOV-01", "status: en cours", "\r\n", "\u2028", "15/06/2021", "NO", "&a", "*a", "!!str ",
]  # fmt: skip
SEVERITIES = {"error": 1, "warning": 2, "info": 3}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Client, Path]]:
    folder = tmp_path_factory.mktemp("edits")
    client = Client(cwd=folder, command=[*cli_command(), "lsp"])
    try:
        client.initialize(folder)
        yield client, folder
        assert client.shutdown_and_exit() == 0
    finally:
        client.close()


@st.composite
def edits(draw: st.DrawFn, text: str) -> list[tuple[int, int, str]]:
    """A few edits (start, end, new text) after the `schema_version` line."""
    first = text.index("\n", text.index("schema_version")) + 1
    found = []
    for _ in range(draw(st.integers(1, 4))):
        start = _between_characters(text, draw(st.integers(first, len(text))))
        end = _between_characters(text, min(len(text), start + draw(st.integers(0, 30))))
        new = "".join(draw(st.lists(st.sampled_from(SNIPPETS), max_size=3)))
        found.append((start, end, new))
        text = text[:start] + new + text[end:]
    return found


def _between_characters(text: str, offset: int) -> int:
    """An offset an LSP position can name: not between the CR and LF of a line break."""
    return (
        offset - 1 if 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n" else offset
    )


def expected(text: str) -> list[tuple[Any, ...]]:
    """validate's findings for ``text``, placed as LSP places them, counted here by hand."""
    starts = [0, *(m.end() for m in YAML_LINE_BREAK.finditer(text))]
    found = []
    for finding in check_bytes(text.encode("utf-8", "surrogatepass"), "x").result.diagnostics:
        if finding.line > len(starts):  # the parser's mark past the last line
            offset = len(text)
        else:
            offset = min(starts[finding.line - 1] + finding.col - 1, len(text))
        at = position(text, offset)
        message = finding.message + (f"\nhint: {finding.hint}" if finding.hint else "")
        found.append(
            (at["line"], at["character"], finding.code, SEVERITIES[finding.severity], message)
        )
    return sorted(found)


def served(diagnostics: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            d["range"]["start"]["line"],
            d["range"]["start"]["character"],
            d["code"],
            d["severity"],
            d["message"],
        )
        for d in diagnostics
    )


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_server_and_validate_agree_on_every_edited_text(
    server: tuple[Client, Path], name: str
) -> None:
    client, folder = server
    text = EXAMPLES[name]
    uri = client.open(folder / f"{name}.yaml", text)
    state = {"text": text, "version": 1}
    client.diagnostics(uri, 1)

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def check(data: st.DataObject) -> None:
        state["version"] += 1  # each example starts from the example roadmap
        client.change(uri, state["version"], text)
        state["text"] = text
        for start, end, new in data.draw(edits(text)):
            current = state["text"]
            at = {"start": position(current, start), "end": position(current, end)}
            state["version"] += 1
            client.change(uri, state["version"], new, at=at)
            state["text"] = current[:start] + new + current[end:]
        assert served(client.diagnostics(uri, state["version"])) == expected(state["text"])

    check()
