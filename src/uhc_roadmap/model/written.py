"""Values written the way a word processor or a spreadsheet writes them, read as the format wants.

People copy figures from French Excel (``74 300,50``), Word (``150 000``), reports (``25%``) and
budget tables (``2025-2026``); YAML reads all of these as text. The functions here say which value
the author meant, so that a message can give the value that works (``74300.5``) and a fix can
write it. They read text only; none of them guesses when two readings are possible: both are
returned, and the message names both.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

_SPACES = " \u00a0\u202f\u2009\u2007'’_"
"""Written between groups of thousands: spaces (also no-break, narrow and thin ones, as French
Word inserts them), the apostrophe of Swiss German, the underscore of programmers."""
_NUMBER = re.compile(r"[+-]?[0-9][0-9" + re.escape(_SPACES) + r",.]*")
_GROUPS = re.compile(r"[0-9]{1,3}(?:[,.][0-9]{3})*")
_CURRENCY = re.compile(r"^(?:[A-Z]{3}|FCFA|F CFA|[€$£])\s*|\s*(?:[A-Z]{3}|FCFA|F CFA|[€$£])$")
_YEARS = re.compile(r"((?:19|20|21)[0-9]{2})\s*[-–/à]\s*((?:19|20|21)[0-9]{2})")


@dataclass(frozen=True)
class Written:
    """What a text written as a number means: its readings, and how it was written."""

    readings: tuple[float, ...]
    """The numbers it can mean, the likelier first; two when a comma or point may separate
    thousands or decimals (``1,500``)."""
    percent: bool = False
    """Written with a percent sign (``25%``, ``25 %``)."""
    currency: bool = False
    """Written with a currency (``1 000 €``, ``USD 1,000``, ``500 000 FCFA``)."""


def read_number(text: str) -> Written | None:
    """The readings of a number written with thousands separators, a decimal comma, a percent
    sign or a currency; None when ``text`` is not a number written any of those ways."""
    stripped = text.strip()
    percent = stripped.endswith("%")
    stripped = stripped.removesuffix("%").rstrip()
    bare = _CURRENCY.sub("", stripped)
    currency = bare != stripped and not percent
    if not _NUMBER.fullmatch(bare):
        return None
    sign = -1.0 if bare.startswith("-") else 1.0
    readings = tuple(sign * r for r in _readings(bare.lstrip("+-")) if math.isfinite(r))
    return Written(readings, percent, currency) if readings else None


def _readings(digits: str) -> list[float]:
    spaced = any(c in _SPACES for c in digits)
    if spaced:  # spaces separate thousands: a comma or a point left is the decimal mark
        groups = re.split("[" + re.escape(_SPACES) + "]+", digits)
        whole, _, decimals = groups[-1].replace(",", ".").partition(".")
        groups[-1] = whole
        if not _thousands(groups) or "." in decimals or "," in decimals:
            return []
        return [float("".join(groups) + ("." + decimals if decimals else ""))]
    commas, points = digits.count(","), digits.count(".")
    if commas and points:  # 1.234,5 or 1,234.5: the last mark is the decimal one
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _, decimals = digits.partition(decimal)
        if decimal in decimals or not _GROUPS.fullmatch(whole.replace(thousands, ",")):
            return []
        return [float(whole.replace(thousands, "") + "." + decimals)]
    mark = "," if commas else "." if points else ""
    if not mark:
        return [float(digits)]
    count = digits.count(mark)
    whole, _, decimals = digits.partition(mark)
    if count > 1:  # 1,500,000 or 1.500.000: only thousands
        return [float(digits.replace(mark, ""))] if _GROUPS.fullmatch(digits) else []
    as_decimal = float(f"{whole}.{decimals}") if decimals else float(whole)
    if len(decimals) == 3 and 1 <= len(whole) <= 3 and whole != "0":
        as_thousands = float(whole + decimals)
        # A point before three digits is a decimal point in YAML and in English; a comma is
        # thousands in English and a decimal comma in French: say both.
        return [as_thousands, as_decimal] if mark == "," else [as_decimal, as_thousands]
    return [as_decimal]


def _thousands(groups: list[str]) -> bool:
    head, *rest = groups
    return 1 <= len(head) <= 3 and head.isdigit() and all(len(g) == 3 and g.isdigit() for g in rest)


def year_range(text: str) -> tuple[int, int] | None:
    """``2025-2026`` (or ``2025/2026``, ``2025 – 2026``): the first and last year."""
    found = _YEARS.fullmatch(text.strip())
    if found is None:
        return None
    first, last = int(found.group(1)), int(found.group(2))
    return (first, last) if first < last else None


def shown(number: float) -> str:
    """A reading as YAML writes it: ``150000``, ``74300.5``."""
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def normalised_word(text: str) -> str:
    """Lower case, without accents, inner spaces and hyphens as one space: ``Terminée`` ->
    ``terminee``, ``en-cours`` -> ``en cours``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.split(r"[\s_-]+", plain.strip()))


