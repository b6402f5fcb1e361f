"""The canonical layout of a roadmap file, read off the example roadmaps.

Used by ``fmt`` for the whole file and by the edit engine for what it adds (a missing
``actual:``, a new budget line), so that both write what a person writing in the examples'
style would write.

- **Key order**: the order of docs/format.md, as the examples write it (``region_groups`` and
  ``region_labels`` before ``axes``; an indicator's ``key`` after its ``direction``). Unknown
  keys follow the known ones in their own order; the languages of a text follow the order of
  ``languages``.
- **Flow or block**: records that fit a line are written in flow style (``phase``,
  ``planned``, ``actual``, milestones, budget lines, measurements, short texts such as an
  activity's title), the rest in block style (organisations, axes, activities, indicators,
  longer texts such as a description).
- **Quotes**: ids, codes, dates and numbers are bare unless YAML needs quotes (``"1"``,
  ``"NO"``); free text keeps its author's choice between bare and quoted, and quoted text is
  double-quoted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from uhc_roadmap.loading.sourcemap import DocPath

Pattern = tuple[str, ...]
"""A document path with list positions and user-chosen keys written ``*``."""

INDENT = 2
WIDTH = 100
"""Flow lists of plain values are filled up to this column, then continue under their first
item; flow mappings stay on one line, however long (one record, one line in a diff)."""

KEY_ORDER: dict[Pattern, tuple[str, ...]] = {
    (): (
        "schema_version",
        "country",
        "title",
        "summary",
        "languages",
        "programme",
        "phase",
        "as_of",
        "currency",
        "organisations",
        "region_groups",
        "region_labels",
        "axes",
        "activities",
        "indicators",
    ),
    ("phase",): ("id", "start", "end"),
    ("organisations", "*"): ("id", "name", "type"),
    ("axes", "*"): ("id", "title", "objective", "building_block", "sector", "iati_ref"),
    ("activities", "*"): (
        "id",
        "axis",
        "title",
        "description",
        "status",
        "planned",
        "actual",
        "progress",
        "lead",
        "partners",
        "regions",
        "depends_on",
        "milestones",
        "budget",
        "refs",
        "documents",
        "sector",
        "iati_ref",
    ),
    ("activities", "*", "planned"): ("start", "end"),
    ("activities", "*", "actual"): ("start", "end"),
    ("activities", "*", "milestones", "*"): ("id", "title", "due", "done_on"),
    ("activities", "*", "budget", "*"): (
        "year",
        "funder",
        "planned",
        "committed",
        "spent",
        "currency",
    ),
    ("activities", "*", "documents", "*"): ("title", "url"),
    ("indicators", "*"): (
        "id",
        "title",
        "axis",
        "activity",
        "measure",
        "unit",
        "direction",
        "key",
        "baseline",
        "target",
        "values",
    ),
    ("indicators", "*", "baseline"): ("value", "date"),
    ("indicators", "*", "target"): ("value", "date"),
    ("indicators", "*", "values", "*"): ("date", "value", "region", "source"),
}

FLOW: frozenset[Pattern] = frozenset(
    {
        ("languages",),
        ("phase",),
        ("region_groups", "*"),
        ("region_labels", "*"),
        ("organisations", "*", "name"),
        ("axes", "*", "title"),
        ("activities", "*", "title"),
        ("activities", "*", "planned"),
        ("activities", "*", "actual"),
        ("activities", "*", "partners"),
        ("activities", "*", "regions"),
        ("activities", "*", "depends_on"),
        ("activities", "*", "milestones", "*"),
        ("activities", "*", "budget", "*"),
        ("activities", "*", "refs"),
        ("activities", "*", "documents", "*"),
        ("indicators", "*", "title"),
        ("indicators", "*", "unit"),
        ("indicators", "*", "baseline"),
        ("indicators", "*", "target"),
        ("indicators", "*", "values", "*"),
    }
)

TEXTS: frozenset[Pattern] = frozenset(
    {
        ("title",),
        ("summary",),
        ("organisations", "*", "name"),
        ("axes", "*", "title"),
        ("axes", "*", "objective"),
        ("activities", "*", "title"),
        ("activities", "*", "description"),
        ("activities", "*", "milestones", "*", "title"),
        ("activities", "*", "documents", "*", "title"),
        ("indicators", "*", "title"),
        ("indicators", "*", "unit"),
        ("indicators", "*", "baseline", "value"),
        ("indicators", "*", "target", "value"),
        ("indicators", "*", "values", "*", "value"),
        ("region_labels", "*"),
    }
)
"""Fields of type Text: a string, or a mapping of language code to string."""

_FREE_TEXT: frozenset[Pattern] = frozenset(
    {
        ("programme",),
        ("activities", "*", "refs", "*"),
        ("activities", "*", "documents", "*", "url"),
        ("indicators", "*", "unit"),
        ("indicators", "*", "baseline", "value"),
        ("indicators", "*", "target", "value"),
        ("indicators", "*", "values", "*", "value"),
        ("indicators", "*", "values", "*", "source"),
    }
)
_USER_KEYS = frozenset({("region_groups",), ("region_labels",)})


def pattern(path: Sequence[str | int]) -> Pattern:
    """``("activities", 3, "budget", 0)`` -> ``("activities", "*", "budget", "*")``."""
    where: Pattern = ()
    for element in path:
        where = child_pattern(where, element)
    return where


def child_pattern(where: Pattern, element: str | int) -> Pattern:
    """The pattern of a child of a node whose pattern is ``where``."""
    if isinstance(element, int) or where in _USER_KEYS:
        return (*where, "*")
    return (*where, element)


@cache
def text_at(where: Pattern) -> bool:
    """A field of type Text (a string, or a mapping of language code to string)."""
    return where in TEXTS


@cache
def free_text_at(where: Pattern) -> bool:
    """Text written by people (titles, names, units, sources): its quoting is the author's."""
    return where in _FREE_TEXT or where in TEXTS or where[:-1] in TEXTS


