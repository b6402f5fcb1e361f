"""The one finding model that every check produces and every reporter consumes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe; used for sorting and `--strict` thresholds."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A located finding: ``file:line:col: CODE severity: message`` plus a hint.

    Lines and columns are 1-based, as compilers and editors print them. A finding in a
    workbook has its ``cell`` (``activities!F12``, or a sheet's name for the whole sheet),
    with ``line`` and ``col`` the cell's row and column: it is printed ``file:cell:``.
    """

    code: str
    severity: Severity
    file: str
    line: int
    col: int
    message: str
    hint: str = ""
    cell: str = ""

    @property
    def where(self) -> str:
        """``file:line:col``, or ``file:cell`` for a finding in a workbook."""
        if self.cell:
            return f"{self.file}:{self.cell}"
        return f"{self.file}:{self.line}:{self.col}"

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.col, self.code, self.message)


@dataclass(slots=True)
class FileResult:
    """Everything validation learnt about one input file."""

    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


@dataclass(frozen=True, slots=True)
class Summary:
    """Totals over a run, for summary lines and exit codes."""

    files: int
    errors: int
    warnings: int
    infos: int

    @classmethod
    def of(cls, results: list[FileResult]) -> Summary:
        return cls(
            files=len(results),
            errors=sum(r.count(Severity.ERROR) for r in results),
            warnings=sum(r.count(Severity.WARNING) for r in results),
            infos=sum(r.count(Severity.INFO) for r in results),
        )


BUILTIN_SEVERITIES: Mapping[str, Severity] = MappingProxyType(
    {
        **dict.fromkeys(
            ("Y001", "Y002", "Y003", "Y004", "Y005", "Y006", "Y007", "Y008"), Severity.ERROR
        ),
        "Y009": Severity.WARNING,
        **dict.fromkeys(("Y010", "Y011", "Y012"), Severity.ERROR),
        "Y013": Severity.WARNING,
        "Y014": Severity.WARNING,
        "Y015": Severity.ERROR,
        **dict.fromkeys(("S001", "S002", "S003", "S004", "S005", "S006", "S007"), Severity.ERROR),
        **dict.fromkeys(("X001", "X002", "X003"), Severity.ERROR),
        "X004": Severity.WARNING,
        **dict.fromkeys(("X005", "X006"), Severity.ERROR),
        "X007": Severity.WARNING,
        **dict.fromkeys(("X008", "X009"), Severity.ERROR),
        "X010": Severity.WARNING,
        **dict.fromkeys(("X011", "X012"), Severity.ERROR),
    }
)
"""The default severity of each check made while a file is read, and the one place it is stated.

Y codes come from the loader (and Y013 from the suppression check), S codes from the model, X
codes from the workbook reader (``import``). The
rule classes that document them (rules/yaml_checks.py, rules/suppression_checks.py,
rules/schema_checks.py) take their ``severity`` from this table: the loader and the model use it
without importing the rule catalogue, which a run answered from the cache never loads.
"""


def builtin_finding(
    code: str, file: str, line: int, col: int, message: str, hint: str = ""
) -> Diagnostic:
    """A finding of a Y or S check, at the default severity of its code."""
    return Diagnostic(code, BUILTIN_SEVERITIES[code], file, line, col, message, hint)
