"""Configuration: ``[tool.uhc-roadmap]`` in pyproject.toml, or ``.uhc-roadmap.yaml``.

The nearest file up from the working directory wins, so a command run from a sub-folder of a
roadmap repository behaves as it does at the root. Every key is checked: a misspelt key would
otherwise do nothing, and in CI that means a check which quietly stopped checking.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from uhc_roadmap import codelists
from uhc_roadmap.configfile import PYPROJECT, YAML_NAMES, nearest
from uhc_roadmap.diagnostics import Severity
from uhc_roadmap.errors import UsageError
from uhc_roadmap.loading.loader import Limits
from uhc_roadmap.loading.sourcemap import DocPath, Position
from uhc_roadmap.suggest import did_you_mean
from uhc_roadmap.validation import RuleSelection, ValidationOptions

if TYPE_CHECKING:  # the render package imports Jinja2: only `render` pays for it
    from uhc_roadmap.render.budget import RenderBudget

__all__ = ["PYPROJECT", "YAML_NAMES", "Config", "ConfigError", "Settings", "load_config"]
TOOL = ("tool", "uhc-roadmap")
Level = Literal["error", "warning", "info", "off"]
_CODE_SHAPE = re.compile(r"^[A-Z][0-9]{0,3}$")
_SIZE = re.compile(r"^\s*(\d+)\s*(B|KB|kB|KiB|MB|MiB|GB|GiB)?\s*$")
_UNITS = {"B": 1, "KB": 10**3, "kB": 10**3, "KiB": 2**10, "MB": 10**6, "MiB": 2**20}
_UNITS |= {"GB": 10**9, "GiB": 2**30}


class IatiReportingOrg(BaseModel):
    """The organisation that publishes the IATI export (``iati.reporting_org``)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    ref: str = Field(description="Its IATI organisation identifier, e.g. XM-DAC-928 (WHO)")
    type: int = Field(description="IATI OrganisationType code, e.g. 40 (multilateral)")
    name: str | dict[str, str] = Field(description="Its name, or a map of language to name")
    role: int = Field(default=3, description="IATI OrganisationRole in each activity")

    @field_validator("ref")
    @classmethod
    def _organisation_identifier(cls, value: str) -> str:
        iati_identifier_problem(value, "an organisation identifier")
        agencies = codelists.iati_codelist("OrganisationRegistrationAgency")
        if "-".join(value.split("-")[:2]) not in agencies:
            raise ValueError(
                f"`{value}` does not start with a registration agency code such as XM-DAC or "
                "GB-COH (IATI rule 1.14.8; IATI's OrganisationRegistrationAgency codelist)"
            )
        return value

    @field_validator("name")
    @classmethod
    def _name(cls, value: str | dict[str, str]) -> str | dict[str, str]:
        names = {"": value} if isinstance(value, str) else value
        if not names:
            raise ValueError("give the name, or a map of language to name")
        for lang, name in names.items():
            if lang and not re.fullmatch("[a-z]{2}", lang):
                raise ValueError(f"`{lang}` is not a two-letter language code")
            if not name.strip():
                raise ValueError("the name is empty")
        return value

    @field_validator("type")
    @classmethod
    def _organisation_type(cls, value: int) -> int:
        return _iati_code(value, "OrganisationType")

    @field_validator("role")
    @classmethod
    def _organisation_role(cls, value: int) -> int:
        return _iati_code(value, "OrganisationRole")


