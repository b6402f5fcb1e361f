"""IATI Activity Standard 2.03 XML from a roadmap: one ``iati-activity`` per roadmap activity.

docs/iati.md holds the mapping field by field, and what is not mapped. The document is built
with the standard library's ElementTree, then checked before it is returned: against the
official XSD, IATI's Standard ruleset and IATI's codelists (``iati_checks``, which needs lxml).
A failure there is a bug in this mapping, never the user's; a roadmap that holds something IATI
refuses (an actual date in the future) is refused first, with the place to fix.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar, Self
from urllib.parse import urlsplit

from uhc_roadmap.codelists import iati_codelist
from uhc_roadmap.config import IatiSettings
from uhc_roadmap.countries import subdivision_name
from uhc_roadmap.errors import Bug, UsageError
from uhc_roadmap.formats.export.base import ExportFormat, ExportOptions, Refusal, Refused
from uhc_roadmap.loading.sourcemap import DocPath
from uhc_roadmap.model import (
    Activity,
    Axis,
    BudgetLine,
    Indicator,
    Organisation,
    Roadmap,
    Text,
    codes,
)

VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DEFAULT_SECTOR = 12110  # Health policy and administrative management

# ActivityStatus: the roadmap's statuses are IATI's, in the same order.
ACTIVITY_STATUS = {
    "planned": "1",
    "ongoing": "2",
    "finalising": "3",
    "completed": "4",
    "cancelled": "5",
    "suspended": "6",
}
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"  # ActivityDateType
FUNDING, IMPLEMENTING = "1", "4"  # OrganisationRole
COMMITMENT, EXPENDITURE = "2", "4"  # TransactionType
ORIGINAL = "1"  # BudgetType
INDICATIVE, COMMITTED = "1", "2"  # BudgetStatus
OUTPUT, OUTCOME = "1", "2"  # ResultType
PARENT, SIBLING = "1", "3"  # RelatedActivityType
GENERAL, OBJECTIVES = "1", "2"  # DescriptionType
NATIONAL, SUBNATIONAL_MANY, SUBNATIONAL_ONE = "4", "5", "6"  # ActivityScope
MEASURE = {"number": "1", "percent": "2", "qualitative": "5"}  # IndicatorMeasure
# OrganisationType, where the roadmap's type says it; funders and NGOs may be of several kinds.
ORGANISATION_TYPE = {
    "government": "10",
    "who": "40",
    "un_agency": "40",
    "academic": "80",
    "other": "90",
}
DAC_5_DIGIT = "1"  # SectorVocabulary
REPORTING_ORGANISATION = "99"  # TagVocabulary
ACTIVITY_REACH = "1"  # GeographicLocationReach
ADMINISTRATIVE_REGION = "1"  # GeographicLocationClass
RESULTS_DOCUMENT = "A08"  # DocumentCategory: Results, outcomes and outputs
# FileFormat (IANA media types) by the suffix of a document's link; a link without one of
# these suffixes is taken for a web page.
FILE_FORMATS = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".zip": "application/zip",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".html": "text/html",
    ".htm": "text/html",
}
WEB_PAGE = "text/html"
MAX_DIGITS = 24  # of an xsd:decimal, as libxml2 2.9 reads it (see _long_amounts)


MISSING_PUBLISHER = (
    "export --format iati needs the publishing organisation: set `iati.reporting_org` in the "
    'configuration, e.g. [tool.uhc-roadmap.iati] reporting_org = {ref = "XM-DAC-928", '
    'type = 40, name = "World Health Organization"} (docs/iati.md)'
)


class IatiUnavailable(UsageError):
    """lxml, which the checks before writing need, is not installed (exit 2)."""


class IatiRefused(Refused):
    """The roadmap holds values IATI refuses; nothing is written (exit 1)."""

    code = "IATI"


class IatiMappingError(Bug):
    """The document built fails the XSD, a ruleset rule or a codelist: a bug in the mapping."""

    def __init__(self, failures: Sequence[str]) -> None:
        super().__init__(
            "the IATI document built fails its checks (a bug in uhc-roadmap's IATI mapping): "
            + "; ".join(failures)
        )
        self.failures = list(failures)


class IatiFormat(ExportFormat):
    """The ``iati`` export: a roadmap as one checked ``iati-activities`` document."""

    name: ClassVar[str] = "iati"
    suffix: ClassVar[str] = ".xml"

    def __init__(self, settings: IatiSettings, generated: datetime) -> None:
        self.settings = settings
        self.generated = generated

    @classmethod
    def from_options(cls, options: ExportOptions) -> Self:
        settings = options.config.settings.iati
        if settings is None or settings.reporting_org is None:
            raise UsageError(MISSING_PUBLISHER)
        return cls(settings, options.generated)

    def export(self, roadmap: Roadmap) -> bytes:
        refusals = refusals_of(roadmap, self.generated.date())
        if refusals:
            raise IatiRefused(refusals)
        data = serialise(build_document(roadmap, self.settings, self.generated))
        failures = _checks()(data, self.generated)
        if failures:
            raise IatiMappingError(failures)
        return data


def _checks() -> Callable[[bytes, datetime], list[str]]:
    try:
        from uhc_roadmap.formats.export.iati_checks import check_document
    except ImportError as exc:
        if exc.name is None or not exc.name.startswith("lxml"):
            raise
        raise IatiUnavailable(
            "IATI export needs lxml to check the document against the IATI schema: "
            "pip install 'uhc-roadmap[iati]'"
        ) from None
    return check_document


# -- what IATI refuses -------------------------------------------------------------------------


def refusals_of(roadmap: Roadmap, today: date) -> list[Refusal]:
    """What IATI refuses, at its path in the roadmap: no activity at all, actual dates and
    transactions in the future, currencies outside its codelist, amounts longer than its
    validator reads, characters XML cannot hold."""
    empty = Refusal(
        ("activities",),
        "the roadmap has no activity, and an IATI document holds at least one",
        "add the roadmap's activities before exporting it",
    )
    found = [] if roadmap.activities else [empty]
    return [
        *found,
        *_future_dates(roadmap, today),
        *_currencies(roadmap),
        *_long_amounts(roadmap),
        *_not_xml(roadmap.model_dump(), ()),
    ]


# What XML 1.0 can hold (its Char production): not U+FFFE or U+FFFF, which YAML lets through.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _not_xml(value: object, path: DocPath) -> Iterator[Refusal]:
    if isinstance(value, str):
        found = _NOT_XML.search(value)
        if found is not None:
            yield Refusal(
                path,
                f"the text holds U+{ord(found.group()):04X}, a character XML cannot hold",
                "remove it",
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _not_xml(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _not_xml(item, (*path, index))


def _future_dates(roadmap: Roadmap, today: date) -> Iterator[Refusal]:
    for i, activity in enumerate(roadmap.activities):
        actual = activity.actual
        for key, rule in (("start", "11.1.4"), ("end", "11.1.5")):
            day = None if actual is None else getattr(actual, key)
            if day is not None and day > today:
                yield Refusal(
                    ("activities", i, "actual", key),
                    f"actual {key} {day.isoformat()} of {activity.id} is after the export date "
                    f"{today.isoformat()}; IATI refuses actual dates in the future (rule {rule})",
                    "an actual date records what has happened: correct it",
                )
    latest = max((d for _, _, _, d in transactions(roadmap, today)), default=None)
    if roadmap.as_of is not None and latest is not None and latest > today:
        yield Refusal(
            ("as_of",),
            f"as_of {roadmap.as_of.isoformat()} is after the export date {today.isoformat()}: "
            "amounts committed and spent would be dated in the future, which IATI refuses "
            "(rule 11.2.1)",
            "move `as_of` back to the date the data describes",
        )


def _currencies(roadmap: Roadmap) -> Iterator[Refusal]:
    known = iati_codelist("Currency")
    if roadmap.currency is not None and roadmap.currency not in known:
        yield _currency_refusal(("currency",), roadmap.currency)
    for i, activity in enumerate(roadmap.activities):
        for j, line in enumerate(activity.budget):
            if line.currency is not None and line.currency not in known:
                yield _currency_refusal(("activities", i, "budget", j, "currency"), line.currency)


def decimal_digits(text: str) -> int:
    """The digits of an xsd:decimal as libxml2 counts them: the integer part's without its
    leading zeros, and every digit after the point."""
    whole, _, fraction = text.lstrip("-").partition(".")
    return len(whole.lstrip("0")) + len(fraction)


def _long_amounts(roadmap: Roadmap) -> Iterator[Refusal]:
    """Amounts with more digits than libxml2 2.9 reads in an xsd:decimal (24; tested with
    lxml 4.9.2): IATI's validator checks the schema with libxml2 too (through libxmljs2), and
    would refuse the whole document. A year's planned total is checked as well."""
    for i, activity in enumerate(roadmap.activities):
        totals: dict[tuple[int, str | None], Decimal] = defaultdict(Decimal)
        for j, line in enumerate(activity.budget):
            totals[line.year, line.currency or roadmap.currency] += amount(line.planned)
            for key in ("planned", "committed", "spent"):
                value = getattr(line, key)
                if value is not None and _too_long(amount(value)):
                    yield _long_refusal(("activities", i, "budget", j, key), activity, key)
        for (year, _), total in totals.items():
            if _too_long(total) and not any(_too_long(amount(b.planned)) for b in activity.budget):
                yield _long_refusal(("activities", i, "budget"), activity, f"{year} planned")


