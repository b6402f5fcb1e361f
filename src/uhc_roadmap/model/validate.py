"""From loaded data to a Roadmap, or to located S-diagnostics."""

from __future__ import annotations

import json
from typing import Any, cast

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from uhc_roadmap.diagnostics import Diagnostic
from uhc_roadmap.loading.sourcemap import SourceMap
from uhc_roadmap.model.messages import Translator
from uhc_roadmap.model.roadmap import Roadmap

MAX_ERRORS = 1000
"""Schema errors reported per file. A file of 100,000 empty activities has half a million;
nobody reads past the first screens, and building them all would cost seconds and gigabytes."""


def build_roadmap(
    data: dict[str, Any], source_map: SourceMap, file: str, text: str
) -> tuple[Roadmap | None, list[Diagnostic]]:
    try:
        return Roadmap.model_validate(data), []
    except ValidationError as exc:
        translator = Translator(Roadmap, data, source_map, file, text)
        found = translator.translate(first_errors(exc, MAX_ERRORS))
        rest = exc.error_count() - MAX_ERRORS
        return None, found + ([_more(found[-1], rest)] if rest > 0 and found else [])


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
