"""Headless Chromium for the render tests: open a page, run a script in it, print it to PDF.

The documents forbid scripts (their Content-Security-Policy), so a test that must measure the
page in the browser (axe-core, the width at a phone's size) opens a copy with that one meta tag
removed and its script appended; the page is otherwise the one users get. The script writes its
answer into ``<pre id="uhc-test-result">`` as JSON, which ``--dump-dom`` gives back.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
MISSING = (
    "Chromium is not installed (apt-get install -y chromium): the rendered HTML cannot be "
    "opened in a real browser here"
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')
RESULT = re.compile(r'<pre id="uhc-test-result">(.*?)</pre>', re.DOTALL)
REPORT = """
<script>
window.__report = function (value) {
  const top = window.top.document;
  const pre = top.createElement("pre");
  pre.id = "uhc-test-result";
  pre.textContent = JSON.stringify(value);
  top.body.appendChild(pre);
};
</script>
"""


def chromium(
    work: Path, *args: str, budget_ms: int = 3000, timeout: int = 180
) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with a fresh profile in ``work``; fails on a non-zero exit.
    ``budget_ms`` of virtual time let the page's timers and promises settle."""
    completed = subprocess.run(
        [
            CHROMIUM or "chromium",
            *FLAGS,
            f"--virtual-time-budget={budget_ms}",
            f"--user-data-dir={work / 'profile'}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "HOME": str(work)},
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed


def with_script(page: str, *scripts: str) -> str:
    """The page without its Content-Security-Policy, the scripts appended to its body.

    A script calls ``window.__report(value)`` to hand its answer back."""
    assert CSP.search(page), "the page has no Content-Security-Policy to lift"
    body = "".join(f"<script>{s}</script>" for s in scripts)
    return CSP.sub("", page, count=1).replace("</body>", f"{REPORT}{body}</body>", 1)


FRAME = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>frame</title></head>'
    '<body style="margin:0"><iframe title="page" style="border:0;width:{width}px;height:844px" '
    'srcdoc="{page}"></iframe></body></html>'
)


def run_in_page(page: str, work: Path, *scripts: str, width: int | None = None) -> Any:
    """Open ``page`` with ``scripts`` in Chromium and return what they reported.

    ``width`` lays the page out in a frame that wide: headless Chromium's window is at least
    500 px wide, narrower than a phone; a frame is a viewport of its own for media queries.
    """
    path = work / "page.html"
    prepared = with_script(page, *scripts)
    if width is not None:
        prepared = FRAME.format(width=width, page=html.escape(prepared, quote=True))
    path.write_text(prepared, encoding="utf-8")
    completed = chromium(
        work, "--window-size=1200,2000", "--dump-dom", path.as_uri(), budget_ms=60000
    )
    found = RESULT.search(completed.stdout)
    assert found is not None, "the script reported nothing: " + completed.stderr[-1000:]
    return json.loads(html.unescape(found.group(1)))


def print_to_pdf(page: str, work: Path) -> bytes:
    """The page as Chromium's "Print to PDF" makes it: A4 by the page's own @page rule."""
    path, pdf = work / "print.html", work / "print.pdf"
    path.write_text(page, encoding="utf-8")
    chromium(work, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", path.as_uri())
    return pdf.read_bytes()
