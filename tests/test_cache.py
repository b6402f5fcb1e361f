"""The content cache: found only by its key, never trusted when damaged, never in the way."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import stat
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uhc_roadmap import cache as cache_module
from uhc_roadmap.cache import CACHE_DIR, CACHEDIR_TAG, LAYOUT, Cache, CacheRefused

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
    for name in ("pydantic=", "pydantic_core=", "yaml=", "pycountry=", "babel="):
        assert name in stamp
    # the tool's own code: its files in a checkout, pip's RECORD once installed (make test-min)
    assert "rules/b001_" in stamp or "\nrecord=" in stamp


def _installed(site: Path, record: str) -> Path:
    package = site / "uhc_roadmap"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (site / "uhc_roadmap-0.1.0.dist-info").mkdir()
    (site / "uhc_roadmap-0.1.0.dist-info" / "RECORD").write_text(record, encoding="utf-8")
    return package


def test_an_installed_tool_is_stamped_by_its_record_not_its_file_times(tmp_path: Path) -> None:
    """pip sets every file's time to the install's: a cache restored in CI must still hit."""
    record = "uhc_roadmap/__init__.py,sha256=47DEQpj8HBSa,0\n"
    first = cache_module.code_stamp(_installed(tmp_path / "a", record))
    package = _installed(tmp_path / "b", record)
    os.utime(package / "__init__.py", ns=(1, 1))
    assert cache_module.code_stamp(package) == first
    other = _installed(tmp_path / "c", record.replace("47DEQ", "58EFR"))
    assert cache_module.code_stamp(other) != first


def test_a_development_checkout_is_stamped_by_its_file_times(tmp_path: Path) -> None:
    package = _installed(tmp_path, "__editable__.uhc_roadmap-0.1.0.pth,sha256=x,10\n")
    before = cache_module.code_stamp(package)
    os.utime(package / "__init__.py", ns=(1, 1))
    assert cache_module.code_stamp(package) != before


def test_a_library_is_stamped_by_its_installed_version(tmp_path: Path) -> None:
    (tmp_path / "yaml").mkdir()
    (tmp_path / "yaml" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "PyYAML-6.0.1.dist-info").mkdir()
    origin = tmp_path / "yaml" / "__init__.py"
    assert cache_module.library_stamp("yaml", origin) == "PyYAML-6.0.1.dist-info"
    (tmp_path / "alone").mkdir()
    (tmp_path / "alone" / "__init__.py").write_text("x", encoding="utf-8")
    assert cache_module.library_stamp("alone", tmp_path / "alone" / "__init__.py").startswith("1:")


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


def test_a_file_in_place_of_the_folder_turns_the_cache_off(tmp_path: Path) -> None:
    (tmp_path / CACHE_DIR).write_text("a file where the folder should be")
    store = Cache.in_project(tmp_path)
    key = store.key(NS, "x")
    store.put(NS, key, 1)  # no exception
    assert store.problem == f"not used: {store.folder} is not a folder"
    assert store.get(NS, key) is None
    store.put(NS, key, 2)  # stays off quietly
    assert (tmp_path / CACHE_DIR).read_text() == "a file where the folder should be"


def test_an_unwritable_cache_turns_itself_off(
    store: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**_: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache_module.tempfile, "mkstemp", refuse)
    key = store.key(NS, "x")
    store.put(NS, key, 1)
    assert store.problem == f"cannot write the cache in {store.folder} (Permission denied)"
    assert store.get(NS, key) is None


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
    with pytest.raises(CacheRefused, match=r"cache is not a folder; remove it yourself if"):
        Cache.in_project(tmp_path).clear()
    assert (tmp_path / CACHE_DIR).read_text() == "precious"


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder a committed link could point at: the project itself, a home folder."""
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    return folder


