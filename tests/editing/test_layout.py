"""The canonical layout knows every field of the format, in the order docs/format.md gives."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT
from uhc_roadmap.editing import layout
from uhc_roadmap.model import Roadmap
from uhc_roadmap.model.fields import model_at


@pytest.mark.parametrize("where", sorted(layout.KEY_ORDER), ids=lambda p: ".".join(p) or "top")
def test_each_key_order_lists_exactly_the_fields_of_its_model(where: tuple[str, ...]) -> None:
    model = model_at(Roadmap, [0 if part == "*" else part for part in where]) or Roadmap
    assert set(layout.KEY_ORDER[where]) == set(model.model_fields)


def test_docs_format_md_lists_the_top_level_and_indicator_fields_in_fmts_order() -> None:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")

    def fields(section: str) -> list[str]:
        body = text.split(section + "\n", 1)[1].split("\n## ", 1)[0]
        rows = [line.split(" | ")[0] for line in body.splitlines() if line.startswith("| `")]
        return [name for row in rows for name in re.findall(r"`(\w+)`", row)]

    assert fields("## Top level") == list(layout.KEY_ORDER[()])
    assert fields("## Indicator") == list(layout.KEY_ORDER[("indicators", "*")])
    assert fields("## Activity") == list(layout.KEY_ORDER[("activities", "*")])


def test_patterns_and_key_order() -> None:
    assert layout.pattern(("activities", 3, "budget", 0, "spent")) == (
        "activities", "*", "budget", "*", "spent",
    )  # fmt: skip
    assert layout.pattern(("region_labels", "MA-10", "fr")) == ("region_labels", "*", "fr")
    assert layout.ordered_keys(("activities", 0), ["status", "zz", "id", "axis"]) == [
        "id", "axis", "status", "zz",
    ]  # fmt: skip
    assert layout.ordered_keys(("title",), ["en", "ar", "fr"], ["fr", "en"]) == ["fr", "en", "ar"]
    assert layout.is_free_text(("activities", 0, "title", "fr"))
    assert not layout.is_free_text(("activities", 0, "status"))