def _too_long(value: Decimal) -> bool:
    return decimal_digits(decimal_text(value)) > MAX_DIGITS


def _long_refusal(path: DocPath, activity: Activity, what: str) -> Refusal:
    return Refusal(
        path,
        f"the {what} amount of {activity.id} needs more than {MAX_DIGITS} digits as a decimal, "
        "more than IATI's validator reads",
        "round the amount, e.g. to cents",
    )


def _currency_refusal(path: DocPath, code: str) -> Refusal:
    return Refusal(
        path,
        f"currency {code} is not in IATI's Currency codelist",
        "IATI takes current ISO 4217 currencies; give the amount in one of them",
    )


# -- the document ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    """What every activity's mapping reads: the roadmap, its lookups and the settings."""

    roadmap: Roadmap
    settings: IatiSettings
    today: date
    organisations: dict[str, Organisation] = field(default_factory=dict)
    axes: dict[str, Axis] = field(default_factory=dict)

    @classmethod
    def of(cls, roadmap: Roadmap, settings: IatiSettings, today: date) -> _Context:
        return cls(
            roadmap,
            settings,
            today,
            {o.id: o for o in roadmap.organisations},
            {a.id: a for a in roadmap.axes},
        )

    @property
    def lang(self) -> str:
        return self.roadmap.default_language

    @property
    def reference(self) -> date:
        """The date amounts are known at: ``as_of``, else the export date."""
        return self.roadmap.as_of or self.today


