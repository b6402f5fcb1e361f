"""Results and headline figures to and from the content cache, as plain JSON values.

Decoding trusts nothing: an entry is used only when every part of it has exactly the shape
encoding gives (a damaged or foreign entry is a miss, never a wrong answer). The portfolio
row's fields and types are read from the ``PortfolioRow`` dataclass itself, so the cache cannot
drift from it.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from dataclasses import asdict
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from uhc_roadmap.bulk.jobs import Job
from uhc_roadmap.diagnostics import Diagnostic, FileResult, Severity

if TYPE_CHECKING:
    from uhc_roadmap.cache import Cache
    from uhc_roadmap.progress.results import PortfolioRow
    from uhc_roadmap.validation import ValidationOptions


def options_fingerprint(options: ValidationOptions) -> str:
    """Everything in the options that can change a result, as stable text."""
    selection = options.selection
    return json.dumps(
        {
            "select": sorted(selection.select),
            "ignore": sorted(selection.ignore),
            "severities": {code: str(level) for code, level in selection.severities.items()},
            "options": selection.options,
            "limits": asdict(options.limits),
            "as_of": options.as_of.isoformat() if options.as_of else None,
            "warn_unused_ignores": options.warn_unused_ignores,
        },
        sort_keys=True,
        default=repr,
    )


def key_of(
    cache: Cache | None, job: Job, options: ValidationOptions, namespace: str, extra: str = ""
) -> str:
    """The cache key of a job's result under these options ("" without a cache)."""
    if cache is None:
        return ""
    return job_key(cache, namespace, options_fingerprint(options), extra, job)


def job_key(cache: Cache, namespace: str, fingerprint: str, extra: str, job: Job) -> str:
    """The cache key of a job's result under the options whose fingerprint is given (a warm
    ``validate`` has it from the cache, without building the options)."""
    return cache.key(namespace, fingerprint, extra, job.name, job.raw)


# -- validation results ----------------------------------------------------------------------


def encode_result(result: FileResult, today: date | None) -> dict[str, Any]:
    """``today`` is the reference date a result depends on, or None when it depends on none."""
    return {
        "today": today.isoformat() if today else None,
        "diagnostics": [
            [d.code, d.severity.value, d.file, d.line, d.col, d.message, d.hint, d.cell]
            for d in result.diagnostics
        ],
    }


def decode_result(value: Any, name: str, today: date) -> FileResult | None:
    """A cached result, or None unless every part of it has the shape ``encode_result`` gives."""
    if not isinstance(value, dict) or set(value) != {"today", "diagnostics"}:
        return None
    if value["today"] is not None and value["today"] != today.isoformat():
        return None  # the result was measured at another reference date
    found = value["diagnostics"]
    if not isinstance(found, list):
        return None
    diagnostics = [_diagnostic(item, name) for item in found]
    if any(d is None for d in diagnostics):
        return None
    return FileResult(name, [d for d in diagnostics if d is not None])


_SHAPE = (str, str, str, int, int, str, str, str)
_SEVERITIES = frozenset(level.value for level in Severity)


def _diagnostic(item: Any, name: str) -> Diagnostic | None:
    if not isinstance(item, list) or len(item) != len(_SHAPE):
        return None
    if any(type(value) is not kind for value, kind in zip(item, _SHAPE, strict=True)):
        return None  # exact types: a bool is no line number
    code, severity, file, line, col, message, hint, cell = item
    if file != name or severity not in _SEVERITIES or line < 0 or col < 0:
        return None
    return Diagnostic(code, Severity(severity), file, line, col, message, hint, cell)


# -- portfolio rows --------------------------------------------------------------------------


def encode_row(row: PortfolioRow) -> dict[str, Any]:
    return {name: _plain(getattr(row, name)) for name in row_kinds()}


def decode_row(value: Any) -> PortfolioRow | None:
    """A cached row, or None unless it has exactly the fields and types of ``PortfolioRow``."""
    from uhc_roadmap.progress.results import PortfolioRow

    kinds = row_kinds()
    if not isinstance(value, dict) or set(value) != set(kinds):
        return None
    fields = {name: _field(value[name], kinds[name]) for name in kinds}
    if any(found is _MISSING for found in fields.values()):
        return None
    return PortfolioRow(**fields)


@cache
def row_kinds() -> dict[str, tuple[type, ...]]:
    """Each ``PortfolioRow`` field and the JSON types its value may have, from the dataclass."""
    from uhc_roadmap.progress.results import PortfolioRow

    hints = typing.get_type_hints(PortfolioRow)
    return {f.name: _kinds(hints[f.name]) for f in dataclasses.fields(PortfolioRow)}


def _kinds(annotation: Any) -> tuple[type, ...]:
    members = typing.get_args(annotation) or (annotation,)
    kinds = tuple(member for member in members if isinstance(member, type))
    return (int, *kinds) if float in kinds else kinds  # JSON keeps 3 as 3, not 3.0


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


_MISSING = object()


def _field(value: Any, kinds: tuple[type, ...]) -> Any:
    if date in kinds:
        day = parse_day(value)
        return _MISSING if day is None else day
    if type(value) not in kinds:  # exact types: a bool is no count
        return _MISSING
    return value


def parse_day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
