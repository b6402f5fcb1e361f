"""The rule catalogue: every rule, by code. Codes are stable: a retired code is never reused.

A new rule is one module here, named after its code and name (``q005_activity_without_lead.py``
for Q005 ``activity-without-lead``), imported below and listed in ``SEMANTIC_RULES``;
tests/rules/test_catalogue.py fails when a rule module is left out.
"""

from __future__ import annotations

from uhc_roadmap.rules.b001_spent_above_planned import B001
from uhc_roadmap.rules.b002_committed_above_planned import B002
from uhc_roadmap.rules.b003_budget_year_outside_phase import B003
from uhc_roadmap.rules.b004_negative_amount import B004
from uhc_roadmap.rules.b005_spent_above_committed import B005
from uhc_roadmap.rules.b006_budget_funder_not_funder import B006
from uhc_roadmap.rules.base import FAMILIES, BuiltinRule, Finding, Rule
from uhc_roadmap.rules.d001_start_after_end import D001
from uhc_roadmap.rules.d002_outside_phase import D002
from uhc_roadmap.rules.d003_after_reference_date import D003
from uhc_roadmap.rules.d004_successor_before_predecessor import D004
from uhc_roadmap.rules.d005_milestone_outside_activity import D005
from uhc_roadmap.rules.i001_target_against_direction import I001
from uhc_roadmap.rules.i002_percent_out_of_range import I002
from uhc_roadmap.rules.i003_numeric_on_qualitative import I003
from uhc_roadmap.rules.i004_value_after_reference_date import I004
from uhc_roadmap.rules.i005_text_value_on_numeric import I005
from uhc_roadmap.rules.i006_baseline_after_target import I006
from uhc_roadmap.rules.i007_target_equals_baseline import I007
from uhc_roadmap.rules.i008_percent_as_fraction import I008
from uhc_roadmap.rules.q001_missing_translation import Q001
from uhc_roadmap.rules.q002_no_milestone_or_indicator import Q002
from uhc_roadmap.rules.q004_empty_axis import Q004
from uhc_roadmap.rules.r001_duplicate_id import R001
from uhc_roadmap.rules.r002_unknown_axis import R002
from uhc_roadmap.rules.r003_unknown_organisation import R003
from uhc_roadmap.rules.r004_unknown_activity import R004
from uhc_roadmap.rules.r005_unknown_region import R005
from uhc_roadmap.rules.r006_dependency_cycle import R006
from uhc_roadmap.rules.schema_checks import SCHEMA_RULES
from uhc_roadmap.rules.suppression_checks import SUPPRESSION_RULES
from uhc_roadmap.rules.t001_completed_without_actual_end import T001
from uhc_roadmap.rules.t002_ongoing_without_actual_start import T002
from uhc_roadmap.rules.t003_progress_contradicts_status import T003
from uhc_roadmap.rules.t004_planned_with_actual_start import T004
from uhc_roadmap.rules.workbook_checks import WORKBOOK_RULES
from uhc_roadmap.rules.yaml_checks import YAML_RULES

SEMANTIC_RULES: tuple[type[Rule], ...] = (
    R001, R002, R003, R004, R005, R006,
    D001, D002, D003, D004, D005,
    T001, T002, T003, T004,
    B001, B002, B003, B004, B005, B006,
    I001, I002, I003, I004, I005, I006, I007, I008,
    Q001, Q002, Q004,
)  # fmt: skip
ALL_RULES: tuple[type[Rule], ...] = tuple(
    sorted(
        (*YAML_RULES, *WORKBOOK_RULES, *SUPPRESSION_RULES, *SCHEMA_RULES, *SEMANTIC_RULES),
        key=lambda r: (list(FAMILIES).index(r.family), r.code),
    )
)
RULES_BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in ALL_RULES}
RETIRED: dict[str, str] = {
    "Q003": "never released: the Q family was first published as Q001, Q002 and Q004",
}
"""Codes that no rule may take again, each with why it left. A gap in a family's numbers is
explained here or nowhere: tests/rules/test_catalogue.py checks both."""

__all__ = [
    "ALL_RULES",
    "FAMILIES",
    "RETIRED",
    "RULES_BY_CODE",
    "SEMANTIC_RULES",
    "BuiltinRule",
    "Finding",
    "Rule",
]