STATUS_WORDS: dict[str, str] = {
    # French, as country offices write them (feminine and plural forms are matched too)
    "en cours": "ongoing",
    "en execution": "ongoing",
    "en preparation": "planned",
    "demarre": "ongoing",
    "planifie": "planned",
    "prevu": "planned",
    "programme": "planned",
    "a venir": "planned",
    "non demarre": "planned",
    "pas demarre": "planned",
    "en finalisation": "finalising",
    "finalisation": "finalising",
    "en cours de finalisation": "finalising",
    "termine": "completed",
    "acheve": "completed",
    "realise": "completed",
    "fini": "completed",
    "cloture": "completed",
    "annule": "cancelled",
    "abandonne": "cancelled",
    "suspendu": "suspended",
    "en pause": "suspended",
    "interrompu": "suspended",
    # English words other tools use
    "in progress": "ongoing",
    "started": "ongoing",
    "active": "ongoing",
    "not started": "planned",
    "pipeline": "planned",
    "done": "completed",
    "complete": "completed",
    "finished": "completed",
    "closed": "completed",
    "canceled": "cancelled",
    "on hold": "suspended",
    "paused": "suspended",
    "finalizing": "finalising",
    # Spanish and Portuguese, for roadmaps of the partnership's other countries
    "en curso": "ongoing",
    "em curso": "ongoing",
    "em andamento": "ongoing",
    "planificado": "planned",
    "planeado": "planned",
    "planejado": "planned",
    "completado": "completed",
    "terminado": "completed",
    "concluido": "completed",
    "cancelado": "cancelled",
    "suspendido": "suspended",
    "suspenso": "suspended",
}
"""Status words of other languages and tools -> the format's status (keys as ``normalised_word``
writes them)."""


CHOICE_WORDS: dict[str, dict[str, str]] = {
    "status": STATUS_WORDS,
    "measure": {
        "nombre": "number",
        "numerique": "number",
        "count": "number",
        "pourcentage": "percent",
        "pourcent": "percent",
        "taux": "percent",
        "%": "percent",
        "percentage": "percent",
        "qualitatif": "qualitative",
        "text": "qualitative",
        "texte": "qualitative",
    },
    "direction": {
        "hausse": "increase",
        "augmentation": "increase",
        "augmenter": "increase",
        "up": "increase",
        "baisse": "decrease",
        "diminution": "decrease",
        "diminuer": "decrease",
        "reduction": "decrease",
        "down": "decrease",
    },
    "type": {
        "gouvernement": "government",
        "ministere": "government",
        "ministry": "government",
        "oms": "who",
        "bailleur": "funder",
        "bailleur de fonds": "funder",
        "donor": "funder",
        "donateur": "funder",
        "agence des nations unies": "un_agency",
        "onu": "un_agency",
        "un": "un_agency",
        "ong": "ngo",
        "universite": "academic",
        "university": "academic",
        "recherche": "academic",
        "hopital": "health_facility",
        "hospital": "health_facility",
        "autre": "other",
    },
}
"""Words of other languages and tools for the choices of each field, by field name (keys as
``normalised_word`` writes them)."""

BOOLEAN_WORDS: dict[str, bool] = {
    **dict.fromkeys(("yes", "y", "on", "oui", "vrai", "si", "sim"), True),
    **dict.fromkeys(("no", "n", "off", "non", "faux", "nao"), False),
}
"""Words YAML 1.1 and people read as true or false; YAML 1.2 reads only ``true`` and ``false``."""


