"""A commented skeleton for a new roadmap that passes `validate` as written.

The YAML is built as text, not dumped from data, so that it can carry the comments that teach the
format, keep the field order of the documentation and quote exactly what needs quoting.
"""

from __future__ import annotations

import gettext
import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from uhc_roadmap.countries import candidates, country_name, describe, normalise
from uhc_roadmap.errors import UsageError
from uhc_roadmap.i18n import LANGUAGES, N_, SOURCE_LANGUAGE, translations
from uhc_roadmap.i18n.languages import language
from uhc_roadmap.model import codes
from uhc_roadmap.model.types import DATE_PATTERN, ID_PATTERN
from uhc_roadmap.schema import SCHEMA_FILE
from uhc_roadmap.suggest import nearest

# The example texts, written in each language of the roadmap: English msgids, translated in each
# language's locale/<lang>/skeleton.po. A language the tool has no catalog for gets them in
# English, marked as placeholders.
WORDS: dict[str, str] = {
    "title": N_("UHC Partnership roadmap – %(country)s, %(phase)s"),
    "ministry": N_("Ministry of Health"),
    "who_office": N_("WHO Country Office – %(country)s"),
    "GOV": N_("Governance"),
    "FIN": N_("Health financing"),
    "HRH": N_("Human resources for health"),
    "activity": N_("Joint annual review of the roadmap with the Ministry and partners"),
    "milestone": N_("First joint annual review held"),
    "indicator": N_("Joint annual reviews held"),
    "unit": N_("reviews"),
    "FIN-01": N_("Health financing situation analysis"),
    "FIN-01.M1": N_("Analysis report validated"),
    "HRH-01": N_("National strategy for human resources for health"),
    "HRH-01.M1": N_("Strategy adopted"),
}
AXES = (("GOV", "governance"), ("FIN", "financing"), ("HRH", "workforce"))
EXAMPLE_BUDGET = 50000
DEFAULT_SCHEMA_REF = SCHEMA_FILE
"""The schema beside the roadmap: what `new -o` writes there, or `schema -o` for a printed one."""


@dataclass(frozen=True)
class SchemaPlace:
    """Where the yaml-language-server line of a new roadmap points, and the schema file to write
    so that it points at something (None when one is there, or the reference is the user's)."""

    ref: str
    write: Path | None = None


def schema_place(output: Path | None, explicit: str | None = None) -> SchemaPlace:
    """The schema a new roadmap at ``output`` points at: ``explicit`` (``--schema-ref``) as
    given; else a ``roadmap.schema.json`` beside it, or a ``schema/roadmap.schema.json`` in a
    folder above (a repository laid out as uhc-roadmap's own); else one to write beside it.
    Printed to standard output (no ``output``), the roadmap points beside itself."""
    if explicit is not None:
        return SchemaPlace(explicit)
    if output is None:
        return SchemaPlace(SCHEMA_FILE)
    beside = output.parent / SCHEMA_FILE
    if beside.is_file():
        return SchemaPlace(SCHEMA_FILE, beside)
    folder = output.resolve().parent
    for above in folder.parents:
        found = above / "schema" / SCHEMA_FILE
        if found.is_file():
            return SchemaPlace(Path(os.path.relpath(found, folder)).as_posix())
    return SchemaPlace(SCHEMA_FILE, beside)


class SkeletonError(UsageError, ValueError):
    """An option of `new` that cannot make a valid roadmap (exit 2, one line)."""


@dataclass(frozen=True)
class SkeletonOptions:
    country: str
    phase: str
    start: date
    end: date
    languages: tuple[str, ...] = (SOURCE_LANGUAGE,)
    currency: str = "USD"
    schema_ref: str = DEFAULT_SCHEMA_REF
    """What the yaml-language-server line points at: the schema's URL or a relative path."""
    messages: str = SOURCE_LANGUAGE
    """The language of the comments that teach the format (one the tool has a catalog for)."""


@dataclass(frozen=True)
class Skeleton:
    text: str
    untranslated: tuple[str, ...]
    """Requested languages without a catalog: their texts are English placeholders."""


def resolve_country(query: str) -> tuple[str, str]:
    """The alpha-2 code and English name of a country given as alpha-2, alpha-3 or name.

    Names are in English or a UI language, in any case and with or without accents; a part of
    a name is enough when it names one country only.
    """
    found = candidates(query, codes.country_codes())
    if not found:
        raise SkeletonError(f"unknown country `{query}`{_country_suggestion(query)}")
    if len(found) > 1:
        raise SkeletonError(f"`{query}` could be {describe(found)}; give the ISO code")
    return found[0], country_name(found[0], SOURCE_LANGUAGE)


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
    if options.messages not in LANGUAGES:
        raise SkeletonError(
            f"no comments in `{options.messages}`; choose one of: {', '.join(LANGUAGES)}"
        )


def catalog(lang: str) -> gettext.NullTranslations:
    """``lang``'s skeleton.po; for a language the tool has none for, the English msgids."""
    return translations(lang, "skeleton") if lang in LANGUAGES else gettext.NullTranslations()


