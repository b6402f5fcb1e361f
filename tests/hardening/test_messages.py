"""Messages about hostile values: invisible characters shown, long values cut, one finding each."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tests.conftest import check_text
from tests.hardening.conftest import MINIMAL, minimal_with
from uhc_roadmap.model import Roadmap
from uhc_roadmap.model.validate import MAX_ERRORS, first_errors

INDICATOR = """indicators:
  - id: IND-1
    title: Indicateur
    axis: GOV
    measure: number
    baseline: {value: 0, date: 2021-01-01}
    target: {value: 100, date: 2023-01-01}
    values:
      - {date: 2022-01-01, value: VALUE}
"""


def only(text: str) -> tuple[str, int, int, str, str]:
    [d] = check_text(text).diagnostics
    return d.code, d.line, d.col, d.message, d.hint


@pytest.mark.parametrize(
    ("char", "shown"), [("\u200b", "\\u200b"), ("\u202e", "\\u202e"), ("\u2066", "\\u2066")]
)
def test_an_invisible_character_in_an_id_is_shown_escaped(char: str, shown: str) -> None:
    code, line, col, message, hint = only(minimal_with("  - id: GOV-01", f"  - id: GOV{char}-01"))
    assert (code, line, col) == ("S004", 16, 9)
    assert message == f"`GOV{shown}-01` is not a valid `id`"
    assert hint == f"it holds invisible characters (remove {shown}); retype it"


def test_a_lower_case_id_is_told_the_upper_case_spelling() -> None:
    code, _, _, message, hint = only(minimal_with("  - id: GOV-01", "  - id: gov-01"))
    assert code == "S004"
    assert message == "`gov-01` is not a valid `id`"
    assert hint == "write it in upper case: `GOV-01`"


def test_ids_differing_only_in_case_are_not_two_valid_ids() -> None:
    text = minimal_with("axes:\n", "axes:\n  - {id: gov, title: Gouvernance bis}\n")
    [d] = check_text(text).diagnostics
    assert (d.code, d.message) == ("S004", "`gov` is not a valid `id`")


def test_a_control_character_in_a_key_cannot_reach_the_terminal() -> None:
    text = minimal_with("    status: ongoing\n", '    "\\e[2J": 1\n    status: ongoing\n')
    code, _, _, message, _ = only(text)
    assert code == "Y005"  # refused by the loader, before the model could name the field
    assert message == "the text holds the control character `\\x1b`"


def test_a_hidden_character_in_an_unknown_key_is_shown_escaped() -> None:
    text = minimal_with("    status: ongoing\n", "    \u202estatus: 1\n    status: ongoing\n")
    code, _, _, message, hint = only(text)
    assert code == "S002"
    assert message == "unknown field `\\u202estatus`; did you mean `status`?"
    assert hint == "rename it `status` (remove \\u202e)"


def test_an_empty_key_is_named_as_such() -> None:
    code, line, col, message, _ = only(minimal_with("    status:", '    "": 1\n    status:'))
    assert (code, line, col, message) == ("S002", 19, 5, "a key is empty")


def test_a_long_value_is_cut_in_the_message() -> None:
    code, _, _, message, hint = only(minimal_with("status: ongoing", "status: " + "y" * 100_000))
    assert code == "S004"
    assert len(message) < 100
    assert message.startswith("`yyyy")
    assert message.endswith("...` is not a valid `status`")
    assert len(hint) < 200


def test_a_long_number_is_cut_in_the_message_and_its_hint() -> None:
    text = minimal_with("    title: Appui à la régionalisation", "    title: " + "9" * 300)
    code, _, _, message, hint = only(text)
    assert code == "S003"
    assert len(message) < 150
    assert len(hint) < 150


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_an_indicator_value_must_be_finite_and_says_so_once(value: str) -> None:
    code, line, col, message, _ = only(MINIMAL + INDICATOR.replace("VALUE", value))
    assert (code, line, col) == ("S004", 35, 35)
    assert message == "`value` must be a finite number"


@pytest.mark.parametrize("value", [".nan", ".inf", "1e999"])
def test_a_budget_must_be_finite(value: str) -> None:
    code, line, col, _, _ = only(minimal_with("planned: 10000", f"planned: {value}"))
    assert (line, col) == (26, 43)
    assert code == ("Y012" if value == "1e999" else "S004")


def test_minus_zero_is_zero_in_budgets_and_indicators() -> None:
    text = minimal_with("planned: 10000, spent: 5000", "planned: 10000, spent: -0.0")
    assert check_text(text).diagnostics == []
    assert check_text(MINIMAL + INDICATOR.replace("VALUE", "-0")).diagnostics == []


def test_an_integer_too_large_for_a_number_is_a_range_error() -> None:
    code, line, col, message, _ = only(minimal_with("planned: 10000", "planned: 1" + "0" * 400))
    assert (code, line, col) == ("Y012", 26, 43)
    assert "too large" in message


@pytest.mark.parametrize("key", ["1", "null", "~", "true"])
def test_a_key_that_yaml_reads_as_a_number_or_null_is_an_unknown_field(key: str) -> None:
    code, line, _, message, _ = only(minimal_with("currency: USD", f"currency: USD\n{key}: x"))
    assert (code, line, message) == ("S002", 10, f"unknown field `{key}`")


def test_a_merge_key_is_named() -> None:
    code, _, _, message, _ = only(minimal_with("    lead: MS", "    lead: MS\n    <<: {x: 1}"))
    assert (code, message) == ("S002", "merge keys (`<<`) are not supported")


def test_schema_errors_are_bounded_and_summarised() -> None:
    activities = "activities: [" + ",".join(["{}"] * 5000) + "]\n"
    text = MINIMAL[: MINIMAL.index("activities:")] + activities
    diagnostics = check_text(text).diagnostics
    assert len(diagnostics) < MAX_ERRORS
    summary = f"{5 * 5000 - MAX_ERRORS:,} more schema errors are not shown"
    assert summary in [d.message for d in diagnostics]


def test_the_first_errors_are_the_same_as_pydantic_lists_them() -> None:
    data = {"activities": [{"id": i} for i in range(300)], "country": 5}
    with pytest.raises(ValidationError) as caught:
        Roadmap.model_validate(data)
    assert first_errors(caught.value, 50) == caught.value.errors(include_url=False)[:50]
