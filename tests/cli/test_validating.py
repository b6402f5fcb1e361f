"""What validate does, called without Typer: the helpers it shares with the warm path."""

from __future__ import annotations

from uhc_roadmap.cli.validating import split_codes


def test_split_codes() -> None:
    assert split_codes(None) is None
    assert split_codes(()) is None
    assert split_codes(["B001, B002", "Y"]) == ["B001", "B002", "Y"]
    assert split_codes([""]) == []
