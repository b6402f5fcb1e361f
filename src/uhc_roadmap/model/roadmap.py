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
    start: IsoDate
    end: IsoDate


class Organisation(Strict):
    id: Id
    name: Text
    type: OrganisationType = Field(description="What kind of organisation this is")


class Axis(Strict):
    id: Id
    title: Text
    objective: Text | None = None
    building_block: BuildingBlock | None = Field(
        default=None, description="The WHO health-system building block the axis strengthens"
    )
    sector: SectorCode | None = None
    iati_ref: IatiRef | None = Field(
        default=None, description="The IATI activity its activities report under"
    )


class Period(Strict):
    start: IsoDate
    end: IsoDate


class ActualPeriod(Strict):
    start: IsoDate | None = None
    end: IsoDate | None = None


class Milestone(Strict):
    id: Id | None = None
    title: Text
    due: IsoDate
    done_on: IsoDate | None = Field(default=None, description="The day it was reached")


class BudgetLine(Strict):
    year: int = Field(ge=1900, le=2200, description="Calendar year of the budget line")
    funder: Id = Field(description="The id of the funding organisation")
    planned: Money
    committed: Money | None = None
    spent: Money | None = None
    currency: CurrencyCode | None = Field(
        default=None, description="Only when it differs from the roadmap's currency"
    )


class Document(Strict):
    title: Text
    url: Annotated[str, Field(pattern=r"^https?://\S+$")]


class Activity(Strict):
    id: Id
    axis: Id = Field(description="The id of the axis this activity belongs to")
    title: Text
    description: Text | None = None
    status: StatusField = Field(
        description="planned, ongoing, finalising, completed, cancelled or suspended"
    )
    planned: Period = Field(description="Planned start and end dates")
    actual: ActualPeriod | None = None
    progress: Percent | None = Field(default=None, description="Percent done, 0 to 100")
    lead: Id | None = Field(default=None, description="The id of the leading organisation")
    partners: list[Id] = Field(default_factory=list)
    regions: list[StrictStr] = Field(
        default_factory=list, description="ISO 3166-2 codes or region group ids; empty = national"
    )
    depends_on: list[Id] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    budget: list[BudgetLine] = Field(default_factory=list)
    refs: list[StrictStr] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    sector: SectorCode | None = None
    iati_ref: IatiRef | None = Field(
        default=None, description="The IATI activity it reports under (default: its axis's)"
    )


# A measurement is a finite number or a Text (qualitative: plain, or one per language);
# .nan and .inf measure nothing.
IndicatorValue = Annotated[StrictFloat, Field(allow_inf_nan=False)] | Text


class Measurement(Strict):
    value: IndicatorValue
    date: IsoDate


class IndicatorPoint(Strict):
    date: IsoDate
    value: IndicatorValue
    region: StrictStr | None = None
    source: StrictStr | None = None


class Indicator(Strict):
    id: Id
    title: Text
    axis: Id | None = None
    activity: Id | None = None
    measure: Measure = Field(description="number, percent or qualitative")
    unit: Text | None = Field(
        default=None, description="What a number counts, e.g. {fr: sages-femmes, en: midwives}"
    )
    direction: Direction = "increase"
    baseline: Measurement | None = None
    target: Measurement | None = None
    values: list[IndicatorPoint] = Field(default_factory=list)
    key: bool = False

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
    summary: Text | None = None
    languages: list[LanguageCode] = Field(
        min_length=1, description="ISO 639-1 codes; the first is the default language"
    )
    programme: StrictStr | None = None
    phase: Phase
    as_of: IsoDate | None = Field(default=None, description="The date the progress data describes")
    currency: CurrencyCode | None = None
    organisations: list[Organisation]
    axes: list[Axis] = Field(min_length=1)
    activities: list[Activity]
    indicators: list[Indicator] = Field(default_factory=list)
    region_groups: dict[Id, list[StrictStr]] = Field(default_factory=dict)
    region_labels: dict[StrictStr, Text] = Field(default_factory=dict)

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
