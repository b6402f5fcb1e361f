"""Refresh the IATI codelists that `export --format iati` ships (src/uhc_roadmap/data/iati/).

The codelists are read from git clones of the two IATI repositories, at a branch or commit:

    python tools/update_iati_data.py \\
        --codelists ../IATI-Codelists --codelists-ref version-2.03 \\
        --non-embedded ../IATI-Codelists-NonEmbedded --non-embedded-ref master

It writes `codelists.json` (the codelists the export emits codes from, withdrawn codes left out)
and `codelist-mapping.json` (IATI's own map of which attribute takes which codelist), and
records the commits read. The schemas and the ruleset are plain copies; see the README there.
Needs lxml (pip install -e '.[iati]').
"""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path
from typing import Any

from lxml import etree

from uhc_roadmap.formats.export.iati import FILE_FORMATS

DATA = Path(__file__).resolve().parents[1] / "src" / "uhc_roadmap" / "data" / "iati"

# Every codelist that an attribute of the export takes its value from, by codelist-mapping.json.
SHIPPED = (
    "ActivityDateType",
    "ActivityScope",
    "ActivityStatus",
    "BudgetStatus",
    "BudgetType",
    "Country",
    "Currency",
    "DescriptionType",
    "DocumentCategory",
    "FileFormat",
    "GeographicLocationClass",
    "GeographicLocationReach",
    "IndicatorMeasure",
    "Language",
    "OrganisationRegistrationAgency",
    "OrganisationRole",
    "OrganisationType",
    "RelatedActivityType",
    "ResultType",
    "Sector",
    "SectorVocabulary",
    "TagVocabulary",
    "TransactionType",
    "Version",
)
# Large lists of which the export uses a handful: only the codes it can emit are shipped.
SUBSETS = {"FileFormat": frozenset(FILE_FORMATS.values())}


class Repository:
    def __init__(self, path: Path, ref: str, name: str) -> None:
        self.path, self.name = path, name
        self.commit = self._git("rev-parse", ref).strip()

    def _git(self, *args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(self.path), *args], capture_output=True, text=True, check=True
        ).stdout

    def files(self) -> set[str]:
        return set(self._git("ls-tree", "--name-only", self.commit, "xml/").split())

    def read(self, path: str) -> bytes:
        return subprocess.run(
            ["git", "-C", str(self.path), "show", f"{self.commit}:{path}"],
            capture_output=True,
            check=True,
        ).stdout


def codelist(raw: bytes, name: str) -> dict[str, Any]:
    root = etree.fromstring(raw)
    codes = {}
    for item in root.iterfind("codelist-items/codelist-item"):
        if item.get("status", "active") == "withdrawn":
            continue
        label = item.find("name/narrative")
        codes[item.findtext("code", "").strip()] = (
            "" if label is None else " ".join((label.text or "").split())
        )
    subset = SUBSETS.get(name)
    if subset is not None:
        missing = subset - set(codes)
        if missing:
            raise SystemExit(f"{name}: not in the codelist: {', '.join(sorted(missing))}")
        codes = {code: codes[code] for code in sorted(subset)}
    return {"complete": root.get("complete") == "1", "subset": subset is not None, "codes": codes}


def mapping(raw: bytes) -> list[dict[str, str]]:
    found = []
    for entry in etree.fromstring(raw).iterfind("mapping"):
        ref = entry.find("codelist")
        if ref is None or not ref.get("ref"):
            raise SystemExit(f"mapping.xml: no codelist for {entry.findtext('path')}")
        item = {"path": entry.findtext("path", ""), "codelist": str(ref.get("ref"))}
        condition = entry.findtext("condition")
        if condition:
            item["condition"] = condition
        found.append(item)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codelists", type=Path, required=True)
    parser.add_argument("--codelists-ref", default="version-2.03")
    parser.add_argument("--non-embedded", type=Path, required=True)
    parser.add_argument("--non-embedded-ref", default="master")
    args = parser.parse_args()
    embedded = Repository(args.codelists, args.codelists_ref, "IATI/IATI-Codelists")
    other = Repository(args.non_embedded, args.non_embedded_ref, "IATI/IATI-Codelists-NonEmbedded")
    in_embedded = embedded.files()
    lists = {}
    for name in SHIPPED:
        source = embedded if f"xml/{name}.xml" in in_embedded else other
        lists[name] = {"source": source.name} | codelist(source.read(f"xml/{name}.xml"), name)
    document = {
        "about": "IATI codelists (CC BY 4.0, IATI Standard, https://iatistandard.org/); "
        "withdrawn codes left out. Made by tools/update_iati_data.py.",
        "sources": {
            embedded.name: {"ref": args.codelists_ref, "commit": embedded.commit},
            other.name: {"ref": args.non_embedded_ref, "commit": other.commit},
        },
        "codelists": lists,
    }
    write(DATA / "codelists.json", document)
    write(
        DATA / "codelist-mapping.json",
        {
            "about": "IATI-Codelists mapping.xml: which codelist each attribute takes its "
            "value from. Made by tools/update_iati_data.py.",
            "source": {"repository": embedded.name, "commit": embedded.commit},
            "mappings": mapping(embedded.read("mapping.xml")),
        },
    )


def write(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
