"""IATI's codelists as shipped in data/iati/codelists.json (see the README there).

A module of its own, light to import: the configuration checks IATI codes without loading the
roadmap models, so a validate answered from the cache stays as fast as it was.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any


def iati_folder() -> Path:
    """src/uhc_roadmap/data/iati, wherever the package is installed."""
    from importlib import resources  # ~7 ms to import: only when a code list is read

    return Path(str(resources.files("uhc_roadmap"))) / "data" / "iati"


@cache
def _codelists() -> dict[str, Any]:
    data = json.loads((iati_folder() / "codelists.json").read_text(encoding="utf-8"))
    codelists: dict[str, Any] = data["codelists"]
    return codelists


def iati_codelist(name: str) -> dict[str, str]:
    """Code -> English name of one IATI codelist, withdrawn codes left out."""
    codelist: dict[str, str] = _codelists()[name]["codes"]
    return codelist


def closed_codelist(name: str) -> dict[str, str] | None:
    """The codes of a codelist whose codes are the only ones allowed: complete in IATI's
    terms, or shipped as the subset the export emits. None when IATI allows others too, or
    when no copy ships."""
    entry = _codelists().get(name)
    if entry is None or not (entry["complete"] or entry["subset"]):
        return None
    codes: dict[str, str] = entry["codes"]
    return codes


def is_shipped(name: str) -> bool:
    return name in _codelists()


def is_sector(code: int) -> bool:
    """An OECD DAC 5-digit purpose code in use (IATI Sector codelist, vocabulary 1)."""
    return str(code) in iati_codelist("Sector")
