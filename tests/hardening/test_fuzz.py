"""Property-based fuzzing: mutated roadmaps never crash validation, valid ones never crash
report or render, and every figure stays in its range.

`make test` runs the short hypothesis profile; `make fuzz` (UHC_FUZZ=long) the long campaign.
"""

from __future__ import annotations

import copy
import math
import random
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ROADMAPS
from tests.hardening.conftest import FUZZ, MINIMAL
from tests.hardening.strategies import dump, odd_values, roadmap_data, roadmaps
from uhc_roadmap.diagnostics import Diagnostic, Severity
from uhc_roadmap.i18n import LANGUAGES
from uhc_roadmap.loading import load_document
from uhc_roadmap.validation import CheckedFile, RuleSelection, ValidationOptions, check_bytes

EXAMPLES = {p.name: p.read_bytes() for p in sorted(ROADMAPS.glob("*.yaml"))}
EXAMPLES["minimal.yaml"] = MINIMAL.encode()
PARSED = {name: load_document(raw, name).data for name, raw in EXAMPLES.items()}
Path = tuple[str | int, ...]


def node_paths(data: Any) -> list[Path]:
    """Every path in the document, the root excepted (an explicit stack, as in the loader)."""
    found: list[Path] = []
    stack: list[tuple[Path, Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict | list):
            for key, child in node.items() if isinstance(node, dict) else enumerate(node):
                found.append((*path, key))
                stack.append(((*path, key), child))
    return sorted(found, key=repr)


def parent_of(data: Any, path: Path) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


def mutate(data: Any, path: Path, how: str, value: Any, rng: random.Random) -> None:
    parent, key = parent_of(data, path), path[-1]
    if how == "delete":
        del parent[key]
    elif how == "replace":
        parent[key] = copy.deepcopy(value)  # never the same object twice: no cycles
    elif how == "shuffle" and isinstance(parent[key], list):
        rng.shuffle(parent[key])
    elif how == "duplicate" and isinstance(parent, list):
        parent.insert(int(key), copy.deepcopy(parent[key]))
    elif how == "swap_type":
        parent[key] = _other_type(parent[key])


def _other_type(value: Any) -> Any:
    """The same content in another type: `12` for "12", a list for a mapping, text for a date."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return {str(i): v for i, v in enumerate(value)}
    if isinstance(value, dict):
        return list(value.values())
    return 0


def line_count(raw: bytes) -> int:
    """Lines as YAML counts them (CR, LF, CRLF, NEL, LS and PS all end one), plus one."""
    return len(raw.decode("utf-8", errors="replace").splitlines()) + 1


def assert_located(checked: CheckedFile, raw: bytes) -> None:
    lines = line_count(raw)
    longest = max((len(line) for line in raw.splitlines()), default=0) + 1
    for d in checked.result.diagnostics:
        assert 1 <= d.line <= lines, d
        assert 1 <= d.col <= longest, d
        assert d.message, d
        assert not _hidden_controls(d), d


def _hidden_controls(d: Diagnostic) -> bool:
    """Control characters reach a terminal or an annotation only escaped."""
    return any(ord(c) < 32 and c not in "\t\n" for c in d.message + d.hint)


def check(raw: bytes) -> CheckedFile:
    checked = check_bytes(raw, "fuzzed.yaml")
    assert_located(checked, raw)
    return checked


@FUZZ
@given(
    name=st.sampled_from(sorted(EXAMPLES)),
    how=st.sampled_from(["delete", "replace", "shuffle", "duplicate", "swap_type"]),
    value=odd_values,
    choice=st.integers(min_value=0),
    seed=st.integers(0, 2**32),
)
def test_mutated_roadmaps_are_answered_with_located_findings(
    name: str, how: str, value: Any, choice: int, seed: int
) -> None:
    data = copy.deepcopy(PARSED[name])
    for _ in range(1 + seed % 3):  # one to three mutations
        paths = node_paths(data)
        if not paths:
            break
        mutate(data, paths[choice % len(paths)], how, value, random.Random(seed))
        choice, seed = choice // 7 + seed, seed // 3
    check(dump(data).encode())


@FUZZ
@given(
    name=st.sampled_from(sorted(EXAMPLES)),
    cut=st.integers(min_value=0),
    insert=st.binary(max_size=12),
    where=st.integers(min_value=0),
)
def test_damaged_text_is_answered_with_located_findings(
    name: str, cut: int, insert: bytes, where: int
) -> None:
    raw = EXAMPLES[name]
    raw = raw[: cut % (len(raw) + 1)]
    at = where % (len(raw) + 1)
    check(raw[:at] + insert + raw[at:])


@FUZZ
@given(
    name=st.sampled_from(sorted(EXAMPLES)),
    line=st.integers(min_value=0),
    other=st.integers(min_value=0),
    how=st.sampled_from(["drop", "repeat", "swap", "indent", "dedent"]),
)
def test_damaged_lines_are_answered_with_located_findings(
    name: str, line: int, other: int, how: str
) -> None:
    lines = EXAMPLES[name].splitlines(keepends=True)
    i, j = line % len(lines), other % len(lines)
    if how == "drop":
        del lines[i]
    elif how == "repeat":
        lines.insert(i, lines[i])
    elif how == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif how == "indent":
        lines[i] = b"  " + lines[i]
    else:
        lines[i] = lines[i].lstrip(b" ")
    check(b"".join(lines))


@FUZZ
@given(raw=st.binary(max_size=2048))
def test_random_bytes_are_answered_with_located_findings(raw: bytes) -> None:
    check(raw)


@FUZZ
@given(text=roadmaps())
def test_generated_roadmaps_are_valid(text: str) -> None:
    checked = check(text.encode())
    errors = [d for d in checked.result.diagnostics if d.severity is Severity.ERROR]
    assert errors == [], text
    assert checked.roadmap is not None


# --- report and render over generated valid roadmaps --------------------------------------


def valid(text: str) -> Any:
    checked = check_bytes(text.encode(), "generated.yaml")
    assert checked.roadmap is not None, checked.result.diagnostics
    return checked.roadmap


def in_unit(value: float | None) -> bool:
    return value is None or (math.isfinite(value) and 0 <= value <= 1)


def not_negative(value: float | None) -> bool:
    return value is None or (math.isfinite(value) and value >= 0)


@FUZZ
@given(text=roadmaps(), as_of=st.none() | st.dates(date(1995, 1, 1), date(2045, 12, 31)))
def test_report_figures_stay_in_their_ranges(text: str, as_of: date | None) -> None:
    from uhc_roadmap.progress import compute_progress, portfolio

    roadmap = valid(text)
    progress = compute_progress(roadmap, as_of, lang="fr")
    assert progress.statuses.total == len(roadmap.activities)
    assert_completion(progress.completion)
    for axis in progress.axes:
        assert_completion(axis.completion)
        assert_budget(axis.budget)
    for item in progress.activities:
        assert in_unit(item.completion)
        assert (item.completion is None) == (item.status == "cancelled")
        assert 0 <= item.milestones_done <= item.milestones_total
        assert item.overdue_days is None or item.overdue_days > 0
        assert item.late_start_days is None or item.late_start_days >= 0
    assert_budget(progress.budget.total)
    for row in (*progress.budget.by_axis, *progress.budget.by_funder, *progress.budget.by_year):
        assert_budget(row.figures)
    for indicator in progress.indicators:
        assert in_unit(indicator.elapsed)
        for figure in (indicator.achievement, indicator.expected, indicator.baseline):
            assert figure is None or math.isfinite(figure)
    [row] = portfolio([progress]).rows
    assert in_unit(row.completion)
    assert in_unit(row.weighted_completion)
    assert not_negative(row.execution)
    assert row.on_track <= row.assessed <= len(roadmap.indicators)


def assert_completion(completion: Any) -> None:
    assert in_unit(completion.by_count)
    assert in_unit(completion.by_budget)
    assert completion.activities >= 0
    assert not_negative(completion.weight)


def assert_budget(figures: Any) -> None:
    for amount in (figures.planned, figures.committed, figures.spent):
        assert not_negative(amount)
    assert not_negative(figures.commitment_rate)
    assert not_negative(figures.execution_rate)


@FUZZ
@given(
    text=roadmaps(),
    template=st.sampled_from(["roadmap", "brief"]),
    output_format=st.sampled_from(["html", "md"]),
    lang=st.sampled_from(LANGUAGES),
)
def test_render_makes_a_document_of_any_valid_roadmap(
    text: str, template: str, output_format: str, lang: str
) -> None:
    from uhc_roadmap.render import RenderOptions, render_document

    roadmap = valid(text)
    document = render_document(roadmap, RenderOptions(template, output_format, lang))
    assert document.strip()
    if output_format == "html":
        assert document.lstrip().startswith("<!DOCTYPE html>")
        assert "<script" not in document  # the templates have none: text from the file is escaped
        assert "<img src=x" not in document
    assert "{{" not in document or "{{ 7 * 7 }}" in text  # template syntax in text stays text


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_mutation_paths_cover_the_whole_document(name: str) -> None:
    paths = node_paths(PARSED[name])
    assert len(paths) == len(set(paths))
    assert all(isinstance(p[-1], str | int) for p in paths)
    assert len(paths) > 20


# --- with the semantic rules switched off ----------------------------------------------------

ONLY_STRUCTURE = ValidationOptions(selection=RuleSelection(select=frozenset({"Y", "S"})))


def break_one(data: dict[str, Any], how: str, pick: int) -> None:
    """What a rule (R, D, B, I) would refuse; users may switch any of them off."""
    activities, indicators = data["activities"], data["indicators"]
    if not activities:
        data["region_groups"] = {"GRP1": ["GRP1", "ZZ-1"]}  # a group listing itself
        return
    activity = activities[pick % len(activities)]
    if how == "unknown_references":
        activity |= {"axis": "ZZZ", "lead": "ZZZ", "depends_on": ["ZZZ"], "regions": ["XX-9"]}
        activity["budget"] = [{"year": 2020, "funder": "ZZZ", "planned": 100}]
    elif how == "cycle":
        activity["depends_on"] = [activities[-1]["id"], activity["id"]]
        activities[-1]["depends_on"] = [activity["id"]]
    elif how == "duplicate_id":
        activities.append(copy.deepcopy(activity))
    elif how == "dates_reversed":
        activity["planned"] = {"start": activity["planned"]["end"], "end": date(1900, 1, 1)}
    elif how == "negative_amounts":
        activity["budget"] = [{"year": 2020, "funder": "ORG1", "planned": -100, "spent": -5}]
    elif indicators:
        indicator = indicators[pick % len(indicators)]
        indicator["activity"] = "ZZZ"
        if "baseline" in indicator:  # a numeric one: made a percent far out of range
            indicator["measure"] = "percent"
            indicator["values"].append({"date": date(2020, 1, 1), "value": 1e300})


@FUZZ
@given(
    data=roadmap_data(),
    hows=st.lists(
        st.sampled_from(
            [
                "unknown_references",
                "cycle",
                "duplicate_id",
                "dates_reversed",
                "negative_amounts",
                "indicator",
            ]
        ),
        min_size=1,
        max_size=3,
    ),
    pick=st.integers(min_value=0),
)
def test_report_and_render_survive_what_switched_off_rules_let_through(
    data: dict[str, Any], hows: list[str], pick: int
) -> None:
    from uhc_roadmap.progress import compute_progress, portfolio
    from uhc_roadmap.render import RenderOptions, render_document

    for how in hows:
        break_one(data, how, pick)
    raw = dump(data).encode()
    checked = check_bytes(raw, "broken.yaml", ONLY_STRUCTURE)
    assert_located(checked, raw)
    assert checked.roadmap is not None, checked.result.diagnostics
    portfolio([compute_progress(checked.roadmap, None, "en")])
    for template in ("roadmap", "brief"):
        assert render_document(checked.roadmap, RenderOptions(template, "html", "fr")).strip()