class IatiSettings(BaseModel):
    """``iati``: what `export --format iati` needs beyond the roadmap (docs/iati.md)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    reporting_org: IatiReportingOrg | None = None
    identifier_prefix: str | None = None
    default_sector: int = 12110

    @field_validator("identifier_prefix")
    @classmethod
    def _prefix_shape(cls, value: str | None) -> str | None:
        if value is not None:
            iati_identifier_problem(value, "an identifier prefix")
        return value

    @field_validator("default_sector")
    @classmethod
    def _sector(cls, value: int) -> int:
        if not codelists.is_sector(value):
            raise ValueError(f"`{value}` is not an OECD DAC 5-digit sector code, e.g. 12110")
        return value

    @model_validator(mode="after")
    def _prefix_names_the_publisher(self) -> Self:
        prefix, org = self.identifier_prefix, self.reporting_org
        if prefix is not None and org is not None and not f"{prefix}-".startswith(f"{org.ref}-"):
            raise ValueError(
                f"`identifier_prefix` `{prefix}` must start with the reporting organisation's "
                f"identifier `{org.ref}` (IATI rule 1.1.21)"
            )
        return self

    @property
    def prefix(self) -> str:
        """What every iati-identifier starts with: the prefix, else the publisher's identifier."""
        if self.identifier_prefix is not None:
            return self.identifier_prefix
        return "" if self.reporting_org is None else self.reporting_org.ref


def iati_identifier_problem(value: str, what: str) -> None:
    """IATI rules 1.3.1/1.3.13 (and 1.14.*): no surrounding space, none of / & | ?."""
    if not value.strip() or value != value.strip() or any(c in value for c in "/&|?"):
        raise ValueError(
            f"`{value}` is not usable as {what}: IATI identifiers have no surrounding "
            "spaces and none of / & | ?"
        )


def _iati_code(value: int, codelist: str) -> int:
    known = codelists.iati_codelist(codelist)
    if str(value) not in known:
        choices = ", ".join(f"{code} ({name})" for code, name in known.items())
        raise ValueError(f"`{value}` is not an IATI {codelist} code; choose one of: {choices}")
    return value


