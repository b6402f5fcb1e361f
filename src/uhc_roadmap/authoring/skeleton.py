"""A commented skeleton for a new roadmap that passes `validate` as written.

The YAML is built as text, not dumped from data, so that it can carry the comments that teach the
format, keep the field order of the documentation and quote exactly what needs quoting.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from uhc_roadmap.countries import candidates, country_name, describe, normalise
from uhc_roadmap.errors import UsageError
from uhc_roadmap.model import codes
from uhc_roadmap.model.types import DATE_PATTERN, ID_PATTERN
from uhc_roadmap.schema import SCHEMA_ID
from uhc_roadmap.suggest import nearest

# The words of the skeleton, per language. Any other language gets the English words, marked.
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "UHC Partnership roadmap – {country}, {phase}",
        "ministry": "Ministry of Health",
        "who_office": "WHO Country Office – {country}",
        "GOV": "Governance",
        "FIN": "Health financing",
        "HRH": "Human resources for health",
        "activity": "Joint annual review of the roadmap with the Ministry and partners",
        "milestone": "First joint annual review held",
        "indicator": "Joint annual reviews held",
        "unit": "reviews",
        "FIN-01": "Health financing situation analysis",
        "FIN-01.M1": "Analysis report validated",
        "HRH-01": "National strategy for human resources for health",
        "HRH-01.M1": "Strategy adopted",
    },
    "fr": {
        "title": "Feuille de route du Partenariat pour la CSU – {country}, {phase}",
        "ministry": "Ministère de la Santé",
        "who_office": "Bureau de pays de l'OMS – {country}",
        "GOV": "Gouvernance",
        "FIN": "Financement de la santé",
        "HRH": "Ressources humaines pour la santé",
        "activity": "Revue annuelle conjointe de la feuille de route avec le ministère et les partenaires",
        "milestone": "Première revue annuelle conjointe tenue",
        "indicator": "Revues annuelles conjointes tenues",
        "unit": "revues",
        "FIN-01": "Analyse de la situation du financement de la santé",
        "FIN-01.M1": "Rapport d'analyse validé",
        "HRH-01": "Stratégie nationale des ressources humaines pour la santé",
        "HRH-01.M1": "Stratégie adoptée",
    },
}
FALLBACK_LANGUAGE = "en"
AXES = (("GOV", "governance"), ("FIN", "financing"), ("HRH", "workforce"))
EXAMPLE_BUDGET = 50000
DEFAULT_SCHEMA_REF = SCHEMA_ID


class SkeletonError(UsageError, ValueError):
    """An option of `new` that cannot make a valid roadmap (exit 2, one line)."""


@dataclass(frozen=True)
class SkeletonOptions:
    country: str
    phase: str
    start: date
    end: date
    languages: tuple[str, ...] = ("en",)
    currency: str = "USD"
    schema_ref: str = DEFAULT_SCHEMA_REF
    """What the yaml-language-server line points at: the schema's URL or a relative path."""


@dataclass(frozen=True)
class Skeleton:
    text: str
    untranslated: tuple[str, ...]
    """Requested languages without built-in words: their texts are English placeholders."""


def resolve_country(query: str) -> tuple[str, str]:
    """The alpha-2 code and English name of a country given as alpha-2, alpha-3 or name.

    Names are English or French, in any case and with or without accents; a part of a name
    is enough when it names one country only.
    """
    found = candidates(query, codes.country_codes())
    if not found:
        raise SkeletonError(f"unknown country `{query}`{_country_suggestion(query)}")
    if len(found) > 1:
        raise SkeletonError(f"`{query}` could be {describe(found)}; give the ISO code")
    return found[0], country_name(found[0], "en")