def build_document(roadmap: Roadmap, settings: IatiSettings, generated: datetime) -> ET.Element:
    """The ``iati-activities`` element: one ``iati-activity`` per activity, in roadmap order."""
    stamp = generated.strftime("%Y-%m-%dT%H:%M:%SZ")
    root = ET.Element("iati-activities", {"version": VERSION, "generated-datetime": stamp})
    context = _Context.of(roadmap, settings, generated.date())
    root.extend(activity_element(context, activity) for activity in roadmap.activities)
    return root


def serialise(root: ET.Element) -> bytes:
    """UTF-8 XML, indented two spaces, with a declaration and a final newline."""
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode()


def identifier(settings: IatiSettings, roadmap: Roadmap, activity: Activity) -> str:
    """``{prefix}-{phase id}-{activity id}``; the prefix starts with the publisher's id."""
    return f"{settings.prefix}-{roadmap.phase.id}-{activity.id}"


def activity_element(ctx: _Context, activity: Activity) -> ET.Element:
    attributes = {XML_LANG: ctx.lang}
    if ctx.roadmap.currency is not None:
        attributes["default-currency"] = ctx.roadmap.currency
    element = ET.Element("iati-activity", attributes)
    _text(element, "iati-identifier", identifier(ctx.settings, ctx.roadmap, activity))
    element.append(_reporting_org(ctx))
    element.append(_narratives("title", activity.title, ctx))
    element.extend(_descriptions(ctx, activity))
    element.extend(_participating_orgs(ctx, activity))
    ET.SubElement(element, "activity-status", code=ACTIVITY_STATUS[activity.status])
    element.extend(_dates(activity))
    element.extend(_geography(ctx, activity))
    ET.SubElement(element, "sector", vocabulary=DAC_5_DIGIT, code=str(sector(ctx, activity)))
    element.extend(_tags(ctx, activity))
    element.extend(_budgets(ctx, activity))
    element.extend(_transactions(ctx, activity))
    element.extend(_document_links(ctx, activity))
    element.extend(_related_activities(ctx, activity))
    element.extend(_results(ctx, activity))
    return element


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, tag, attributes)
    child.text = text
    return child


