"""The safe fixes of ``validate --fix``, each attached to the code of the finding it removes.

A fix is safe when the value has one reading: a French status word, a day-first date that
cannot be month-first, a number written with a decimal comma or grouped thousands, a YAML 1.1
boolean on a true/false field, typographic quotes around a whole value. A fix is made only
where ``validate`` reports its finding (so ``--select``, ``--ignore`` and inline
suppressions apply to fixes too), through the edit engine (so nothing else in the file moves).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from uhc_roadmap.diagnostics import Diagnostic, FileResult
from uhc_roadmap.editing import layout
from uhc_roadmap.editing.document import Document
from uhc_roadmap.editing.engine import Change, apply_changes, rewrite
from uhc_roadmap.editing.errors import NotLoadable
from uhc_roadmap.editing.values import number
from uhc_roadmap.editing.yamltext import scalar_text
from uhc_roadmap.loading.scalars import typographic_inner
from uhc_roadmap.loading.source import visible
from uhc_roadmap.loading.sourcemap import DocPath
from uhc_roadmap.model.types import date_readings

if TYPE_CHECKING:
    from uhc_roadmap.validation import ValidationOptions

FIXABLE: dict[str, str] = {
    "Y014": "typographic quotes around a whole value become straight double quotes "
    '(`“Gouvernance”` → `"Gouvernance"`).',
    "S003": "an amount or progress written with a decimal comma or grouped thousands becomes "
    "a plain number (`150 000` → `150000`, `74 300,50` → `74300.5`); an unquoted "
    "`yes`/`no`/`on`/`off` on a true/false field becomes `true`/`false`.",
    "S004": "a status, measure, direction, organisation type or building block written in "
    "French or in capitals becomes its code (`en cours` → `ongoing`, `terminé` → "
    "`completed`, `Completed` → `completed`).",
    "S007": "a date written day-first that cannot be read month-first becomes YYYY-MM-DD "
    "(`15/06/2021` → `2021-06-15`); `01/06/2021` is left, with both readings in the hint.",
    "I005": "an indicator value written with a decimal comma or grouped thousands becomes a "
    "plain number (`7,9` → `7.9`).",
}
"""What ``validate --fix`` does for each rule code; shown by ``uhc-roadmap rules`` and in
docs/rules.md."""

MAX_PASSES = 4
"""Fixing schema errors lets the semantic rules run, which may find more to fix (I005)."""

_STATUS = {
    "planned": ("prevu", "prevue", "planifie", "planifiee", "programme", "programmee",
                "a venir", "not started", "non demarre", "non demarree"),
    "ongoing": ("en cours", "in progress", "en cours d'execution", "en cours de realisation",
                "en cours de mise en oeuvre", "started"),
    "finalising": ("finalizing", "en finalisation", "en cours de finalisation"),
    "completed": ("termine", "terminee", "acheve", "achevee", "realise", "realisee",
                  "fini", "finie", "complete", "done", "finished"),
    "cancelled": ("annule", "annulee", "canceled", "abandonne", "abandonnee"),
    "suspended": ("suspendu", "suspendue", "en suspens", "on hold", "en pause"),
}  # fmt: skip
_CHOICES: dict[layout.Pattern, dict[str, tuple[str, ...]]] = {
    ("activities", "*", "status"): _STATUS,
    ("indicators", "*", "measure"): {
        "number": ("nombre",),
        "percent": ("pourcentage", "pourcent", "percentage"),
        "qualitative": ("qualitatif", "qualitatives"),
    },
    ("indicators", "*", "direction"): {
        "increase": ("hausse", "augmentation", "croissant", "croissante"),
        "decrease": ("baisse", "diminution", "reduction", "decroissant", "decroissante"),
    },
    ("organisations", "*", "type"): {
        "government": ("gouvernement", "gouvernemental"),
        "who": ("oms",),
        "funder": ("bailleur", "bailleur de fonds"),
        "un_agency": ("agence des nations unies", "un agency"),
        "ngo": ("ong",),
        "academic": ("academique", "universite"),
        "health_facility": ("formation sanitaire", "etablissement de sante", "health facility"),
        "other": ("autre",),
    },
    ("axes", "*", "building_block"): {
        "governance": ("gouvernance",),
        "financing": ("financement",),
        "workforce": ("ressources humaines", "personnel de sante"),
        "service_delivery": ("prestation de services", "service delivery"),
        "medicines": ("medicaments",),
    },
}
_DATES = frozenset(
    {
        ("phase", "start"),
        ("phase", "end"),
        ("as_of",),
        ("activities", "*", "planned", "start"),
        ("activities", "*", "planned", "end"),
        ("activities", "*", "actual", "start"),
        ("activities", "*", "actual", "end"),
        ("activities", "*", "milestones", "*", "due"),
        ("activities", "*", "milestones", "*", "done_on"),
        ("indicators", "*", "baseline", "date"),
        ("indicators", "*", "target", "date"),
        ("indicators", "*", "values", "*", "date"),
    }
)
_AMOUNTS = frozenset(
    {
        ("activities", "*", "progress"),
        ("activities", "*", "budget", "*", "planned"),
        ("activities", "*", "budget", "*", "committed"),
        ("activities", "*", "budget", "*", "spent"),
    }
)
_MEASUREMENTS = frozenset(
    {
        ("indicators", "*", "baseline", "value"),
        ("indicators", "*", "target", "value"),
        ("indicators", "*", "values", "*", "value"),
    }
)
_FLAGS = frozenset({("indicators", "*", "key")})
_YAML11_TRUE = frozenset({"y", "Y", "yes", "Yes", "YES", "on", "On", "ON"})
_YAML11_FALSE = frozenset({"n", "N", "no", "No", "NO", "off", "Off", "OFF"})


@dataclass(frozen=True)
class Fix:
    """One value to rewrite, and the code of the finding that goes with it."""

    code: str
    path: DocPath
    before: Any
    after: Any
    quote: str = ""

    def describe(self) -> str:
        after = scalar_text(self.after, flow=False, quote=self.quote)
        return f"`{visible(self.before)}` → `{visible(after)}`"


@dataclass(frozen=True)
class AppliedFix:
    """A fix made, where it was made (1-based line and column in the file as it was)."""

    code: str
    line: int
    col: int
    description: str


@dataclass
class Fixed:
    """``fix``'s outcome: the fixed text, what was fixed, and the findings left."""

    doc: Document | None
    text: str
    result: FileResult
    applied: list[AppliedFix] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.doc is not None and self.text != self.doc.text

    @property
    def raw(self) -> bytes:
        return self.doc.encode(self.text) if self.doc is not None else b""


