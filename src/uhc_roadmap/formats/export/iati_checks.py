"""The checks an IATI document passes before it is written, as IATI's own validator makes them.

1. The official IATI 2.03 activity XSD (data/iati/schemas/), with lxml.
2. IATI's Standard ruleset (data/iati/rulesets/standard.json, from IATI/IATI-Rulesets), read and
   applied as its specification (SPEC.rst) says: every context, rule and case, so a rule added
   to the file is applied without code. Rules that need IATI's registry of publishers
   (``idCondition``) are applied as if the identifier were not registered, the stricter reading.
3. IATI's codelists: every attribute that IATI-Codelists' mapping.xml ties to a complete
   codelist holds one of its codes (data/iati/codelists.json).
4. No iati-identifier twice in the file.

Each failure is one line naming the check or rule, the activity and what failed.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, cast

from lxml import etree

from uhc_roadmap import codelists
from uhc_roadmap.codelists import iati_folder

Case = Mapping[str, Any]
Result = bool | None  # None: the rule does not apply here
# A node of lxml's XPath results: an element, or an attribute's or text's "smart string".
Node = Any


def check_document(data: bytes, now: datetime) -> list[str]:
    """Every way the document fails the XSD, the ruleset, the codelists; [] when it passes."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    return [
        *schema_failures(root),
        *rule_failures(root, now),
        *codelist_failures(root),
        *duplicate_identifiers(root),
    ]


# -- 1. the XSD --------------------------------------------------------------------------------


@cache
def activity_schema() -> etree.XMLSchema:
    """The official schema; it includes iati-common.xsd and imports xml.xsd from its folder."""
    path = iati_folder() / "schemas" / "iati-activities-schema.xsd"
    return etree.XMLSchema(etree.parse(str(path)))


def schema_failures(root: etree._Element) -> Iterator[str]:
    schema = activity_schema()
    if not schema.validate(root):
        for error in cast(Iterable[etree._LogEntry], schema.error_log):
            yield f"XSD: line {error.line}: {error.message}"


# -- 2. the ruleset ----------------------------------------------------------------------------


@cache
def standard_ruleset() -> dict[str, Any]:
    path = iati_folder() / "rulesets" / "standard.json"
    ruleset: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return ruleset


@cache
def organisation_prefixes() -> frozenset[str]:
    """``ORG-ID-PREFIX`` of the ruleset: IATI's OrganisationRegistrationAgency codes."""
    return frozenset(codelists.iati_codelist("OrganisationRegistrationAgency"))


@dataclass(frozen=True)
class _Rule:
    """One case of one rule, applied to one element of its context."""

    name: str
    element: Node
    case: Case
    now: datetime

    def xpath(self, expression: str) -> object:
        return _evaluate(self.element, expression)

    def matches(self, key: str = "paths") -> list[Node]:
        return [m for path in self.case.get(key, []) for m in _select(self.element, path)]

    def texts(self, key: str = "paths") -> list[str]:
        return [_text(m) for m in self.matches(key)]

    def day(self, key: str) -> datetime | None:
        """The first date at the case's ``key`` path (NOW is now); None when there is none."""
        expression = self.case[key]
        if expression == "NOW":
            return self.now
        found = _select(self.element, expression)
        return _moment(_text(found[0])) if found else None


def rule_failures(root: etree._Element, now: datetime) -> Iterator[str]:
    tree = root.getroottree()
    for context, rules in standard_ruleset().items():
        for element in _select(tree, context):
            for name, body in rules.items():
                for case in body["cases"]:
                    for rule in _expand(name, element, case, now):
                        if _holds(rule) is False:
                            yield _failure(rule)


def _expand(name: str, element: Node, case: Case, now: datetime) -> Iterator[_Rule]:
    """A rule's cases; a ``loop`` gives its inner cases once per value of ``foreach``, with
    ``$1`` replaced (in every expression: conditions hold ``$1`` too)."""
    if name != "loop":
        yield _Rule(name, element, case, now)
        return
    values = dict.fromkeys(_text(v) for v in _select(element, case["foreach"]))
    for inner, body in case["do"].items():
        for inner_case in body["cases"]:
            for value in values:
                yield _Rule(inner, element, _substitute(inner_case, value), now)


def _substitute(case: Case, value: str) -> dict[str, Any]:
    def replace(item: Any) -> Any:
        if isinstance(item, str):
            return item.replace("$1", value)
        if isinstance(item, list):
            return [replace(i) for i in item]
        return item

    return {key: item if key == "ruleInfo" else replace(item) for key, item in case.items()}


