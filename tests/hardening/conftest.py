"""Helpers for the hardening tests: a valid roadmap to mutate, and the hypothesis profiles."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

from tests.conftest import FIXTURES

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")

# `make test` runs the short profile; `make fuzz` (UHC_FUZZ=long) runs the long campaign.
settings.register_profile(
    "short", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
PROFILE = os.environ.get("UHC_FUZZ", "short")
FUZZ = settings.get_profile(PROFILE)


def minimal_with(old: str, new: str) -> str:
    """The minimal valid roadmap with one piece of text replaced (which must be there)."""
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new, 1)
