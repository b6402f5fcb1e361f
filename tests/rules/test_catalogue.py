"""The catalogue holds every rule written, under codes that are stable and never reused.

A newcomer who adds a rule module and forgets to register it, gives it a retired code, or
leaves a gap in a family's numbers is told so here, by name.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections import defaultdict
from types import ModuleType

import pytest

import uhc_roadmap.rules
from uhc_roadmap.diagnostics import BUILTIN_SEVERITIES, Severity
from uhc_roadmap.rules import ALL_RULES, FAMILIES, RETIRED, RULES_BY_CODE, BuiltinRule, Rule

RULE_MODULE = re.compile(r"([a-z][0-9]{3})_([a-z0-9_]+)")


def rule_modules() -> list[ModuleType]:
    names = sorted(m.name for m in pkgutil.iter_modules(uhc_roadmap.rules.__path__))
    return [importlib.import_module(f"uhc_roadmap.rules.{name}") for name in names]


def rules_defined_in(module: ModuleType) -> list[type[Rule]]:
    """The rules a module defines (not those it imports, nor base classes without a code)."""
    return [
        cls
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, Rule) and cls.__module__ == module.__name__ and "code" in vars(cls)
    ]


@pytest.mark.parametrize("module", rule_modules(), ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_every_rule_a_module_defines_is_in_the_catalogue(module: ModuleType) -> None:
    missing = [cls.code for cls in rules_defined_in(module) if cls not in ALL_RULES]
    assert missing == [], (
        f"{', '.join(missing)} in {module.__name__} not in the catalogue: import it in "
        "src/uhc_roadmap/rules/__init__.py and add it to SEMANTIC_RULES"
    )


@pytest.mark.parametrize("module", rule_modules(), ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_a_rule_module_is_named_after_its_one_rule(module: ModuleType) -> None:
    short = module.__name__.rsplit(".", 1)[1]
    match = RULE_MODULE.fullmatch(short)
    if match is None:
        return  # common.py, base.py, the Y/S families' modules...
    [rule] = rules_defined_in(module)
    assert (rule.code, rule.name) == (match[1].upper(), match[2].replace("_", "-"))


def test_the_catalogue_is_found_by_the_module_walk() -> None:
    """The walk above sees every registered rule, so it would see an unregistered one too."""
    defined = {cls for module in rule_modules() for cls in rules_defined_in(module)}
    assert defined == set(ALL_RULES)
    assert len(RULES_BY_CODE) == len(ALL_RULES)


def test_no_rule_takes_a_retired_code() -> None:
    assert sorted(set(RETIRED) & set(RULES_BY_CODE)) == []
    for code, reason in RETIRED.items():
        assert re.fullmatch(r"[A-Z][0-9]{3}", code), code
        assert code[0] in FAMILIES, code
        assert reason.strip(), f"{code}: say why it was retired"


def test_a_family_numbers_its_codes_without_unexplained_gaps() -> None:
    numbers: dict[str, set[int]] = defaultdict(set)
    for code in [*RULES_BY_CODE, *RETIRED]:
        numbers[code[0]].add(int(code[1:]))
    for family, taken in numbers.items():
        gaps = sorted(set(range(1, max(taken) + 1)) - taken)
        assert gaps == [], (
            f"{family} has no rule numbered {gaps}: use the next free number, or list the "
            "code in RETIRED with the reason it left"
        )


def test_the_catalogue_lists_families_in_order_then_codes() -> None:
    keys = [(list(FAMILIES).index(rule.family), rule.code) for rule in ALL_RULES]
    assert keys == sorted(keys)
    assert {rule.family for rule in ALL_RULES} == set(FAMILIES)


def test_built_in_rules_and_the_severity_table_agree() -> None:
    builtin = {rule.code: rule.severity for rule in ALL_RULES if issubclass(rule, BuiltinRule)}
    assert builtin == dict(BUILTIN_SEVERITIES)
    assert {code[0] for code in builtin} == {"Y", "X", "S"}


def test_a_family_is_its_codes_first_letter() -> None:
    for rule in ALL_RULES:
        assert rule.family == rule.code[0]


def test_a_rule_named_against_the_code_pattern_is_refused() -> None:
    with pytest.raises(TypeError, match="named after its code"):

        class Z001(Rule, name="unknown-family", severity=Severity.INFO):
            """Summary."""

    with pytest.raises(TypeError, match="named after its code"):

        class Quality(Rule, name="no-code", severity=Severity.INFO):
            """Summary."""


def test_a_rule_without_a_severity_is_refused() -> None:
    with pytest.raises(TypeError, match="default severity"):

        class Q998(Rule, name="no-severity"):
            """Summary."""


def test_a_built_in_rule_takes_its_severity_from_the_table_only() -> None:
    with pytest.raises(TypeError, match="BUILTIN_SEVERITIES"):

        class Y001(BuiltinRule, name="yaml-syntax", severity=Severity.INFO):
            """Summary."""

    with pytest.raises(TypeError, match="BUILTIN_SEVERITIES"):

        class Y099(BuiltinRule, name="not-in-the-table"):
            """Summary."""