def narratives(text: Text, roadmap: Roadmap) -> list[tuple[str, str]]:
    """(language, text) for every language the text is written in: the roadmap's first."""
    default = roadmap.default_language
    if text.plain:
        return [(default, text.values[""])]
    order = [*roadmap.languages, *sorted(set(text.values) - set(roadmap.languages))]
    return [(lang, text.values[lang]) for lang in order if lang in text.values]


def _narratives(tag: str, text: Text, ctx: _Context) -> ET.Element:
    element = ET.Element(tag)
    for lang, value in narratives(text, ctx.roadmap):
        _text(element, "narrative", value, **{XML_LANG: lang})
    return element


def _plain(tag: str, text: str, ctx: _Context, **attributes: str) -> ET.Element:
    """An element holding one narrative in the default language (plain text of the roadmap)."""
    element = ET.Element(tag, attributes)
    _text(element, "narrative", text, **{XML_LANG: ctx.lang})
    return element


def publisher_name(settings: IatiSettings) -> Text:
    """The configured publisher's name as roadmap text: plain, or by language."""
    org = settings.reporting_org
    assert org is not None  # the command refuses to export without one
    return Text.of(org.name) if isinstance(org.name, str) else Text(org.name)


def _reporting_org(ctx: _Context) -> ET.Element:
    org = ctx.settings.reporting_org
    assert org is not None  # the command refuses to export without one
    element = _narratives("reporting-org", publisher_name(ctx.settings), ctx)
    element.attrib.update(ref=org.ref, type=str(org.type))
    return element


def _descriptions(ctx: _Context, activity: Activity) -> list[ET.Element]:
    """The activity's description, its axis's objective; the title when there is neither."""
    found = []
    if activity.description is not None:
        found.append(_narratives("description", activity.description, ctx))
        found[-1].set("type", GENERAL)
    objective = ctx.axes[activity.axis].objective if activity.axis in ctx.axes else None
    if objective is not None:
        found.append(_narratives("description", objective, ctx))
        found[-1].set("type", OBJECTIVES)
    if not found:  # IATI requires a description
        found.append(_narratives("description", activity.title, ctx))
        found[-1].set("type", GENERAL)
    return found


def roles(ctx: _Context, activity: Activity) -> list[tuple[str | None, str]]:
    """(organisation id, role) pairs in order, each once; None is the reporting organisation.

    Funders of the activity's budget lines and partners of type ``funder`` fund it; the lead
    and the other partners implement it; the publisher takes its configured role.
    """
    found: list[tuple[str | None, str]] = []
    for line in activity.budget:
        found.append((line.funder, FUNDING))
    if activity.lead is not None:
        found.append((activity.lead, IMPLEMENTING))
    for partner in activity.partners:
        org = ctx.organisations.get(partner)
        found.append(
            (partner, FUNDING if org is not None and org.type == "funder" else IMPLEMENTING)
        )
    publisher = ctx.settings.reporting_org
    if publisher is not None:
        found.append((None, str(publisher.role)))
    return list(dict.fromkeys(found))


def _participating_orgs(ctx: _Context, activity: Activity) -> Iterator[ET.Element]:
    for org_id, role in roles(ctx, activity):
        if org_id is None:
            reporting = ctx.settings.reporting_org
            assert reporting is not None
            element = _narratives("participating-org", publisher_name(ctx.settings), ctx)
            element.attrib.update(ref=reporting.ref, role=role, type=str(reporting.type))
            yield element
            continue
        org = ctx.organisations[org_id]
        element = _narratives("participating-org", org.name, ctx)
        element.set("role", role)
        if org.type in ORGANISATION_TYPE:
            element.set("type", ORGANISATION_TYPE[org.type])
        yield element