def texts_in(lang: str) -> dict[str, str]:
    """The example texts in ``lang``, with their ``%(country)s`` and ``%(phase)s`` to fill."""
    translate = catalog(lang).gettext
    return {key: translate(msgid) for key, msgid in WORDS.items()}


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
        self.untranslated = tuple(lang for lang in options.languages if lang not in LANGUAGES)
        self.texts = {lang: texts_in(lang) for lang in options.languages}
        self.names = {lang: country_name(options.country, lang) for lang in options.languages}
        self.messages = catalog(options.messages).gettext
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
        name = country_name(o.country, o.messages)
        lines = [
            f"# yaml-language-server: $schema={o.schema_ref}",
            "#",
            *self.comment(
                "UHC Partnership roadmap: %(country)s, phase %(phase)s (%(start)s to %(end)s).",
                country=name,
                phase=o.phase,
                start=o.start,
                end=o.end,
            ),
            *self.comment(
                "Written by `uhc-roadmap new`. Replace the example activity and indicator with "
                "your\nown, then check the file with `uhc-roadmap validate <this file>`."
            ),
            *self.comment(
                "Format reference: docs/format.md. Dates are YYYY-MM-DD; ids are upper-case."
            ),
        ]
        if self.untranslated:
            listed = language(o.messages).list_separator.join(self.untranslated)
            lines += self.comment(
                "The texts in %(languages)s are English placeholders: translate them.",
                languages=listed,
            )
        return [*lines, ""]

    def top(self) -> list[str]:
        o = self.o
        title = self.words("title")
        country = self.say("ISO 3166-1 alpha-2 (%(country)s)", country=self.names[o.languages[0]])
        return [
            'schema_version: "1"',
            f'country: "{o.country}"  # {country}',
            *self.text("title", title, 0),
            "# summary: "
            + self.say("a paragraph on what the partnership supports (Text, like title)"),
            f"languages: [{', '.join(o.languages)}]  # "
            + self.say("the first is the default language"),
            "programme: UHC Partnership",
            f"phase: {{id: {o.phase}, start: {o.start}, end: {o.end}}}",
            "# as_of: YYYY-MM-DD  # "
            + self.say("the date the progress data describes (default: today)"),
            f"currency: {o.currency}  # "
            + self.say("ISO 4217; budget amounts are in this currency"),
            "",
        ]

    def organisations(self) -> list[str]:
        country = self.o.country
        return [
            *self.comment(
                "Organisations: government, who, funder, un_agency, ngo, academic,\n"
                "health_facility or other. Activities and budget lines refer to them by id."
            ),
            "organisations:",
            "  - id: MOH",
            *self.text("name", self.words("ministry"), 4),
            "    type: government",
            f"  - id: WHO-{country}",
            *self.text("name", self.words("who_office"), 4),
            "    type: who",
            "",
        ]

    def axes(self) -> list[str]:
        lines = [
            *self.comment("The priority axes of the roadmap; every activity belongs to one."),
            "axes:",
        ]
        for axis_id, block in AXES:
            lines += [
                f"  - id: {axis_id}",
                *self.text("title", self.words(axis_id), 4),
                f"    building_block: {block}",
            ]
            if axis_id == AXES[0][0]:
                lines.append(
                    "    # objective: "
                    + self.say("what the axis should achieve by the end of the phase")
                )
        return [*lines, ""]

    def activities(self) -> list[str]:
        o = self.o
        return [
            *self.comment(
                "Example activities, one per axis: GOV-01 shows most fields; copy it for your own."
            ),
            *self.comment(
                "Status: planned, ongoing, finalising, completed, cancelled or suspended."
            ),
            "activities:",
            "  - id: GOV-01",
            "    axis: GOV",
            *self.text("title", self.words("activity"), 4),
            "    status: planned",
            f"    planned: {{start: {o.start}, end: {o.end}}}",
            "    # actual: {start: YYYY-MM-DD, end: YYYY-MM-DD}  # "
            + self.say("once it has started / ended"),
            "    # progress: 0  # " + self.say("percent done, for ongoing work"),
            "    lead: MOH",
            f"    partners: [WHO-{o.country}]",
            "    # regions: []  # "
            + self.say("ISO 3166-2 codes or region group ids; none = national"),
            "    # depends_on: []  # " + self.say("ids of activities that must finish first"),
            "    milestones:",
            "      - id: GOV-01.M1",
            *self.text("title", self.words("milestone"), 8),
            f"        due: {self.milestone_due}",
            "        # done_on: YYYY-MM-DD  # " + self.say("the day it was reached"),
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
            *self.comment(
                "Indicators measure an axis or an activity: number, percent or qualitative."
            ),
            "indicators:",
            "  - id: GOV-01.I1",
            *self.text("title", self.words("indicator"), 4),
            "    activity: GOV-01",
            "    measure: number",
            *self.text("unit", self.words("unit"), 4),
            f"    baseline: {{value: 0, date: {o.start}}}",
            f"    target: {{value: {self.reviews}, date: {o.end}}}",
            "    # values:",
            "    #   - {date: YYYY-MM-DD, value: 1}",
            "    key: true",
        ]

    def say(self, msgid: str, **values: object) -> str:
        """A comment's words in the language of messages; ``values`` fill its ``%(name)s``."""
        translated = self.messages(msgid)
        return translated % values if values else translated

    def comment(self, msgid: str, **values: object) -> list[str]:
        """A comment of its own, one ``#`` line per line of its translation."""
        return [f"# {line}" for line in self.say(msgid, **values).split("\n")]

    def word(self, lang: str, key: str) -> str:
        """An example text in ``lang``, the country named in that language."""
        text = self.texts[lang][key]
        if "%(" not in WORDS[key]:
            return text
        return text % {"country": self.names[lang], "phase": self.o.phase}

    def words(self, key: str) -> dict[str, str]:
        """An example text in every language of the roadmap."""
        return {lang: self.word(lang, key) for lang in self.o.languages}

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
        for lang in LANGUAGES
    }
    close = nearest(normalise(query), names, cutoff=0.75)
    if close is None:
        return "; give an ISO 3166-1 code (e.g. MA or MAR) or a country name"
    return f"; did you mean {describe([names[close]])}?"
