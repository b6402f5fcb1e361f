"""Turn a rule's documented example into a whole roadmap, as docs/rules.md says to read it.

Examples show only the lines that matter (see ``uhc_roadmap.rules.docs.EXAMPLES_NOTE``). A
fragment of top-level fields is laid over a small valid roadmap; activity or indicator fields
become its one activity or indicator; a list is a list of activities. Items of the known
collections are completed from templates, so an example names only what it is about.
"""

from __future__ import annotations

import copy
import itertools
import json
import textwrap
from typing import Any

from pydantic import BaseModel

from uhc_roadmap.loading import load_document
from uhc_roadmap.model import Activity, BudgetLine, Indicator, Milestone, Roadmap

BASE: dict[str, Any] = {
    "schema_version": "1",
    "country": "MA",
    "title": "Feuille de route",
    "languages": ["fr"],
    "phase": {"id": "PHASE-III", "start": "2016-01-01", "end": "2022-12-31"},
    "as_of": "2021-09-30",
    "currency": "USD",
    "organisations": [
        {"id": "MS", "name": "Ministère de la Santé", "type": "government"},
        {"id": "EU", "name": "Union européenne", "type": "funder"},
        {"id": "LU", "name": "Luxembourg", "type": "funder"},
    ],
    "axes": [{"id": "GOV", "title": "Gouvernance"}],
    "activities": [{}],
}
TEMPLATES: dict[str, dict[str, Any]] = {
    "activities": {
        "axis": "GOV",
        "title": "Activité",
        "status": "planned",
        "planned": {"start": "2017-01-01", "end": "2017-12-31"},
    },
    "indicators": {"title": "Indicateur", "axis": "GOV", "measure": "qualitative"},
    "axes": {"title": "Axe"},
    "organisations": {"name": "Organisation", "type": "other"},
    "milestones": {"title": "Jalon", "due": "2017-06-30"},
    "budget": {"year": 2017, "funder": "EU", "planned": 10000},
}
_TEXT_KEYS = ("title", "name")
_WITH_IDS = ("activities", "indicators", "axes", "organisations")
# Where a fragment goes, tried in order: the first model that knows all its keys.
_LEVELS: tuple[tuple[type[BaseModel], tuple[str, ...]], ...] = (
    (Roadmap, ()),
    (Activity, ("activities",)),
    (Indicator, ("indicators",)),
    (BudgetLine, ("activities", "budget")),
    (Milestone, ("activities", "milestones")),
)


def fragment_text(example: str) -> str:
    """The example without its ``...`` lines."""
    return "\n".join(line for line in example.splitlines() if line.strip() != "...") + "\n"


def load_fragment(example: str) -> Any:
    """The example's data, read by the strict loader (a list is read as a list of activities)."""
    text = fragment_text(example)
    loaded = load_document(text.encode("utf-8"), "example.yaml")
    if loaded.data is None and text.lstrip().startswith("-"):
        loaded = load_document(
            ("activities:\n" + textwrap.indent(text, "  ")).encode("utf-8"), "example.yaml"
        )
    if loaded.data is None:
        raise ValueError(f"example is not a YAML mapping: {[str(d) for d in loaded.diagnostics]}")
    return loaded.data


def complete(example: str) -> str:
    """A whole roadmap (as YAML text) built around the example."""
    fragment = _place(load_fragment(example))
    languages = fragment.get("languages", BASE["languages"])
    document = _translated(copy.deepcopy(BASE), languages) | fragment
    templates = {k: _translated(v, languages) for k, v in TEMPLATES.items()}
    filled = _fill(document, templates, itertools.count(1))
    return json.dumps(filled, ensure_ascii=False, indent=2) + "\n"


def _place(data: dict[str, Any]) -> dict[str, Any]:
    keys = set(data)
    for model, path in _LEVELS:
        if keys <= set(model.model_fields):
            return _wrap(data, path)
    return _wrap(data, ("activities",))  # unknown keys (a typo) are most often an activity's


def _wrap(data: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    for key in reversed(path):
        data = {key: [data]}
    return data


def _translated(node: Any, languages: Any) -> Any:
    """The base's own texts written in every language of the example (they are not its point)."""
    if isinstance(node, list):
        return [_translated(item, languages) for item in node]
    if not isinstance(node, dict):
        return node
    return {
        key: dict.fromkeys(languages, value)
        if key in _TEXT_KEYS and isinstance(value, str) and len(languages) > 1
        else _translated(value, languages)
        for key, value in node.items()
    }


def _fill(node: Any, templates: dict[str, dict[str, Any]], counter: itertools.count[int]) -> Any:
    if isinstance(node, list):
        return [_fill(item, templates, counter) for item in node]
    if not isinstance(node, dict):
        return node
    filled: dict[str, Any] = {}
    for key, value in node.items():
        if key in templates and isinstance(value, list):
            value = [_item(templates[key], key, item, counter) for item in value]
        filled[key] = _fill(value, templates, counter)
    return filled


def _item(
    template: dict[str, Any], collection: str, item: Any, counter: itertools.count[int]
) -> Any:
    if not isinstance(item, dict):
        return item
    template = dict(template)
    if collection in _WITH_IDS:
        template["id"] = f"{collection[:3].upper()}-{next(counter)}"
    return template | item
