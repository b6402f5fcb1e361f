"""Spreadsheets both ways: a roadmap as a workbook, and a workbook back into a roadmap.

- ``layout``: the sheets and columns, read off the models; both directions use it.
- ``workbook``: a roadmap (or a blank template) as an xlsx workbook (``export --format xlsx``).
- ``archive``: what is checked of a file before a workbook is opened (its kind, its size,
  a zip bomb), each refusal one located finding.
- ``reader``: a workbook into roadmap data, with the cell every value came from.
- ``importing``: that data validated with every finding at its cell, written as a new file
  or applied to an existing one through the edit engine (``import``); ``merge`` decides what
  counts as a change there (the same meaning written differently is not).
- ``readme``: the README sheet's text (translated like the labels).

openpyxl is an extra (``pip install 'uhc-roadmap[xlsx]'``): ``require_openpyxl`` says so in
one line when it is missing.
"""

from __future__ import annotations

from uhc_roadmap.errors import UsageError

INSTALL = "pip install 'uhc-roadmap[xlsx]'"


def require_openpyxl() -> None:
    """UsageError naming the extra when openpyxl is not installed."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise UsageError(f"workbooks need openpyxl: {INSTALL}") from None
