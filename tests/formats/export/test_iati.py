"""The IATI export: every example and any valid roadmap gives a document the official 2.03 XSD
accepts, with one iati-activity per activity and every mapped field where docs/iati.md says."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import FIXTURES, ROADMAPS
from tests.formats.export.conftest import (
    EXAMPLES,
    GENERATED,
    WHO,
    by_activity,
    etree,
    exported,
    load,
    official_schema,
    parse,
)
from tests.hardening.conftest import FUZZ
from tests.hardening.strategies import dump, roadmap_data
from uhc_roadmap.config import IatiSettings
from uhc_roadmap.formats.export import iati
from uhc_roadmap.formats.export.iati import (
    IatiFormat,
    IatiMappingError,
    IatiRefused,
    amount,
    decimal_digits,
    decimal_text,
    file_format,
    identifier,
    refusals_of,
    scope,
    transaction_date,
)
from uhc_roadmap.model import Roadmap
from uhc_roadmap.validation import check_bytes

MOROCCO = ROADMAPS / "morocco.yaml"
FULL = FIXTURES / "valid" / "full.yaml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS_CODES = {
    "planned": "1",
    "ongoing": "2",
    "finalising": "3",
    "completed": "4",
    "cancelled": "5",
    "suspended": "6",
}


def _id(path: Path) -> str:
    return path.name


def roadmap_with(text: str, old: str, new: str) -> Roadmap:
    assert old in text, old
    checked = check_bytes(text.replace(old, new, 1).encode(), "changed.yaml")
    assert checked.roadmap is not None, checked.result.diagnostics
    assert not checked.result.has_errors, checked.result.diagnostics
    return checked.roadmap


def export(roadmap: Roadmap, settings: IatiSettings = WHO) -> etree._Element:
    return parse(IatiFormat(settings, GENERATED).export(roadmap))


# -- every example ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=_id)
def test_each_example_validates_against_the_official_xsd(path: Path) -> None:
    root = parse(exported(path))
    schema = official_schema()
    assert schema.validate(root), schema.error_log
    assert root.tag == "iati-activities"
    assert root.get("version") == "2.03"
    assert root.get("generated-datetime") == "2026-07-01T00:00:00Z"


@pytest.mark.parametrize("path", EXAMPLES, ids=_id)
def test_one_iati_activity_per_roadmap_activity(path: Path) -> None:
    roadmap = load(path)
    root = parse(exported(path))
    expected = [f"XM-DAC-928-{roadmap.phase.id}-{a.id}" for a in roadmap.activities]
    assert root.xpath("iati-activity/iati-identifier/text()") == expected


@pytest.mark.parametrize("path", EXAMPLES, ids=_id)
def test_statuses_and_date_types_as_mapped(path: Path) -> None:
    roadmap = load(path)
    elements = by_activity(parse(exported(path)), roadmap)
    for activity in roadmap.activities:
        element = elements[activity.id]
        assert element.xpath("activity-status/@code") == [STATUS_CODES[activity.status]]
        actual = activity.actual
        expected = {"1": activity.planned.start, "3": activity.planned.end}
        if actual is not None and actual.start is not None:
            expected["2"] = actual.start
        if actual is not None and actual.end is not None:
            expected["4"] = actual.end
        found = {d.get("type"): d.get("iso-date") for d in element.iterfind("activity-date")}
        assert found == {kind: day.isoformat() for kind, day in expected.items()}


@pytest.mark.parametrize("path", sorted(ROADMAPS.glob("*.yaml")), ids=_id)
def test_narratives_in_every_roadmap_language(path: Path) -> None:
    roadmap = load(path)
    root = parse(exported(path))
    languages = set(roadmap.languages)
    for tag in ("title", "description", "reporting-org", "participating-org", "result/title"):
        for element in root.xpath(f"iati-activity/{tag}"):
            found = {n.get(XML_LANG) for n in element.iterfind("narrative")}
            # The publisher (reporting, and participating as WHO) is named as the configuration
            # names it, in whatever languages that has.
            if element.get("ref") == "XM-DAC-928":
                assert found >= languages, (tag, etree.tostring(element))
            else:
                assert found == languages, (tag, etree.tostring(element))
    assert all(a.get(XML_LANG) == roadmap.default_language for a in root)


def planned_totals(roadmap: Roadmap) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for activity in roadmap.activities:
        for line in activity.budget:
            totals[line.currency or roadmap.currency or ""] += amount(line.planned)
    return dict(totals)


def spent_totals(roadmap: Roadmap) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for activity in roadmap.activities:
        for line in activity.budget:
            if line.spent is not None:
                totals[line.currency or roadmap.currency or ""] += amount(line.spent)
    return dict(totals)


def value_totals(root: etree._Element, values: str) -> dict[str, Decimal]:
    """Σ of the values at ``values`` (from each activity) by currency, the default applied."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for activity in root.iterfind("iati-activity"):
        for value in activity.xpath(values):
            currency = value.get("currency") or activity.get("default-currency")
            totals[currency] += Decimal(value.text)
    return dict(totals)


