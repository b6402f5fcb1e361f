"""The real `uhc-roadmap lsp` with a real client over standard input and output (and TCP).

The issue's "done when": a broken copy of each example gets the same (line, column, code) set
as `validate --format json`; completion inside `depends_on: [` offers the activity ids; hover
answers on a field value; a change that fixes the text clears the errors; shutdown and exit
end the process with code 0. And the load: a half-typed document, an 8 MiB file, a hundred
changes in a second, a client that dies.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROADMAPS, cli_command, run_cli
from tests.lsp.client import Client, ServerError, free_port, position
from uhc_roadmap.editing import Document
from uhc_roadmap.editing.engine import Change, changed_text

pytestmark = pytest.mark.e2e
EXAMPLES = sorted(ROADMAPS.glob("*.yaml"))
COMMAND = [*cli_command(), "lsp"]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    started = Client(cwd=tmp_path, command=COMMAND)
    try:
        started.initialize(tmp_path)
        yield started
    finally:
        started.close()


def broken_copies(path: Path) -> dict[str, str]:
    """Copies of an example broken the ways people break roadmaps: references to ids that do
    not exist and an amount over plan (semantic rules), values a word processor would write
    (schema), and a list left open (YAML)."""
    text = path.read_text(encoding="utf-8")
    doc = Document.parse(text.encode(), path.name)
    activities = doc.data["activities"]
    depends = next(i for i, a in enumerate(activities) if a.get("depends_on"))
    budgeted = next(i for i, a in enumerate(activities) if a.get("budget"))
    line = activities[budgeted]["budget"][0]
    semantic = [
        Change(("activities", 0, "axis"), "NO-SUCH-AXIS"),
        Change(("activities", depends, "depends_on", 0), "NO-SUCH-ACTIVITY"),
        Change(("activities", budgeted, "budget", 0, "spent"), line["planned"] * 2),
    ]
    schema = [
        Change(("activities", 0, "status"), "en cours"),
        Change(("activities", 1, "planned", "end"), "15/06/2021"),
    ]
    opened = text.index("[", text.index("\nactivities:"))
    return {
        "semantic": changed_text(doc, semantic).text,
        "schema": changed_text(doc, schema).text,
        "yaml": text[:opened] + "[" + text[opened:],
    }


def as_found(text: str, diagnostics: list[dict[str, Any]]) -> set[tuple[int, int, str]]:
    """LSP diagnostics as validate's 1-based (line, column in characters, code)."""
    lines = text.split("\n")
    found = set()
    for diagnostic in diagnostics:
        start = diagnostic["range"]["start"]
        line = lines[start["line"]]
        units, column = 0, 0
        while units < start["character"]:
            units += len(line[column].encode("utf-16-le")) // 2
            column += 1
        found.add((start["line"] + 1, column + 1, diagnostic["code"]))
    return found


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_broken_copy_of_each_example_gets_what_validate_reports(
    client: Client, tmp_path: Path, path: Path
) -> None:
    for kind, text in broken_copies(path).items():
        copy = tmp_path / f"{kind}-{path.name}"
        copy.write_text(text, encoding="utf-8")
        report = json.loads(run_cli("validate", "--format", "json", copy.name, cwd=tmp_path).stdout)
        expected = {(d["line"], d["col"], d["code"]) for d in report["files"][0]["diagnostics"]}
        assert expected, f"{kind}: the copy is not broken"
        uri = client.open(copy, text)
        assert as_found(text, client.diagnostics(uri, 1)) == expected, kind


def test_completion_inside_depends_on_offers_the_activity_ids(
    client: Client, tmp_path: Path
) -> None:
    text = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")
    uri = client.open(tmp_path / "morocco.yaml", text)
    client.diagnostics(uri, 1)
    typed = text.replace("depends_on: [GOV-02]", "depends_on: [", 1)
    client.change(uri, 2, typed)
    at = position(typed, typed.index("depends_on: [") + len("depends_on: ["))
    found = client.request(
        "textDocument/completion", {"textDocument": {"uri": uri}, "position": at}
    )
    labels = [item["label"] for item in found["items"]]
    activities = Document.parse(text.encode(), "m").data["activities"]
    assert labels == [a["id"] for a in activities]


def test_hover_answers_on_a_field_value(client: Client, tmp_path: Path) -> None:
    text = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")
    uri = client.open(tmp_path / "morocco.yaml", text)
    at = position(text, text.index("status: ongoing") + len("status: on"))
    found = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": at})
    assert found["contents"]["kind"] == "markdown"
    assert found["contents"]["value"].startswith("**status**: one of planned, ongoing")
    start = found["range"]["start"]
    assert start == position(text, text.index("status: ongoing") + len("status: "))


def test_a_change_that_fixes_the_text_clears_the_errors(client: Client, tmp_path: Path) -> None:
    text = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")
    broken = text.replace("status: ongoing", "status: en cours", 1)
    uri = client.open(tmp_path / "morocco.yaml", broken)
    [finding] = client.diagnostics(uri, 1)
    assert finding["code"] == "S004"
    assert finding["codeDescription"]["href"].endswith("#s004-invalid-value")
    start = broken.index("en cours")
    client.change(
        uri,
        2,
        "ongoing",
        at={"start": position(broken, start), "end": position(broken, start + len("en cours"))},
    )
    assert client.diagnostics(uri, 2) == []


def test_shutdown_and_exit_end_the_process_with_code_0(client: Client) -> None:
    assert client.shutdown_and_exit() == 0
    assert b"Traceback" not in client.stderr


def test_exit_without_shutdown_ends_it_with_code_1(client: Client) -> None:
    client.notify("exit", None)
    assert client.process.wait(30) == 1


