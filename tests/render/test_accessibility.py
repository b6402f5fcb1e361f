"""axe-core in Debian's Chromium over every HTML template, in every language: no serious or
critical violation (issue 12, item 4), and headings that never skip a level.

axe-core comes from npm (``make axe`` installs it into .venv/node; ``UHC_AXE`` may name another
axe.min.js). Its script is injected into a copy of the page whose Content-Security-Policy is
lifted (tests/render/chromium.py); the page is otherwise the one users get.
"""

from __future__ import annotations

import os
import re
from itertools import pairwise
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.render.chromium import CHROMIUM, MISSING, run_in_page
from tests.render.conftest import EXAMPLES, XSS, render
from uhc_roadmap.i18n import LANGUAGES

AXE = Path(os.environ.get("UHC_AXE") or ROOT / ".venv/node/node_modules/axe-core/axe.min.js")
TEMPLATES = ("roadmap", "brief")
RUN = """
axe.run(document, {resultTypes: ["violations"]}).then(function (result) {
  window.__report(result.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(function (n) { return n.target.join(" "); })};
  }));
}, function (error) { window.__report({error: String(error)}); });
"""
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason=MISSING)
needs_axe = pytest.mark.skipif(
    not AXE.is_file(),
    reason=f"axe-core is not installed ({AXE}): `make axe` installs it with npm, which needs "
    "Node.js (apt-get install -y nodejs npm)",
)


def audit(page: str, work: Path) -> list[dict[str, object]]:
    found = run_in_page(page, work, AXE.read_text(encoding="utf-8"), RUN)
    assert isinstance(found, list), found
    return found


@pytest.mark.browser
@needs_chromium
@needs_axe
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_no_serious_or_critical_violation(
    tmp_path: Path, path: Path, template: str, lang: str
) -> None:
    found = audit(render(path, template, "html", lang), tmp_path)
    grave = [v for v in found if v["impact"] in ("serious", "critical")]
    assert grave == [], grave


CONTROL = """<!DOCTYPE html><html lang="en"><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'">
<title>control</title></head><body><main>
<p style="color:#bbb;background:#fff">Low contrast text</p>
<svg role="img" aria-label="chart"><text x="0" y="10" fill="#ccc">faint label</text></svg>
<img src="data:,">
</main></body></html>"""


@pytest.mark.browser
@needs_chromium
@needs_axe
def test_the_audit_finds_what_it_should(tmp_path: Path) -> None:
    """A page with faint text, a faint SVG label and an image without alt fails."""
    ids = {v["id"] for v in audit(CONTROL, tmp_path)}
    assert {"color-contrast", "image-alt"} <= ids


HEADING = re.compile(r"<h([1-6])[\s>]")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("path", [*EXAMPLES, XSS], ids=[p.stem for p in [*EXAMPLES, XSS]])
def test_headings_never_skip_a_level(path: Path, template: str, lang: str) -> None:
    """Issue 12, item 4: the roadmap went from h2 to h4, five times."""
    levels = [int(level) for level in HEADING.findall(render(path, template, "html", lang))]
    assert levels[0] == 1
    assert levels.count(1) == 1
    skips = [(a, b) for a, b in pairwise(levels) if b > a + 1]
    assert skips == []
