"""Render validation findings as text lines, JSON, GitHub annotations, SARIF 2.1.0 or JUnit XML.

Every renderer takes the whole :class:`~kundenaudit.score.validate.ValidationResult` (the checked
files as well as the findings) and whether ``--strict`` is in force.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from kundenaudit import __version__
from kundenaudit.model.errors import Finding, Severity
from kundenaudit.model.review_rules import REVIEW_RULE_IDS
from kundenaudit.model.rules import registry
from kundenaudit.model.text import visible, visible_lines
from kundenaudit.render.formats import FindingFormat

if TYPE_CHECKING:
    from kundenaudit.score.validate import ValidationResult

GITHUB_LIMIT = 10  # GitHub shows at most 10 annotations of each type per step
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_NAME = "kundenaudit/v1"
JUNIT_SUITE = "kundenaudit validate"
JUNIT_VALID = "valid"  # the test case of a checked file without findings


Renderer = Callable[["ValidationResult", bool], str]


def text(result: ValidationResult, strict: bool = False) -> str:
    """``path:line:col: severity: message [rule]`` per finding."""
    return "".join(f.format() + "\n" for f in result.findings)


def json_(result: ValidationResult, strict: bool = False) -> str:
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
            **({"evidence": dict(f.evidence)} if f.evidence else {}),
        }
        for f in result.findings
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    """A workflow command's text: percent-encoded as GitHub reads it, other controls escaped."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(value)


def _escape_prop(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_GITHUB_KIND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def github(result: ValidationResult, strict: bool = False) -> str:
    """GitHub workflow commands; beyond 10 per type, a count of the rest."""
    lines = []
    shown = dict.fromkeys(Severity, 0)
    for f in result.findings:
        shown[f.severity] += 1
        if shown[f.severity] > GITHUB_LIMIT:
            continue
        kind = _GITHUB_KIND[f.severity]
        props = (
            f"file={_escape_prop(f.file)},line={f.line},col={f.column},title={_escape_prop(f.rule)}"
        )
        lines.append(f"::{kind} {props}::{_escape_data(f.location() + ': ' + f.message)}")
    for sev, n in shown.items():
        if n > GITHUB_LIMIT:
            lines.append(f"{n - GITHUB_LIMIT} more {sev.value}s not shown as annotations")
    return "".join(line + "\n" for line in lines)


# --- SARIF 2.1.0 --------------------------------------------------------------------------------

_LINE_REF = re.compile(r"\blines? \d+(?:\s*(?:-|and|,)\s*\d+)*")


def fingerprint(finding: Finding) -> str:
    """sha256 of rule + file + natural key (the message when there is none), never the line.

    Line references inside a fallback message ("first defined on line 19") are blanked, so the
    value stays the same when lines move.
    """
    what = finding.key or _LINE_REF.sub("line", finding.message)
    # a review finding is about a segment, service and customer, wherever its file lies
    parts = (
        (finding.rule, what)
        if finding.rule in REVIEW_RULE_IDS
        else (finding.rule, finding.file, what)
    )
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _uri(file: str) -> str:
    """The path as printed, as a URI reference (percent-encoded where a URI needs it)."""
    return quote(file, safe="/")


def _rule_description(rule: str) -> str:
    info = registry().get(rule)
    return info.summary if info is not None else rule.replace("-", " ").capitalize()


def _region(finding: Finding) -> dict[str, int]:
    region = {}
    if finding.line >= 1:
        region["startLine"] = finding.line
        if finding.column >= 1:  # SARIF columns are 1-based, like ours
            region["startColumn"] = finding.column
    return region


def _sarif_result(finding: Finding, rule_index: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(finding.file)}}
    region = _region(finding)
    if region:
        physical["region"] = region
    result = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": finding.severity.value,  # error | warning | note, as SARIF names them
        "message": {"text": finding.message + (f" (at {finding.path})" if finding.path else "")},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_NAME: fingerprint(finding)},
    }
    if finding.evidence:
        result["properties"] = {"evidence": dict(finding.evidence)}
    return result


def sarif(result: ValidationResult, strict: bool = False) -> str:
    """One SARIF 2.1.0 run: a rule per rule id used, a result per finding."""
    rule_index: dict[str, int] = {}
    for f in result.findings:
        rule_index.setdefault(f.rule, len(rule_index))
    rules = [
        {"id": rule, "shortDescription": {"text": _rule_description(rule)}} for rule in rule_index
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "kundenaudit", "version": __version__, "rules": rules}},
                "results": [_sarif_result(f, rule_index[f.rule]) for f in result.findings],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


# --- JUnit XML ----------------------------------------------------------------------------------

# characters XML 1.0 cannot carry, not even as character references
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(value: str) -> str:
    return _XML_INVALID.sub("\ufffd", visible_lines(value))


def _junit_line(finding: Finding) -> str:
    where = f" (at {finding.path})" if finding.path else ""
    return f"{finding.line}:{finding.column}: {finding.severity.value}: {finding.message}{where}"


def _junit_case(file: str, rule: str, findings: list[Finding], strict: bool) -> ET.Element:
    """A test case for one (file, rule): failed on errors, on warnings only under --strict."""
    case = ET.Element("testcase", classname=_xml_text(file), name=_xml_text(rule))
    body = _xml_text("".join(_junit_line(f) + "\n" for f in findings))
    errors = any(f.severity is Severity.ERROR for f in findings)
    if errors or strict:
        n = len(findings)
        first = _junit_line(findings[0]) + (f" (and {n - 1} more)" if n > 1 else "")
        failure = ET.SubElement(
            case,
            "failure",
            message=_xml_text(first),
            type="error" if errors else "warning",
        )
        failure.text = body
    else:
        ET.SubElement(case, "system-out").text = body
    return case


def junit(result: ValidationResult, strict: bool = False) -> str:
    """JUnit XML: a test case per checked file x rule with findings, ``valid`` for a clean file.

    Errors are failures; warnings are failures only under ``--strict`` and otherwise go to the
    ``system-out`` of a passing test case.
    """
    by_file: dict[str, dict[str, list[Finding]]] = {file: {} for file in result.files}
    for f in result.findings:
        by_file.setdefault(f.file, {}).setdefault(f.rule, []).append(f)
    cases = []
    for file, rules in by_file.items():
        if not rules:
            cases.append(ET.Element("testcase", classname=_xml_text(file), name=JUNIT_VALID))
        cases += [_junit_case(file, rule, found, strict) for rule, found in rules.items()]
    counts = {
        "tests": str(len(cases)),
        "failures": str(sum(1 for c in cases if c.find("failure") is not None)),
        "errors": "0",
    }
    root = ET.Element("testsuites", {"name": JUNIT_SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": JUNIT_SUITE, **counts, "skipped": "0"})
    suite.extend(cases)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


RENDERERS: dict[FindingFormat, Renderer] = {
    FindingFormat.TEXT: text,
    FindingFormat.JSON: json_,
    FindingFormat.GITHUB: github,
    FindingFormat.SARIF: sarif,
    FindingFormat.JUNIT: junit,
}
