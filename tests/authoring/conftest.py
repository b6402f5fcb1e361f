"""Helpers for the authoring tests: fixture pairs of roadmap versions, loaded and validated."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXTURES
from uhc_roadmap.model import Roadmap
from uhc_roadmap.validation import check_bytes

DIFF_CASES = FIXTURES / "diff"


def load_roadmap(path: Path) -> Roadmap:
    """A fixture roadmap, which must validate without errors (diff refuses invalid input)."""
    checked = check_bytes(path.read_bytes(), path.name)
    assert not checked.result.has_errors, checked.result.diagnostics
    assert checked.roadmap is not None
    return checked.roadmap


def roadmap_from_text(text: str) -> Roadmap:
    checked = check_bytes(text.encode("utf-8"), "inline.yaml")
    assert checked.roadmap is not None, checked.result.diagnostics
    return checked.roadmap


def case(name: str) -> tuple[Roadmap, Roadmap]:
    return load_roadmap(DIFF_CASES / name / "old.yaml"), load_roadmap(
        DIFF_CASES / name / "new.yaml"
    )
