"""The README sheet of a workbook: how to edit it and import it back, in the labels' language.

Each line is an English msgid, translated in ``locale/<lang>/spreadsheets.po``.
"""

from __future__ import annotations

from collections.abc import Callable

from uhc_roadmap.i18n import N_

LINES: tuple[str, ...] = (
    N_("UHC partnership roadmap workbook (uhc-roadmap)"),
    "",
    N_("This workbook is a complete view of a roadmap: importing it gives the same roadmap."),
    N_("Edit it, then bring the changes back into the YAML file:"),
    "    uhc-roadmap import plan.xlsx --into roadmaps/country.yaml",
    N_(
        "(only what changed is written; every comment of the YAML file is kept), or make a new file:"
    ),
    "    uhc-roadmap import plan.xlsx -o roadmaps/country.yaml",
    N_(
        "Nothing is written when the workbook has an error: each is named by its cell, e.g. activities!F12."
    ),
    "",
    N_("How the sheets are laid out"),
    N_("- Row 1 holds the field names of the roadmap format (docs/format.md). Do not change them."),
    N_("- Row 2 holds a label for people; it is skipped on import."),
    N_("- One row per record from row 3. An empty row is skipped; add rows at the bottom."),
    N_("- The roadmap sheet holds the roadmap's own fields: the name in column A, the value in B."),
    N_(
        "- milestones, budget and documents name their activity in column A; values names its indicator."
    ),
    N_(
        "- Texts have one column per language (title.fr, title.en). Fill at least the first language."
    ),
    "",
    N_("How to write values"),
    N_("- Dates: a date cell, or text written YYYY-MM-DD (2021-06-15)."),
    N_("- Amounts and numbers: number cells; 12 000,50 typed as text is read too."),
    N_(
        "- Indicator values (value.fr, value.en): a number in the first language's column only; a qualitative value as text in each language."
    ),
    N_("- Lists (partners, regions, depends_on, refs): values separated by commas, e.g. DPRF, EU."),
    N_("- Yes/no (key): TRUE or FALSE (oui/non is read too)."),
    N_("- Status, measure, direction and ids of other sheets: pick them from the drop-down list."),
    N_(
        "- Type values: formulas are not evaluated on import (their saved value is read, with a warning)."
    ),
    N_("- Do not merge cells, and keep every sheet and every column, even when empty."),
)


def readme_lines(gettext: Callable[[str], str]) -> list[str]:
    """The README's lines, translated; command lines and blank lines as they are."""
    return [gettext(line) if line and not line.startswith(" ") else line for line in LINES]
