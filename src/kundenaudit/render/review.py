"""Review findings (SPEC §8) in the formats of `validate`'s findings, plus Markdown."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING

from kundenaudit.render.findings import github, json_, sarif, text
from kundenaudit.render.markdown import table

if TYPE_CHECKING:
    from kundenaudit.score.validate import ValidationResult


class ReviewFormat(str, enum.Enum):
    """Output formats of `review`: those of `validate`'s findings, and Markdown."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"


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
