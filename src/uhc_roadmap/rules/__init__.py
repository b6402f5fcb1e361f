"""The rule catalogue. Codes are stable: a retired code is never reused."""

from __future__ import annotations

from uhc_roadmap.rules.base import FAMILIES, BuiltinRule, Finding, Rule
from uhc_roadmap.rules.d001_start_after_end import D001
from uhc_roadmap.rules.r001_duplicate_id import R001
from uhc_roadmap.rules.r002_unknown_axis import R002
from uhc_roadmap.rules.r003_unknown_organisation import R003
from uhc_roadmap.rules.r004_unknown_activity import R004
from uhc_roadmap.rules.r005_unknown_region import R005
from uhc_roadmap.rules.r006_dependency_cycle import R006
from uhc_roadmap.rules.schema_checks import SCHEMA_RULES
from uhc_roadmap.rules.yaml_checks import YAML_RULES

SEMANTIC_RULES: tuple[type[Rule], ...] = (R001, R002, R003, R004, R005, R006, D001)
ALL_RULES: tuple[type[Rule], ...] = tuple(
    sorted(
        (*YAML_RULES, *SCHEMA_RULES, *SEMANTIC_RULES),
        key=lambda r: ("YSRDTBIQ".index(r.code[0]), r.code),
    )
)
RULES_BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in ALL_RULES}

__all__ = [
    "ALL_RULES",
    "FAMILIES",
    "RULES_BY_CODE",
    "SEMANTIC_RULES",
    "BuiltinRule",
    "Finding",
    "Rule",
]
