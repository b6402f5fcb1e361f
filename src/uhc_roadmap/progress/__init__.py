"""Progress figures: pure functions from a roadmap and a reference date to frozen results.

Nothing here prints or formats; the ``report`` command and the ``render`` templates both
consume the same results. Every figure is defined in docs/figures.md, so that a reader can
recompute any number by hand.

Public API::

    from uhc_roadmap.progress import compute_progress, portfolio

    progress = compute_progress(roadmap, as_of=date(2021, 9, 30), lang="fr")
    progress.completion.by_count          # 0.0-1.0, cancelled activities left out
    progress.axes[0].completion.by_budget
    progress.overdue, progress.blocked     # tuples of ActivityProgress
    progress.milestones_upcoming           # due within ``window_days`` (default 90)
    progress.budget.by_funder              # BudgetRow(key, label, figures)
    progress.indicators[0].status          # "on_track", "off_track", "no_data", "qualitative"

    rows = portfolio([progress, ...], sort="completion", descending=True).rows

- ``compute_progress(roadmap, as_of=None, lang=None, window_days=90, funder=None)
  -> RoadmapProgress``: ``as_of`` defaults to the roadmap's ``as_of``, else today; ``lang`` to
  ``report_language``; ``funder`` limits the figures to the activities that funder pays for.
- ``portfolio(reports, sort="country", descending=False) -> Portfolio``: one ``PortfolioRow``
  per report, sorted by one of ``PORTFOLIO_COLUMNS`` (missing values always last).
- ``parse_sort("-completion") -> ("completion", True)``: the ``--sort`` syntax.
- ``choose_phase(candidates, phase_id) -> (name, Roadmap)``: the latest phase of a country, or
  the one asked for.
- ``report_language(roadmap)``: the roadmap's first language when the tool has labels for
  it, else English.

Every share, rate and achievement is a fraction (0.65 = 65 %); amounts are in the roadmap's
currency; texts are resolved in the report's language.
"""

from uhc_roadmap.progress.compute import compute_progress, report_language
from uhc_roadmap.progress.funders import FunderError, funder_ids
from uhc_roadmap.progress.portfolio import (
    PORTFOLIO_COLUMNS,
    SortError,
    parse_sort,
    portfolio,
    portfolio_row,
)
from uhc_roadmap.progress.results import (
    NATIONAL,
    ActivityProgress,
    AxisProgress,
    BudgetCell,
    BudgetFigures,
    BudgetProgress,
    BudgetRow,
    Completion,
    CurrencyTotal,
    IndicatorProgress,
    MilestoneDue,
    Portfolio,
    PortfolioRow,
    RoadmapProgress,
    StatusCounts,
)
from uhc_roadmap.progress.selection import PhaseError, choose_phase

__all__ = [
    "NATIONAL",
    "PORTFOLIO_COLUMNS",
    "ActivityProgress",
    "AxisProgress",
    "BudgetCell",
    "BudgetFigures",
    "BudgetProgress",
    "BudgetRow",
    "Completion",
    "CurrencyTotal",
    "FunderError",
    "IndicatorProgress",
    "MilestoneDue",
    "PhaseError",
    "Portfolio",
    "PortfolioRow",
    "RoadmapProgress",
    "SortError",
    "StatusCounts",
    "choose_phase",
    "compute_progress",
    "funder_ids",
    "parse_sort",
    "portfolio",
    "portfolio_row",
    "report_language",
]
