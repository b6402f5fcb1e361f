"""The workbook layout, declared once and read by both directions (export and import).

One sheet per table of the format (docs/format.md): ``roadmap`` holds the roadmap's own fields,
one per row (field path in column A, value in column B); every other sheet holds one record per
row, with the record's field paths in row 1 (``id``, ``axis``, ``title.fr``, ``planned.start``)
and a label for people in row 2, which import recognises and skips. Records nested in another
(an activity's milestones, budget lines and documents; an indicator's measurements) have their
own sheet, whose first column names the record they belong to (``activity``, ``indicator``).

The columns are read off the pydantic models, not written out here: a field added to a model
gets its column, a field that becomes a translatable text gets one column per language
(``unit.fr``, ``unit.en``), and so does an indicator's value, a number or a Text
(``value.fr``, ``value.en``; a number sits in the first language's column alone). A field of
a type the layout cannot hold is refused when this module is imported (tests import it), so
no value is ever silently left out of a workbook.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from uhc_roadmap.model import (
    Activity,
    Axis,
    BudgetLine,
    Indicator,
    IndicatorPoint,
    Milestone,
    Organisation,
    Roadmap,
    Text,
)
from uhc_roadmap.model.roadmap import Document
from uhc_roadmap.model.types import Id, IsoDate, Money

Kind = Literal[
    "id", "text", "string", "date", "number", "money", "integer", "bool", "choice", "list",
    "value",
]  # fmt: skip
"""How a field is written in a cell:

