"""The pydantic models of roadmap format version 1 (see docs/format.md)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictStr, model_validator
from pydantic_core import PydanticCustomError

from uhc_roadmap.model.text import Text
from uhc_roadmap.model.types import (
    BuildingBlock,
    CountryCode,
    CurrencyCode,
    Direction,
    IatiRef,
    Id,
    IsoDate,
    LanguageCode,
    Measure,
    Money,
    OrganisationType,
    Percent,
    SectorCode,
    StatusField,
)

SCHEMA_VERSION = "1"


class Strict(BaseModel):
    """Shared configuration: unknown fields are errors and nothing is coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, arbitrary_types_allowed=True)


class Phase(Strict):
    id: Id
    start: IsoDate = Field(description="The first day of the phase, YYYY-MM-DD")
    end: IsoDate = Field(description="The last day of the phase, YYYY-MM-DD")


class Organisation(Strict):
    id: Id
    name: Text
    type: OrganisationType = Field(description="What kind of organisation this is")


class Axis(Strict):
    id: Id
    title: Text
    objective: Text | None = Field(default=None, description="What the axis aims to achieve")
    building_block: BuildingBlock | None = Field(
        default=None, description="The WHO health-system building block the axis strengthens"
    )
    sector: SectorCode | None = Field(
        default=None, description="Its OECD DAC 5-digit sector code (IATI), e.g. 12110"
    )
    iati_ref: IatiRef | None = Field(
        default=None, description="The IATI activity its activities report under"
    )


class Period(Strict):
    start: IsoDate = Field(description="The first day, YYYY-MM-DD")
    end: IsoDate = Field(description="The last day, YYYY-MM-DD")


class ActualPeriod(Strict):
    start: IsoDate | None = Field(default=None, description="The day the work started")
    end: IsoDate | None = Field(
        default=None, description="The day the work ended; absent while it goes on"
    )


class Milestone(Strict):
    id: Id | None = Field(default=None, description="An id, to refer to the milestone")
    title: Text
    due: IsoDate = Field(description="The day it is due, YYYY-MM-DD")
    done_on: IsoDate | None = Field(default=None, description="The day it was reached")


class BudgetLine(Strict):
    year: int = Field(ge=1900, le=2200, description="Calendar year of the budget line")
    funder: Id = Field(description="The id of the funding organisation")
    planned: Money
    committed: Money | None = Field(
        default=None, description="The amount committed so far, in the line's currency"
    )
    spent: Money | None = Field(
        default=None, description="The amount spent so far, in the line's currency"
    )
    currency: CurrencyCode | None = Field(
        default=None, description="Only when it differs from the roadmap's currency"
    )


class Document(Strict):
    title: Text
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] = Field(
        description="Where the document is: an http:// or https:// address"
    )


class Activity(Strict):
    id: Id
    axis: Id = Field(description="The id of the axis this activity belongs to")
    title: Text
    description: Text | None = Field(default=None, description="What the activity does")
    status: StatusField = Field(
        description="planned, ongoing, finalising, completed, cancelled or suspended (IATI "
        "ActivityStatus codes 1 to 6 are also read, as these six in that order)"
    )
    planned: Period = Field(description="Planned start and end dates")
    actual: ActualPeriod | None = Field(
        default=None, description="The actual start and end dates, as far as known"
    )
    progress: Percent | None = Field(default=None, description="Percent done, 0 to 100")
    lead: Id | None = Field(default=None, description="The id of the leading organisation")
    partners: list[Id] = Field(
        default_factory=list, description="The ids of the organisations that take part"
    )
    regions: list[StrictStr] = Field(
        default_factory=list, description="ISO 3166-2 codes or region group ids; empty = national"
    )
    depends_on: list[Id] = Field(
        default_factory=list, description="The ids of the activities that must come first"
    )
    milestones: list[Milestone] = Field(
        default_factory=list, description="Dated steps on the way, each with a title and a due day"
    )
    budget: list[BudgetLine] = Field(
        default_factory=list, description="The budget by year and funder: planned, committed, spent"
    )
    refs: list[StrictStr] = Field(
        default_factory=list, description="References to other frameworks, e.g. GPW13 output 1.1.1"
    )
    documents: list[Document] = Field(
        default_factory=list, description="Documents about the activity, each a title and a URL"
    )
    sector: SectorCode | None = Field(
        default=None, description="Its OECD DAC 5-digit sector code (IATI), e.g. 12110"
    )
    iati_ref: IatiRef | None = Field(
        default=None, description="The IATI activity it reports under (default: its axis's)"
    )


