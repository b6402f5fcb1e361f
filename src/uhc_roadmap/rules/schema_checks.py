"""S: the document does not match the roadmap format (checked by the pydantic models).

A class here documents its code; the code's default severity is in
``uhc_roadmap.diagnostics.BUILTIN_SEVERITIES``, where the checks that report it read it.
"""

from __future__ import annotations

from uhc_roadmap.rules.base import BuiltinRule


class S001(BuiltinRule, name="missing-field"):
    """A required field is missing.

    Reported at the mapping that should hold it (an activity, a budget line...).

    Bad:
        planned: {start: 2016-09-01}
    Good:
        planned: {start: 2016-09-01, end: 2018-12-31}
    """


class S002(BuiltinRule, name="unknown-field"):
    """A field that the format does not know, often a typo.

    The closest known field is suggested.

    Bad:
        stauts: ongoing
    Good:
        status: ongoing
    """


class S003(BuiltinRule, name="wrong-type"):
    """A value of the wrong type: text where a number is expected, or the reverse.

    Nothing is coerced: a quoted `"12"` is not a number and an unquoted `1.10` is not text.

    Bad:
        budget:
          - {year: 2017, funder: EU, planned: "120000"}
    Good:
        budget:
          - {year: 2017, funder: EU, planned: 120000}
    """


class S004(BuiltinRule, name="invalid-value"):
    """A value outside what the field allows: not one of its choices, a malformed id, out of range.

    The hint gives the field's choices or expected shape, and the closest valid choice when
    there is one.

    Bad:
        status: ongoin
    Good:
        status: ongoing
    """


class S005(BuiltinRule, name="unknown-code"):
    """An unknown country, currency or language code (ISO 3166-1, ISO 4217, ISO 639-1).

    Codes are checked against the ISO standards (through pycountry) so that reports can
    print names and format money; `UK` is a common slip for `GB`.

    Bad:
        country: UK
    Good:
        country: GB
    """


class S006(BuiltinRule, name="schema-version"):
    """The `schema_version` is one this version of uhc-roadmap does not read.

    Each file says which version of the format it is written in, so that a later format can
    change with a clear message for older files instead of misreading them.

    Bad:
        schema_version: "2"
    Good:
        schema_version: "1"
    """


class S007(BuiltinRule, name="invalid-date"):
    """A date that is not a calendar day written `YYYY-MM-DD`.

    A bare year or month is not a date.

    Bad:
        due: 2021-06
    Good:
        due: 2021-06-30
    """


SCHEMA_RULES: tuple[type[BuiltinRule], ...] = (S001, S002, S003, S004, S005, S006, S007)
