"""The registry of rules: complete, used by every finding, shown in the README, and every rule
has a bad input under tests/data that is reported with it."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kundenaudit.cli.app import app
from kundenaudit.model.errors import Severity
from kundenaudit.model.review_rules import REVIEW_RULES, ReviewRule
from kundenaudit.model.rules import VALIDATION_RULES, ValidationRule, registry

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
RULE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
TAG = re.compile(r"\[([a-z0-9-]+)\]$")
# Rules whose bad input is no small text file: the tests named build it
BUILT_BY_TESTS = {
    "csv-syntax": "a field over the CSV module's 128 KiB limit (tests/load/test_csv_import.py)",
    "xlsx": "a broken or sheetless workbook (tests/load/test_xlsx_import.py)",
    "xlsx-formula": "a formula without a saved value (tests/load/test_xlsx_import.py)",
    "xlsx-catalog-changed": "a workbook from another catalog (tests/load/test_xlsx_import.py)",
}


def test_every_rule_has_a_severity_a_summary_and_help() -> None:
    assert set(VALIDATION_RULES) == set(ValidationRule)
    assert set(REVIEW_RULES) == set(ReviewRule)
    assert not {r.value for r in ValidationRule} & {r.value for r in ReviewRule}
    for rule, info in VALIDATION_RULES.items():
        assert RULE_ID.match(rule.value)
        assert info.severity in (Severity.ERROR, Severity.WARNING)
        assert info.summary.endswith(".") and info.help.endswith("."), rule
    assert set(registry()) == {r.value for r in (*ValidationRule, *ReviewRule)}


def _rule_literals() -> dict[str, str]:
    """Rule ids written in the source: the string arguments of the calls that make findings."""
    makers = {"add", "Problem", "Finding", "_at", "problem", "_problem"}
    found: dict[str, str] = {}
    for path in (ROOT / "src" / "kundenaudit").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in makers:
                continue
            for arg in [*node.args, *(k.value for k in node.keywords if k.arg == "rule")]:
                text = arg.value if isinstance(arg, ast.Constant) else None
                if isinstance(text, str) and RULE_ID.match(text):
                    found.setdefault(text, path.name)
    return found


def test_every_rule_written_in_the_source_is_in_the_registry() -> None:
    literals = _rule_literals()
    assert len(literals) > 40  # the scan finds the findings' rules at all
    unknown = {rule: where for rule, where in literals.items() if rule not in registry()}
    assert unknown == {}


def _reported() -> dict[str, str]:
    """Rule -> the first file under tests/data that validate, score or catalog reports it for."""
    found: dict[str, str] = {}
    runner = CliRunner()
    for path in sorted(p for p in DATA.rglob("*") if p.is_file() and p.suffix != ".md"):
        if path.suffix == ".expected":
            continue
        rel = str(path.relative_to(ROOT))
        for args in (
            ["validate", rel, "--format", "json"],
            ["score", rel, "-f", "json", "--today", "2026-11-27"],
            ["catalog", rel, "-f", "json"],
        ):
            if args[0] == "catalog" and path.suffix != ".yaml":
                continue
            result = runner.invoke(app, args)
            rules: set[str] = set()
            if args[0] == "validate" and result.stdout.startswith("["):
                rules |= {f["rule"] for f in json.loads(result.stdout)}
            rules |= {m.group(1) for line in result.stderr.splitlines() if (m := TAG.search(line))}
            for rule in rules:
                found.setdefault(rule, rel)
    return found


@pytest.fixture(scope="module")
def reported() -> dict[str, str]:
    return _reported()


def test_every_rule_has_a_bad_input_under_tests_data(reported: dict[str, str]) -> None:
    missing = {r.value for r in ValidationRule} - set(reported)
    assert missing == set(BUILT_BY_TESTS)  # a new rule needs a file (or a reason here)


def test_every_reported_rule_is_registered(reported: dict[str, str]) -> None:
    assert set(reported) <= set(registry())


def test_the_readme_table_of_rules_is_the_registry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| `([a-z0-9-]+)` \| (error|warning|note) \| (.+) \| (.*) \|$", readme, re.M
    )
    expected = [
        (rule, info.severity.value, info.summary, info.help)
        for rule, info in sorted(registry().items())
    ]
    assert rows == expected, "README's table of rules differs from model/rules.py"