def _dates(activity: Activity) -> Iterator[ET.Element]:
    actual = activity.actual
    days = (
        (PLANNED_START, activity.planned.start),
        (ACTUAL_START, None if actual is None else actual.start),
        (PLANNED_END, activity.planned.end),
        (ACTUAL_END, None if actual is None else actual.end),
    )
    for kind, day in days:
        if day is not None:
            yield ET.Element("activity-date", {"type": kind, "iso-date": day.isoformat()})


def regions(roadmap: Roadmap, activity: Activity) -> list[str]:
    """The ISO 3166-2 codes the activity covers, groups expanded, each once; [] = national."""
    found: list[str] = []
    for region in activity.regions:
        for code in roadmap.region_groups.get(region, [region]):
            if code not in found:
                found.append(code)
    return found


def scope(codes_: Sequence[str]) -> str | None:
    """ActivityScope: national when no region is named; sub-national when every region is a
    first-level subdivision; unsaid otherwise (a second-level area is not always one)."""
    if not codes_:
        return NATIONAL
    records = [codes.subdivision(code) for code in codes_]
    if any(record is None or record.parent_code is not None for record in records):
        return None
    return SUBNATIONAL_ONE if len(codes_) == 1 else SUBNATIONAL_MANY


def _geography(ctx: _Context, activity: Activity) -> Iterator[ET.Element]:
    covered = regions(ctx.roadmap, activity)
    kind = scope(covered)
    if kind is not None:
        yield ET.Element("activity-scope", code=kind)
    yield ET.Element("recipient-country", code=ctx.roadmap.country)
    for code in covered:
        location = ET.Element("location", ref=code)
        ET.SubElement(location, "location-reach", code=ACTIVITY_REACH)
        name = ET.SubElement(location, "name")
        for lang, value in region_names(ctx.roadmap, code):
            _text(name, "narrative", value, **{XML_LANG: lang})
        ET.SubElement(location, "location-class", code=ADMINISTRATIVE_REGION)
        yield location


def region_names(roadmap: Roadmap, code: str) -> list[tuple[str, str]]:
    """A region's name: its ``region_labels`` entry, else ISO 3166-2's in each language."""
    label = roadmap.region_labels.get(code)
    if label is not None:
        return narratives(label, roadmap)
    return [(lang, subdivision_name(code, lang)) for lang in roadmap.languages]


def sector(ctx: _Context, activity: Activity) -> int:
    """The activity's sector, else its axis's, else the configured default (12110)."""
    axis = ctx.axes.get(activity.axis)
    if activity.sector is not None:
        return activity.sector
    if axis is not None and axis.sector is not None:
        return axis.sector
    return ctx.settings.default_sector


def _tags(ctx: _Context, activity: Activity) -> Iterator[ET.Element]:
    for ref in activity.refs:
        yield _plain("tag", ref, ctx, vocabulary=REPORTING_ORGANISATION, code=ref)


# -- money -------------------------------------------------------------------------------------


def amount(value: float) -> Decimal:
    """A float as the decimal it was written as (``0.1`` is 0.1, not 0.1000000000000000055)."""
    return Decimal(repr(float(value)))


