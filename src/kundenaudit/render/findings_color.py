"""`validate`'s text format in colour, for a terminal: the same lines as the plain text format,
with the position bold, the severity in its colour and the rule dim."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.color import ColorSystem
from rich.style import Style

from kundenaudit.model.errors import Finding, Severity
from kundenaudit.model.text import visible

if TYPE_CHECKING:
    from kundenaudit.score.validate import ValidationResult

SEVERITY_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTE: "cyan"}


def _paint(text: str, style: str) -> str:
    return Style.parse(style).render(text, color_system=ColorSystem.STANDARD)


def line(f: Finding) -> str:
    """:meth:`Finding.format` in colour (the same text once the colour codes are removed)."""
    where = f" (at {f.path})" if f.path else ""
    return (
        f"{_paint(f.location(), 'bold')}: {_paint(f.severity.value, SEVERITY_STYLES[f.severity])}"
        f": {visible(f.message + where)} {_paint(visible(f'[{f.rule}]'), 'dim')}"
    )


def text(result: ValidationResult, strict: bool = False) -> str:
    """``path:line:col: severity: message [rule]`` per finding, in colour."""
    return "".join(line(f) + "\n" for f in result.findings)