@pytest.mark.parametrize("path", EXAMPLES, ids=_id)
def test_budgets_add_up_to_the_planned_total_per_currency(path: Path) -> None:
    root = parse(exported(path))
    assert value_totals(root, "budget/value") == planned_totals(load(path))


@pytest.mark.parametrize("path", EXAMPLES, ids=_id)
def test_expenditure_adds_up_to_the_spent_total(path: Path) -> None:
    root = parse(exported(path))
    spent = "transaction[transaction-type/@code = '4']/value"
    assert value_totals(root, spent) == spent_totals(load(path))


def test_a_second_currency_keeps_its_attribute_and_is_not_converted() -> None:
    text = FULL.read_text(encoding="utf-8")
    roadmap = roadmap_with(
        text,
        "{year: 2021, funder: MS, planned: 25000}",
        "{year: 2021, funder: MS, planned: 25000, currency: EUR}",
    )
    root = export(roadmap)
    [budget] = root.xpath("iati-activity/budget[period-start/@iso-date = '2021-01-01']")
    assert budget.xpath("value/@currency") == ["EUR"]
    assert budget.findtext("value") == "25000"
    assert value_totals(root, "budget/value") == {"USD": Decimal("135000.5"), "EUR": Decimal(25000)}


# -- field by field ----------------------------------------------------------------------------


def test_full_fixture_field_by_field() -> None:
    roadmap = load(FULL)
    elements = by_activity(parse(exported(FULL)), roadmap)
    survey, strategy = elements["HRH-01"], elements["HRH-02"]
    assert survey.xpath("sector/@code") == ["12196"]  # the activity's own sector
    assert strategy.xpath("sector/@code") == ["12281"]  # its axis's
    assert survey.xpath("related-activity[@type = '1']/@ref") == ["XM-DAC-928-MA-2016-17-4.2.LU01"]
    assert strategy.xpath("related-activity[@type = '1']/@ref") == [
        "XM-DAC-928-MA-2016-17-1.1.EU01"
    ]
    assert strategy.xpath("related-activity[@type = '3']/@ref") == ["XM-DAC-928-UHCP-III-HRH-01"]
    [link] = survey.xpath("document-link")
    assert (link.get("url"), link.get("format")) == (
        "https://example.org/rapport.pdf",
        "application/pdf",
    )
    assert link.xpath("category/@code") == ["A08"]
    assert link.xpath("title/narrative/text()") == ["Rapport", "Report"]
    assert survey.xpath("tag[@vocabulary = '99']/@code") == ["GPW13 1.1.1"]
    assert survey.xpath("location/@ref") == ["MA-01", "MA-11"]
    assert survey.xpath("location[@ref = 'MA-11']/name/narrative/text()") == [
        "Laâyoune-Sakia El Hamra",
        "Laâyoune-Sakia El Hamra",
    ]
    assert strategy.xpath("location/@ref") == ["MA-07", "MA-09"]  # the PILOT group, expanded
    assert survey.xpath("activity-scope/@code") == ["5"]
    assert survey.xpath("recipient-country/@code") == ["MA"]


def test_participating_organisations_and_their_roles() -> None:
    roadmap = load(MOROCCO)
    elements = by_activity(parse(exported(MOROCCO)), roadmap)
    orgs = [
        (p.get("role"), p.get("type"), p.findtext("narrative"), p.get("ref"))
        for p in elements["FIN-02"].iterfind("participating-org")
    ]
    assert orgs == [
        ("1", None, "Union européenne", None),  # funder of its budget lines
        ("4", "10", "Direction de la planification et des ressources financières", None),  # lead
        ("4", "10", "Agence nationale de l'assurance maladie", None),  # partners
        ("4", "40", "Bureau de l'OMS au Maroc", None),
        ("4", "40", "UNICEF Maroc", None),
        ("3", "40", "Organisation mondiale de la Santé", "XM-DAC-928"),  # the publisher
    ]  # EU, a partner too, is a funder and is listed once as such


