"""Render validation findings as text lines, JSON or GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Callable

from kundenaudit.errors import Finding, Severity
from kundenaudit.render import FindingFormat

GITHUB_LIMIT = 10  # GitHub shows at most 10 annotations of each type per step


def text(findings: list[Finding]) -> str:
    """``path:line:col: severity: message [rule]`` per finding."""
    return "".join(f.format() + "\n" for f in findings)


def json_(findings: list[Finding]) -> str:
    """A JSON list of findings."""
    items = [
        {
            "file": f.file,
            "line": f.line,
            "column": f.column,
            "severity": f.severity.value,
            "rule": f.rule,
            "message": f.message,
            "path": f.path,
        }
        for f in findings
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding]) -> str:
    """GitHub workflow commands; beyond 10 per type, a count of the rest."""
    lines = []
    shown = {Severity.ERROR: 0, Severity.WARNING: 0}
    for f in findings:
        shown[f.severity] += 1
        if shown[f.severity] > GITHUB_LIMIT:
            continue
        kind = "error" if f.severity is Severity.ERROR else "warning"
        props = (
            f"file={_escape_prop(f.file)},line={f.line},col={f.column},title={_escape_prop(f.rule)}"
        )
        lines.append(f"::{kind} {props}::{_escape_data(f.location() + ': ' + f.message)}")
    for sev, n in shown.items():
        if n > GITHUB_LIMIT:
            lines.append(f"{n - GITHUB_LIMIT} more {sev.value}s not shown as annotations")
    return "".join(line + "\n" for line in lines)


RENDERERS: dict[FindingFormat, Callable[[list[Finding]], str]] = {
    FindingFormat.TEXT: text,
    FindingFormat.JSON: json_,
    FindingFormat.GITHUB: github,
}
