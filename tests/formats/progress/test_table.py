"""The Rich table: plain ASCII within 80 columns off a terminal, colour only when asked."""

from __future__ import annotations

import re
from dataclasses import replace

from uhc_roadmap.formats.progress import PROGRESS_FORMATS
from uhc_roadmap.formats.progress.base import ProgressOptions
from uhc_roadmap.formats.terminal import BIDI_CONTROLS
from uhc_roadmap.progress import Portfolio, RoadmapProgress

ANSI = re.compile(r"\x1b\[")
DRAWING = re.compile(r"[\u2500-\u259f\u2605]")  # box drawing, block elements, the key star


def table(progress: RoadmapProgress, **options: object) -> str:
    return PROGRESS_FORMATS.get("table")(ProgressOptions(**options)).report(progress)  # type: ignore[arg-type]


def test_piped_output_is_plain_text_within_80_columns(small_en: RoadmapProgress) -> None:
    text = table(small_en)
    assert not ANSI.search(text)
    assert not DRAWING.search(text)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert all(line == line.rstrip() for line in text.splitlines())


def test_header_and_sections(small_en: RoadmapProgress) -> None:
    text = table(small_en)
    assert text.startswith("Morocco (MA) · Small roadmap\n")
    assert "Phase P1 (1 Jan 2021 – 31 Dec 2023) · Reference date 30 Jun 2022" in text
    assert "Completion ##########.......... 52% · weighted by budget 71%" in text
    assert "7 activities: 1 planned, 2 ongoing, 1 finalising, 1 completed, 1 cancelled," in text
    for heading in (
        "Axes",
        "Overdue activities (2)",
        "Late start (1)",
        "Blocked (1)",
        "Milestones due in the next 90 days (2)",
        "Late milestones (1)",
        "Budget by funder (USD)",
        "Indicators (2 of 3 on track)",
    ):
        assert f"\n{heading}\n" in text, heading


def test_lists_name_the_activities_and_why(small_en: RoadmapProgress) -> None:
    text = table(small_en)
    assert re.search(r"B-04 +Suspended work +181 days late, due 31 Dec 2021", text)
    assert re.search(r"A-03 +Not started +due to start 1 May 2022", text)
    assert re.search(r"A-03 +Not started +waits for A-02", text)


def test_budget_notes_name_what_is_left_out(small_en: RoadmapProgress) -> None:
    text = table(small_en)
    assert re.search(r"Total +US\$10,000 +US\$8,500 +US\$6,000 +60%", text)
    assert "Cancelled activities (left out): US$5,000 planned" in text
    assert "Lines in EUR (left out, not converted): €700 planned" in text


def test_indicator_lines(small_en: RoadmapProgress) -> None:
    text = table(small_en)
    assert (
        "* Decreasing\n    40% -> 19% -> 20% by 1 Jan 2022 · 105% achieved · on track, improving"
        in text
    )
    assert "  Hold the level\n    5 -> 5 -> 5 by 31 Dec 2022 · on track\n" in text
    assert "  Strategy status\n    Draft (15 Jan 2022)\n" in text


def test_french_labels_and_numbers(small_fr: RoadmapProgress) -> None:
    text = table(small_fr, lang="fr")
    assert "Avancement ##########.......... 52\u00a0% · pondéré par le budget 71\u00a0%" in text
    assert "7 activités : 1 prévue, 2 en cours, 1 en finalisation, 1 achevée, 1 annulée," in text
    assert "181 jours de retard, échéance 31 déc. 2021" in text
    assert "Indicateurs (2 sur 3 en bonne voie)" in text


def test_terminal_output_uses_unicode_and_colour(small_en: RoadmapProgress) -> None:
    text = table(small_en, terminal=True, color=True, width=100)
    assert ANSI.search(text)
    assert "█" in text
    assert "★" in text
    assert "→" in text


def test_portfolio(small_portfolio: Portfolio) -> None:
    text = PROGRESS_FORMATS.get("table")(ProgressOptions()).portfolio(small_portfolio)
    assert text.splitlines()[0] == "Portfolio: 1 country"
    assert re.search(r"Morocco \(MA\) +30 Jun 2022 +#####\.\.\.\.\. 52% +60% +2 +2/3", text)


def test_a_right_to_left_override_in_roadmap_text_is_shown_not_obeyed(
    small_en: RoadmapProgress, small_portfolio: Portfolio
) -> None:
    hostile = replace(small_en, title="Plan \u202etnemecrofnier", country_name="Mor\u2066occo")
    text = table(hostile)
    assert text.startswith("Mor\\u2066occo (MA) · Plan \\u202etnemecrofnier\n")
    assert not any(char in text for char in BIDI_CONTROLS)
    row = replace(small_portfolio.rows[0], name="Mar\u202eoc")
    shown = PROGRESS_FORMATS.get("table")(ProgressOptions()).portfolio(
        replace(small_portfolio, rows=(row,))
    )
    assert "Mar\\u202eoc (MA)" in shown
    assert "\u202e" not in shown
