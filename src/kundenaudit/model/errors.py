"""Exit codes, findings and the small family of user errors."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from kundenaudit.model.text import visible, visible_path


class ExitCode(enum.IntEnum):
    """Process exit codes (SPEC §5)."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 3


class Severity(str, enum.Enum):
    """How bad a finding is."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # information (review findings); never fails a run by itself


@dataclass(frozen=True, kw_only=True)
class Finding:
    """One located message about an input file."""

    file: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str
    path: str = ""
    key: str = ""  # natural key (service, segment, customer) for stable fingerprints
    cell: str = ""  # in a workbook: the sheet and cell (``Sheet!F12``) that line and column are
    evidence: tuple[tuple[str, Any], ...] = ()  # what a review finding rests on (name, value)

    def location(self) -> str:
        """``file:line:col`` (line and column 1-based); ``file:Sheet!F12`` in a workbook;
        safe to print."""
        if self.cell:
            return f"{visible_path(self.file)}:{visible(self.cell)}"
        return f"{visible_path(self.file)}:{self.line}:{self.column}"

    def format(self) -> str:
        """The one-line text form: ``path:line:col: severity: message [rule]``.

        Safe to print: input text in it is shown escaped and never starts the line."""
        where = f" (at {self.path})" if self.path else ""
        text = f"{self.severity.value}: {self.message}{where} [{self.rule}]"
        return f"{self.location()}: {visible(text)}"


class KundenauditError(Exception):
    """A user error: bad input or usage. Never a bug; never shown with a traceback."""

    exit_code = ExitCode.USAGE

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.findings: list[Finding] = findings or []


class InputError(KundenauditError):
    """An input file does not parse or validate; carries every finding."""

    def __init__(self, findings: list[Finding]) -> None:
        errors = [f for f in findings if f.severity is Severity.ERROR]
        first = errors[0].format() if errors else "invalid input"
        super().__init__(first, findings)


class UsageError(KundenauditError):
    """A wrong option, a missing file, an output that cannot be written."""


@dataclass(eq=False)
class FindingSink:
    """Collects findings for one file while loading continues past errors."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    _errors_at: set[tuple[int, int]] = field(default_factory=set, init=False, repr=False)
    _indexed: int = field(default=0, init=False, repr=False)  # findings in _errors_at

    def add(
        self,
        line: int,
        column: int,
        message: str,
        rule: str,
        *,
        severity: Severity = Severity.ERROR,
        path: str = "",
        key: str = "",
    ) -> None:
        """Record a finding at 1-based ``line``/``column``."""
        self.findings.append(
            Finding(
                file=self.file,
                line=line,
                column=column,
                severity=severity,
                rule=rule,
                message=message,
                path=path,
                key=key,
            )
        )

    def error_at(self, line: int, column: int) -> bool:
        """Whether an error is recorded at this position (kept up to date as findings come)."""
        new = self.findings[self._indexed :]
        self._errors_at.update((f.line, f.column) for f in new if f.severity is Severity.ERROR)
        self._indexed = len(self.findings)
        return (line, column) in self._errors_at

    @property
    def has_errors(self) -> bool:
        """True when any finding is an error."""
        return any(f.severity is Severity.ERROR for f in self.findings)


@dataclass(frozen=True, kw_only=True)
class Problem:
    """A semantic finding before it is given a file position."""

    loc: tuple[Any, ...]
    message: str
    rule: str
    severity: Severity = Severity.ERROR
    at_key: bool = False
    key: str = ""


@dataclass(frozen=True)
class RuleInfo:
    """How a rule's findings are described: severity, a one-line summary and what to do."""

    severity: Severity
    summary: str
    help: str = ""
