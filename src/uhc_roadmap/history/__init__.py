"""Progress over time: a roadmap's figures at each commit that changed it, read from git.

- ``results.py``: the frozen results (a point per revision, a file's history, "since the last
  version");
- ``collect.py``: git log (renames followed), every version in one ``git cat-file``, and each
  version's headline figures through ``bulk.portfolio_entries`` (cache and workers included).

Nothing is checked out: the working tree is never touched. A version that does not validate is
a point with its error count and no figures (a gap), never dropped.
"""

from __future__ import annotations

from uhc_roadmap.history.collect import HistorySettings, file_history, since_last
from uhc_roadmap.history.results import FileHistory, History, HistoryPoint, SinceLast

__all__ = [
    "FileHistory",
    "History",
    "HistoryPoint",
    "HistorySettings",
    "SinceLast",
    "file_history",
    "since_last",
]
