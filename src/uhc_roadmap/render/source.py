"""Which roadmap a document is made from: one file, or a country among the roadmaps of a folder.

A document is only made from a roadmap without validation errors: a rendered page looks
authoritative, so a broken reference or a date in the wrong order must be fixed first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from uhc_roadmap.countries import CountryLookupError, resolve_country
from uhc_roadmap.diagnostics import FileResult
from uhc_roadmap.discovery import InputError, expand, read
from uhc_roadmap.model import Roadmap
from uhc_roadmap.progress import PhaseError, choose_phase
from uhc_roadmap.validation import CheckedFile, ValidationOptions, check_bytes


class SourceError(Exception):
    """No single roadmap can be chosen from the arguments (a usage problem, exit 2)."""


class InvalidRoadmap(Exception):
    """The roadmap (or a file that may be it) has validation errors (exit 1)."""

    def __init__(self, results: list[FileResult]) -> None:
        super().__init__(", ".join(r.file for r in results) + ": validation errors")
        self.results = results


@dataclass(frozen=True, slots=True)
class Chosen:
    name: str
    roadmap: Roadmap


def choose_roadmap(
    paths: Sequence[str],
    country: str | None,
    phase: str | None = None,
    options: ValidationOptions | None = None,
    lang: str = "en",
) -> Chosen:
    """The roadmap to render: the only file given, or ``country`` (its latest phase by default).

    As for ``report``, a file that does not even parse as a roadmap stops a ``--country`` run:
    it may be that country's.
    """
    checked = _check_all(paths, options or ValidationOptions())
    if country is None:
        if len(checked) != 1:
            found = ", ".join(c.result.file for c in checked) or "no roadmap file"
            raise SourceError(f"give one roadmap file, or --country (found: {found})")
        return _valid(checked[0])
    return _valid(_for_country(checked, country, phase, lang))


def _check_all(paths: Sequence[str], options: ValidationOptions) -> list[CheckedFile]:
    try:
        sources = expand(paths)
        if any(s.path is None for s in sources):
            raise SourceError("render reads roadmap files, not standard input")
        limit = options.limits.max_bytes  # a larger file is refused by size, not read whole
        return [check_bytes(read(s, max_bytes=limit), s.name, options) for s in sources]
    except InputError as exc:
        raise SourceError(str(exc)) from None


def _for_country(
    checked: list[CheckedFile], query: str, phase: str | None, lang: str
) -> CheckedFile:
    unreadable = [c.result for c in checked if c.roadmap is None]
    if unreadable:
        raise InvalidRoadmap(unreadable)
    readable = [c for c in checked if c.roadmap is not None]
    try:
        code = resolve_country(query, {c.roadmap.country for c in readable if c.roadmap}, lang)
    except CountryLookupError as exc:
        raise SourceError(str(exc)) from None
    by_name = {c.result.file: c for c in readable}
    candidates = [
        (c.result.file, c.roadmap) for c in readable if c.roadmap and c.roadmap.country == code
    ]
    try:
        name, _ = choose_phase(candidates, phase)
    except PhaseError as exc:
        raise SourceError(str(exc)) from None
    return by_name[name]


def _valid(checked: CheckedFile) -> Chosen:
    if checked.roadmap is None or checked.result.has_errors:
        raise InvalidRoadmap([checked.result])
    return Chosen(checked.result.file, checked.roadmap)