def parse_day(option: str, value: str) -> date:
    """A YYYY-MM-DD option value (Python alone would also take 20240101 or 2024-W01-1)."""
    if not DATE_PATTERN.fullmatch(value):
        raise SkeletonError(f"{option}: `{value}` is not a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise SkeletonError(f"{option}: `{value}` is not a day of the calendar") from None


def parse_languages(value: str) -> tuple[str, ...]:
    """``fr,en`` -> ("fr", "en"): ISO 639-1 codes, the first being the default language."""
    found = tuple(part.strip().lower() for part in value.split(",") if part.strip())
    if not found:
        raise SkeletonError("--lang needs at least one ISO 639-1 code, e.g. fr,en")
    for lang in found:
        if not codes.is_language(lang):
            raise SkeletonError(f"--lang: `{lang}` is not an ISO 639-1 language code (e.g. fr)")
    if len(set(found)) != len(found):
        raise SkeletonError(f"--lang: a language is given twice in `{value}`")
    return found


def check_options(options: SkeletonOptions) -> None:
    if not re.fullmatch(ID_PATTERN, options.phase):
        raise SkeletonError(
            f"--phase: `{options.phase}` is not an id (upper-case letters and digits joined "
            "by -, _ or ., e.g. UHCP-IV)"
        )
    if options.start >= options.end:
        raise SkeletonError(f"--start {options.start} must be before --end {options.end}")
    if not codes.is_currency(options.currency):
        raise SkeletonError(f"--currency: `{options.currency}` is not an ISO 4217 code (e.g. USD)")


def build_skeleton(options: SkeletonOptions) -> Skeleton:
    """The skeleton's YAML text; ``options.country`` is an alpha-2 code."""
    check_options(options)
    writer = _Writer(options)
    return Skeleton("\n".join(writer.document()) + "\n", writer.untranslated)


class _Writer:
    """Writes the document section by section; Texts get one line per language."""

    def __init__(self, options: SkeletonOptions) -> None:
        self.o = options
        self.record: Any = codes.country(options.country)
        if self.record is None:
            raise SkeletonError(f"unknown country `{options.country}`")
        self.untranslated = tuple(lang for lang in options.languages if lang not in LABELS)
        start, end = options.start, options.end
        self.milestone_due = min(date(start.year, 12, 31), end)
        self.reviews = end.year - start.year + 1

    def document(self) -> list[str]:
        return [
            *self.header(),
            *self.top(),
            *self.organisations(),
            *self.axes(),
            *self.activities(),
            *self.indicators(),
        ]

    def header(self) -> list[str]:
        o = self.o
        name = country_name(o.country, FALLBACK_LANGUAGE)
        lines = [
            f"# yaml-language-server: $schema={o.schema_ref}",
            "#",
            f"# UHC Partnership roadmap: {name}, phase {o.phase} ({o.start} to {o.end}).",
            "# Written by `uhc-roadmap new`. Replace the example activity and indicator with your",
            "# own, then check the file with `uhc-roadmap validate <this file>`.",
            "# Format reference: docs/format.md. Dates are YYYY-MM-DD; ids are upper-case.",
        ]
        if self.untranslated:
            listed = ", ".join(self.untranslated)
            lines.append(f"# The texts in {listed} are English placeholders: translate them.")
        return [*lines, ""]

    def top(self) -> list[str]:
        o = self.o
        names = {lang: country_name(o.country, lang) for lang in o.languages}
        title = {
            lang: self.word(lang, "title").format(country=names[lang], phase=o.phase)
            for lang in o.languages
        }
        return [
            'schema_version: "1"',
            f'country: "{o.country}"  # ISO 3166-1 alpha-2 ({names[o.languages[0]]})',
            *self.text("title", title, 0),
            "# summary: a paragraph on what the partnership supports (Text, like title)",
            f"languages: [{', '.join(o.languages)}]  # the first is the default language",
            "programme: UHC Partnership",
            f"phase: {{id: {o.phase}, start: {o.start}, end: {o.end}}}",
            "# as_of: YYYY-MM-DD  # the date the progress data describes (default: today)",
            f"currency: {o.currency}  # ISO 4217; budget amounts are in this currency",
            "",
        ]

    def organisations(self) -> list[str]:
        country = self.o.country
        return [
            "# Organisations: government, who, funder, un_agency, ngo, academic,",
            "# health_facility or other. Activities and budget lines refer to them by id.",
            "organisations:",
            "  - id: MOH",
            *self.text("name", self.words("ministry"), 4),
            "    type: government",
            f"  - id: WHO-{country}",
            *self.text("name", self.words("who_office", country=True), 4),
            "    type: who",
            "",
        ]

    def axes(self) -> list[str]:
        lines = ["# The priority axes of the roadmap; every activity belongs to one.", "axes:"]
        for axis_id, block in AXES:
            lines += [
                f"  - id: {axis_id}",
                *self.text("title", self.words(axis_id), 4),
                f"    building_block: {block}",
            ]
            if axis_id == AXES[0][0]:
                lines.append(
                    "    # objective: what the axis should achieve by the end of the phase"
                )
        return [*lines, ""]

    def activities(self) -> list[str]:
        o = self.o
        return [
            "# Example activities, one per axis: GOV-01 shows most fields; copy it for your own.",
            "# Status: planned, ongoing, finalising, completed, cancelled or suspended.",
            "activities:",
            "  - id: GOV-01",
            "    axis: GOV",
            *self.text("title", self.words("activity"), 4),
            "    status: planned",
            f"    planned: {{start: {o.start}, end: {o.end}}}",
            "    # actual: {start: YYYY-MM-DD, end: YYYY-MM-DD}  # once it has started / ended",
            "    # progress: 0  # percent done, for ongoing work",
            "    lead: MOH",
            f"    partners: [WHO-{o.country}]",
            "    # regions: []  # ISO 3166-2 codes or region group ids; none = national",
            "    # depends_on: []  # ids of activities that must finish first",
            "    milestones:",
            "      - id: GOV-01.M1",
            *self.text("title", self.words("milestone"), 8),
            f"        due: {self.milestone_due}",
            "        # done_on: YYYY-MM-DD  # the day it was reached",
            "    budget:",
            f"      - year: {o.start.year}",
            f"        funder: WHO-{o.country}",
            f"        planned: {EXAMPLE_BUDGET}",
            "        # committed: 0",
            "        # spent: 0",
            *self.short_activity("FIN-01", "FIN", self.milestone_due),
            *self.short_activity("HRH-01", "HRH", o.end),
            "",
        ]

    def short_activity(self, activity_id: str, axis_id: str, due: date) -> list[str]:
        """Every axis gets an activity, so that no axis is reported empty."""
        return [
            f"  - id: {activity_id}",
            f"    axis: {axis_id}",
            *self.text("title", self.words(activity_id), 4),
            "    status: planned",
            f"    planned: {{start: {self.o.start}, end: {self.o.end}}}",
            "    lead: MOH",
            "    milestones:",
            f"      - id: {activity_id}.M1",
            *self.text("title", self.words(f"{activity_id}.M1"), 8),
            f"        due: {due}",
        ]

    def indicators(self) -> list[str]:
        o = self.o
        return [
            "# Indicators measure an axis or an activity: number, percent or qualitative.",
            "indicators:",
            "  - id: GOV-01.I1",
            *self.text("title", self.words("indicator"), 4),
            "    activity: GOV-01",
            "    measure: number",
            f"    unit: {_quote(self.word(o.languages[0], 'unit'))}",
            f"    baseline: {{value: 0, date: {o.start}}}",
            f"    target: {{value: {self.reviews}, date: {o.end}}}",
            "    # values:",
            "    #   - {date: YYYY-MM-DD, value: 1}",
            "    key: true",
        ]

    def word(self, lang: str, key: str) -> str:
        return LABELS.get(lang, LABELS[FALLBACK_LANGUAGE])[key]

    def words(self, key: str, *, country: bool = False) -> dict[str, str]:
        return {
            lang: self.word(lang, key).format(country=country_name(self.o.country, lang))
            if country
            else self.word(lang, key)
            for lang in self.o.languages
        }

    def text(self, field: str, values: dict[str, str], indent: int) -> list[str]:
        """A Text field: a plain string for one language, one line per language otherwise."""
        pad = " " * indent
        if len(values) == 1:
            return [f"{pad}{field}: {_quote(next(iter(values.values())))}"]
        return [f"{pad}{field}:"] + [
            f"{pad}  {lang}: {_quote(value)}" for lang, value in values.items()
        ]


def _quote(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _country_suggestion(query: str) -> str:
    names = {
        normalise(country_name(code, lang)): code
        for code in codes.country_codes()
        for lang in ("en", "fr")
    }
    close = nearest(normalise(query), names, cutoff=0.75)
    if close is None:
        return "; give an ISO 3166-1 code (e.g. MA or MAR) or a country name"
    return f"; did you mean {describe([names[close]])}?"