@cache
def flow_at(where: Pattern) -> bool:
    return where in FLOW


@cache
def _ranks(where: Pattern) -> dict[str, int]:
    return {key: i for i, key in enumerate(KEY_ORDER.get(where, ()))}


def is_text(path: Sequence[str | int]) -> bool:
    return text_at(pattern(path))


def is_free_text(path: Sequence[str | int]) -> bool:
    return free_text_at(pattern(path))


def flow_by_default(path: Sequence[str | int]) -> bool:
    return flow_at(pattern(path))


def ordered_keys(path: DocPath, keys: Iterable[str], languages: Sequence[str] = ()) -> list[str]:
    """``keys`` of the mapping at ``path`` in canonical order."""
    return ordered_keys_at(pattern(path), keys, languages)


def ordered_keys_at(
    where: Pattern, keys: Iterable[str], languages: Sequence[str] = ()
) -> list[str]:
    """``keys`` of a mapping whose pattern is ``where``, in canonical order: known keys in
    the order of the format, then the others as they come."""
    present = list(keys)
    if text_at(where):
        rank = {key: i for i, key in enumerate(languages)}
    else:
        rank = _ranks(where)
        if not rank:
            return present
    last = len(rank)
    ranks = [rank.get(key, last) for key in present]
    if ranks == sorted(ranks):
        return present
    indexed = sorted(range(len(present)), key=lambda i: (ranks[i], i))
    return [present[i] for i in indexed]


def key_rank(path: DocPath, key: str, languages: Sequence[str] = ()) -> int | None:
    """The canonical position of ``key`` in the mapping at ``path`` (None: unknown key)."""
    where = pattern(path)
    if text_at(where):
        return list(languages).index(key) if key in languages else None
    return _ranks(where).get(key)


def languages_of(data: object) -> list[str]:
    """The roadmap's ``languages`` when they are a list of text, else none."""
    if isinstance(data, dict):
        found = data.get("languages")
        if isinstance(found, list):
            return [lang for lang in found if isinstance(lang, str)]
    return []