def decimal_text(value: Decimal) -> str:
    """xsd:decimal: plain digits, no exponent, no trailing zeros (``30000``, ``100000.5``)."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _currency(ctx: _Context, line: BudgetLine) -> str | None:
    """A line's currency when it is not the activity's default, else None."""
    if line.currency is None or line.currency == ctx.roadmap.currency:
        return None
    return line.currency


@dataclass(frozen=True, slots=True)
class BudgetPeriod:
    """One ``budget``: the planned amounts of one year in one currency, all funders together."""

    year: int
    currency: str | None
    planned: Decimal
    committed: bool


def budget_periods(ctx: _Context, activity: Activity) -> list[BudgetPeriod]:
    """Budget lines summed by (year, currency); committed when every line is fully committed."""
    groups: dict[tuple[int, str | None], list[BudgetLine]] = {}
    for line in activity.budget:
        groups.setdefault((line.year, _currency(ctx, line)), []).append(line)
    return [
        BudgetPeriod(
            year,
            currency,
            sum((amount(line.planned) for line in lines), Decimal(0)),
            all(line.committed is not None and line.committed >= line.planned for line in lines),
        )
        for (year, currency), lines in sorted(groups.items(), key=lambda kv: _period_key(kv[0]))
    ]


def _period_key(key: tuple[int, str | None]) -> tuple[int, str]:
    return key[0], key[1] or ""


def _value(value: Decimal, currency: str | None, day: date) -> ET.Element:
    attributes = {} if currency is None else {"currency": currency}
    element = ET.Element("value", attributes)
    element.set("value-date", day.isoformat())
    element.text = decimal_text(value)
    return element


def _budgets(ctx: _Context, activity: Activity) -> Iterator[ET.Element]:
    for period in budget_periods(ctx, activity):
        status = COMMITTED if period.committed else INDICATIVE
        element = ET.Element("budget", type=ORIGINAL, status=status)
        first, last = date(period.year, 1, 1), date(period.year, 12, 31)
        ET.SubElement(element, "period-start", {"iso-date": first.isoformat()})
        ET.SubElement(element, "period-end", {"iso-date": last.isoformat()})
        element.append(_value(period.planned, period.currency, first))
        yield element


def transaction_date(year: int, reference: date) -> date:
    """The end of the budget year, or the reference date when that comes first."""
    return min(date(year, 12, 31), reference)


def transactions(roadmap: Roadmap, today: date) -> Iterator[tuple[Activity, BudgetLine, str, date]]:
    """(activity, line, transaction type, date) for every committed and spent amount."""
    reference = roadmap.as_of or today
    for activity in roadmap.activities:
        for line in activity.budget:
            day = transaction_date(line.year, reference)
            if line.committed is not None:
                yield activity, line, COMMITMENT, day
            if line.spent is not None:
                yield activity, line, EXPENDITURE, day


def _transactions(ctx: _Context, activity: Activity) -> Iterator[ET.Element]:
    for line in activity.budget:
        day = transaction_date(line.year, ctx.reference)
        for kind, value in ((COMMITMENT, line.committed), (EXPENDITURE, line.spent)):
            if value is None:
                continue
            element = ET.Element("transaction")
            ET.SubElement(element, "transaction-type", code=kind)
            ET.SubElement(element, "transaction-date", {"iso-date": day.isoformat()})
            element.append(_value(amount(value), _currency(ctx, line), day))
            funder = ctx.organisations[line.funder]
            provider = _narratives("provider-org", funder.name, ctx)
            if funder.type in ORGANISATION_TYPE:
                provider.set("type", ORGANISATION_TYPE[funder.type])
            element.append(provider)
            yield element


# -- links ---------------------------------------------------------------------------------------


def file_format(url: str) -> str:
    """The IATI FileFormat (media type) of a link, from its path's suffix; a web page else."""
    path = urlsplit(url).path.lower()
    suffix = path[path.rfind(".") :] if "." in path.rsplit("/", 1)[-1] else ""
    return FILE_FORMATS.get(suffix, WEB_PAGE)


def _document_links(ctx: _Context, activity: Activity) -> Iterator[ET.Element]:
    for document in activity.documents:
        element = ET.Element("document-link", url=document.url, format=file_format(document.url))
        element.append(_narratives("title", document.title, ctx))
        ET.SubElement(element, "category", code=RESULTS_DOCUMENT)
        yield element


def parent_ref(ctx: _Context, activity: Activity) -> str | None:
    """The IATI activity this one reports under: its own ``iati_ref``, else its axis's."""
    axis = ctx.axes.get(activity.axis)
    return activity.iati_ref or (axis.iati_ref if axis is not None else None)