def test_a_linked_cache_folder_is_neither_read_nor_written(tmp_path: Path, elsewhere: Path) -> None:
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / CACHE_DIR).symlink_to(elsewhere)
    store = Cache.in_project(tmp_path / "project")
    key = store.key(NS, "x")
    store.put(NS, key, 1)
    assert store.get(NS, key) is None
    assert store.problem == f"not used: {store.folder} is a symbolic link"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["notes.txt"]  # no .gitignore, no tag
    with pytest.raises(CacheRefused, match="is a symbolic link"):
        store.clear()
    assert store.info().refused == "is a symbolic link"
    assert (elsewhere / "notes.txt").read_text() == "mine"


def test_a_folder_that_is_not_a_cache_of_ours_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / CACHE_DIR
    folder.mkdir()
    (folder / "thesis.tex").write_text("someone's work")
    store = Cache.in_project(tmp_path)
    store.put(NS, store.key(NS, "x"), 1)
    assert store.problem is not None
    assert store.problem.endswith("is not a uhc-roadmap cache (it has no CACHEDIR.TAG of ours)")
    assert sorted(p.name for p in folder.iterdir()) == ["thesis.tex"]
    with pytest.raises(CacheRefused):
        store.clear()
    assert (folder / "thesis.tex").exists()


def test_an_empty_folder_becomes_the_cache(tmp_path: Path) -> None:
    (tmp_path / CACHE_DIR).mkdir()
    store = Cache.in_project(tmp_path)
    store.put(NS, store.key(NS, "x"), 1)
    assert store.problem is None
    assert store.get(NS, store.key(NS, "x")) == 1


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_another_users_cache_is_not_trusted(store: Cache) -> None:
    store.put(NS, store.key(NS, "x"), 1)
    os.chown(store.folder, 4242, 4242)
    later = Cache(store.folder)
    assert later.get(NS, later.key(NS, "x")) is None
    assert later.problem == f"not used: {store.folder} belongs to another user (uid 4242)"


def test_a_link_inside_the_cache_is_never_followed(store: Cache, elsewhere: Path) -> None:
    store.put(NS, store.key(NS, "x"), 1)
    entries = store.folder / f"v{LAYOUT}" / NS
    shutil.rmtree(entries)
    entries.symlink_to(elsewhere)
    later = Cache(store.folder)
    later.put(NS, later.key(NS, "y"), 2)
    assert later.get(NS, later.key(NS, "y")) is None
    assert sorted(p.name for p in elsewhere.iterdir()) == ["notes.txt"]


def test_links_named_like_the_tag_files_are_replaced_never_written_through(
    tmp_path: Path, elsewhere: Path
) -> None:
    store = Cache.in_project(tmp_path)
    store.put(NS, store.key(NS, "x"), 1)
    for name in (".gitignore", "CACHEDIR.TAG"):
        (store.folder / name).unlink()
    (store.folder / ".gitignore").symlink_to(elsewhere / "notes.txt")
    later = Cache(store.folder)
    later.put(NS, later.key(NS, "y"), 2)  # no tag of ours now: not our cache any more
    assert (elsewhere / "notes.txt").read_text() == "mine"
    assert later.problem is not None


def test_a_named_pipe_in_place_of_an_entry_is_a_miss_not_a_hang(store: Cache) -> None:
    key = store.key(NS, "x")
    store.put(NS, key, 1)
    _entry(store, key).unlink()
    os.mkfifo(_entry(store, key))  # nobody writes: a blocking open would wait forever
    found: list[object] = []
    reader = threading.Thread(
        target=lambda: found.append(Cache(store.folder).get(NS, key)), daemon=True
    )
    reader.start()
    reader.join(timeout=10)
    assert found == [None]
    store.put(NS, key, 2)  # replaced by a regular entry
    assert Cache(store.folder).get(NS, key) == 2


def test_a_linked_entry_is_a_miss(store: Cache, elsewhere: Path) -> None:
    key = store.key(NS, "x")
    store.put(NS, key, 1)
    moved = elsewhere / "entry.json"
    _entry(store, key).rename(moved)
    _entry(store, key).symlink_to(moved)
    assert Cache(store.folder).get(NS, key) is None


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