- ``id``: an id or a code, text without spaces around it;
- ``text``: a translatable Text, one column per language;
- ``string``: free text;
- ``date``: a date cell (or an ISO date typed as text);
- ``number`` / ``money`` / ``integer``: a number cell (money with the currency's format);
- ``bool``: TRUE / FALSE;
- ``choice``: one of the words of a list (a drop-down);
- ``list``: several values in one cell, separated by commas;
- ``value``: an indicator value, a number or a Text (a qualitative value): one column per
  language like a text, a number written in the first language's column alone.
"""

TRANSLATED: frozenset[str] = frozenset({"text", "value"})
"""Kinds with one column per language (``title.fr``, ``value.en``)."""

MAX_CELL = 32_767
"""The most characters a cell holds (Excel's limit; LibreOffice's is larger)."""
MAX_ROWS = 20_000
"""The most records a sheet may hold: far more than any roadmap (the 200-activity benchmark
roadmap has under 2,000 rows in its largest sheet), far fewer than a sheet can hold."""
LABEL_ROW = 2
"""The row of the labels for people, under the field paths of row 1."""
FIRST_ROW = 3
"""The first row of records in a workbook written by ``export``."""
README = "README"
"""The sheet that explains the workbook; import reads nothing from it."""
ROADMAP = "roadmap"
ROADMAP_HEADERS = ("field", "value", "label")
"""Row 1 of the ``roadmap`` sheet: its column A holds the field paths, B their values."""

_MISSING: Any = PydanticUndefined


@dataclass(frozen=True)
class Field:
    """One field of a record, as the workbook holds it."""

    path: tuple[str, ...]
    """Where the value sits in the record: ``("planned", "start")``; ``()`` for the whole
    value of a map entry (a region label)."""
    kind: Kind
    required: bool = False
    choices: tuple[str, ...] = ()
    refers: str = ""
    """The sheet whose ids the field names (``axes`` for an activity's ``axis``)."""
    default: Any = _MISSING
    """The model's default, which an empty cell means (``direction: increase``)."""
    name: str = ""
    """The header when ``path`` is empty (``label`` for a region label)."""

    @property
    def key(self) -> str:
        """The field path as row 1 writes it, without a language: ``planned.start``."""
        return ".".join(self.path) or self.name

    @property
    def has_default(self) -> bool:
        return self.default is not _MISSING

    @property
    def translated(self) -> bool:
        """One column per language: a text, or a value that may be one."""
        return self.kind in TRANSLATED


@dataclass(frozen=True)
class Column:
    """One column: a field, and for a text or a value its language."""

    field: Field
    lang: str = ""

    @property
    def header(self) -> str:
        """Row 1: ``title.fr``, ``status``."""
        return f"{self.field.key}.{self.lang}" if self.lang else self.field.key


@dataclass(frozen=True)
class Sheet:
    """One sheet: the records of one table of the format."""

    name: str
    where: tuple[str, ...]
    """The document path of the table, ``*`` for the position of the record that holds it:
    ``("activities",)``, ``("activities", "*", "budget")``."""
    fields: tuple[Field, ...]
    parent: str = ""
    """The sheet of the records these belong to (``activities`` for ``budget``)."""
    parent_field: str = ""
    """The column naming that record (``activity``)."""
    mapping: bool = False
    """A map of key to value (``region_groups``), not a list of records."""
    required: tuple[str, ...] = ()
    """Fields that must have a column (the others may be left out of a hand-made sheet)."""

    def columns(self, languages: Sequence[str]) -> tuple[Column, ...]:
        """The columns for a roadmap in ``languages``: a text or a value has one per
        language."""
        found: list[Column] = []
        if self.parent_field:
            found.append(Column(parent_key_field(self)))
        for item in self.fields:
            if item.translated:
                found.extend(Column(item, lang) for lang in languages)
            else:
                found.append(Column(item))
        return tuple(found)

    @property
    def id_field(self) -> Field | None:
        return next((f for f in self.fields if f.path == ("id",)), None)


@cache
def parent_key_field(sheet: Sheet) -> Field:
    return Field((sheet.parent_field,), "id", required=True, refers=sheet.parent)


# -- reading the models ----------------------------------------------------------------------

REFERENCES: dict[str, str] = {
    "axis": "axes",
    "lead": "organisations",
    "funder": "organisations",
    "partners": "organisations",
    "activity": "activities",
    "depends_on": "activities",
}
"""Fields that name a record of another sheet, for their drop-down lists."""


class LayoutError(TypeError):
    """A model field the workbook cannot hold: a bug caught when this module is imported."""


def _members(hint: Any) -> tuple[Any, bool]:
    """The type of a field without ``None``, and whether ``None`` was allowed."""
    if get_origin(hint) in (Union, types.UnionType):
        members = [m for m in get_args(hint) if m is not type(None)]
        optional = len(members) < len(get_args(hint))
        if len(members) == 1:
            return members[0], optional
        return Union[tuple(members)], optional  # noqa: UP007 (a runtime union of members)
    return hint, False


def _base(hint: Any) -> Any:
    """``Annotated[X, ...]`` -> ``X``."""
    while get_origin(hint) is typing.Annotated:
        hint = get_args(hint)[0]
    return hint


def _kind(owner: type[BaseModel], name: str, hint: Any) -> tuple[Kind | str, tuple[str, ...]]:
    """A field's kind, or ``record`` / ``records`` / ``map`` for what has its own rows."""
    if hint is Money:
        return "money", ()
    if hint is IsoDate:
        return "date", ()
    if hint is Id:
        return "id", ()
    base = _base(hint)
    origin = get_origin(base)
    if base is Text:
        return "text", ()
    if origin is Literal:
        return "choice", tuple(str(v) for v in get_args(base))
    if origin in (Union, types.UnionType):
        plain = {_base(m) for m in get_args(base)}
        if plain == {float, Text}:
            return "value", ()
    if origin is list:
        (item,) = get_args(base)
        if isinstance(_base(item), type) and issubclass(_base(item), BaseModel):
            return "records", ()
        if _base(item) is str:
            return "list", ()
    if origin is dict:
        return "map", ()
    if isinstance(base, type):
        if issubclass(base, BaseModel):
            return "record", ()
        for python, kind in ((bool, "bool"), (int, "integer"), (float, "number")):
            if issubclass(base, python):
                return kind, ()
        if issubclass(base, date):
            return "date", ()
        if issubclass(base, str):
            return "string", ()
    raise LayoutError(f"{owner.__name__}.{name}: the workbook layout cannot hold {hint!r}")


def _default(info: Any) -> Any:
    if info.default_factory is not None:
        return info.default_factory()
    return info.default


def fields_of(
    model: type[BaseModel], prefix: tuple[str, ...] = (), *, required: bool = True
) -> Iterator[Field | tuple[str, str]]:
    """The fields of ``model`` as cells (a nested record's fields flattened with a dotted
    path); for a field that needs its own sheet, ``(name, "records" | "map")``."""
    hints = typing.get_type_hints(model, include_extras=True)
    for name, info in model.model_fields.items():
        hint, _ = _members(hints[name])
        kind, choices = _kind(model, name, hint)
        here = info.is_required() and required
        if kind == "record":
            yield from fields_of(_base(hint), (*prefix, name), required=here)
        elif kind in ("records", "map"):
            yield name, kind
        else:
            yield Field(
                (*prefix, name),
                typing.cast(Kind, kind),
                required=here,
                choices=choices,
                refers=REFERENCES.get(name, ""),
                default=_MISSING if info.is_required() else _default(info),
            )


def _cells(model: type[BaseModel], nested: Iterable[str]) -> tuple[Field, ...]:
    """The cell fields of ``model``; every field with rows of its own must be in ``nested``."""
    found: list[Field] = []
    for item in fields_of(model):
        if isinstance(item, Field):
            found.append(item)
        elif item[0] not in nested:
            raise LayoutError(f"{model.__name__}.{item[0]}: no sheet holds its {item[1]}")
    return tuple(found)


def _required(fields: Iterable[Field]) -> tuple[str, ...]:
    return tuple(f.key for f in fields if f.required)


def _sheet(
    name: str,
    where: tuple[str, ...],
    model: type[BaseModel],
    nested: Iterable[str] = (),
    parent: tuple[str, str] = ("", ""),
) -> Sheet:
    fields = _cells(model, nested)
    return Sheet(name, where, fields, parent[0], parent[1], required=_required(fields))


def _roadmap_sheet() -> Sheet:
    fields = _cells(
        Roadmap,
        ("organisations", "axes", "activities", "indicators", "region_groups", "region_labels"),
    )
    return Sheet(ROADMAP, (), fields, required=_required(fields))


REGION_GROUPS = Sheet(
    "region_groups",
    ("region_groups",),
    (Field(("id",), "id", required=True), Field(("regions",), "list", required=True)),
    mapping=True,
    required=("id", "regions"),
)
REGION_LABELS = Sheet(
    "region_labels",
    ("region_labels",),
    (Field(("region",), "id", required=True), Field((), "text", required=True, name="label")),
    mapping=True,
    required=("region",),
)

SHEETS: tuple[Sheet, ...] = (
    _roadmap_sheet(),
    _sheet("organisations", ("organisations",), Organisation),
    _sheet("axes", ("axes",), Axis),
    _sheet("activities", ("activities",), Activity, ("milestones", "budget", "documents")),
    _sheet(
        "milestones",
        ("activities", "*", "milestones"),
        Milestone,
        parent=("activities", "activity"),
    ),
    _sheet("budget", ("activities", "*", "budget"), BudgetLine, parent=("activities", "activity")),
    _sheet(
        "documents", ("activities", "*", "documents"), Document, parent=("activities", "activity")
    ),
    _sheet("indicators", ("indicators",), Indicator, ("values",)),
    _sheet(
        "values", ("indicators", "*", "values"), IndicatorPoint, parent=("indicators", "indicator")
    ),
    REGION_GROUPS,
    REGION_LABELS,
)
"""Every sheet, in the order of the workbook (after the README)."""
SHEETS_BY_NAME: dict[str, Sheet] = {s.name: s for s in SHEETS}
if set(SHEETS_BY_NAME) != {s.name for s in SHEETS}:  # pragma: no cover - a declaration bug
    raise LayoutError("two sheets share a name")
ROADMAP_SHEET = SHEETS_BY_NAME[ROADMAP]


# -- labels for people -----------------------------------------------------------------------

LABELS: dict[str, str] = {
    "field": "Field",
    "value": "Value",
    "label": "Label",
    "schema_version": "Format version",
    "country": "Country",
    "title": "Title",
    "summary": "Summary",
    "languages": "Languages",
    "programme": "Programme",
    "phase.id": "Phase",
    "phase.start": "Phase start",
    "phase.end": "Phase end",
    "as_of": "Data as of",
    "currency": "Currency",
    "id": "Id",
    "name": "Name",
    "type": "Type",
    "objective": "Objective",
    "building_block": "Building block",
    "sector": "Sector (DAC)",
    "iati_ref": "IATI activity",
    "axis": "Axis",
    "description": "Description",
    "status": "Status",
    "planned.start": "Planned start",
    "planned.end": "Planned end",
    "actual.start": "Actual start",
    "actual.end": "Actual end",
    "progress": "Progress (%)",
    "lead": "Lead",
    "partners": "Partners",
    "regions": "Regions",
    "depends_on": "Depends on",
    "refs": "References",
    "activity": "Activity",
    "due": "Due",
    "done_on": "Done on",
    "year": "Year",
    "funder": "Funder",
    "planned": "Planned",
    "committed": "Committed",
    "spent": "Spent",
    "url": "Link",
    "indicator": "Indicator",
    "measure": "Measure",
    "unit": "Unit",
    "direction": "Direction",
    "key": "Key indicator",
    "baseline.value": "Baseline",
    "baseline.date": "Baseline date",
    "target.value": "Target",
    "target.date": "Target date",
    "date": "Date",
    "region": "Region",
    "source": "Source",
}
"""English labels (gettext msgids, translated in ``locale/*/spreadsheets.po``) by field path."""


def english_label(key: str) -> str:
    """The label of a field path (without its language): from ``LABELS``, else the path in
    words (``planned.start`` -> ``Planned start``) for a field added to a model since."""
    found = LABELS.get(key)
    if found is not None:
        return found
    words = re.sub(r"[._]+", " ", key).strip()
    return words[:1].upper() + words[1:]


def column_label(column: Column, gettext: typing.Callable[[str], str]) -> str:
    """Row 2: ``Titre (fr)``, ``Statut``."""
    label = gettext(english_label(column.field.key))
    return f"{label} ({column.lang})" if column.lang else label


def known_labels(column: Column, catalogs: Sequence[typing.Callable[[str], str]]) -> set[str]:
    """Every label ``column`` has in any language, folded for comparison."""
    return {fold(column_label(column, gettext)) for gettext in catalogs}


def fold(text: str) -> str:
    """Compared without case, surrounding spaces or doubled spaces."""
    return " ".join(text.split()).casefold()


# -- cell text -------------------------------------------------------------------------------

_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def escape_text(text: str) -> str:
    """Text as a cell stores it: Excel reads ``_x0041_`` in a cell as an escaped character
    (here ``A``), so a literal one has its underscore escaped (``_x005F_x0041_``)."""
    return _ESCAPE.sub(r"_x005F_\1", text) if "_x" in text else text


def unescape_text(text: str) -> str:
    """The text a cell means, its ``_xHHHH_`` escapes decoded as Excel decodes them."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m[1], 16)), text)


def xml_safe(text: str) -> bool:
    """True when every character of ``text`` can be written in a workbook's XML."""
    return _NOT_XML.search(text) is None


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

LIST_SEPARATOR = ","


def join_list(items: Sequence[str]) -> str:
    """A list in one cell: ``DPRF, EU``; an item holding a comma or a double quote is
    quoted as in CSV (``"Plan 2021, annex", 1.1.1``)."""
    return ", ".join(_quoted(i) if ("," in i or '"' in i or i != i.strip()) else i for i in items)


def _quoted(item: str) -> str:
    return '"' + item.replace('"', '""') + '"'


def split_list(text: str) -> list[str] | None:
    """The items of a list cell: unquoted items trimmed, empty ones dropped, a quoted item
    kept as written; None when a quote is left open or text follows a closing quote."""
    items: list[str] = []
    index, size = 0, len(text)
    while index <= size:
        while index < size and text[index] in " \t":
            index += 1
        if index < size and text[index] == '"':
            item, index = _quoted_item(text, index + 1)
            if index < 0:
                return None
            while index < size and text[index] in " \t":
                index += 1
            if index < size and text[index] != LIST_SEPARATOR:
                return None
            items.append(item)
        else:
            end = text.find(LIST_SEPARATOR, index)
            end = size if end < 0 else end
            item = text[index:end].strip()
            if item:
                items.append(item)
            index = end
        index += 1
    return items


def _quoted_item(text: str, index: int) -> tuple[str, int]:
    """The text of a quoted item starting at ``index`` (after its quote), and where it ends
    (after its closing quote); -1 when it never closes."""
    found: list[str] = []
    while True:
        end = text.find('"', index)
        if end < 0:
            return "", -1
        found.append(text[index:end])
        if text.startswith('"', end + 1):
            found.append('"')
            index = end + 2
            continue
        return "".join(found), end + 1
