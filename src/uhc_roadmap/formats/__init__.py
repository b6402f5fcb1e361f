"""Every output of the tool is a format, registered by name in one family:

- ``formats/diagnostics/``: validation findings (``validate --format``);
- ``formats/progress/``: progress figures (``report --format``);
- ``formats/diff/``: what changed between versions (``diff --format``);
- ``formats/export/``: a roadmap in another standard (``export --format``).

A family's registry maps a name to the import path of its class, so that a run pays only for
the format it uses, and gives the CLI its ``--format`` choices and help. A format may produce
text or bytes (:data:`Rendered`). :mod:`uhc_roadmap.formats.markdown` is the one Markdown
escaper every Markdown output uses.
"""

from __future__ import annotations

from uhc_roadmap.formats.registry import FormatInfo, Registry, Rendered, UnknownFormat

__all__ = ["FormatInfo", "Registry", "Rendered", "UnknownFormat"]