def test_budget_status_and_transactions_of_one_activity() -> None:
    roadmap = load(MOROCCO)
    gov_03 = by_activity(parse(exported(MOROCCO)), roadmap)["GOV-03"]
    budgets = [
        (b.get("status"), b.xpath("period-start/@iso-date")[0], b.findtext("value"))
        for b in gov_03.iterfind("budget")
    ]
    assert budgets == [
        ("2", "2019-01-01", "45000"),  # fully committed
        ("1", "2020-01-01", "50000"),  # 30000 of 50000 committed: indicative
        ("1", "2021-01-01", "35000"),
    ]
    assert all(b.get("type") == "1" for b in gov_03.iterfind("budget"))
    transactions = [
        (
            t.xpath("transaction-type/@code")[0],
            t.xpath("transaction-date/@iso-date")[0],
            t.findtext("value"),
        )
        for t in gov_03.iterfind("transaction")
    ]
    assert transactions == [
        ("2", "2019-12-31", "45000"),
        ("4", "2019-12-31", "41000"),
        ("2", "2020-12-31", "30000"),
        ("4", "2020-12-31", "18500"),
        ("2", "2021-09-30", "20000"),  # the year is not over at as_of 2021-09-30
        ("4", "2021-09-30", "9000"),
    ]
    assert gov_03.xpath("transaction/value/@value-date") == gov_03.xpath(
        "transaction/transaction-date/@iso-date"
    )


def test_results_from_the_roadmaps_indicators() -> None:
    roadmap = load(MOROCCO)
    elements = by_activity(parse(exported(MOROCCO)), roadmap)
    [own] = elements["PHC-03"].xpath("result[@type = '1']")  # the activity's indicator: output
    indicator = own.find("indicator")
    assert (indicator.get("measure"), indicator.get("ascending")) == ("1", "true")
    assert indicator.xpath("baseline/@value") == ["0"]
    assert indicator.xpath("period[target]/period-end/@iso-date") == ["2021-12-31"]
    assert indicator.xpath("period/target/@value") == ["2"]
    assert indicator.xpath("period/actual/@value") == ["0"]
    # The axis's indicators are outcomes of each of its activities, not to be added up.
    outcomes = elements["FIN-01"].xpath("result[@type = '2']")
    assert [r.get("aggregation-status") for r in outcomes] == ["false"]
    oop = outcomes[0].find("indicator")
    assert (oop.get("measure"), oop.get("ascending")) == ("2", "false")  # percent, decrease
    # A qualitative indicator: no @value (IATI 8.10.3), the text in the comment.
    [qualitative] = elements["HRH-03"].xpath("result/indicator[@measure = '5']")
    assert qualitative.get("ascending") is None
    assert qualitative.xpath("period/actual/@value") == []
    assert qualitative.xpath("period/actual/comment/narrative/text()") == [
        "Projet soumis au ministère",
        "Draft submitted to the ministry",
        "تقديم المشروع إلى الوزارة",
        "Consultation des partenaires sociaux en cours",
        "Consultation of the social partners under way",
        "التشاور مع الشركاء الاجتماعيين جارٍ",
    ]
    assert qualitative.xpath("period/actual/comment/narrative/@xml:lang") == ["fr", "en", "ar"] * 2


def test_indicator_value_region_and_source() -> None:
    roadmap = load(FULL)
    survey = by_activity(parse(exported(FULL)), roadmap)["HRH-01"]
    [first, _] = survey.xpath("result/indicator/period[actual]")
    assert first.xpath("actual/dimension[@name = 'region']/@value") == ["MA-07"]
    assert first.xpath("actual/comment/narrative/text()") == ["Annuaire statistique"]
    assert first.xpath("period-start/@iso-date") == ["2016-12-31"]  # since the baseline


def test_description_falls_back_to_the_axis_objective_then_the_title() -> None:
    roadmap = load(MOROCCO)
    elements = by_activity(parse(exported(MOROCCO)), roadmap)
    fin_01 = elements["FIN-01"]  # no description of its own
    assert fin_01.xpath("description/@type") == ["2"]
    minimal = load(FIXTURES / "valid" / "minimal.yaml")
    assert minimal.axes[0].objective is None
    assert minimal.activities[0].description is None
    [description] = export(minimal).xpath("iati-activity/description")
    assert description.get("type") == "1"
    assert description.xpath("narrative/text()") == export(minimal).xpath(
        "iati-activity/title/narrative/text()"
    )


