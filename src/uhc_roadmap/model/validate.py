"""From loaded data to a Roadmap, or to located S-diagnostics."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, cast

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from uhc_roadmap.diagnostics import Diagnostic
from uhc_roadmap.loading.sourcemap import SourceMap
from uhc_roadmap.model.messages import Translator
from uhc_roadmap.model.partial import Partial, failed_items, partial_roadmap
from uhc_roadmap.model.roadmap import Roadmap

MAX_ERRORS = 1000
"""Schema errors reported per file. A file of 100,000 empty activities has half a million;
nobody reads past the first screens, and building them all would cost seconds and gigabytes."""


@dataclass(frozen=True)
class Built:
    """A file's data read as a roadmap: the roadmap when it is valid, else its schema findings
    and, where the errors lie inside some items only, the parts that validated."""

    roadmap: Roadmap | None
    problems: list[Diagnostic]
    partial: Partial | None = None


def build_roadmap(data: dict[str, Any], source_map: SourceMap, file: str, text: str) -> Built:
    try:
        return Built(Roadmap.model_validate(data), [])
    except ValidationError as exc:
        errors = first_errors(exc, MAX_ERRORS)
        translator = Translator(Roadmap, data, source_map, file, text)
        found = translator.translate(errors)
        rest = exc.error_count() - MAX_ERRORS
        if rest > 0:  # the items in error are not all known: the rules do not run
            return Built(None, found + ([_more(found[-1], rest)] if found else []))
        failed = failed_items(errors)
        partial = None if failed is None else partial_roadmap(data, source_map, failed)
        return Built(None, found, partial)


def first_errors(exc: ValidationError, limit: int) -> list[ErrorDetails]:
    """The first ``limit`` errors, in document order, without building the others.

    ``errors()`` makes a Python dictionary for every error (seconds for a million);
    pydantic's JSON is written in Rust at a fraction of that, and only its head is decoded.
    """
    if exc.error_count() <= limit:
        return exc.errors(include_url=False)
    text = exc.json(include_url=False)
    decoder = json.JSONDecoder()
    found: list[ErrorDetails] = []
    index = 1  # past the opening bracket; the JSON is compact: `[{...},{...}]`
    while len(found) < limit:
        error, index = decoder.raw_decode(text, index)
        error["loc"] = tuple(error["loc"])
        found.append(cast(ErrorDetails, error))
        index += 1  # the comma
    return found


def _more(last: Diagnostic, rest: int) -> Diagnostic:
    message = f"{rest:,} more schema errors are not shown"
    hint = "fix the errors above first; the same mistake is often repeated"
    return Diagnostic(last.code, last.severity, last.file, last.line, last.col, message, hint)