class Settings(BaseModel):
    """The configuration table; its field names are the configuration keys."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Level] = Field(default_factory=dict)
    exclude: list[str] = Field(default_factory=list)
    roadmaps: str = "roadmaps"
    max_file_size: int = Field(default=Limits().max_bytes, gt=0)
    max_depth: int = Field(default=Limits().max_depth, ge=1, le=200)
    max_nodes: int = Field(default=Limits().max_nodes, ge=1000, le=100_000_000)
    warn_unused_ignores: bool = False
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    iati: IatiSettings | None = None
    # The budgets of one `render`; none means the built-in default (render/budget.py).
    render_time_limit: float | None = Field(default=None, gt=0, le=3600)
    render_memory_limit: int | None = Field(default=None, gt=0)
    render_output_limit: int | None = Field(default=None, gt=0)
    language: str | None = Field(default=None, pattern="^[a-z]{2}$")
    """The language of messages and documents when no --lang says (docs/languages.md)."""
    locale_dir: str | None = None
    """A folder of .po catalogs (``<dir>/<lang>/*.po``) adding or overriding languages."""

    @field_validator("max_file_size", "render_memory_limit", "render_output_limit", mode="before")
    @classmethod
    def _size_with_unit(cls, value: object) -> object:
        return parse_size(value) if isinstance(value, str) else value


def parse_size(text: str) -> int:
    """``8388608``, ``"512 KiB"`` or ``"16 MiB"`` as a number of bytes."""
    match = _SIZE.match(text)
    if match is None:
        raise ValueError(f'`{text}` is not a size; write a number of bytes or e.g. "16 MiB"')
    return int(match[1]) * _UNITS[match[2] or "B"]


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """One located problem in a configuration file (exit 2: the run cannot be trusted)."""

    file: str
    line: int
    col: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        return f"{where}: error: {self.message}" + (f"\n    hint: {self.hint}" if self.hint else "")


class ConfigError(UsageError):
    located = True

    def __init__(self, problems: Sequence[ConfigProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.col))
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Config:
    """Validated settings, the file they came from, and the folder their paths are relative to.

    ``raw`` is the file's bytes (empty for the defaults): with ``path`` they key the checked
    settings in the cache, so a warm run need not check them again (``cli/warm.py``).
    """

    settings: Settings
    path: Path | None
    root: Path
    raw: bytes = field(default=b"", repr=False, compare=False)

    @classmethod
    def default(cls, root: Path) -> Config:
        return cls(Settings(), None, root)

    @property
    def roadmaps(self) -> Path:
        return self.root / self.settings.roadmaps

    @property
    def exclude(self) -> list[str]:
        return list(self.settings.exclude)

    @property
    def limits(self) -> Limits:
        settings = self.settings
        return Limits(
            max_bytes=settings.max_file_size,
            max_depth=settings.max_depth,
            max_nodes=settings.max_nodes,
        )

    def render_budget(self) -> RenderBudget:
        """What one rendering may spend: the configured limits, the defaults for the others."""
        from uhc_roadmap.render.budget import RenderBudget

        default, settings = RenderBudget(), self.settings
        return RenderBudget(
            seconds=settings.render_time_limit or default.seconds,
            memory=settings.render_memory_limit or default.memory,
            output=settings.render_output_limit or default.output,
        )

    def selection(
        self, select: Sequence[str] | None = None, ignore: Sequence[str] | None = None
    ) -> RuleSelection:
        """Command-line ``select``/``ignore`` replace the configured lists of the same name."""
        levels = self.settings.severity
        return RuleSelection(
            select=frozenset(self.settings.select if select is None else select),
            ignore=frozenset(self.settings.ignore if ignore is None else ignore)
            | {code for code, level in levels.items() if level == "off"},
            severities={code: Severity(lv) for code, lv in levels.items() if lv != "off"},
            options=dict(self.settings.rules),
        )

    def validation_options(
        self,
        *,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        as_of: date | None = None,
        warn_unused_ignores: bool = False,
    ) -> ValidationOptions:
        return ValidationOptions(
            selection=self.selection(select, ignore),
            limits=self.limits,
            as_of=as_of,
            warn_unused_ignores=warn_unused_ignores or self.settings.warn_unused_ignores,
        )


def load_config(start: Path, explicit: Path | None = None) -> Config:
    """The configuration for a run from ``start``: ``explicit`` if given, else the nearest file.

    In one folder `.uhc-roadmap.yaml` wins over `pyproject.toml`; a pyproject.toml without a
    ``[tool.uhc-roadmap]`` table is passed over. Raises ConfigError with located problems.
    """
    if explicit is not None:
        _check_suffix(explicit)
        config = _from_file(explicit, _bytes(explicit, _display(explicit)), required=True)
        assert config is not None  # required=True raises instead of returning None
        return config
    found = nearest(start, lambda path: _bytes(path, _display(path)))
    if found is None:
        return Config.default(start)
    config = _from_file(found.path, found.raw, required=False)
    assert config is not None  # `nearest` returns only a file that claims to be ours
    return config


# -- reading files ---------------------------------------------------------------------------

Locator = Callable[[DocPath, bool], Position]


@dataclass(frozen=True)
class _Document:
    file: str
    data: dict[str, Any]
    locate: Locator
    where: str  # how problems name the configuration table


def _from_file(path: Path, raw: bytes, *, required: bool) -> Config | None:
    document = _read(path, raw, required=required)
    if document is None:
        return None
    return Config(_settings(document), path.resolve(), path.resolve().parent, raw)


def _read(path: Path, raw: bytes, *, required: bool) -> _Document | None:
    _check_suffix(path)
    name = _display(path)
    if path.suffix == ".toml":
        return _read_toml(raw.decode("utf-8", "replace"), name, required=required)
    return _read_yaml(raw, name)


def _check_suffix(path: Path) -> None:
    if path.suffix not in (".yaml", ".yml", ".toml"):
        message = "a configuration file is .uhc-roadmap.yaml or pyproject.toml"
        raise ConfigError([ConfigProblem(_display(path), 0, 0, message)])


def _bytes(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        reason = "no such file"
    except IsADirectoryError:
        reason = "is a directory"
    except PermissionError:
        reason = "permission denied"
    except OSError as exc:
        reason = f"cannot be read ({exc.strerror})"
    raise ConfigError([ConfigProblem(name, 0, 0, f"configuration file: {reason}")])


def _read_yaml(raw: bytes, name: str) -> _Document:
    """Through the roadmap loader, so configuration gets the same strictness and positions."""
    from uhc_roadmap.loading import load_document

    loaded = load_document(raw, name)
    errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    if errors and [d.code for d in errors] != ["Y006"]:  # an empty file means the defaults
        raise ConfigError([ConfigProblem(d.file, d.line, d.col, d.message, d.hint) for d in errors])
    source_map = loaded.source_map
    return _Document(
        name, loaded.data or {}, lambda path, key: source_map.locate(path, key=key), Path(name).name
    )


def _read_toml(text: str, name: str, *, required: bool) -> _Document | None:
    if not required and "uhc-roadmap" not in text:
        return None  # someone else's pyproject.toml: not ours to judge
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([_toml_syntax(exc, text, name)]) from None
    tool = data.get("tool")
    table = tool.get("uhc-roadmap") if isinstance(tool, dict) else None
    if isinstance(table, dict):
        return _Document(name, table, _TomlLocator(text).position, "[tool.uhc-roadmap]")
    if required or table is not None:
        message = "[tool.uhc-roadmap] must be a table of settings"
        hint = "" if table is not None else "add a [tool.uhc-roadmap] table"
        raise ConfigError([ConfigProblem(name, 1, 1, message, hint)])
    return None


def _toml_syntax(exc: tomllib.TOMLDecodeError, text: str, name: str) -> ConfigProblem:
    message = str(exc)
    at = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
    if at is not None:
        return ConfigProblem(name, int(at[1]), int(at[2]), "invalid TOML: " + message[: at.start()])
    lines = text.splitlines() or [""]
    end = re.sub(r"\s*\(at end of document\)", "", message)
    return ConfigProblem(name, len(lines), len(lines[-1]) + 1, "invalid TOML: " + end)


def _display(path: Path) -> str:
    """Paths in messages relative to the working directory, as the user typed them."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


class _TomlLocator:
    """Best-effort positions in TOML: tomllib keeps none, so headers and keys are found by line."""

    _HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.tables: dict[tuple[str, ...], int] = {}
        for i, line in enumerate(self.lines):
            header = self._HEADER.match(line)
            if header is not None:
                self.tables.setdefault(_dotted(header[1]), i)

    def position(self, path: DocPath, key: bool) -> Position:
        names = tuple(p for p in path if isinstance(p, str) and p != "[key]")
        for depth in range(len(names), 0, -1):
            if TOOL + names[:depth] in self.tables:
                return self.tables[TOOL + names[:depth]] + 1, 1
            found = self._key(TOOL + names[: depth - 1], names[depth - 1])
            if found is not None:
                return found
        return (self.tables[TOOL] + 1, 1) if TOOL in self.tables else (1, 1)

    def _key(self, table: tuple[str, ...], key: str) -> Position | None:
        start = self.tables.get(table)
        if start is None:
            return None
        pattern = re.compile(
            rf"""^(\s*)(?:"{re.escape(key)}"|'{re.escape(key)}'|{re.escape(key)})\s*[=.]"""
        )
        for i in range(start + 1, len(self.lines)):
            if self._HEADER.match(self.lines[i]):
                break
            match = pattern.match(self.lines[i])
            if match is not None:
                return i + 1, len(match[1]) + 1
        return None


def _dotted(header: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in header.split("."))


# -- checking settings -------------------------------------------------------------------------

_EXPECTED = {
    "list_type": 'a list, e.g. ["B001", "Q"]',
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "dict_type": "a table of names to values",
}


def _settings(document: _Document) -> Settings:
    """Every problem at once: the type checks of the model, then codes and rule options."""
    data = document.data
    problems = [*_code_problems(data, document), *_option_problems(data, document)]
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        problems += [_problem(document, error) for error in exc.errors(include_url=False)]
    if problems:
        raise ConfigError(problems)
    return settings


def _problem(document: _Document, error: ErrorDetails) -> ConfigProblem:
    loc = tuple(error["loc"])
    line, col = document.locate(loc, error["type"] == "extra_forbidden" or "[key]" in loc)
    message, hint = _words(document, error, loc)
    return ConfigProblem(document.file, line, col, message, hint)


def _words(document: _Document, error: ErrorDetails, loc: tuple[Any, ...]) -> tuple[str, str]:
    name = ".".join(str(p) for p in loc if p != "[key]")
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown key `{name}` in {document.where}", _closest(
            str(loc[-1]), _keys_beside(loc)
        )
    if kind == "literal_error":
        return f"`{name}`: `{error['input']}` is not a level", "use error, warning, info or off"
    if kind in _EXPECTED:
        return f"`{name}`: expected {_EXPECTED[kind]}, got {_describe(error['input'])}", ""
    return f"`{name}`: {_sentence(error['msg'])}", ""


def _keys_beside(loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed where an unknown one was found: a sub-table has its own (``iati``)."""
    from uhc_roadmap.model.fields import model_at

    table = model_at(Settings, [p for p in loc[:-1] if isinstance(p, str | int)])
    return list((table or Settings).model_fields)


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"`{value}`"


def _sentence(message: str) -> str:
    return message.removeprefix("Value error, ").replace("Input should be", "should be")


def _closest(word: str, choices: Iterable[str]) -> str:
    choices = list(choices)
    return did_you_mean(word, choices, otherwise="known keys: " + ", ".join(choices))


def _code_problems(data: dict[str, Any], document: _Document) -> Iterator[ConfigProblem]:
    """Unknown codes, in whatever part of the raw settings has the right shape."""
    for key in ("select", "ignore"):
        codes = data.get(key)
        for i, code in enumerate(codes if isinstance(codes, list) else []):
            if isinstance(code, str):
                yield from _unknown(code, key, (key, i), False, document)
    levels = data.get("severity")
    for code in levels if isinstance(levels, dict) else {}:
        if isinstance(code, str):
            yield from _unknown(code, "severity", ("severity", code), True, document)


def _unknown(
    code: str, key: str, path: DocPath, at_key: bool, document: _Document
) -> Iterator[ConfigProblem]:
    problem = code_problem(code)
    if problem is not None:
        line, col = document.locate(path, at_key)
        yield ConfigProblem(document.file, line, col, f"`{key}`: {problem[0]}", problem[1])


def known_codes() -> list[str]:
    from uhc_roadmap.rules import RULES_BY_CODE

    return sorted(RULES_BY_CODE)


def code_problem(code: str) -> tuple[str, str] | None:
    """(message, hint) when ``code`` is neither a rule code nor the start of one (``Q``, ``B00``)."""
    from uhc_roadmap.rules import RETIRED

    codes = known_codes()
    if _CODE_SHAPE.match(code) and any(known.startswith(code) for known in codes):
        return None
    if code in RETIRED:
        return f"`{code}` is a retired rule code ({RETIRED[code]})", "remove it"
    hint = did_you_mean(
        code.upper(), codes, otherwise="`uhc-roadmap rules` lists the codes", cutoff=0.5
    )
    return f"unknown rule code `{code}`", hint


def _options_model(code: str) -> type[BaseModel] | None:
    from uhc_roadmap.rules import RULES_BY_CODE

    return RULES_BY_CODE[code].options_model


def _option_problems(data: dict[str, Any], document: _Document) -> Iterator[ConfigProblem]:
    tables = data.get("rules")
    for code, table in (tables if isinstance(tables, dict) else {}).items():
        if not isinstance(table, dict):
            continue  # the model reports it: a rule's options are a table
        if code not in known_codes():
            message, hint = code_problem(code) or (f"`{code}` is not a whole rule code", "")
            line, col = document.locate(("rules", code), True)
            yield ConfigProblem(document.file, line, col, f"`rules`: {message}", hint)
            continue
        yield from _one_rule_options(code, table, document)


def _one_rule_options(
    code: str, table: dict[str, Any], document: _Document
) -> Iterator[ConfigProblem]:
    model = _options_model(code)
    fields = list(model.model_fields) if model is not None else []
    for option in table:
        if option not in fields:
            line, col = document.locate(("rules", code, option), True)
            hint = _closest(option, fields) if fields else f"rule {code} has no options"
            yield ConfigProblem(
                document.file, line, col, f"unknown option `{option}` for rule {code}", hint
            )
    if model is None or any(option not in fields for option in table):
        return
    try:
        model.model_validate(table)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            error["loc"] = ("rules", code, *error["loc"])
            yield _problem(document, error)
