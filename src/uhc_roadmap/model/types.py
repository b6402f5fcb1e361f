"""Field types of the format: ids, dates, codes and money, each with its own plain error."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    GetJsonSchemaHandler,
    PlainValidator,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from uhc_roadmap.model import codes

ID_PATTERN = r"^[A-Z][A-Z0-9]*(?:[-_.][A-Z0-9]+)*$"
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

Id = Annotated[str, Field(pattern=ID_PATTERN, description="An id such as GOV-01")]


def _parse_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", "expected a date written YYYY-MM-DD")
    if not DATE_PATTERN.fullmatch(value):
        raise PydanticCustomError(
            "date_format", "`{value}` is not a date written YYYY-MM-DD", {"value": value}
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "date_value", "`{value}` is not a day of the calendar", {"value": value}
        ) from None


_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})")


def date_readings(text: str) -> list[date]:
    """The days a date written another way can mean: ``15/06/2021`` only the 15th of June,
    ``01/06/2021`` the 1st of June (day first) or the 6th of January (month first), in that
    order; ``2021/6/15`` the 15th of June. Empty when ``text`` is no such date."""
    text = text.strip()
    found = _YEAR_FIRST.fullmatch(text)
    if found:
        year, month, day = (int(g) for g in found.groups())
        return _days([(year, month, day)])
    found = _DAY_FIRST.fullmatch(text)
    if not found:
        return []
    first, second, year = (int(g) for g in found.groups())
    return _days([(year, second, first), (year, first, second)])


def _days(candidates: list[tuple[int, int, int]]) -> list[date]:
    days: list[date] = []
    for year, month, day in candidates:
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found not in days:
            days.append(found)
    return days


# The days of the calendar, for editors: YYYY-MM-DD with a month's own number of days and
# 29 February only in leap years (every 4th year, not centuries, but every 400th), year 0001
# to 9999 as Python's `date` reads them; `2016-02-30` and `2021-02-29` are refused as you type.
CALENDAR_DAY_PATTERN = (
    r"^(?!0000)(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    r"|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$"
)

IsoDate = Annotated[
    date,
    PlainValidator(_parse_date),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": CALENDAR_DAY_PATTERN,
            "patternErrorMessage": "not a day of the calendar written YYYY-MM-DD",
        }
    ),
]


def _country(value: str) -> str:
    if codes.is_country(value):
        return value
    by_alpha_3 = codes.country_by_alpha_3(value)
    hint = f" (did you mean `{by_alpha_3.alpha_2}`?)" if by_alpha_3 else ""
    raise PydanticCustomError(
        "unknown_country",
        "`{value}` is not an ISO 3166-1 alpha-2 country code{hint}",
        {"value": value, "hint": hint},
    )


def _currency(value: str) -> str:
    if not codes.is_currency(value):
        raise PydanticCustomError(
            "unknown_currency", "`{value}` is not an ISO 4217 currency code", {"value": value}
        )
    return value


def _language(value: str) -> str:
    if not codes.is_language(value):
        raise PydanticCustomError(
            "unknown_language", "`{value}` is not an ISO 639-1 language code", {"value": value}
        )
    return value


@dataclass(frozen=True)
class CodeList:
    """A code list in the JSON Schema, so that editors check and complete the codes.

    The codes are a ``pattern`` (one alternation), not an ``enum``: editors list an enum's
    values in the hover of every such field (some 250 countries), and describe the field
    instead when it is a pattern. ``patternErrorMessage`` (read by yaml-language-server and VS
    Code) says what is wrong without printing the pattern, and ``defaultSnippets`` let them
    complete the codes. The values are read from pycountry when the schema is generated,
    never at import time.
    """

    values: Callable[[], Sequence[str | int]]
    what: str = "a code of its list"  # "an ISO 3166-1 alpha-2 country code"

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        generated = handler(schema)
        values = list(self.values())
        if not all(isinstance(value, str) for value in values):
            generated["enum"] = values  # numbers (sector codes): a pattern checks only strings
            return generated
        texts = [str(value) for value in values]
        generated["pattern"] = "^(?:" + "|".join(map(re.escape, texts)) + ")$"
        generated["patternErrorMessage"] = f"not {self.what}"
        generated["defaultSnippets"] = [{"label": value, "body": value} for value in texts]
        return generated


CountryCode = Annotated[
    str,
    Field(
        pattern=r"^[A-Z]{2}$",
        description="The country: its ISO 3166-1 alpha-2 code, two capital letters, e.g. MA "
        "for Morocco, KZ for Kazakhstan, DZ for Algeria",
    ),
    AfterValidator(_country),
    CodeList(codes.country_codes, "an ISO 3166-1 alpha-2 country code"),
]
CurrencyCode = Annotated[
    str,
    Field(
        pattern=r"^[A-Z]{3}$",
        description="An ISO 4217 currency code, three capital letters, e.g. USD, EUR, MAD",
    ),
    AfterValidator(_currency),
    CodeList(codes.currency_codes, "an ISO 4217 currency code"),
]
LanguageCode = Annotated[
    str,
    Field(pattern=r"^[a-z]{2}$", description="An ISO 639-1 language code, e.g. fr, en, ar"),
    AfterValidator(_language),
    CodeList(codes.language_codes, "an ISO 639-1 language code"),
]


def _sector(value: int) -> int:
    if not codes.is_sector(value):
        raise PydanticCustomError(
            "unknown_sector",
            "`{value}` is not an OECD DAC 5-digit sector code (IATI Sector codelist)",
            {"value": value},
        )
    return value


SectorCode = Annotated[
    int,
    Field(description="OECD DAC 5-digit sector (purpose) code for IATI, e.g. 12110"),
    AfterValidator(_sector),
    CodeList(codes.sector_codes, "an OECD DAC 5-digit sector code"),
]
IatiRef = Annotated[
    str,
    Field(
        pattern=r"^[^\s/&|?](?:[^/&|?]*[^\s/&|?])?$",
        description="The iati-identifier of a published IATI activity, e.g. "
        "XM-DAC-928-MA-2024-25-1.1.EU01",
    ),
]
Money = Annotated[
    float,
    Field(allow_inf_nan=False, description="An amount in the roadmap's currency"),
]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]

Status = Literal["planned", "ongoing", "finalising", "completed", "cancelled", "suspended"]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]
# IATI ActivityStatus codes 1-6 are accepted as aliases.
IATI_STATUS = dict(zip(("1", "2", "3", "4", "5", "6"), STATUSES, strict=True))


def _status_alias(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return IATI_STATUS.get(str(value), value)
    if isinstance(value, str):
        return IATI_STATUS.get(value, value)
    return value


StatusField = Annotated[
    Status,
    BeforeValidator(_status_alias),
    # Editors complete the enum's six words only; the IATI codes are accepted through the
    # other branches (a range and a pattern), which they do not offer as completions.
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(STATUSES)},
                {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 6,
                    "description": "An IATI ActivityStatus code, 1 (pipeline) to 6 (suspended)",
                },
                {"type": "string", "pattern": "^[1-6]$"},
            ]
        }
    ),
]

OrganisationType = Literal[
    "government", "who", "funder", "un_agency", "ngo", "academic", "health_facility", "other"
]
BuildingBlock = Literal[
    "governance", "financing", "workforce", "service_delivery", "information", "medicines"
]
Measure = Literal["number", "percent", "qualitative"]
Direction = Literal["increase", "decrease"]
