"""Many files: the cache and the worker processes change how fast, never what is found."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, ROADMAPS, ROOT
from uhc_roadmap import bulk
from uhc_roadmap.bulk import Job, check_files, codec, portfolio, workers
from uhc_roadmap.bulk.codec import decode_result
from uhc_roadmap.bulk.workers import choose_workers
from uhc_roadmap.cache import Cache
from uhc_roadmap.diagnostics import FileResult, Severity
from uhc_roadmap.validation import RuleSelection, ValidationOptions, check_bytes

TODAY = date(2024, 5, 17)


def _corpus() -> list[Job]:
    paths = sorted([*FIXTURES.glob("*/*.yaml"), *ROADMAPS.glob("*.yaml")])
    return [Job(p.relative_to(ROOT).as_posix(), p.read_bytes()) for p in paths]


def _serial(jobs: list[Job], options: ValidationOptions) -> list[FileResult]:
    return [check_bytes(job.raw, job.name, options).result for job in jobs]


def _explode(*args: object, **kwargs: object) -> None:
    raise AssertionError("checked again although the cache holds the result")


@pytest.fixture
def store(tmp_path: Path) -> Cache:
    return Cache.in_project(tmp_path)


def test_workers_find_what_one_process_finds() -> None:
    jobs = _corpus()
    assert len(jobs) > 50
    options = ValidationOptions(warn_unused_ignores=True)
    expected = _serial(jobs, options)
    assert any(r.diagnostics for r in expected)
    assert check_files(jobs, options, workers=2, today=TODAY) == expected
    assert check_files(jobs, options, workers=1, today=TODAY) == expected


def test_results_keep_the_order_of_the_files() -> None:
    jobs = _corpus()
    shuffled = jobs[1::2] + jobs[::2]
    results = check_files(shuffled, ValidationOptions(), workers=2)
    assert [r.file for r in results] == [job.name for job in shuffled]


def test_a_warm_cache_gives_the_same_results_without_checking(
    store: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = _corpus()
    options = ValidationOptions()
    cold = check_files(jobs, options, cache=store, workers=1, today=TODAY)
    assert store.info().entries["validate"] == len(jobs)
    monkeypatch.setattr("uhc_roadmap.validation.check_bytes", _explode)
    assert check_files(jobs, options, cache=store, workers=1, today=TODAY) == cold
    assert cold == _serial_unpatched(jobs, options)


def _serial_unpatched(jobs: list[Job], options: ValidationOptions) -> list[FileResult]:
    return [check_bytes(job.raw, job.name, options).result for job in jobs]


def test_one_changed_byte_brings_the_finding_back(store: Cache) -> None:
    raw = (ROADMAPS / "morocco.yaml").read_bytes()
    options = ValidationOptions()
    [clean] = check_files([Job("m.yaml", raw)], options, cache=store)
    assert not clean.has_errors
    position = raw.index(b"country: MA") + len(b"country: M")
    broken = raw[:position] + b"X" + raw[position + 1 :]  # MA -> MX: no such country
    assert len(broken) == len(raw)
    [again] = check_files([Job("m.yaml", broken)], options, cache=store)
    assert again.has_errors
    assert again == check_bytes(broken, "m.yaml", options).result
    [restored] = check_files([Job("m.yaml", raw)], options, cache=store)
    assert restored == clean


@pytest.mark.parametrize(
    "other",
    [
        ValidationOptions(selection=RuleSelection(ignore=frozenset({"D"}))),
        ValidationOptions(selection=RuleSelection(select=frozenset({"R"}))),
        ValidationOptions(as_of=date(2030, 1, 1)),
        ValidationOptions(warn_unused_ignores=True),
    ],
)
def test_other_options_are_other_entries(store: Cache, other: ValidationOptions) -> None:
    jobs = _corpus()
    check_files(jobs, ValidationOptions(), cache=store, workers=1)
    assert check_files(jobs, other, cache=store, workers=1) == _serial(jobs, other)


def test_a_renamed_file_is_not_given_the_old_name(store: Cache) -> None:
    raw = (FIXTURES / "invalid" / "b001_overspent.yaml").read_bytes()
    check_files([Job("old.yaml", raw)], ValidationOptions(), cache=store)
    [result] = check_files([Job("new.yaml", raw)], ValidationOptions(), cache=store)
    assert result.file == "new.yaml"
    assert {d.file for d in result.diagnostics} == {"new.yaml"}


def test_a_result_measured_against_today_expires_with_the_day(store: Cache) -> None:
    text = (ROADMAPS / "morocco.yaml").read_text(encoding="utf-8")
    undated = "\n".join(line for line in text.splitlines() if not line.startswith("as_of:"))
    job = Job("undated.yaml", undated.encode())
    options = ValidationOptions()
    first = check_files([job], options, cache=store, today=TODAY)
    assert check_bytes(job.raw, job.name, options).roadmap is not None
    key = codec.key_of(store, job, options, "validate")
    assert store.get("validate", key)["today"] == TODAY.isoformat()
    assert decode_result(store.get("validate", key), job.name, date(2024, 5, 18)) is None
    assert check_files([job], options, cache=store, today=TODAY) == first
    dated = Job("dated.yaml", text.encode())
    check_files([dated], options, cache=store, today=TODAY)
    assert store.get("validate", codec.key_of(store, dated, options, "validate"))["today"] is None


def test_damaged_entries_are_checked_again(store: Cache) -> None:
    jobs = _corpus()[:10]
    options = ValidationOptions()
    expected = check_files(jobs, options, cache=store, workers=1)
    for entry in store.folder.rglob("*.json"):
        entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2])
    assert check_files(jobs, options, cache=store, workers=1) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        [],
        {"today": None},
        {"today": None, "diagnostics": {}},
        {"today": None, "diagnostics": [["B001"]]},
        {"today": None, "diagnostics": [["B001", "fatal", "a.yaml", 1, 1, "m", ""]]},
        {"today": None, "diagnostics": [["B001", "error", "b.yaml", 1, 1, "m", ""]]},
        {"today": None, "diagnostics": [["B001", "error", "a.yaml", True, 1, "m", ""]]},
        {"today": None, "diagnostics": [["B001", "error", "a.yaml", 1.0, 1, "m", ""]]},
        {"today": None, "diagnostics": [["B001", "error", "a.yaml", -1, 1, "m", ""]]},
        {"today": None, "diagnostics": [["B001", "error", "a.yaml", 1, 1, "m", None]]},
        {"today": "2024-05-16", "diagnostics": []},
        {"today": None, "diagnostics": [], "extra": 1},
    ],
)
def test_a_foreign_value_is_a_miss(value: object) -> None:
    assert decode_result(value, "a.yaml", TODAY) is None


def test_a_good_value_decodes() -> None:
    value = {
        "today": "2024-05-17",
        "diagnostics": [["B001", "error", "a.yaml", 3, 4, "m", "h", ""]],
    }
    result = decode_result(value, "a.yaml", TODAY)
    assert result is not None
    assert [(d.code, d.severity.value, d.line, d.col) for d in result.diagnostics] == [
        ("B001", "error", 3, 4)
    ]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=8) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({"today": st.none(), "diagnostics": st.lists(_JSON, max_size=4)}))
def test_decoding_any_json_never_fails(value: object) -> None:
    result = decode_result(value, "a.yaml", TODAY)
    if result is not None:
        assert all(d.file == "a.yaml" for d in result.diagnostics)


def test_workers_are_used_only_when_they_pay() -> None:
    small = [Job(f"{i}.yaml", b"x" * 1000) for i in range(5)]
    large = [Job(f"{i}.yaml", b"x" * 200_000) for i in range(5)]
    assert choose_workers(small[:1], None) == 1
    assert choose_workers(large[:1], 8) == 1  # one file: nothing to share
    assert choose_workers(small, None) == 1
    assert choose_workers(small, 2) == 2  # --jobs asks for them
    assert choose_workers(small, 1) == 1
    assert choose_workers(large, None) == min(workers.available_cpus(), 5)
    assert choose_workers(large, 64) == 5


# -- the portfolio ---------------------------------------------------------------------------

FIGURES = bulk.Figures(as_of=None, lang="fr", window=90)


def test_portfolio_entries_are_the_same_from_workers_and_from_the_cache(
    store: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = _corpus()
    options = ValidationOptions()
    serial = bulk.portfolio_entries(jobs, options, FIGURES, workers=1, today=TODAY)
    assert any(e.summary is not None for e in serial)
    assert any(e.summary is None for e in serial)
    parallel = bulk.portfolio_entries(jobs, options, FIGURES, workers=2, today=TODAY)
    assert parallel == serial
    cold = bulk.portfolio_entries(jobs, options, FIGURES, cache=store, workers=1, today=TODAY)
    assert cold == serial
    monkeypatch.setattr("uhc_roadmap.validation.check_bytes", _explode)
    warm = bulk.portfolio_entries(jobs, options, FIGURES, cache=store, workers=1, today=TODAY)
    assert warm == serial
    assert _types(warm) == _types(serial)  # 5000 == 5000.0, but they print differently


def _types(entries: list[bulk.PortfolioEntry]) -> list[tuple[type, ...]]:
    return [
        tuple(type(getattr(e.summary.row, f.name)) for f in fields(e.summary.row))
        for e in entries
        if e.summary is not None
    ]


def test_other_figures_are_other_entries(store: Cache) -> None:
    jobs = [Job("m.yaml", (ROADMAPS / "morocco.yaml").read_bytes())]
    options = ValidationOptions()
    french = bulk.portfolio_entries(jobs, options, FIGURES, cache=store)
    english = bulk.Figures(as_of=date(2030, 1, 1), lang="en", window=30)
    assert bulk.portfolio_entries(jobs, options, english, cache=store) == (
        bulk.portfolio_entries(jobs, options, english)
    )
    assert french[0].summary is not None
    assert french[0].summary.row.name == "Maroc"


@pytest.mark.parametrize(
    "damage",
    [
        lambda s: None,
        lambda s: [],
        lambda s: {**s, "country": 1},
        lambda s: {**s, "phase": ["P1", "2020-01-01"]},
        lambda s: {**s, "phase": ["P1", "2020-01-01", "2020-13-01"]},
        lambda s: {**s, "row": {**s["row"], "overdue": True}},
        lambda s: {**s, "row": {**s["row"], "overdue": 1.5}},
        lambda s: {**s, "row": {**s["row"], "planned": "1"}},
        lambda s: {**s, "row": {**s["row"], "as_of": "yesterday"}},
        lambda s: {**s, "row": {k: v for k, v in s["row"].items() if k != "spent"}},
        lambda s: {**s, "row": {**s["row"], "extra": 1}},
        lambda s: {**s, "extra": 1},
    ],
)
def test_a_damaged_summary_is_computed_again(store: Cache, damage: object) -> None:
    assert callable(damage)
    jobs = [Job("m.yaml", (ROADMAPS / "morocco.yaml").read_bytes())]
    options = ValidationOptions()
    expected = bulk.portfolio_entries(jobs, options, FIGURES, cache=store)
    [entry] = list(store.folder.rglob("*.json"))
    key = entry.stem
    value = store.get(portfolio.PORTFOLIO, key)
    value["summary"] = damage(value["summary"])
    store.put(portfolio.PORTFOLIO, key, value)
    assert portfolio._cached_entry(store, key, "m.yaml", TODAY) is None
    assert bulk.portfolio_entries(jobs, options, FIGURES, cache=store) == expected


def test_an_invalid_file_is_cached_without_a_summary(store: Cache) -> None:
    jobs = [Job("bad.yaml", (FIXTURES / "invalid" / "b001_overspent.yaml").read_bytes())]
    jobs += [Job("dup.yaml", b"a: 1\na: 2\n")]
    options = ValidationOptions(selection=RuleSelection(severities={"B001": Severity.ERROR}))
    first = bulk.portfolio_entries(jobs, options, FIGURES, cache=store)
    assert [e.summary for e in first] == [None, None]
    assert all(e.result.has_errors for e in first)
    assert bulk.portfolio_entries(jobs, options, FIGURES, cache=store) == first
