"""The README's quarterly workflow runs, in a scratch directory with the examples."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kundenaudit.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
WORKFLOW = re.search(r"### A quarterly workflow\n\n```sh\n(.*?)```", README, flags=re.S)


def test_the_quarterly_workflow_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert WORKFLOW is not None
    commands = [ln for ln in WORKFLOW.group(1).splitlines() if ln.startswith("kundenaudit ")]
    assert {shlex.split(c)[1] for c in commands} == {"score", "diff", "review"}
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "examples", "examples")
    shutil.copytree(ROOT / "catalogs", "catalogs")
    # the edited catalog: Schulungen (schulung) weigh twice as much as before
    text = Path("catalogs/standard.yaml").read_text(encoding="utf-8")
    Path("catalog-neu.yaml").write_text(
        text.replace("  - id: schulung\n", "  - id: schulung\n    weight: 2\n"), encoding="utf-8"
    )
    for command in commands:
        args = shlex.split(command)[1:]
        result = CliRunner().invoke(app, args)
        gate = "--fail-on-regression" in args
        assert result.exit_code in ((0, 1) if gate else (0,)), result.stderr
        assert "Traceback" not in result.stderr
    assert Path("q4.snapshot.json").is_file() and Path("q1.snapshot.json").is_file()