def test_a_client_that_dies_ends_the_server(client: Client, tmp_path: Path) -> None:
    text = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")
    client.diagnostics(client.open(tmp_path / "morocco.yaml", text), 1)
    assert client.process.stdin is not None
    client.process.stdin.close()  # what the operating system does when the editor dies
    assert client.process.wait(30) == 1
    assert b"Traceback" not in client.stderr


def test_a_half_typed_document_never_crashes_the_server(client: Client, tmp_path: Path) -> None:
    text = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")
    uri = client.open(tmp_path / "morocco.yaml", text)
    version = 1
    for cut in range(len(text) - 1, len(text) // 2, -(len(text) // 25)):  # typing, backwards
        version += 1
        client.change(uri, version, text[:cut])
    client.diagnostics(uri, version)
    for offset in range(0, len(text) // 2, len(text) // 40):  # every request, anywhere
        at = {"textDocument": {"uri": uri}, "position": position(text, offset)}
        client.request("textDocument/completion", at)
        client.request("textDocument/hover", at)
        client.request("textDocument/definition", at)
        client.request("textDocument/references", {**at, "context": {"includeDeclaration": True}})
        client.request(
            "textDocument/codeAction",
            {
                **at,
                "range": {"start": at["position"], "end": at["position"]},
                "context": {"diagnostics": []},
            },
        )
    with pytest.raises(ServerError):
        client.request("textDocument/rename", {**at, "newName": "X-1"})
    client.request(
        "textDocument/formatting",
        {"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": True}},
    )
    assert client.shutdown_and_exit() == 0
    assert b"Traceback" not in client.stderr


def test_an_8_mib_file_and_a_hundred_changes_in_a_second_keep_it_answering(
    client: Client, tmp_path: Path
) -> None:
    text = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")
    room = 8 * 2**20 - len(text.encode()) - 200  # the hundred changes must fit too
    filler = "".join(f"  # note {n:07d} {'x' * 60}\n" for n in range(room // 78))
    big = text.replace("\norganisations:\n", f"\norganisations:\n{filler}", 1)
    assert 7.9 * 2**20 < len(big.encode()) <= 8 * 2**20
    uri = client.open(tmp_path / "big.yaml", big)
    assert client.diagnostics(uri, 1, timeout=120) == []
    end = position(big, len(big))  # typing at the end of the file, a character at a time
    started = time.monotonic()
    for version in range(2, 102):  # (the client counts as an editor does: from the last place)
        at = {"line": end["line"], "character": end["character"] + version - 2}
        client.change(uri, version, "#", at={"start": at, "end": at})
        time.sleep(0.01)
    big += "#" * 100
    hovered = client.request(
        "textDocument/hover",
        {
            "textDocument": {"uri": uri},
            "position": position(big, big.index("status: ongoing") + 10),
        },
        timeout=120,
    )
    assert hovered is not None
    assert client.diagnostics(uri, 101, timeout=120) == []
    assert time.monotonic() - started < 120
    assert client.shutdown_and_exit() == 0


def test_over_tcp_on_this_machine(tmp_path: Path) -> None:
    port = free_port()
    remote = Client(cwd=tmp_path, command=[*COMMAND, "--tcp", str(port)], port=port)
    try:
        remote.initialize(tmp_path)
        text = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")
        broken = text.replace("status: ongoing", "status: en cours", 1)
        uri = remote.open(tmp_path / "morocco.yaml", broken)
        assert [d["code"] for d in remote.diagnostics(uri, 1)] == ["S004"]
        assert remote.shutdown_and_exit() == 0
    finally:
        remote.close()


def test_without_the_lsp_extra_one_line_says_how_to_install_it(tmp_path: Path) -> None:
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text(
        "import sys\nsys.modules['pygls'] = None\nsys.modules['lsprotocol'] = None\n",
        encoding="utf-8",
    )
    done = run_cli("lsp", cwd=tmp_path, env={"PYTHONPATH": str(tmp_path)})
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "uhc-roadmap: error: `uhc-roadmap lsp` needs pygls 2 and lsprotocol: "
        "pip install 'uhc-roadmap[lsp]'"
    ]


def test_a_changed_configuration_is_applied_to_the_open_roadmaps(tmp_path: Path) -> None:
    watcher = Client(cwd=tmp_path, command=COMMAND)
    try:
        watcher.initialize(
            tmp_path, {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}
        )
        text = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")
        uri = watcher.open(tmp_path / "morocco.yaml", text.replace("[GOV-02]", "[GOV-2]", 1))
        assert [d["code"] for d in watcher.diagnostics(uri, 1)] == ["R004"]
        [registration] = watcher.wait_until(
            lambda: watcher.requests_from_server or None, 30, "the watchers' registration"
        )
        assert registration["method"] == "client/registerCapability"
        config = tmp_path / ".uhc-roadmap.yaml"
        config.write_text("ignore: [R004]\n", encoding="utf-8")
        published = len(watcher.published(uri))
        watcher.notify(
            "workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 1}]}
        )
        watcher.wait_until(
            lambda: watcher.published(uri)[published:] or None, 30, "the new diagnostics"
        )
        assert watcher.published(uri)[-1]["diagnostics"] == []
    finally:
        watcher.close()


def test_a_port_already_taken_is_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_cli("lsp", "--tcp", str(port), cwd=tmp_path, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"uhc-roadmap: error: cannot listen on 127.0.0.1:{port} (Address already in use)"
    ]


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_an_interrupted_server_ends_at_once_while_the_editor_keeps_its_pipe(
    client: Client, name: str
) -> None:
    import signal

    client.process.send_signal(getattr(signal, name))
    started = time.monotonic()
    assert client.process.wait(30) != 0
    assert time.monotonic() - started < 10  # not when the editor next writes
    assert b"Traceback" not in client.stderr
