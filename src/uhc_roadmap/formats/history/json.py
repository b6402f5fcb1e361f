"""JSON: version 1, keys never translated; one object per revision, oldest first.

Shares are fractions rounded to 4 decimals, amounts rounded to 2, commit dates ISO 8601 with
their time zone. A revision that does not validate has ``valid: false``, its ``errors`` count
and null figures: a gap, not a missing row.
"""

from __future__ import annotations

from typing import Any

from uhc_roadmap import __version__
from uhc_roadmap.formats.history.base import HistoryFormat
from uhc_roadmap.formats.json_text import dumps
from uhc_roadmap.formats.progress.json import amount, day, share
from uhc_roadmap.history import FileHistory, History, HistoryPoint

FORMAT_VERSION = 1
FIGURES = (
    "country", "phase", "as_of", "completion", "weighted_completion", "planned", "spent",
    "execution", "overdue", "blocked", "on_track", "assessed",
)  # fmt: skip


def point(p: HistoryPoint) -> dict[str, Any]:
    found: dict[str, Any] = {
        "commit": p.commit,
        "date": p.date.isoformat(),
        "subject": p.subject,
        "path": p.path,
        "valid": p.valid,
        "errors": p.errors,
    }
    row = p.row
    found |= {
        "country": row.country if row else None,
        "phase": row.phase if row else None,
        "as_of": day(row.as_of) if row else None,
        "currency": row.currency if row else None,
        "completion": share(row.completion) if row else None,
        "weighted_completion": share(row.weighted_completion) if row else None,
        "planned": amount(row.planned) if row else None,
        "spent": amount(row.spent) if row else None,
        "execution": share(row.execution) if row else None,
        "overdue": row.overdue if row else None,
        "blocked": row.blocked if row else None,
        "indicators_on_track": row.on_track if row else None,
        "indicators_assessed": row.assessed if row else None,
    }
    return found


def file_history(history: FileHistory) -> dict[str, Any]:
    return {
        "file": history.file,
        "path": history.path,
        "since": history.since,
        "max_revisions": history.limit,
        "truncated": history.truncated,
        "shallow": history.shallow,
        "revisions": [point(p) for p in history.points],
    }


class JsonFormat(HistoryFormat):
    name = "json"

    def render(self, history: History) -> str:
        document = {
            "format_version": FORMAT_VERSION,
            "generator": f"uhc-roadmap {__version__}",
            "files": [file_history(h) for h in history.files],
        }
        return dumps(document) + "\n"
