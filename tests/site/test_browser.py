"""The site opened in headless Chromium as a reader opens it from disk: no request made, no
console message (a script refused by the Content-Security-Policy would be one), the sorting
script allowed by its hash, and axe-core finding no serious or critical accessibility
violation on the index and a country page.

axe-core is the npm package (``make test`` installs it into .venv/node where npm is there);
it runs inside Debian's Chromium on a copy of the page with the script added. Control pages
show that each check can fail.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.render.test_browser import CHROMIUM, FLAGS, page_requests

AXE = Path(
    os.environ.get(
        "UHC_AXE_CORE", ROOT / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"
    )
)
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Chromium is not installed (apt-get install -y chromium): the site cannot be "
        "opened in a real browser here",
    ),
]
needs_axe = pytest.mark.skipif(
    not AXE.is_file(),
    reason=f"axe-core is not installed ({AXE}): `make test` installs it with npm; without "
    "Node.js and npm the accessibility check cannot run",
)
AXE_RUNNER = """
axe.run(document, {resultTypes: ["violations"]}).then(function (results) {
  var out = document.createElement("pre");
  out.id = "axe-results";
  out.textContent = JSON.stringify(results.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 3).map(function (n) { return n.target; })};
  }));
  document.body.appendChild(out);
});
"""


@dataclass(frozen=True)
class Opened:
    dom: str
    requests: list[str]
    console: list[str]


def open_page(page: Path, work: Path, budget_ms: int = 3000) -> Opened:
    work.mkdir(parents=True, exist_ok=True)
    netlog = work / "netlog.json"
    flags = [f for f in FLAGS if not f.startswith("--virtual-time-budget")]
    completed = subprocess.run(
        [
            CHROMIUM or "chromium",
            *flags,
            f"--virtual-time-budget={budget_ms}",
            f"--user-data-dir={work / 'profile'}",
            f"--log-net-log={netlog}",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "HOME": str(work)},
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    console = [line for line in completed.stderr.splitlines() if ":CONSOLE" in line]
    return Opened(completed.stdout, page_requests(netlog), console)


def axe_violations(page: Path, work: Path) -> list[dict[str, object]]:
    """axe-core's violations on ``page``, run in Chromium on a copy with the script added
    (and the page's CSP, which would rightly refuse it, taken out)."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
    script = f"<script>{AXE.read_text(encoding='utf-8')}</script><script>{AXE_RUNNER}</script>"
    copy = work / f"axe-{page.name}"
    work.mkdir(parents=True, exist_ok=True)
    copy.write_text(text.replace("</body>", script + "</body>"), encoding="utf-8")
    opened = open_page(copy, work / "axe", budget_ms=15000)
    found = re.search(r'<pre id="axe-results">(.*?)</pre>', opened.dom, re.DOTALL)
    assert found is not None, "axe-core did not report: " + "\n".join(opened.console)
    violations: list[dict[str, object]] = json.loads(html.unescape(found.group(1)))
    return violations


PAGES = ["index.html", "en/index.html", "fr/MA.html", "en/MA.html", "fr/MA-brief.html"]


@pytest.mark.parametrize("name", PAGES)
def test_no_request_and_no_console_message(examples_site: Path, tmp_path: Path, name: str) -> None:
    opened = open_page(examples_site / name, tmp_path)
    assert opened.requests == []
    assert opened.console == []


def test_the_sorting_script_runs_under_the_policy(examples_site: Path, tmp_path: Path) -> None:
    opened = open_page(examples_site / "en" / "index.html", tmp_path)
    assert len(re.findall(r'<th scope="col"[^>]*><button type="button">', opened.dom)) == 7


def test_the_history_chart_is_drawn(history_site: Path, tmp_path: Path) -> None:
    opened = open_page(history_site / "en" / "MA.html", tmp_path)
    assert opened.dom.count('<g class="revision">') == 2
    assert opened.requests == []
    assert opened.console == []


@needs_axe
@pytest.mark.parametrize("name", ["index.html", "fr/index.html", "en/MA.html", "fr/MA.html"])
def test_axe_finds_no_serious_violation(examples_site: Path, tmp_path: Path, name: str) -> None:
    violations = axe_violations(examples_site / name, tmp_path)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []


CONTROL = """<!DOCTYPE html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-AAAA'">
<title>control</title></head><body><img src="x.png"><input>
<script>console.log("refused")</script></body></html>"""


def test_controls_show_the_checks_can_fail(tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text(CONTROL, encoding="utf-8")
    opened = open_page(page, tmp_path / "open")
    assert any("Content Security Policy" in line for line in opened.console)
    fetching = tmp_path / "fetching.html"
    fetching.write_text('<!DOCTYPE html><img src="http://127.0.0.1:9/x.png" alt="x">')
    assert open_page(fetching, tmp_path / "fetch").requests == ["http://127.0.0.1:9/x.png"]
    if AXE.is_file():
        ids = {str(v["id"]) for v in axe_violations(page, tmp_path / "axe")}
        assert {"image-alt", "label"} <= ids