def _holds(rule: _Rule) -> Result:
    if "condition" in rule.case and not _truthy(rule.xpath(rule.case["condition"])):
        return None
    check = CHECKS.get(rule.name)
    if check is None:
        raise ValueError(f"the IATI ruleset has a rule `{rule.name}` this version cannot apply")
    return check(rule)


def _failure(rule: _Rule) -> str:
    info = rule.case.get("ruleInfo", {})
    where = _activity(rule.element)
    found = ", ".join(repr(t) for t in rule.texts()[:3])
    return (
        f"IATI rule {info.get('id', rule.name)} ({info.get('severity', 'error')}) fails in "
        f"{where or 'the document'}: {info.get('message', rule.name)}"
        + (f" [{found}]" if found else "")
    )


@cache
def _compiled(expression: str) -> etree.XPath:
    """Each expression is compiled once: a document of 200 activities evaluates thousands."""
    return etree.XPath(expression)


def _evaluate(node: Node, expression: str) -> object:
    """An XPath 1.0 expression from ``node``: a node list, a string, a number or a boolean."""
    value: object = _compiled(expression)(node)
    return value


def _select(node: Node, expression: str) -> list[Node]:
    """The nodes an expression selects ([] when it gives a string, number or boolean)."""
    value = _evaluate(node, expression)
    return list(value) if isinstance(value, list) else []


def _activity(node: Node) -> str:
    """The iati-identifier of the activity a node is in ('' outside any)."""
    found = _evaluate(node, "string(ancestor-or-self::iati-activity/iati-identifier)")
    return found if isinstance(found, str) else ""


def _text(node: Node) -> str:
    """An element's string value, or an attribute's or text node's."""
    if isinstance(node, str):
        return str(node)
    return "".join(node.itertext())


