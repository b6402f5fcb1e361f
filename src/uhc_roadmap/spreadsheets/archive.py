"""What is checked of a file before it is opened as a workbook, so that a hostile or mistaken
file costs little: its kind (an old .xls, a CSV renamed, an OpenDocument spreadsheet, a
password-protected workbook), its size, and what its zip would unpack to (a zip bomb).

An xlsx workbook is a zip of XML parts. Python's zipfile never unpacks more of a part than its
declared size, so bounding the declared sizes bounds what reading can cost.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

MAX_FILE = 32 * 1024 * 1024
"""The largest workbook read (bytes). The 200-activity benchmark roadmap's is about 60 KB."""
MAX_UNPACKED = 32 * 1024 * 1024
"""The most its parts may unpack to, together."""
MAX_PARTS = 2_000
MAX_RATIO = 200
"""Parts that unpack to over this many times their packed size (and over a megabyte) are a
zip bomb: XML compresses about ten to twenty times."""

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_ZIP = b"PK\x03\x04"
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class Refusal:
    """Why a file is not read as a workbook, and what to do about it."""

    message: str
    hint: str


def refusal(raw: bytes, name: str) -> Refusal | None:
    """Why ``raw`` cannot be read as an xlsx workbook, or None when it may be."""
    if not raw:
        return Refusal(
            f"{name} is empty", "export a workbook with `uhc-roadmap export -o FILE.xlsx`"
        )
    if len(raw) > MAX_FILE:
        return Refusal(
            f"{name} is {len(raw) / 2**20:,.0f} MiB; a roadmap's workbook is far smaller "
            f"(at most {MAX_FILE // 2**20} MiB are read)",
            "keep one roadmap per workbook, without pictures or other attachments",
        )
    if raw.startswith(_OLE):
        if _ENCRYPTED in raw[: 1 << 20] or _ENCRYPTED in raw:
            return Refusal(
                f"{name} is protected by a password, so it cannot be read",
                "open it, remove the password (File > Info > Protect Workbook), save and import again",
            )
        return Refusal(
            f"{name} is an Excel 97-2003 workbook (.xls), not an .xlsx workbook",
            "open it and save it as an Excel Workbook (.xlsx)",
        )
    if not raw.startswith(_ZIP):
        return _not_a_zip(raw, name)
    return _zip_refusal(raw, name)


def _not_a_zip(raw: bytes, name: str) -> Refusal:
    head = raw[:4096]
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = head.decode("latin-1")
    printable = sum(c.isprintable() or c in "\r\n\t" for c in text)
    if text and printable >= 0.95 * len(text):
        kind = (
            "a CSV or other text file"
            if ("," in text or ";" in text or "\t" in text)
            else "a text file"
        )
        return Refusal(
            f"{name} is {kind}, not an .xlsx workbook (renamed?)",
            "open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx); "
            "better, start from `uhc-roadmap export --template -o plan.xlsx`",
        )
    return Refusal(f"{name} is not an .xlsx workbook", "save it as an Excel Workbook (.xlsx)")


def _zip_refusal(raw: bytes, name: str) -> Refusal | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return Refusal(
            f"{name} is damaged: its zip structure cannot be read",
            "open it in Excel or LibreOffice, save it again and import that copy",
        )
    if len(parts) > MAX_PARTS:
        return _bomb(name, f"it has {len(parts):,} parts")
    total = 0
    for part in parts:
        total += part.file_size
        if part.flag_bits & 0x1:
            return Refusal(
                f"{name} is protected by a password, so it cannot be read",
                "remove the password, save and import again",
            )
        big = part.file_size > 2**20
        if big and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            return _bomb(
                name,
                f"`{part.filename}` would unpack {part.file_size / part.compress_size:,.0f} times",
            )
    if total > MAX_UNPACKED:
        return _bomb(name, f"it would unpack to {total / 2**20:,.0f} MiB")
    names = {part.filename for part in parts}
    if "xl/workbook.xml" not in names:
        if "mimetype" in names and archive.read("mimetype")[:100].startswith(_ODS):
            return Refusal(
                f"{name} is an OpenDocument spreadsheet (.ods), not an .xlsx workbook",
                "save it as an Excel 2007-365 workbook (.xlsx) in LibreOffice (File > Save As)",
            )
        if "word/document.xml" in names:
            return Refusal(f"{name} is a Word document, not a workbook", "give the .xlsx workbook")
        return Refusal(
            f"{name} is a zip archive but not an .xlsx workbook", "give the .xlsx workbook"
        )
    return None


def _bomb(name: str, why: str) -> Refusal:
    return Refusal(
        f"{name} is not read: {why} (a roadmap's workbook unpacks to a few megabytes at most)",
        "export the roadmap again with `uhc-roadmap export`, or save the workbook again in "
        "Excel or LibreOffice",
    )