def test_identifier_prefix_and_default_sector_from_the_settings() -> None:
    settings = WHO.model_copy(
        update={"identifier_prefix": "XM-DAC-928-MA", "default_sector": 12220}
    )
    root = export(load(MOROCCO), settings)
    assert root.xpath("iati-activity[1]/iati-identifier/text()") == [
        "XM-DAC-928-MA-UHCP-III-GOV-01"
    ]
    assert set(root.xpath("iati-activity/sector/@code")) == {"12220"}
    assert set(root.xpath("iati-activity/sector/@vocabulary")) == {"1"}


# -- small functions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (30000.0, "30000"),
        (100000.5, "100000.5"),
        (0.1, "0.1"),
        (0.0, "0"),
        (1e-7, "0.0000001"),
        (1.5e12, "1500000000000"),
        (-0.0, "0"),
    ],
)
def test_amounts_are_plain_decimals(value: float, text: str) -> None:
    assert decimal_text(amount(value)) == text


@pytest.mark.parametrize(
    ("url", "media_type"),
    [
        ("https://example.org/rapport.pdf", "application/pdf"),
        ("https://example.org/Plan.DOCX?download=1", iati.FILE_FORMATS[".docx"]),
        ("https://example.org/page", "text/html"),
        ("https://example.org/v1.2/page", "text/html"),
        ("https://example.org/", "text/html"),
    ],
)
def test_file_format_from_the_links_suffix(url: str, media_type: str) -> None:
    assert file_format(url) == media_type


def test_transactions_are_dated_at_the_year_end_or_the_reference_date() -> None:
    assert transaction_date(2019, date(2021, 9, 30)) == date(2019, 12, 31)
    assert transaction_date(2021, date(2021, 9, 30)) == date(2021, 9, 30)
    assert transaction_date(2022, date(2021, 9, 30)) == date(2021, 9, 30)  # committed ahead


def test_activity_scope() -> None:
    assert scope([]) == "4"  # national
    assert scope(["MA-07"]) == "6"
    assert scope(["MA-07", "MA-09"]) == "5"
    assert scope(["MA-MAR"]) is None  # a prefecture inside a region: not said


# -- what IATI refuses -------------------------------------------------------------------------


def test_an_actual_date_after_the_export_is_refused_with_its_path() -> None:
    roadmap = load(MOROCCO)
    refusals = refusals_of(roadmap, date(2019, 1, 1))
    paths = [r.path for r in refusals]
    first = next(i for i, a in enumerate(roadmap.activities) if a.id == "GOV-03")
    assert ("activities", first, "actual", "start") in paths
    assert all(
        "11.1.4" in r.message or "11.1.5" in r.message or "11.2.1" in r.message for r in refusals
    )
    with pytest.raises(IatiRefused):
        IatiFormat(WHO, datetime(2019, 1, 1, tzinfo=UTC)).export(roadmap)


def test_an_as_of_after_the_export_is_refused_when_it_dates_a_transaction() -> None:
    roadmap = load(ROADMAPS / "algeria.yaml")  # as_of 2026-06-30
    [refusal] = refusals_of(roadmap, date(2026, 6, 29))
    assert refusal.path == ("as_of",)
    assert "11.2.1" in refusal.message


def test_a_currency_iati_does_not_list_is_refused() -> None:
    text = FULL.read_text(encoding="utf-8")
    roadmap = roadmap_with(text, "currency: USD\n", "currency: XSU\n")  # ISO 4217, not IATI
    [refusal] = refusals_of(roadmap, GENERATED.date())
    assert refusal.path == ("currency",)


def test_an_amount_longer_than_iatis_validator_reads_is_refused() -> None:
    text = FULL.read_text(encoding="utf-8")
    roadmap = roadmap_with(text, "planned: 90000,", "planned: 1.0e+25,")  # 26 digits
    [refusal] = refusals_of(roadmap, GENERATED.date())
    assert refusal.path == ("activities", 0, "budget", 0, "planned")
    assert "more than 24 digits" in refusal.message
    two = "planned: 6.0e+23, committed: 90000, spent: 86500}\n      - {year: 2017, funder: EU, planned: 6.0e+23"
    total = refusals_of(
        roadmap_with(text, "planned: 90000, committed: 90000, spent: 86500", two), GENERATED.date()
    )
    assert [(r.path, r.message.split(" amount")[0]) for r in total] == [
        (("activities", 0, "budget"), "the 2017 planned")  # each line has 24 digits, the sum 25
    ]
    assert decimal_digits("90000.00000000000000000001") == 25
    assert decimal_digits("0.000000000000000000000001") == 24
    assert decimal_digits("-100000.5") == 7


