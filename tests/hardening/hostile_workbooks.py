"""Hostile and mistaken workbooks for ``uhc-roadmap import``, generated from the 200-activity
benchmark roadmap's workbook (bench/corpus.py): each case is a function of that workbook's
bytes, with the one finding it must give (its code and cell) and the exit code.

A generator rather than files in git: the cases are workbooks of the benchmark's size (the
bounds of the issue are stated for that size), and each says in code what is wrong with it.
"""

from __future__ import annotations

import importlib.util
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[bytes], bytes]
    code: str
    where: str
    """``activities!F12``, a sheet's name, or ``""`` for the whole file (printed ``1:1``)."""
    exit_code: int = 1


@cache
def large_yaml() -> str:
    """The 200-activity benchmark roadmap."""
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec is not None
    assert spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    [(morocco, regions)] = [c for c in corpus.countries(250) if c[0] == "MA"]
    text: str = corpus.roadmap(morocco, regions, 200, seed=200)
    return text


@cache
def large_workbook() -> bytes:
    """The 200-activity roadmap exported as a workbook."""
    from uhc_roadmap.spreadsheets.workbook import roadmap_workbook
    from uhc_roadmap.validation import check_bytes

    checked = check_bytes(large_yaml().encode("utf-8"), "large.yaml")
    assert checked.roadmap is not None, checked.result.diagnostics[:3]
    return roadmap_workbook(checked.roadmap, "fr")


def edited(raw: bytes, change: Callable[[Workbook], Any]) -> bytes:
    """The workbook with ``change`` made by openpyxl, as a person's spreadsheet would."""
    book = load_workbook(io.BytesIO(raw))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_part(raw: bytes, part: str, change: Callable[[str], str]) -> bytes:
    """The workbook with one XML part's text changed (what openpyxl cannot write)."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, data)
    return out.getvalue()


def sheet_part(raw: bytes, name: str) -> str:
    """The zip part of a sheet (openpyxl names them sheet1.xml... in workbook order)."""
    book = load_workbook(io.BytesIO(raw), read_only=True)
    index = book.sheetnames.index(name) + 1
    book.close()
    return f"xl/worksheets/sheet{index}.xml"


def _cached_formula(raw: bytes) -> bytes:
    """budget!D3 (a planned amount) given as a formula with its saved value, as Excel saves."""
    part = sheet_part(raw, "budget")

    def change(xml: str) -> str:
        found = re.search(r'<c r="D3"([^>]*)><v>([^<]*)</v></c>', xml)
        assert found, "budget!D3 holds a number"
        return xml.replace(
            found.group(0),
            f'<c r="D3"{found.group(1)}><f>{found.group(2)}*1</f><v>{found.group(2)}</v></c>',
        )

    return with_part(raw, part, change)


def _billion_laughs(raw: bytes) -> bytes:
    """An entity that expands ten levels deep in a cell of the activities sheet."""
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )

    def change(xml: str) -> str:
        start = xml.index("<worksheet")
        body = xml[start:].replace("<t>", "<t>&j;", 1)
        return f"{xml[:start]}<!DOCTYPE worksheet [{entities}]>{body}"

    return with_part(raw, sheet_part(raw, "activities"), change)


def _long_cell(raw: bytes) -> bytes:
    """activities!E3 holding 40,000 characters (openpyxl cuts what it writes to 32,767)."""

    def change(xml: str) -> str:
        found = re.search(r'(<c r="E3"[^>]*><is><t>)([^<]*)(</t>)', xml)
        assert found, "activities!E3 holds a text"
        return xml.replace(found.group(0), found.group(1) + "x" * 40_000 + found.group(3))

    return with_part(raw, sheet_part(raw, "activities"), change)


def _zip_bomb(_: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", "<Types/>")
        target.writestr("xl/workbook.xml", "<workbook/>")
        target.writestr("xl/worksheets/sheet1.xml", b"\0" * (48 * 2**20))
    return out.getvalue()


def _ods(_: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        target.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        target.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _set(sheet: str, cell: str, value: Any) -> Callable[[bytes], bytes]:
    def change(book: Workbook) -> None:
        book[sheet][cell] = value

    return lambda raw: edited(raw, change)


def _swap_labels(book: Workbook) -> None:
    sheet = book["activities"]
    sheet["F2"], sheet["G2"] = sheet["G2"].value, sheet["F2"].value


def _merge(book: Workbook) -> None:
    book["activities"].merge_cells("B3:B4")


def _hide(book: Workbook) -> None:
    book["budget"].sheet_state = "hidden"


def _extra_sheet(book: Workbook) -> None:
    book.create_sheet("Budget 2022")["A1"] = "notes"


CASES: tuple[Case, ...] = (
    Case("xls", lambda _: OLE + b"\0" * 4096 + "Workbook".encode("utf-16-le"), "X001", ""),
    Case(
        "password", lambda _: OLE + b"\0" * 4096 + "EncryptionInfo".encode("utf-16-le"), "X001", ""
    ),
    Case("csv-renamed", lambda _: b"id;axis;title\nGOV-01;GOV;Gouvernance\n", "X001", ""),
    Case("zip-bomb", _zip_bomb, "X001", ""),
    Case("billion-laughs", _billion_laughs, "X001", ""),
    Case("truncated", lambda raw: raw[: len(raw) // 2], "X001", ""),
    Case("ods", _ods, "X001", ""),
    Case(
        "missing-sheet", lambda raw: edited(raw, lambda b: b.remove(b["budget"])), "X002", "budget"
    ),
    Case("unknown-column", _set("activities", "G1", "statut"), "X003", "activities!G1"),
    Case("headers-disagree", lambda raw: edited(raw, _swap_labels), "X003", "activities!F2"),
    Case("formula-cached", _cached_formula, "X004", "budget!D3", exit_code=0),
    Case("formula-no-value", _set("budget", "D3", "=B3*1000"), "X005", "budget!D3"),
    Case("merged", lambda raw: edited(raw, _merge), "X006", "activities!B3"),
    Case("hidden", lambda raw: edited(raw, _hide), "X007", "budget", exit_code=0),
    Case("long-cell", _long_cell, "X008", "activities!E3"),
    Case("million-rows", _set("activities", "A1048576", "x"), "X009", "activities!A1048576"),
    Case(
        "unknown-sheet", lambda raw: edited(raw, _extra_sheet), "X010", "'Budget 2022'", exit_code=0
    ),
    Case("orphan-row", _set("budget", "A3", "NOPE-01"), "X011", "budget!A3"),
    Case("error-cell", _set("budget", "F3", "#DIV/0!"), "X012", "budget!F3"),
    Case("bad-status", _set("activities", "G3", "en cours"), "S004", "activities!G3"),
    Case("text-in-amount", _set("budget", "D3", "beaucoup"), "S003", "budget!D3"),
)