def choice_meant(field: str, text: str) -> str | None:
    """The choice of ``field`` that a word such as ``en cours`` (``status``), ``Terminée`` or
    ``pourcentage`` (``measure``) stands for."""
    words = CHOICE_WORDS.get(field)
    if words is None:
        return None
    word = normalised_word(text)
    # Feminine and plural forms: terminée, terminées, prévues.
    forms = [word, *(word.removesuffix(end) for end in ("es", "s", "e") if word.endswith(end))]
    return next((words[f] for f in forms if f in words), None)


PercentField = Literal["", "field", "indicator", "not percent"]
"""What a ``%`` sign means for the field (``number_hint``): nothing known; a field that is a
percentage (``progress``); a value of a ``measure: percent`` indicator; a value of an indicator
that is not one."""

# Hints as single message strings with named placeholders, ready for a catalog.
HINTS = {
    "years": "`%(name)s` holds one year: write `%(name)s: %(first)s`, and a line of its own for "
    "each later year up to %(last)s",
    "either": "write `%(name)s: %(first)s` if the `%(mark)s` separates thousands, "
    "`%(name)s: %(second)s` if it is a decimal mark",
    "percent": "write `%(name)s: %(value)s`, without `%%`",
    "percent field": "write `%(name)s: %(value)s`, without `%%`: `%(name)s` is a percentage "
    "already",
    "percent indicator": "write `%(name)s: %(value)s`, without `%%`: `measure: percent` says it "
    "is a percentage",
    "percent not percent": "write `%(name)s: %(value)s`, without `%%`, and give the indicator "
    "`measure: percent`",
    "currency": "write `%(name)s: %(value)s`: the amount alone; `currency:` gives the currency",
    "separators and point": "write `%(name)s: %(value)s`, without thousands separators and with "
    "a decimal point",
    "point": "write `%(name)s: %(value)s`, with a decimal point",
    "separators": "write `%(name)s: %(value)s`, without thousands separators",
    "quotes": "write `%(name)s: %(value)s`, without quotes",
    "boolean": "write `%(name)s: %(value)s`",
    "true or false": "write `%(name)s: true` or `%(name)s: false`",
    "named": "`%(value)s` is the name of %(kind)s `%(id)s`: write its id, `%(id)s`",
    "named several": "write the id of the %(kind)s you mean: %(ids)s",
    "an id": "write the id of an %(kind)s defined under `%(part)s:`: %(ids)s",
    "no ids": "write the id of an %(kind)s defined under `%(part)s:`",
}


def number_hint(name: str, text: str, *, whole: bool = False, percent: PercentField = "") -> str:
    """The hint for ``name: text`` where a number is wanted: the value that works, written as
    YAML reads it (``write `planned: 150000```), or both values when the text can mean two.

    ``whole``: the field takes a whole number (a year); ``percent``: what a ``%`` sign means
    for the field (``PercentField``).
    """
    years = year_range(text)
    if years is not None and whole:
        return HINTS["years"] % {"name": name, "first": years[0], "last": years[1]}
    written = read_number(text)
    if written is None or (whole and not float(written.readings[0]).is_integer()):
        return ""
    values = [shown(r) for r in written.readings]
    if len(values) == 2:
        mark = "," if "," in text else "."
        return HINTS["either"] % {
            "name": name, "first": values[0], "second": values[1], "mark": mark
        }  # fmt: skip
    return HINTS[_kind(text, written, percent)] % {"name": name, "value": values[0]}


def _kind(text: str, written: Written, percent: PercentField) -> str:
    """Which hint: what the text has that a YAML number has not."""
    if written.percent:
        return f"percent {percent}".strip()
    if written.currency:
        return "currency"
    value = written.readings[0]
    decimal_comma = "," in text and not float(value).is_integer()
    separators = any(c in _SPACES for c in text.strip()) or (
        ("," in text or "." in text) and not decimal_comma and float(value).is_integer()
    )
    if decimal_comma:
        return "separators and point" if separators else "point"
    return "separators" if separators else "quotes"