def fix(raw: bytes, file: str, options: ValidationOptions | None = None) -> Fixed:
    """Apply every safe fix whose finding ``validate`` reports for ``raw``, pass after pass.

    Rules left out by ``select``/``ignore`` are not fixed, even where their error is reported
    because it stops the file from being read as a roadmap."""
    from uhc_roadmap.validation import ValidationOptions, check_loaded

    options = options or ValidationOptions()
    try:
        original = Document.parse(raw, file, options.limits)
    except NotLoadable:
        from uhc_roadmap.validation import check_bytes

        return Fixed(None, "", check_bytes(raw, file, options).result)
    doc = original
    result = check_loaded(doc.loaded(), file, options).result
    applied: list[AppliedFix] = []
    for _ in range(MAX_PASSES):
        reported = [d for d in result.diagnostics if options.selection.enabled(d.code)]
        found = fixes_for(doc, reported)
        if not found:
            break
        changes = [Change(f.path, f.after, f.quote) for f in found]
        quotes = {f.path: f.quote for f in found if f.quote}
        rewritten = rewrite(doc, apply_changes(doc.data, changes), quotes, options.limits)
        for item in found:
            line, col = doc.source_map.values[item.path]
            applied.append(AppliedFix(item.code, line, col, item.describe()))
        doc = Document.parse(doc.encode(rewritten.text), file, options.limits)
        result = check_loaded(doc.loaded(), file, options).result
    return Fixed(original, doc.text, result, applied)


def fixes_for(doc: Document, diagnostics: list[Diagnostic]) -> list[Fix]:
    """The fixes of ``doc`` whose finding is among ``diagnostics`` (same code and place)."""
    reported = {(d.code, d.line, d.col) for d in diagnostics}
    if not reported:
        return []
    positions = doc.source_map.values
    found: dict[DocPath, Fix] = {}
    for candidate in candidates(doc):
        line, col = positions[candidate.path]
        if (candidate.code, line, col) in reported and candidate.path not in found:
            found[candidate.path] = candidate
    return list(found.values())


def candidates(doc: Document) -> Iterator[Fix]:
    """Every value of ``doc`` that a safe fix would rewrite, whether reported or not."""
    spans = doc.spans.values
    for path, value in _scalars((), doc.data):
        if not isinstance(value, str):
            continue
        style = spans[path].style
        inner = typographic_inner(value) if not style else None
        if inner is not None:
            yield Fix("Y014", path, value, inner, quote='"')
            continue
        found = _fix_value(doc, path, value, plain=not style)
        if found is not None:
            yield found


def _fix_value(doc: Document, path: DocPath, value: str, *, plain: bool) -> Fix | None:
    where = layout.pattern(path)
    if where in _CHOICES:
        code = _choice(_CHOICES[where], value)
        return None if code is None or code == value else Fix("S004", path, value, code)
    if where in _DATES:
        readings = date_readings(value)
        if len(readings) == 1 and readings[0].isoformat() != value:
            return Fix("S007", path, value, readings[0].isoformat())
        return None
    if where in _AMOUNTS or (where in _MEASUREMENTS and _numeric_indicator(doc, path)):
        amount = number(value)
        if amount is None:
            return None
        return Fix("S003" if where in _AMOUNTS else "I005", path, value, amount)
    if where in _FLAGS and plain and value in _YAML11_TRUE | _YAML11_FALSE:
        return Fix("S003", path, value, value in _YAML11_TRUE)
    return None


def _choice(choices: dict[str, tuple[str, ...]], value: str) -> str | None:
    wanted = _normalised(value)
    for code, words in choices.items():
        if wanted == _normalised(code) or wanted in words:
            return code
    return None


def _normalised(value: str) -> str:
    """Lower case, without accents, ``_`` and ``-`` as spaces: ``En_Cours`` -> ``en cours``."""
    decomposed = unicodedata.normalize("NFKD", value.casefold().replace("œ", "oe"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.replace("_", " ").replace("-", " ").replace("’", "'").split())


def _numeric_indicator(doc: Document, path: DocPath) -> bool:
    indicator = doc.data["indicators"][path[1]]
    return isinstance(indicator, dict) and indicator.get("measure") in ("number", "percent")


def _scalars(path: DocPath, node: Any) -> Iterator[tuple[DocPath, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _scalars((*path, key), value)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _scalars((*path, index), value)
    else:
        yield path, node
