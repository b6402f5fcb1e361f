"""Helpers of the render tests: example roadmaps loaded once, and one-call rendering."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tests.conftest import FIXTURES, ROADMAPS
from uhc_roadmap.model import Roadmap
from uhc_roadmap.render import RenderOptions, render_document
from uhc_roadmap.validation import check_bytes

EXAMPLES = sorted(ROADMAPS.glob("*.yaml"))
XSS = FIXTURES / "render" / "xss.yaml"
USER_TEMPLATES = FIXTURES / "render" / "templates"


@cache
def load(path: Path) -> Roadmap:
    checked = check_bytes(path.read_bytes(), path.name)
    assert checked.roadmap is not None, checked.result.diagnostics
    assert not checked.result.has_errors, checked.result.diagnostics
    return checked.roadmap


def render(
    path: Path, template: str = "roadmap", fmt: str = "html", lang: str = "en", **options: object
) -> str:
    return render_document(load(path), RenderOptions(template, fmt, lang, **options))  # type: ignore[arg-type]
