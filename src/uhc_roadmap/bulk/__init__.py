"""Many files at once: cached results first, the rest in worker processes when that pays.

- ``jobs.py``: a file to check (its name and bytes);
- ``check.py``: validation results of many files (``validate``);
- ``portfolio.py``: each file's headline figures (``report`` without ``--country``);
- ``workers.py``: running a function over jobs in this process or in a pool;
- ``codec.py``: results and figures to and from the content cache.

Results come back in the order the files were given, whatever the cache held and whichever
worker finished first, and are the same as one process checking the files one by one.
"""

from __future__ import annotations

from uhc_roadmap.bulk.check import check_files
from uhc_roadmap.bulk.jobs import Job
from uhc_roadmap.bulk.portfolio import CountrySummary, Figures, PortfolioEntry, portfolio_entries

__all__ = ["CountrySummary", "Figures", "Job", "PortfolioEntry", "check_files", "portfolio_entries"]
