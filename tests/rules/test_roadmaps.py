"""The example roadmaps are what users copy: no rule may find anything in them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROADMAPS
from uhc_roadmap.validation import check_bytes

EXAMPLES = sorted(ROADMAPS.glob("*.yaml"))


def test_there_are_three_examples() -> None:
    assert [p.name for p in EXAMPLES] == ["algeria.yaml", "kazakhstan.yaml", "morocco.yaml"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_roadmap_has_no_finding(path: Path) -> None:
    result = check_bytes(path.read_bytes(), str(path)).result
    assert [f"{d.line}:{d.col} {d.code} {d.message}" for d in result.diagnostics] == []