def _truthy(value: object) -> bool:
    """XPath's boolean(): a node set is true when not empty, a number when not 0 or NaN."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return value != 0 and not math.isnan(value)
    return isinstance(value, list | str) and len(value) > 0


def _moment(text: str) -> datetime | None:
    """An xsd:date or xsd:dateTime as an aware datetime (a date is its midnight, UTC)."""
    try:
        if "T" not in text:
            return datetime.combine(date.fromisoformat(text), datetime.min.time(), UTC)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        return None


def _no_more_than_one(rule: _Rule) -> Result:
    return len(rule.matches()) <= 1


def _atleast_one(rule: _Rule) -> Result:
    return len(rule.matches()) >= 1


def _only_one_of(rule: _Rule) -> Result:
    for excluded in rule.case["excluded"]:
        if _truthy(rule.xpath(excluded)):
            return not rule.matches()
    return len(rule.matches()) == 1


# `all` of one_or_all names which elements must each carry what `one` would have said once.
def _each_has(parents: str, child: str) -> Callable[[Node], bool]:
    return lambda e: all(_select(p, child) for p in _select(e, parents))


_ALL: dict[str, Callable[[Node], bool]] = {
    "lang": _each_has("descendant::narrative", "@xml:lang"),
    "currency": _each_has(
        "descendant::value | descendant::forecast | descendant::loan-status", "@currency"
    ),
    "sector": _each_has("transaction", "sector"),
    "recipient-country|recipient-region": _each_has(
        "transaction", "recipient-country|recipient-region"
    ),
}


def _one_or_all(rule: _Rule) -> Result:
    if _truthy(rule.xpath(rule.case["one"])):
        return True
    return _ALL[rule.case["all"]](rule.element)


def _dependent(rule: _Rule) -> Result:
    present = [bool(_select(rule.element, p)) for p in rule.case["paths"]]
    return all(present) or not any(present)


def _unique(rule: _Rule) -> Result:
    texts = rule.texts()
    return len(texts) == len(set(texts))


def _sum_of(rule: _Rule) -> Decimal | None:
    values = [_decimal(t) for t in rule.texts()]
    if any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), Decimal(0))


def _strict_sum(rule: _Rule) -> Result:
    return _sum_of(rule) == Decimal(str(rule.case["sum"]))


def _sum(rule: _Rule) -> Result:
    return not rule.matches() or _strict_sum(rule)


def _date_order(rule: _Rule) -> Result:
    less, more = rule.day("less"), rule.day("more")
    return None if less is None or more is None else less <= more


def _date_now(rule: _Rule) -> Result:
    moment = rule.day("date")
    return None if moment is None else moment <= rule.now


def _time_limit(rule: _Rule) -> Result:
    start, end = rule.day("start"), rule.day("end")
    return None if start is None or end is None else (end - start).days <= 365


def _between_dates(rule: _Rule) -> Result:
    moment, start, end = rule.day("date"), rule.day("start"), rule.day("end")
    if moment is None or start is None or end is None:
        return None
    return start <= moment <= end


def _regex_matches(rule: _Rule) -> Result:
    pattern = re.compile(rule.case["regex"])
    return all(t == "" or pattern.search(t) is not None for t in rule.texts())


def _regex_no_matches(rule: _Rule) -> Result:
    pattern = re.compile(rule.case["regex"])
    return all(t == "" or pattern.search(t) is None for t in rule.texts())


def _startswith(rule: _Rule) -> Result:
    texts = rule.texts()
    if list(rule.case["prefix"]) == ["ORG-ID-PREFIX"]:
        known = organisation_prefixes()
        return all("-".join(t.split("-")[:2]) in known for t in texts)
    starts = [s + rule.case.get("separator", "") for s in rule.texts("prefix")]
    return all(any(t.startswith(s) for s in starts) for t in texts)


def _no_spaces(rule: _Rule) -> Result:
    return all(t == t.strip() for t in rule.texts())


def _if_then(rule: _Rule) -> Result:
    return not _truthy(rule.xpath(rule.case["if"])) or _truthy(rule.xpath(rule.case["then"]))


def _range(rule: _Rule) -> Result:
    low, high = rule.case.get("min"), rule.case.get("max")
    for text in rule.texts():
        value = _decimal(text)
        if value is None:
            return False
        if low is not None and value < Decimal(str(low)):
            return False
        if high is not None and value > Decimal(str(high)):
            return False
    return True


CHECKS: dict[str, Callable[[_Rule], Result]] = {
    "no_more_than_one": _no_more_than_one,
    "atleast_one": _atleast_one,
    "only_one_of": _only_one_of,
    "one_or_all": _one_or_all,
    "dependent": _dependent,
    "unique": _unique,
    "sum": _sum,
    "strict_sum": _strict_sum,
    "date_order": _date_order,
    "date_now": _date_now,
    "time_limit": _time_limit,
    "between_dates": _between_dates,
    "regex_matches": _regex_matches,
    "regex_no_matches": _regex_no_matches,
    "startswith": _startswith,
    "no_spaces": _no_spaces,
    "if_then": _if_then,
    "range": _range,
}


# -- 3. codelists ------------------------------------------------------------------------------


@cache
def codelist_mapping() -> list[dict[str, str]]:
    path = iati_folder() / "codelist-mapping.json"
    mappings: list[dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))["mappings"]
    return mappings


def codelist_failures(root: etree._Element) -> Iterator[str]:
    tree = root.getroottree()
    for mapping in codelist_mapping():
        for found in _select(tree, _anchored(mapping["path"])):
            owner = found if isinstance(found, etree._Element) else found.getparent()
            condition = mapping.get("condition")
            if condition is not None and not _truthy(_evaluate(owner, condition)):
                continue
            problem = _codelist_problem(mapping["codelist"], _text(found))
            if problem is not None:
                where = _activity(owner) or "the document"
                yield f"codelist: {mapping['path']} in {where}: {problem}"


def _anchored(path: str) -> str:
    """``//iati-activity/...`` from the root: the schema allows activities nowhere else, and a
    path from the root is not a search of the whole document (124 times over)."""
    for root, element in (
        ("iati-activities", "iati-activity"),
        ("iati-organisations", "iati-organisation"),
    ):
        if path.startswith(f"//{element}/"):
            return f"/{root}/{element}/{path.removeprefix(f'//{element}/')}"
    return path


def _codelist_problem(name: str, code: str) -> str | None:
    if not codelists.is_shipped(name):
        return f"`{code}` is from the {name} codelist, of which no copy ships with uhc-roadmap"
    closed = codelists.closed_codelist(name)
    if closed is not None and code not in closed:
        return f"`{code}` is not in the {name} codelist"
    return None


# -- 4. identifiers ----------------------------------------------------------------------------


def duplicate_identifiers(root: etree._Element) -> Iterator[str]:
    seen: set[str] = set()
    for node in _select(root, "iati-activity/iati-identifier"):
        identifier = _text(node)
        if identifier in seen:
            yield f"iati-identifier {identifier} is given to two activities"
        seen.add(identifier)
