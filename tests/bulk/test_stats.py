"""The stat index: a file unchanged since it was hashed is not read again, and a rewrite its
stat fields cannot show is read again whenever they cannot be trusted."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.conftest import ROADMAPS
from uhc_roadmap.bulk import stats
from uhc_roadmap.bulk.jobs import FileJob
from uhc_roadmap.bulk.stats import RACY_NS, StatIndex, content_digest
from uhc_roadmap.cache import Cache
from uhc_roadmap.cli.app import main
from uhc_roadmap.discovery import Source

HOUR_NS = 3600 * 10**9


def aged(path: Path, data: bytes, *, ago_ns: int = HOUR_NS) -> Path:
    path.write_bytes(data)
    mtime = time.time_ns() - ago_ns
    os.utime(path, ns=(mtime, mtime))
    return path


def hashed(index: StatIndex, path: Path) -> str:
    job = FileJob(path.name, Source(path.name, path), index, 10**6)
    return job.read().digest()


def test_an_unchanged_file_is_known_without_reading(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    path = aged(tmp_path / "a.yaml", b"country: MA\n")
    first = StatIndex(cache, tmp_path)
    digest = hashed(first, path)
    first.save()
    again = StatIndex(cache, tmp_path)
    assert again.digest(path) == digest == content_digest(b"country: MA\n")
    job = FileJob("a.yaml", Source("a.yaml", path), again, 10**6)
    assert job.digest() == digest
    assert job._job is None  # never read


def test_a_changed_stat_field_is_read_again(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    path = aged(tmp_path / "a.yaml", b"country: MA\n")
    index = StatIndex(cache, tmp_path)
    hashed(index, path)
    aged(path, b"country: SN\n")  # same size, an hour ago again: the change time moved
    assert index.digest(path) is None
    assert hashed(index, path) == content_digest(b"country: SN\n")


def test_a_rewrite_the_stat_fields_cannot_show_is_caught_when_they_are_racy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A coarse clock (FAT: 2 s) can leave every stat field as it was after a rewrite of the
    same size in the same tick. Then the fields are trusted only for a file modified well
    before its bytes were hashed; one modified within RACY_NS of it is read again."""
    path = aged(tmp_path / "a.yaml", b"country: MA\n", ago_ns=RACY_NS // 2)
    frozen = stats.stamp(path)
    monkeypatch.setattr(stats, "stamp", lambda _: frozen)  # nothing a rewrite changes shows
    index = StatIndex(Cache(tmp_path / "cache"), tmp_path)
    hashed(index, path)
    path.write_bytes(b"country: SN\n")
    assert index.digest(path) is None  # racy: read again
    assert hashed(index, path) == content_digest(b"country: SN\n")


def test_stat_fields_are_trusted_only_well_after_the_file_was_modified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = aged(tmp_path / "a.yaml", b"country: MA\n")
    frozen = stats.stamp(path)
    monkeypatch.setattr(stats, "stamp", lambda _: frozen)
    index = StatIndex(Cache(tmp_path / "cache"), tmp_path)
    digest = hashed(index, path)
    assert index.digest(path) == digest  # modified an hour before the hashing: trusted


@pytest.mark.parametrize(
    "value",
    [None, [], {"x": 1}, {"/a": [1, 2, 3]}, {"/a": [1, 2, 3, 4, 5, 6, 7]}, {"/a": ["1"] * 7}],
)
def test_a_damaged_index_is_ignored(tmp_path: Path, value: object) -> None:
    cache = Cache(tmp_path / "cache")
    index = StatIndex(cache, tmp_path)
    cache.put(stats.NAMESPACE, index.key, value)
    assert StatIndex(cache, tmp_path).files == {}


def test_a_warm_portfolio_sees_a_same_size_same_mtime_rewrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "roadmaps").mkdir()
    path = aged(tmp_path / "roadmaps" / "ma.yaml", (ROADMAPS / "morocco.yaml").read_bytes())
    assert main(["report", "-f", "json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert main(["report", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == before
    info = path.stat()
    raw = path.read_bytes()
    with path.open("r+b") as handle:  # in place: same inode, same size
        handle.write(raw.replace(b"spent: 27400}", b"spent: 17400}", 1))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # the modification time restored
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (info.st_size, info.st_mtime_ns)
    assert main(["report", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out) != before
