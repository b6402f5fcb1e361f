"""The one finding model that every check produces and every reporter consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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

    Lines and columns are 1-based, as compilers and editors print them.
    """

    code: str
    severity: Severity
    file: str
    line: int
    col: int
    message: str
    hint: str = ""

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