def test_a_character_xml_cannot_hold_is_refused_where_it_is() -> None:
    text = FULL.read_text(encoding="utf-8")
    roadmap = roadmap_with(text, "title: {fr: Rapport,", 'title: {fr: "Rap\\uFFFEport",')
    [refusal] = refusals_of(roadmap, GENERATED.date())
    assert refusal.path == ("activities", 0, "documents", 0, "title", "fr")
    assert refusal.message == "the text holds U+FFFE, a character XML cannot hold"


def test_a_broken_mapping_is_caught_before_anything_is_returned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(iati.ACTIVITY_STATUS, "completed", "7")
    with pytest.raises(IatiMappingError, match="ActivityStatus") as caught:
        IatiFormat(WHO, GENERATED).export(load(MOROCCO))
    assert "bug" in str(caught.value)


# -- any valid roadmap -------------------------------------------------------------------------

SECTORS = (12110, 12220, 12281, 12196)


@st.composite
def roadmaps_for_iati(draw: st.DrawFn) -> str:
    """Valid roadmaps (tests/hardening/strategies.py) with the fields only IATI reads."""
    data: dict[str, Any] = draw(roadmap_data())
    for item in [*data["axes"], *data["activities"]]:
        if draw(st.booleans()):
            item["sector"] = draw(st.sampled_from(SECTORS))
        if draw(st.booleans()):
            item["iati_ref"] = draw(
                st.from_regex(r"XM-DAC-928-[A-Z]{2}-20[0-9]{2}-[0-9.]{1,8}", fullmatch=True)
            )
    for activity in data["activities"]:
        for line in activity["budget"]:  # money in cents: longer amounts are refused (below)
            for key in ("planned", "committed", "spent"):
                if key in line:
                    line[key] = round(line[key], 2)
        if draw(st.booleans()):
            activity["refs"] = draw(
                st.lists(st.sampled_from(["GPW13 1.1.1", "SDG 3.8", "x"]), max_size=2)
            )
        if draw(st.booleans()):
            url = draw(
                st.sampled_from(["https://a.org/r.pdf", "http://b.org/p", "https://c.org/d.xlsx"])
            )
            activity["documents"] = [{"title": "Doc", "url": url}]
    return dump(data)


def exported_or_refused(text: str, generated: datetime) -> tuple[Roadmap, bytes | None]:
    checked = check_bytes(text.encode(), "generated.yaml")
    assert checked.roadmap is not None, checked.result.diagnostics
    assert not checked.result.has_errors, checked.result.diagnostics
    try:
        return checked.roadmap, IatiFormat(WHO, generated).export(checked.roadmap)
    except IatiRefused:
        return checked.roadmap, None


@FUZZ
@given(text=roadmaps_for_iati())
def test_any_valid_roadmap_exports_to_a_document_the_official_xsd_accepts(text: str) -> None:
    roadmap, data = exported_or_refused(text, datetime(2100, 1, 1, tzinfo=UTC))
    if data is None:  # nothing lies after 2100: only an empty roadmap is refused
        assert [r.path for r in refusals_of(roadmap, date(2100, 1, 1))] == [("activities",)]
        return
    root = parse(data)
    schema = official_schema()
    assert schema.validate(root), schema.error_log
    assert len(root) == len(roadmap.activities)
    assert value_totals(root, "budget/value") == planned_totals(roadmap)
    spent = "transaction[transaction-type/@code = '4']/value"
    assert value_totals(root, spent) == spent_totals(roadmap)


@FUZZ
@given(text=roadmaps_for_iati(), day=st.dates(date(2000, 1, 1), date(2045, 12, 31)))
def test_exported_at_any_date_a_roadmap_is_valid_iati_or_refused_with_reasons(
    text: str, day: date
) -> None:
    generated = datetime.combine(day, datetime.min.time(), UTC)
    roadmap, data = exported_or_refused(text, generated)
    if data is None:
        assert refusals_of(roadmap, day)
    else:
        assert official_schema().validate(parse(data))


def test_identifier_is_prefix_phase_and_activity() -> None:
    roadmap = load(MOROCCO)
    assert identifier(WHO, roadmap, roadmap.activities[0]) == "XM-DAC-928-UHCP-III-GOV-01"