# A measurement is a finite number or a Text (qualitative: plain, or one per language);
# .nan and .inf measure nothing.
IndicatorValue = Annotated[StrictFloat, Field(allow_inf_nan=False)] | Text


class Measurement(Strict):
    value: IndicatorValue = Field(description="A number, or a text for a qualitative indicator")
    date: IsoDate = Field(description="The day the value holds for, YYYY-MM-DD")


class IndicatorPoint(Strict):
    date: IsoDate = Field(description="The day of the measurement, YYYY-MM-DD")
    value: IndicatorValue = Field(description="A number, or a text for a qualitative indicator")
    region: StrictStr | None = Field(
        default=None, description="The ISO 3166-2 region measured; absent = national"
    )
    source: StrictStr | None = Field(default=None, description="Where the value comes from")


class Indicator(Strict):
    id: Id
    title: Text
    axis: Id | None = Field(default=None, description="The id of the axis it measures")
    activity: Id | None = Field(default=None, description="The id of the activity it measures")
    measure: Measure = Field(description="number, percent or qualitative")
    unit: Text | None = Field(
        default=None, description="What a number counts, e.g. {fr: sages-femmes, en: midwives}"
    )
    direction: Direction = Field(
        default="increase", description="Whether progress means the value goes up or down"
    )
    baseline: Measurement | None = Field(
        default=None, description="The starting value and its date (not for qualitative ones)"
    )
    target: Measurement | None = Field(
        default=None, description="The value aimed at and the date it is due"
    )
    values: list[IndicatorPoint] = Field(
        default_factory=list, description="Measurements over time, each a date and a value"
    )
    key: bool = Field(default=False, description="A key indicator, shown first in reports")

    @model_validator(mode="after")
    def _what_and_how_much(self) -> Self:
        if self.axis is None and self.activity is None:
            raise PydanticCustomError(
                "indicator_subject", "an indicator measures an `axis` or an `activity`; give one"
            )
        if self.measure != "qualitative" and (self.baseline is None or self.target is None):
            missing = "baseline" if self.baseline is None else "target"
            raise PydanticCustomError(
                "missing_for_numbers",
                "a {measure} indicator needs a `{field}` with a value and a date",
                {"measure": self.measure, "field": missing},
            )
        return self


class Roadmap(Strict):
    schema_version: StrictStr = Field(description='The format version; always "1"')
    country: CountryCode
    title: Text
    summary: Text | None = Field(default=None, description="A paragraph on the roadmap")
    languages: list[LanguageCode] = Field(
        min_length=1, description="ISO 639-1 codes; the first is the default language"
    )
    programme: StrictStr | None = Field(
        default=None, description="The programme it belongs to, e.g. UHC Partnership"
    )
    phase: Phase = Field(description="The phase the roadmap covers: an id, a start and an end")
    as_of: IsoDate | None = Field(default=None, description="The date the progress data describes")
    currency: CurrencyCode | None = Field(
        default=None, description="The currency of every budget: an ISO 4217 code, e.g. USD"
    )
    organisations: list[Organisation] = Field(
        description="Everyone the roadmap names: ministry, WHO, funders, partners"
    )
    axes: list[Axis] = Field(min_length=1, description="The strategic axes, at least one")
    activities: list[Activity] = Field(description="The work, each activity under one axis")
    indicators: list[Indicator] = Field(
        default_factory=list, description="What progress is measured by, per axis or activity"
    )
    region_groups: dict[Id, list[StrictStr]] = Field(
        default_factory=dict,
        description="Named groups of ISO 3166-2 regions, usable in an activity's regions",
    )
    region_labels: dict[StrictStr, Text] = Field(
        default_factory=dict,
        description="Display names of ISO 3166-2 regions, where they differ from ISO's",
    )

    @model_validator(mode="before")
    @classmethod
    def _known_version(cls, data: object) -> object:
        version = data.get("schema_version") if isinstance(data, dict) else None
        if isinstance(version, str) and version != SCHEMA_VERSION:
            raise PydanticCustomError(
                "schema_version",
                'schema_version "{version}" is not supported; this uhc-roadmap reads version "1"',
                {"version": version},
            )
        return data

    @model_validator(mode="after")
    def _currency_when_budgeted(self) -> Self:
        if self.currency is None and any(a.budget for a in self.activities):
            raise PydanticCustomError(
                "missing_currency", "budgets are given but the roadmap has no `currency`"
            )
        return self

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def reference_date(self, today: date | None = None) -> date:
        """The date progress is measured at: ``as_of``, else today."""
        return self.as_of or today or date.today()
