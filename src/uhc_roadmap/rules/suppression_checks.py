"""Y: problems with the inline suppression comments themselves (checked by the pipeline).

A class here documents its code; the code's default severity is in
``uhc_roadmap.diagnostics.BUILTIN_SEVERITIES``, where the checks that report it read it.
"""

from __future__ import annotations

from uhc_roadmap.rules.base import BuiltinRule


class Y013(BuiltinRule, name="unused-suppression"):
    """An inline `# uhc-roadmap: disable=CODE` that silenced nothing.

    Reported only with `--warn-unused-ignores` (or `warn_unused_ignores = true`). A stale
    suppression outlives the finding it was written for and then hides the next real one on
    that line; a misspelt code never silenced anything in the first place.

    Bad:
        planned: 50000
        spent: 48000  # uhc-roadmap: disable=B001
    Good:
        planned: 50000
        spent: 62000  # uhc-roadmap: disable=B001 (revised budget approved in 2018)
    """


SUPPRESSION_RULES: tuple[type[BuiltinRule], ...] = (Y013,)
