"""Golden files for every `score` format in German and English (deterministic: fixed date)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kundenaudit.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent.parent / "golden"
CASES = {"rot": "examples/rot.yaml", "portfolio": "examples/portfolio.yaml"}
EXT = {"table": "txt", "markdown": "md", "json": "json", "csv": "csv"}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("fmt", list(EXT))
@pytest.mark.parametrize("case", list(CASES))
def test_golden(
    case: str, fmt: str, lang: str, update_golden: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    args = ["score", CASES[case], "--format", fmt, "--lang", lang, "--today", "2026-11-27"]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"{case}.{lang}.{EXT[fmt]}"
    if update_golden:
        golden.write_text(result.stdout, encoding="utf-8", newline="")
    expected = golden.read_text(encoding="utf-8")
    hint = f"output differs from {golden.name}; rerun with --update-golden"
    assert result.stdout == expected, hint
