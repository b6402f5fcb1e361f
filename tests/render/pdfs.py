"""Reading PDFs in tests with poppler's tools (pdfinfo, pdffonts, pdftotext), as a reader's
software would, and the document catalog's entries from the PDF's own bytes."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

POPPLER = all(shutil.which(tool) for tool in ("pdfinfo", "pdffonts", "pdftotext"))
needs_poppler = pytest.mark.skipif(
    not POPPLER,
    reason="poppler-utils is not installed (apt-get install -y poppler-utils): the PDFs cannot "
    "be read back here",
)


def weasyprint_missing() -> str | None:
    """Why PDFs cannot be made here, or None."""
    from uhc_roadmap.render.pdf import available

    return available()


needs_weasyprint = pytest.mark.skipif(
    weasyprint_missing() is not None,
    reason=f"no PDF here: {weasyprint_missing()}",
)


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout


def info(pdf: Path) -> dict[str, str]:
    """``pdfinfo``'s fields: Title, Pages, Page size..."""
    found = {}
    for line in _run("pdfinfo", str(pdf)).splitlines():
        key, _, value = line.partition(":")
        found[key.strip()] = value.strip()
    return found


def fonts(pdf: Path) -> list[dict[str, str]]:
    """``pdffonts``'s rows: name, type, emb (yes/no)..."""
    lines = _run("pdffonts", str(pdf)).splitlines()
    rows = []
    for line in lines[2:]:
        columns = line.split()
        # name, type (1 to 3 words), encoding, emb, sub, uni, object, id
        rows.append({"name": columns[0], "emb": columns[-5], "sub": columns[-4]})
    return rows


def text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page is not None else []
    return _run("pdftotext", "-layout", *pages, str(pdf), "-")


def catalog_language(data: bytes) -> str | None:
    """The catalog's ``/Lang``, looked for in the file and in its compressed object streams."""
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        try:
            # A decompressor object, not zlib.decompress: stripping the end-of-line before
            # "endstream" may take a byte of the checksum with it, and the data is whole anyway.
            chunks.append(zlib.decompressobj().decompress(data[match.end() : end]))
        except zlib.error:
            continue
    for chunk in chunks:
        found = re.search(rb"/Lang\s*\(([^)]*)\)", chunk)
        if found:
            return found.group(1).decode("latin-1")
    return None
