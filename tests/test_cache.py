"""The content cache: found only by its key, never trusted when damaged, never in the way."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uhc_roadmap import cache as cache_module
from uhc_roadmap.cache import CACHE_DIR, CACHEDIR_TAG, LAYOUT, Cache

NS = "validate"


@pytest.fixture
def store(tmp_path: Path) -> Cache:
    return Cache.in_project(tmp_path)


def _entry(store: Cache, key: str, namespace: str = NS) -> Path:
    return store.folder / f"v{LAYOUT}" / namespace / f"{key}.json"


def test_round_trip(store: Cache) -> None:
    key = store.key(NS, "roadmap.yaml", b"country: MA\n")
    assert store.get(NS, key) is None
    store.put(NS, key, {"diagnostics": [["B001", "error"]], "n": 1.5, "text": "é"})
    assert store.get(NS, key) == {"diagnostics": [["B001", "error"]], "n": 1.5, "text": "é"}
    assert store.problem is None


def test_the_folder_is_tagged_and_ignored_by_git(store: Cache, tmp_path: Path) -> None:
    store.put(NS, store.key(NS, "x"), [])
    assert store.folder == tmp_path / CACHE_DIR
    assert (store.folder / "CACHEDIR.TAG").read_text() == CACHEDIR_TAG
    assert CACHEDIR_TAG.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert "*" in (store.folder / ".gitignore").read_text().splitlines()


def test_nothing_is_written_until_something_is_stored(store: Cache) -> None:
    assert store.get(NS, store.key(NS, "x")) is None
    assert not store.folder.exists()


def test_every_part_of_the_key_counts(store: Cache) -> None:
    keys = {
        store.key(NS, "a", b"bc"),
        store.key(NS, "ab", b"c"),  # parts are length-prefixed, not concatenated
        store.key(NS, "a", b"bd"),
        store.key("report", "a", b"bc"),
        store.key(NS, "a", b"bc", "more"),
    }
    assert len(keys) == 5
    assert store.key(NS, "a", b"bc") == store.key(NS, "a", "bc")


def test_the_key_follows_the_tools_code(store: Cache, monkeypatch: pytest.MonkeyPatch) -> None:
    before = store.key(NS, "a")
    monkeypatch.setattr(cache_module, "environment_stamp", lambda: "another version")
    assert store.key(NS, "a") != before


def test_the_environment_stamp_names_the_libraries() -> None:
    stamp = cache_module.environment_stamp()
    for name in ("pydantic=", "pydantic_core=", "yaml=", "pycountry=", "rules/b001_"):
        assert name in stamp


def test_an_entry_is_found_only_in_its_namespace(store: Cache) -> None:
    key = store.key(NS, "x")
    store.put(NS, key, 1)
    assert store.get("report", key) is None
    _entry(store, key, "report").parent.mkdir(parents=True)
    _entry(store, key, "report").write_bytes(_entry(store, key).read_bytes())
    assert store.get("report", key) is None  # the entry says which namespace it is for


def _forge(store: Cache, key: str, body: bytes, namespace: str = NS, layout: int = LAYOUT) -> bytes:
    """An entry as put() writes it, but for any body, namespace or layout."""
    checksum = hashlib.blake2b(body, digest_size=16).hexdigest()
    return f"uhc-roadmap-cache {layout} {namespace} {key} {checksum}\n".encode() + body


def test_a_forged_entry_is_read_back_so_the_forgery_matches_put(store: Cache) -> None:
    key = store.key(NS, "x")
    store.put(NS, key, {"a": [1, "é"]})
    assert _entry(store, key).read_bytes() == _forge(store, key, '{"a":[1,"é"]}'.encode())


@pytest.mark.parametrize(
    "damage",
    [
        lambda s, k: b"",
        lambda s, k: b"{",
        lambda s, k: b"not an entry at all",
        lambda s, k: b"\xff\xfe\x00garbage\n{}",
        lambda s, k: _forge(s, k, b"{"),  # checksum right, JSON wrong
        lambda s, k: _forge(s, k, b"[" * 100_000 + b"]" * 100_000),
        lambda s, k: _forge(s, k, b"1", layout=LAYOUT + 1),
        lambda s, k: _forge(s, k, b"1", namespace="report"),
        lambda s, k: _forge(s, k, b"1").replace(b"\n", b"\r\n", 1),
        lambda s, k: _forge(s, k, b'{"good": true}').replace(
            b": true", b":true"
        ),  # changed after the sum
        lambda s, k: _forge(s, k, b'{"good": false}').replace(b"false", b"true "),
        lambda s, k: _forge(s, k, b"1").replace(k.encode(), k[::-1].encode()),
    ],
    ids=[
        "empty",
        "truncated",
        "text",
        "binary",
        "bad-json",
        "deep-json",
        "other-layout",
        "other-namespace",
        "other-header",
        "body-changed",
        "value-flipped",
        "other-key",
    ],
)
def test_a_damaged_entry_is_a_miss(store: Cache, damage: Callable[[Cache, str], bytes]) -> None:
    key = store.key(NS, "x")
    store.put(NS, key, {"good": True})
    _entry(store, key).write_bytes(damage(store, key))
    assert store.get(NS, key) is None


def test_an_entry_cut_short_is_a_miss(store: Cache) -> None:
    key = store.key(NS, "x")
    store.put(NS, key, {"diagnostics": ["x" * 1000]})
    whole = _entry(store, key).read_bytes()
    for cut in range(0, len(whole), 97):
        _entry(store, key).write_bytes(whole[:cut])
        assert store.get(NS, key) is None


def test_an_entry_for_another_key_is_a_miss(store: Cache) -> None:
    mine, other = store.key(NS, "mine"), store.key(NS, "other")
    store.put(NS, other, {"clean": True})
    _entry(store, mine).write_bytes(_entry(store, other).read_bytes())  # copied or renamed
    assert store.get(NS, mine) is None


def test_an_oversized_entry_is_not_read(store: Cache, monkeypatch: pytest.MonkeyPatch) -> None:
    key = store.key(NS, "x")
    store.put(NS, key, "y" * 100)
    monkeypatch.setattr(cache_module, "MAX_ENTRY_BYTES", 50)
    assert store.get(NS, key) is None


def test_an_unwritable_cache_turns_itself_off(tmp_path: Path) -> None:
    (tmp_path / CACHE_DIR).write_text("a file where the folder should be")
    store = Cache.in_project(tmp_path)
    key = store.key(NS, "x")
    store.put(NS, key, 1)  # no exception
    assert store.problem is not None
    assert "cannot write the cache" in store.problem
    assert store.get(NS, key) is None
    store.put(NS, key, 2)  # stays off quietly


def test_a_cache_folder_without_write_permission(tmp_path: Path) -> None:
    store = Cache.in_project(tmp_path)
    store.put(NS, store.key(NS, "old"), 1)
    entries = store.folder / f"v{LAYOUT}" / NS
    entries.chmod(0o500)
    try:
        probe = entries / "probe"
        try:
            probe.write_text("")
        except PermissionError:
            pass
        else:  # running as root: permissions do not stop writes
            probe.unlink()
            pytest.skip("file permissions are not enforced for this user")
        store.put(NS, store.key(NS, "new"), 2)
        assert store.problem is not None
        assert store.get(NS, store.key(NS, "old")) == 1  # reading still works
    finally:
        entries.chmod(0o700)


def test_keys_and_namespaces_cannot_name_other_files(store: Cache) -> None:
    with pytest.raises(ValueError, match="cache key"):
        store.get(NS, "../../etc/passwd")
    with pytest.raises(ValueError, match="namespace"):
        store.key("../x", "a")


def test_clear_and_info(store: Cache) -> None:
    assert store.clear() == 0
    assert not store.info().exists
    for i in range(3):
        store.put(NS, store.key(NS, str(i)), i)
    store.put("report", store.key("report", "x"), 0)
    info = store.info()
    assert info.exists
    assert info.entries == {"report": 1, "validate": 3}
    assert info.size > 0
    assert store.clear() == 4
    assert not store.folder.exists()


def test_clear_refuses_what_is_not_a_cache_folder(tmp_path: Path) -> None:
    (tmp_path / CACHE_DIR).write_text("precious")
    with pytest.raises(NotADirectoryError):
        Cache.in_project(tmp_path).clear()
    assert (tmp_path / CACHE_DIR).read_text() == "precious"


def test_no_temporary_files_are_left_behind(store: Cache) -> None:
    for i in range(20):
        store.put(NS, store.key(NS, "same"), i)
    names = [p.name for p in store.folder.rglob("*")]
    assert not [n for n in names if n.endswith(".tmp")]


def _hammer(folder: str, worker: int) -> None:
    store = Cache(Path(folder))
    for i in range(60):
        store.put(NS, store.key(NS, str(i % 7)), {"i": i % 7, "payload": "x" * 5000})
        store.put(NS, store.key(NS, f"w{worker}-{i}"), worker)
        value = store.get(NS, store.key(NS, str(i % 7)))
        assert value is None or value == {"i": i % 7, "payload": "x" * 5000}


def test_concurrent_runs_never_leave_a_damaged_entry(tmp_path: Path) -> None:
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    folder = str(tmp_path / CACHE_DIR)
    workers = [context.Process(target=_hammer, args=(folder, w)) for w in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
        assert process.exitcode == 0
    store = Cache(Path(folder))
    for i in range(7):
        assert store.get(NS, store.key(NS, str(i))) == {"i": i, "payload": "x" * 5000}
    for entry in (store.folder / f"v{LAYOUT}" / NS).iterdir():
        assert entry.suffix == ".json"
        assert store.get(NS, entry.stem) is not None


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_change_to_an_entry_is_a_miss(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Cache(Path(folder))
        key = store.key(NS, "x")
        store.put(NS, key, {"diagnostics": [["B001", "error", "a.yaml", 3, 5, "message", ""]]})
        path = _entry(store, key)
        whole = path.read_bytes()
        at = data.draw(st.integers(0, len(whole) - 1))
        replacement = data.draw(st.binary(min_size=0, max_size=3))
        damaged = whole[:at] + replacement + whole[at + 1 :]
        path.write_bytes(damaged)
        found = store.get(NS, key)
        assert found is None or damaged == whole


def test_entries_follow_the_umask_like_any_file(store: Cache) -> None:
    store.put(NS, store.key(NS, "x"), 1)
    umask = os.umask(0o022)
    os.umask(umask)
    for path in (store.folder / ".gitignore", next(store.folder.rglob("*.json"))):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
