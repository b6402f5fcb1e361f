"""Rule options: validated by their models, defaults documented, and honoured by the rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel, ValidationError

from tests.conftest import FIXTURES
from tests.rules.rule_examples import complete
from uhc_roadmap.loading import load_document
from uhc_roadmap.model import Roadmap, Text
from uhc_roadmap.rules import ALL_RULES, Rule
from uhc_roadmap.rules.b001_spent_above_planned import B001
from uhc_roadmap.rules.common import OverrunOptions
from uhc_roadmap.rules.context import RuleContext
from uhc_roadmap.rules.docs import option_docs
from uhc_roadmap.rules.q001_missing_translation import TEXT_FIELDS, texts
from uhc_roadmap.rules.r001_duplicate_id import R001
from uhc_roadmap.validation import RuleSelection, ValidationOptions, check_bytes

WITH_OPTIONS = [r for r in ALL_RULES if r.options_model is not None]


def codes(name: str, options: dict[str, dict[str, Any]]) -> list[str]:
    path: Path = FIXTURES / "invalid" / f"{name}.yaml"
    chosen = ValidationOptions(selection=RuleSelection(options=options))
    return [d.code for d in check_bytes(path.read_bytes(), path.name, chosen).result.diagnostics]


def context(options: dict[str, dict[str, Any]]) -> RuleContext:
    loaded = load_document(complete("{}").encode(), "x.yaml")
    roadmap = Roadmap.model_validate(loaded.data)
    return RuleContext(roadmap, loaded.source_map, date(2021, 9, 30), options)


@pytest.mark.parametrize("rule", WITH_OPTIONS, ids=lambda r: r.code)
def test_defaults_validate_and_every_option_is_described(rule: type[Rule]) -> None:
    model = rule.options_model
    assert model is not None
    model.model_validate({})
    documented = {option.name: option.description for option in option_docs(rule)}
    assert set(documented) == set(model.model_fields)
    for name, description in documented.items():
        assert description, f"{rule.code}.{name} needs a docstring"


@pytest.mark.parametrize("rule", WITH_OPTIONS, ids=lambda r: r.code)
def test_unknown_option_is_refused_by_name(rule: type[Rule]) -> None:
    assert rule.options_model is not None
    with pytest.raises(ValidationError, match="tolerence"):
        rule.options_model.model_validate({"tolerence": 5})


def test_wrong_option_type_is_refused() -> None:
    with pytest.raises(ValidationError):
        OverrunOptions.model_validate({"tolerance": "5"})
    with pytest.raises(ValidationError):
        OverrunOptions.model_validate({"tolerance": -1})


def test_options_read_from_the_context() -> None:
    assert B001.options(context({})) == OverrunOptions()
    assert B001.options_as(context({"B001": {"tolerance": 5}}), OverrunOptions).tolerance == 5
    assert R001.options(context({})) is None


def test_options_as_refuses_another_model() -> None:
    class Other(BaseModel):
        pass

    with pytest.raises(TypeError):
        B001.options_as(context({}), Other)


def test_b001_tolerance() -> None:
    # 12,500 spent of 10,000 planned is 25 % over.
    assert "B001" in codes("b001_overspent", {"B001": {"tolerance": 20}})
    assert "B001" not in codes("b001_overspent", {"B001": {"tolerance": 25}})
    assert "B005" in codes("b001_overspent", {"B001": {"tolerance": 25}})


def test_d002_can_leave_actual_dates_alone() -> None:
    assert codes("d002_actual_before_phase", {}) == ["D002"]
    assert codes("d002_actual_before_phase", {"D002": {"actual": False}}) == []


def test_q001_checks_only_the_chosen_fields() -> None:
    assert codes("q001_missing_english", {}) == ["Q001", "Q001"]
    assert codes("q001_missing_english", {"Q001": {"fields": ["description"]}}) == ["Q001"]


def test_b006_accepts_more_types() -> None:
    assert codes("b006_academic_funder", {}) == ["B006"]
    accepted = {"B006": {"types": ["funder", "academic", "government"]}}
    assert codes("b006_academic_funder", accepted) == []


def test_q001_fields_cover_every_text_of_the_model() -> None:
    """A Text field added to the format must be named in Q001's `fields` choices."""
    assert text_fields(Roadmap) == set(TEXT_FIELDS)


def test_q001_walks_every_text_of_a_full_roadmap() -> None:
    full = FIXTURES / "valid" / "full.yaml"
    loaded = load_document(full.read_bytes(), full.name)
    found = {field for _, field, _ in texts(Roadmap.model_validate(loaded.data), (), "")}
    assert found == set(TEXT_FIELDS)


def text_fields(model: type[BaseModel]) -> set[str]:
    """Names of the fields, at any depth, whose type involves Text."""
    found: set[str] = set()
    for name, info in model.model_fields.items():
        for leaf in _leaves(info.annotation):
            if leaf is Text:
                found.add(name)
            elif isinstance(leaf, type) and issubclass(leaf, BaseModel):
                found |= text_fields(leaf)
    return found


def _leaves(annotation: Any) -> list[Any]:
    args = get_args(annotation)
    return [leaf for arg in args for leaf in _leaves(arg)] if args else [annotation]
