"""Roadmaps for the progress tests, read through the real validation pipeline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from uhc_roadmap.model import Roadmap
from uhc_roadmap.validation import check_bytes

PROGRESS_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "progress"


def load_roadmap(path: Path) -> Roadmap:
    checked = check_bytes(path.read_bytes(), path.name)
    assert checked.roadmap is not None, checked.result.diagnostics
    assert not checked.result.has_errors, checked.result.diagnostics
    return checked.roadmap


@pytest.fixture(scope="session")
def small() -> Roadmap:
    return load_roadmap(PROGRESS_FIXTURES / "small.yaml")


@pytest.fixture
def roadmap_from() -> Callable[[str], Roadmap]:
    """A roadmap from YAML text (validated, so the figures see what users would)."""

    def build(text: str) -> Roadmap:
        checked = check_bytes(text.encode("utf-8"), "inline.yaml")
        assert checked.roadmap is not None, checked.result.diagnostics
        return checked.roadmap

    return build
