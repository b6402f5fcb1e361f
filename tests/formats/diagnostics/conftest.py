"""A fixed set of findings that exercises every reporter's escaping and grouping."""

from __future__ import annotations

import pytest

from uhc_roadmap import __version__
from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def fixed_results() -> list[FileResult]:
    morocco = "roadmaps/morocco.yaml"
    algeria = "./roadmaps/alg, érie.yaml"
    return [
        FileResult(
            morocco,
            [
                Diagnostic(
                    "Y002",
                    E,
                    morocco,
                    17,
                    1,
                    "duplicate key `country`: first at line 16, again at line 17",
                    "YAML would silently keep only one of the two values; remove or merge one",
                ),
                Diagnostic("R006", E, morocco, 120, 7, "dependency cycle: A-1 → A-2 → A-1", ""),
            ],
        ),
        FileResult("roadmaps/kazakhstan.yaml", []),
        FileResult(
            algeria,
            [
                Diagnostic(
                    "B001",
                    W,
                    algeria,
                    42,
                    57,
                    "spent 100% more: 62,000 > 31,000\r\nsecond line",
                    "check a|b <b>bold</b> *stars* & [links](x)",
                ),
                Diagnostic(
                    "Q001", INFO, algeria, 3, 3, "`title` has no `en` text | a `pipe|here`", ""
                ),
            ],
        ),
        FileResult(
            "<stdin>",
            [Diagnostic("Y001", E, "<stdin>", 2, 9, "invalid YAML: bad\x07 <char>", "")],
        ),
    ]


def without_version(text: str) -> str:
    """Goldens must not change with each release."""
    return text.replace(f'"{__version__}"', '"<version>"')


@pytest.fixture(autouse=True)
def _no_workspace(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
