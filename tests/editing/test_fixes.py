"""validate --fix: only safe fixes, each where its rule reports, nothing else in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROADMAPS
from uhc_roadmap.editing.fixes import fix
from uhc_roadmap.validation import RuleSelection, ValidationOptions

EXAMPLES = sorted(ROADMAPS.glob("*.yaml"))
BASE = """\
schema_version: "1"
country: MA
title: Feuille de route
languages: [fr]
phase: {id: P3, start: 2021-01-01, end: 2023-12-31}
as_of: 2022-06-30
currency: USD
organisations:
  - {id: MS, name: Ministère de la Santé, type: government}
  - {id: EU, name: Union européenne, type: funder}
axes:
  - {id: GOV, title: Gouvernance}
activities:
  - id: GOV-01
    axis: GOV
    title: Appui
    status: @status@
    planned: {start: 2021-01-01, end: 2022-12-31}
    actual: {start: 2021-02-01}
    milestones:
      - {title: Atelier, due: @due@}
    budget:
      - year: 2021
        funder: EU
        planned: @planned@
indicators:
  - id: IND-1
    title: Agents formés
    axis: GOV
    measure: number
    key: @key@
    baseline: {value: 0, date: 2021-01-01}
    target: {value: 100, date: 2023-12-31}
    values:
      - date: 2022-06-30
        value: @value@
"""


def roadmap(
    status: str = "ongoing",
    due: str = "2021-06-30",
    planned: str = "10000",
    key: str = "true",
    value: str = "40",
) -> str:
    values = {"status": status, "due": due, "planned": planned, "key": key, "value": value}
    text = BASE
    for name, written in values.items():
        text = text.replace(f"@{name}@", written)
    return text


def fixed(text: str, **options: object) -> tuple[str, list[str]]:
    done = fix(text.encode(), "f.yaml", ValidationOptions(**options))  # type: ignore[arg-type]
    return done.text, [f"{a.code} {a.description}" for a in done.applied]


@pytest.mark.parametrize(
    ("broken", "code", "description"),
    [
        ({"status": "en cours"}, "S004", "`en cours` → `ongoing`"),
        ({"status": "En_Cours"}, "S004", "`En_Cours` → `ongoing`"),
        ({"status": "Terminé"}, "S004", "`Terminé` → `completed`"),
        ({"status": "Completed"}, "S004", "`Completed` → `completed`"),
        ({"due": "15/06/2021"}, "S007", "`15/06/2021` → `2021-06-15`"),
        ({"due": "2021/6/5"}, "S007", "`2021/6/5` → `2021-06-05`"),
        ({"planned": "150 000"}, "S003", "`150 000` → `150000`"),
        ({"planned": "74 300,50"}, "S003", "`74 300,50` → `74300.5`"),
        ({"planned": "1.250.000,5"}, "S003", "`1.250.000,5` → `1250000.5`"),
        ({"key": "yes"}, "S003", "`yes` → `true`"),
        ({"key": "Off"}, "S003", "`Off` → `false`"),
        ({"value": "7,9"}, "I005", "`7,9` → `7.9`"),
        ({"value": '"1 250"'}, "I005", "`1 250` → `1250`"),
    ],
)
def test_each_safe_fix_turns_the_value_back(
    broken: dict[str, str], code: str, description: str
) -> None:
    text, applied = fixed(roadmap(**broken))
    assert applied == [f"{code} {description}"]
    good = {"status": "ongoing", "due": "2021-06-05" if "2021/6/5" in broken.values() else None}
    del good
    assert fix(text.encode(), "f.yaml").applied == []


def test_the_fixed_file_differs_only_on_the_fixed_lines() -> None:
    text, applied = fixed(roadmap(status="en cours", due="15/06/2021", planned="150 000"))
    assert len(applied) == 3
    assert text == roadmap(due="2021-06-15", planned="150000")


@pytest.mark.parametrize(
    "broken",
    [
        {"due": "01/06/2021"},  # day and month could swap
        {"planned": "1,250"},  # a thousands separator or a decimal comma?
        {"status": "bientôt"},  # no safe reading
        {"key": '"yes"'},  # quoted: meant as text, not a YAML 1.1 boolean
    ],
)
def test_what_has_two_readings_is_left_with_its_finding(broken: dict[str, str]) -> None:
    done = fix(roadmap(**broken).encode(), "f.yaml")
    assert done.applied == []
    assert done.result.has_errors


def test_an_ambiguous_date_keeps_a_hint_with_both_readings() -> None:
    done = fix(roadmap(due="01/06/2021").encode(), "f.yaml")
    [finding] = [d for d in done.result.diagnostics if d.code == "S007"]
    assert "2021-06-01" in finding.hint
    assert "2021-01-06" in finding.hint


def test_typographic_quotes_become_straight_ones() -> None:
    text, applied = fixed(roadmap().replace("title: Appui", "title: {fr: “Appui”}"))
    assert applied == ['Y014 `“Appui”` → `"Appui"`']
    assert 'title: {fr: "Appui"}' in text


def test_ignored_rules_and_silenced_lines_are_not_fixed() -> None:
    broken = roadmap(status="en cours")
    _, applied = fixed(broken, selection=RuleSelection(ignore=frozenset({"S004"})))
    assert applied == []
    quoted = roadmap().replace("title: Appui", "title: “Appui”  # uhc-roadmap: disable=Y014")
    assert fix(quoted.encode(), "f.yaml").applied == []


def test_fixing_schema_errors_lets_the_rules_run_and_their_fixes_follow() -> None:
    """A status error stops the rules; once fixed, I005 on the value is found and fixed."""
    text, applied = fixed(roadmap(status="terminé", value="7,9"))
    assert [a.split()[0] for a in applied] == ["S004", "I005"]
    assert "value: 7.9" in text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_breaking_an_example_then_fixing_it_gives_it_back_byte_for_byte(path: Path) -> None:
    original = path.read_text(encoding="utf-8")
    lines = original.split("\n")
    status = next(i for i, line in enumerate(lines) if line.strip().startswith("status: ongoing"))
    # typed over: a comment after the value stays in its column
    typed = "status: en cours"
    written = "status: ongoing " if "#" in lines[status] else "status: ongoing"
    lines[status] = lines[status].replace(written, typed, 1)
    due = next(i for i, line in enumerate(lines) if "due: 20" in line and "-15" in line)
    day = lines[due].split("due: ")[1][:10]
    lines[due] = lines[due].replace(f"due: {day}", f"due: {day[8:]}/{day[5:7]}/{day[:4]}", 1)
    broken = "\n".join(lines)
    assert broken != original
    done = fix(broken.encode(), path.name)
    assert sorted(a.code for a in done.applied) == ["S004", "S007"]
    assert done.text == original
