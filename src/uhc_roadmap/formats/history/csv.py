"""CSV: one row per revision of every file, stable English headers, raw values (shares as
fractions, dates ISO 8601); a revision that does not validate has its errors and empty figures."""

from __future__ import annotations

import csv
import io

from uhc_roadmap.formats.history.base import HistoryFormat
from uhc_roadmap.formats.history.json import point
from uhc_roadmap.history import History

HEADER = (
    "file", "commit", "date", "subject", "path", "valid", "errors", "country", "phase", "as_of",
    "currency", "completion", "weighted_completion", "planned", "spent", "execution", "overdue",
    "blocked", "indicators_on_track", "indicators_assessed",
)  # fmt: skip


class CsvFormat(HistoryFormat):
    name = "csv"

    def render(self, history: History) -> str:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, HEADER, lineterminator="\n")
        writer.writeheader()
        for file in history.files:
            for revision in file.points:
                row = {"file": file.file} | point(revision)
                row["valid"] = "true" if revision.valid else "false"
                writer.writerow({k: "" if row[k] is None else row[k] for k in HEADER})
        return buffer.getvalue()
