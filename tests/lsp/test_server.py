"""The session: documents, checks on one thread, stale results dropped, requests answered."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types

from tests.conftest import ROADMAPS
from uhc_roadmap.lsp import server
from uhc_roadmap.lsp.server import Session, path_of

MOROCCO = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")


class Published:
    """What a session publishes, as (uri, version, codes)."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, int | None, list[str | int | None]]] = []
        self.changed = threading.Condition()

    def __call__(self, uri: str, version: int | None, found: list[types.Diagnostic]) -> None:
        with self.changed:
            self.seen.append((uri, version, [d.code for d in found]))
            self.changed.notify_all()

    def wait(self, version: int, timeout: float = 30) -> list[str | int | None]:
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                for _, seen_version, codes in reversed(self.seen):
                    if seen_version == version:
                        return codes
                left = deadline - time.monotonic()
                assert left > 0, f"version {version} never published: {self.seen}"
                self.changed.wait(left)


@pytest.fixture
def uri(tmp_path: Path) -> str:
    return (tmp_path / "morocco.yaml").as_uri()


def whole(text: str) -> list[tuple[Any, str]]:
    return [(None, text)]


def test_open_change_and_close_publish_what_validate_finds(uri: str) -> None:
    published = Published()
    session = Session(published)
    session.open(uri, MOROCCO.replace("status: ongoing", "status: en cours", 1), 1)
    assert published.seen[-1] == (uri, 1, ["S004"])
    session.change(uri, 2, whole(MOROCCO))
    assert published.seen[-1] == (uri, 2, [])
    session.close(uri)
    assert published.seen[-1] == (uri, None, [])


def test_a_yaml_file_that_is_no_roadmap_is_left_alone(uri: str) -> None:
    published = Published()
    session = Session(published)
    session.open(uri, "name: CI\non: [push]\n", 1)
    assert published.seen == []
    assert session.completion(uri, 0, 0) is None
    assert session.hover(uri, 0, 0) is None


def test_a_file_that_stops_being_a_roadmap_has_its_findings_cleared(uri: str) -> None:
    published = Published()
    session = Session(published)
    session.open(uri, MOROCCO.replace("status: ongoing", "status: en cours", 1), 1)
    session.change(uri, 2, whole("name: CI\n"))
    assert published.seen[-1] == (uri, 2, [])


def test_a_configuration_with_errors_is_reported_in_the_document(tmp_path: Path, uri: str) -> None:
    (tmp_path / ".uhc-roadmap.yaml").write_text("selct: [R]\n", encoding="utf-8")
    published = Published()
    session = Session(published)
    session.open(uri, MOROCCO, 1)
    assert published.seen[-1][2] == [None]  # one diagnostic, without a rule code
    (tmp_path / ".uhc-roadmap.yaml").write_text("select: [R]\n", encoding="utf-8")
    session.saved((tmp_path / ".uhc-roadmap.yaml").as_uri())
    assert published.seen[-1] == (uri, 1, [])


def test_changes_during_a_check_are_folded_and_stale_results_dropped(
    uri: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked_versions: list[int | None] = []
    real_check = server.check

    def slow_check(text: str, file: str, options: Any, version: int | None = None) -> Any:
        checked_versions.append(version)
        time.sleep(0.05)
        return real_check(text, file, options, version)

    monkeypatch.setattr(server, "check", slow_check)
    published = Published()
    session = Session(published)
    session.start()
    try:
        session.open(uri, MOROCCO, 1)
        for version in range(2, 102):  # a hundred changes, faster than a check
            broken = version % 2 == 0
            text = MOROCCO.replace("status: ongoing", "status: en cours", 1) if broken else MOROCCO
            session.change(uri, version, whole(text))
        session.change(uri, 102, whole(MOROCCO.replace("status: ongoing", "status: done", 1)))
        assert published.wait(102) == ["S004"]
    finally:
        session.stop()
    assert len(checked_versions) < 20  # folded: not one check per change
    versions = [v for _, v, _ in published.seen]
    assert versions == sorted(versions)  # never an older version after a newer one
    assert versions[-1] == 102


def test_a_request_is_answered_on_the_text_of_now(uri: str) -> None:
    published = Published()
    session = Session(published)
    session.open(uri, MOROCCO, 1)
    line = MOROCCO[: MOROCCO.index("depends_on: [GOV-02]")].count("\n")
    session.change(uri, 2, whole(MOROCCO.replace("depends_on: [GOV-02]", "depends_on: [", 1)))
    found = session.completion(uri, line, len("    depends_on: ["))
    assert found is not None
    assert "GOV-01" in [item.label for item in found.items]
    hovered = session.hover(uri, line, 5)
    assert hovered is not None


def test_paths_of_file_uris_only() -> None:
    assert path_of("file:///tmp/a%20b/x.yaml") == Path("/tmp/a b/x.yaml")
    assert path_of("untitled:Untitled-1") is None


def test_a_change_after_a_quiet_spell_is_checked_at_once_a_burst_when_it_pauses(uri: str) -> None:
    session = Session(Published())
    session.open(uri, MOROCCO, 1)
    entry = session.documents[uri]
    now = time.monotonic()
    entry.checked_at = now - 10
    entry.pending_since = entry.changed_at = now  # the first change in ten seconds
    assert session._delay(uri) == 0
    entry.checked_at = now - 0.01  # changes keep coming since the last check
    entry.pending_since = now - 0.02
    entry.changed_at = now
    assert 0 < session._delay(uri) <= server.QUIET
    entry.pending_since = now - server.MAX_WAIT  # typing without a pause: check anyway
    assert session._delay(uri) == 0


def test_standard_input_reads_as_pygls_reads_and_stops_waiting_when_closed() -> None:
    import os

    from uhc_roadmap.lsp.server import Input

    read_end, write_end = os.pipe()
    with open(read_end, "rb", buffering=0) as stream:
        source = Input(stream)  # type: ignore[arg-type]
        os.write(write_end, b"Content-Length: 4\r\n\r\nabcdnext")
        assert source.readline() == b"Content-Length: 4\r\n"
        assert source.readline() == b"\r\n"
        assert source.read(4) == b"abcd"
        waiting: list[bytes] = []
        reader = threading.Thread(target=lambda: waiting.append(source.readline()))
        reader.start()  # "next" has no line end yet: the reader waits for more
        time.sleep(0.1)
        assert reader.is_alive()
        source.close()
        reader.join(5)
        assert waiting == [b"next"]  # what was there, then the end of input
        assert source.readline() == b""
        source.release()
    os.close(write_end)
