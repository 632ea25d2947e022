"""Review findings (SPEC §8) in the formats of `validate`'s findings, plus Markdown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kundenaudit.render.findings import github, json_, sarif, text
from kundenaudit.render.markdown import table
from kundenaudit.render.time_formats import ReviewFormat

if TYPE_CHECKING:
    from kundenaudit.score.validate import ValidationResult


def markdown(result: ValidationResult, strict: bool = False) -> str:
    """A heading, then one table row per finding: where, severity, rule, message."""
    lines = ["# Review", ""]
    if not result.findings:
        return "\n".join([*lines, "No findings.", ""])
    rows = [[f.location(), f.severity.value, f.rule, f.message] for f in result.findings]
    lines.append(table(["Where", "Severity", "Rule", "Finding"], rows))
    return "\n".join(lines) + "\n"


RENDERERS: dict[ReviewFormat, Callable[[ValidationResult, bool], str]] = {
    ReviewFormat.TEXT: text,
    ReviewFormat.MARKDOWN: markdown,
    ReviewFormat.JSON: json_,
    ReviewFormat.GITHUB: github,
    ReviewFormat.SARIF: sarif,
}