def _related_activities(ctx: _Context, activity: Activity) -> Iterator[ET.Element]:
    parent = parent_ref(ctx, activity)
    if parent is not None:
        yield ET.Element("related-activity", ref=parent, type=PARENT)
    by_id = {a.id: a for a in ctx.roadmap.activities}
    for other in activity.depends_on:
        if other in by_id:
            ref = identifier(ctx.settings, ctx.roadmap, by_id[other])
            yield ET.Element("related-activity", ref=ref, type=SIBLING)


# -- results -------------------------------------------------------------------------------------


def indicators_of(roadmap: Roadmap, activity: Activity) -> list[tuple[Indicator, str]]:
    """(indicator, ResultType): the activity's own (outputs), then its axis's (outcomes)."""
    own = [(i, OUTPUT) for i in roadmap.indicators if i.activity == activity.id]
    axis = [
        (i, OUTCOME) for i in roadmap.indicators if i.activity is None and i.axis == activity.axis
    ]
    return own + axis


def _results(ctx: _Context, activity: Activity) -> Iterator[ET.Element]:
    for indicator, kind in indicators_of(ctx.roadmap, activity):
        result = ET.Element("result", type=kind)
        if kind == OUTCOME:  # the same figures appear under every activity of the axis
            result.set("aggregation-status", "false")
        result.append(_narratives("title", indicator.title, ctx))
        result.append(indicator_element(ctx, indicator))
        yield result


def value_text(value: float) -> str:
    return decimal_text(amount(value))


def indicator_element(ctx: _Context, indicator: Indicator) -> ET.Element:
    measure = MEASURE[indicator.measure]
    element = ET.Element("indicator", measure=measure)
    qualitative = indicator.measure == "qualitative"
    if not qualitative:
        element.set("ascending", "true" if indicator.direction == "increase" else "false")
    element.append(_narratives("title", indicator.title, ctx))
    if indicator.unit is not None:
        element.append(_narratives("description", indicator.unit, ctx))
    if indicator.baseline is not None:
        baseline = ET.SubElement(element, "baseline")
        day = indicator.baseline.date
        baseline.attrib.update({"year": str(day.year), "iso-date": day.isoformat()})
        _measured(baseline, indicator.baseline.value, qualitative, ctx)
    element.extend(_periods(ctx, indicator, qualitative))
    return element


def _measured(
    element: ET.Element,
    value: float | Text,
    qualitative: bool,
    ctx: _Context,
    comment: Iterable[str] = (),
    region: str | None = None,
) -> None:
    """A value as ``@value``; a qualitative one (a text, in each of its languages) in the
    comment (IATI 8.8.3 ...), the sources after it."""
    notes = "".join(f"; {note}" for note in comment)
    if isinstance(value, Text) or qualitative:
        text = value if isinstance(value, Text) else Text.of(value_text(value))
        comment_ = ET.Element("comment")
        for lang, words in narratives(text, ctx.roadmap):
            _text(comment_, "narrative", words + notes, **{XML_LANG: lang})
        said: ET.Element | None = comment_
    else:
        element.set("value", value_text(value))
        said = _plain("comment", notes.removeprefix("; "), ctx) if notes else None
    if region is not None:
        ET.SubElement(element, "dimension", name="region", value=region)
    if said is not None:
        element.append(said)


def _period(start: date, end: date) -> ET.Element:
    period = ET.Element("period")
    ET.SubElement(period, "period-start", {"iso-date": start.isoformat()})
    ET.SubElement(period, "period-end", {"iso-date": end.isoformat()})
    return period


def _periods(ctx: _Context, indicator: Indicator, qualitative: bool) -> Iterator[ET.Element]:
    """The target over baseline..target date; each measurement over the time since the last."""
    since = indicator.baseline.date if indicator.baseline is not None else None
    target = indicator.target
    if target is not None:
        period = _period(min(since or target.date, target.date), target.date)
        _measured(ET.SubElement(period, "target"), target.value, qualitative, ctx)
        yield period
    for point in sorted(indicator.values, key=lambda p: p.date):
        start = since if since is not None and since <= point.date else point.date
        period = _period(start, point.date)
        sources = [point.source] if point.source is not None else []
        actual = ET.SubElement(period, "actual")
        _measured(actual, point.value, qualitative, ctx, sources, point.region)
        since = point.date
        yield period
