"""Data-driven: every file in data/bad_catalogs has one defect, found at the expected position.

A case is ``NAME.yaml`` plus ``NAME.expected``, one finding a line:
``line:col: severity: substring-of-message [rule]``. The positions were counted by hand. Every
expected finding must be reported, and nothing else. Files that expect only warnings are run with
``--strict`` (their exit code is 1 only then).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kundenaudit.cli.app import app
from tests import realdata

HERE = Path(__file__).resolve().parent.parent
BAD = HERE / "data" / "bad_catalogs"
GOOD = HERE / "data" / "good_catalogs"
REPO = HERE.parent
REALDATA = realdata.DIR
EXPECTED_LINE = re.compile(r"^(\d+):(\d+): (error|warning): (.+) \[([a-z0-9-]+)\]$")
FINDING_KEYS = {"file", "line", "column", "severity", "rule", "message"}


@dataclass(frozen=True)
class Expected:
    line: int
    column: int
    severity: str
    text: str
    rule: str

    def matches(self, finding: dict[str, object]) -> bool:
        return self.same_place(finding) and self.text in str(finding["message"])

    def same_place(self, finding: dict[str, object]) -> bool:
        return (finding["line"], finding["column"], finding["severity"], finding["rule"]) == (
            self.line,
            self.column,
            self.severity,
            self.rule,
        )


def expectations(case: Path) -> list[Expected]:
    out = []
    for raw in case.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        match = EXPECTED_LINE.match(raw)
        assert match, f"{case.stem}.expected: malformed line {raw!r}"
        line, col, severity, text, rule = match.groups()
        out.append(Expected(int(line), int(col), severity, text, rule))
    assert out, f"{case.stem}.expected is empty"
    return out


CASES = sorted(BAD.glob("*.yaml"))


def validate(monkeypatch: pytest.MonkeyPatch, where: Path, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(where)
    result = CliRunner().invoke(app, ["validate", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_the_folder_is_complete() -> None:
    stems = {p.stem for p in CASES}
    assert len(stems) >= 25
    sidecars = {p.stem for p in BAD.glob("*.expected")}
    assert sidecars == stems, "every NAME.yaml needs a NAME.expected and vice versa"


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_bad_catalog(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = expectations(case)
    strict = ["--strict"] if all(e.severity == "warning" for e in expected) else []
    before = case.read_bytes()
    code, out, err = validate(monkeypatch, BAD, case.name, "--format", "json", *strict)
    assert code == 1, err
    findings = json.loads(out)
    assert isinstance(findings, list)
    for finding in findings:
        assert set(finding) >= FINDING_KEYS
        assert finding["file"] == case.name
    for exp in expected:
        assert any(exp.matches(f) for f in findings), f"{case.name}: {exp} not in {findings}"
    unexpected = [f for f in findings if not any(e.same_place(f) for e in expected)]
    assert unexpected == [], f"{case.name}: more than its one defect"
    errors = sum(1 for f in findings if f["severity"] == "error")
    warnings = len(findings) - errors
    assert err == f"1 file(s) checked: {errors} error(s), {warnings} warning(s)\n"
    assert case.read_bytes() == before


def test_the_whole_folder_at_once_reports_every_file(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = validate(monkeypatch, BAD, ".", "--format", "json")
    assert code == 1
    reported = {f["file"] for f in json.loads(out)}
    # a directory is searched for kundenaudit files: a document with a 'kundenaudit' key, or a
    # file that does not parse but mentions kundenaudit (even in UTF-16). Files without either
    # cannot be told apart from other YAML in the tree and are skipped.
    silent = {
        "empty.yaml",
        "comment-only.yaml",
        "top-scalar.yaml",
        "top-list.yaml",
        "missing-version.yaml",
    }
    assert reported == {p.name for p in CASES} - silent
    assert err.startswith(f"{len(CASES) - len(silent)} file(s) checked: ")


# --- good cases --------------------------------------------------------------------------------

BUILTIN = sorted((REPO / "catalogs").glob("*.yaml"))


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_builtin_catalogs_are_clean_even_when_strict(
    monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    assert [p.name for p in BUILTIN] == ["grosshandel.yaml", "standard.yaml"]
    code, out, err = validate(monkeypatch, REPO, "catalogs/", "--strict", "--format", fmt)
    assert (code, err) == (0, "2 file(s) checked: 0 error(s), 0 warning(s)\n")
    assert out == ("[]\n" if fmt == "json" else "")


GOOD_CASES = sorted(GOOD.glob("*.yaml"))


@pytest.mark.parametrize("case", GOOD_CASES, ids=[p.stem for p in GOOD_CASES])
def test_good_catalog(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = validate(monkeypatch, GOOD, case.name, "--strict")
    assert (code, out, err) == (0, "", "1 file(s) checked: 0 error(s), 0 warning(s)\n")


def test_level_aliases_resolve_as_written() -> None:
    import datetime as dt

    from kundenaudit.model.vocabulary import Level
    from kundenaudit.score.catalogs import load_catalog

    cat, _ = load_catalog(GOOD / "level-aliases.yaml", dt.date(2026, 6, 1))
    m, s, k = Level.MUSS, Level.SOLL, Level.KANN
    levels = {seg: [cat.segments[seg].levels[f"s{i}"] for i in range(1, 8)] for seg in cat.segments}
    assert levels == {
        "a": [m, m, None, s, k, k, k],
        "b": [m, s, None, None, k, k, k],
        "no": [m, None, s, s, None, k, k],
    }
    assert [g.level for g in cat.segments["no"].goals] == [m, s, k]
    assert (cat.weights.muss, cat.weights.soll, cat.weights.kann) == (5, 2, 1)


def test_quoted_traps_keep_their_text() -> None:
    import datetime as dt

    from kundenaudit.score.catalogs import load_catalog

    cat, _ = load_catalog(GOOD / "quoted-traps.yaml", dt.date(2026, 6, 1))
    assert (cat.spec.name, cat.spec.version) == ("Yes: quoted", "1.10")
    assert list(cat.segments) == ["no", "1-10"]
    svc = cat.services["1_10"]
    assert (svc.name, svc.ref, svc.action) == ("on", "1.10", "- mit Bindestrich")
    assert "12:30 Uhr, yes/no" in (svc.description or "")


def test_bom_and_crlf_read_like_the_plain_file() -> None:
    import datetime as dt

    from kundenaudit.score.catalogs import load_catalog

    plain = load_catalog(GOOD / "minimal.yaml", dt.date(2026, 6, 1))[0]
    for name in ("bom.yaml", "crlf.yaml"):
        other = load_catalog(GOOD / name, dt.date(2026, 6, 1))[0]
        assert other.spec == plain.spec
        assert other.segments == plain.segments


REAL = realdata.catalogs()


@realdata.needs(*([p.name for p in REAL] or ["*.catalog.yaml"]))
@pytest.mark.parametrize("case", REAL, ids=[p.stem for p in REAL])
def test_real_catalogs_validate(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = validate(monkeypatch, REALDATA, case.name, "--format", "json")
    assert code == 0, out
    assert all(f["severity"] == "warning" for f in json.loads(out))
    assert err.startswith("1 file(s) checked: 0 error(s), ")
