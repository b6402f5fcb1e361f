"""The write path: change a roadmap file with the smallest diff, and lay it out canonically.

- ``engine``: change values by document path; only the text of what changes is rewritten,
  every comment, blank line, quote and flow style elsewhere stays byte for byte; the result is
  read back and validated, and an edit that adds errors is refused.
- ``paths``: the ``set`` address syntax (``GOV-03 status=completed budget.2021.EU.spent=12000``).
- ``record``: a dated indicator measurement, in date order.
- ``fixes``: the safe fixes of ``validate --fix``, each keyed by its rule code.
- ``fmt``: the canonical layout (``layout``), every comment kept, meaning unchanged.
- ``files``: reading a file for editing and writing it back atomically, refusing when it
  changed on disk in between.
"""

from uhc_roadmap.editing.document import Document
from uhc_roadmap.editing.engine import DELETE, Change, Edited, edit, rewrite
from uhc_roadmap.editing.errors import (
    AddressError,
    ConcurrentEdit,
    EditBug,
    EditError,
    EditRefused,
    NotLoadable,
)

__all__ = [
    "DELETE",
    "AddressError",
    "Change",
    "ConcurrentEdit",
    "Document",
    "EditBug",
    "EditError",
    "EditRefused",
    "Edited",
    "NotLoadable",
    "edit",
    "rewrite",
]
