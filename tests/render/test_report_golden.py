"""Golden report pages per example and language (fixed date); `pytest --update-golden` rewrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.render.report_html import TODAY, invoke

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent.parent / "golden"
CASES = {  # name: (command, input, suffix)
    "report.portfolio": ("report", "examples/portfolio.yaml", "html"),
    "report.portfolio.md": ("report", "examples/portfolio.yaml", "md"),
    "score.rot": ("score", "examples/rot.yaml", "html"),
}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("case", list(CASES))
def test_golden_report(
    case: str, lang: str, update_golden: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    command, source, suffix = CASES[case]
    out = tmp_path / f"out.{suffix}"
    code, _, err = invoke([command, source, "-o", str(out), "--today", TODAY, "--lang", lang])
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    golden = GOLDEN / f"{case.removesuffix('.md')}.{lang}.{suffix}"
    if update_golden:
        golden.write_text(text, encoding="utf-8", newline="")
    hint = f"output differs from {golden.name}; rerun with --update-golden"
    assert text == golden.read_text(encoding="utf-8"), hint
