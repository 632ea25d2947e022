"""Start-up: scoring one YAML record imports only what scoring needs (the other commands'
renderers, the HTML report's Jinja2 and the spreadsheet libraries are imported on first use)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GELB = ROOT / "examples" / "gelb.yaml"

# Run the console entry point; when it ends, write the names of the imported modules to a file.
PROBE = """
import json, os, sys
from kundenaudit.cli import main as entry
def _exit_now(code):
    sys.stdout.flush()
    with open(os.environ["MODULES_OUT"], "w", encoding="utf-8") as f:
        json.dump(sorted(sys.modules), f)
    os._exit(code)
entry._exit_now = _exit_now
sys.argv = ["kundenaudit", *sys.argv[1:]]
entry.main()
"""

FORBIDDEN_PACKAGES = ("jinja2", "xlsxwriter", "defusedxml", "openpyxl")
FORBIDDEN_MODULES = (
    "kundenaudit.render.report",  # the HTML/Markdown report
    "kundenaudit.render.calibrate_render",
    "kundenaudit.render.diff_text",
    "kundenaudit.render.diff_json",
    "kundenaudit.render.review",
    "kundenaudit.render.findings",  # validate's formats
    "kundenaudit.render.snapshot",  # only with --snapshot
    "kundenaudit.render.score_xlsx",
    "kundenaudit.cli.report",
    "kundenaudit.cli.init",
    "kundenaudit.model.report",
    "kundenaudit.model.diff",
    "kundenaudit.model.calibration",
    "kundenaudit.model.snapshot",  # no snapshot among the inputs
    "kundenaudit.score.diff",
    "kundenaudit.score.calibrate",
    "kundenaudit.score.review",
)


def imported_by(args: list[str], tmp_path: Path) -> tuple[int, str, set[str]]:
    """Exit code, stdout and the imported modules of ``kundenaudit ARGS`` in a fresh process."""
    modules = tmp_path / "modules.json"
    env = {**os.environ, "NO_COLOR": "1", "MODULES_OUT": str(modules)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.stderr == "", done.stderr
    return done.returncode, done.stdout, set(json.loads(modules.read_text(encoding="utf-8")))


def heavy(modules: set[str]) -> list[str]:
    """The imported modules that scoring one YAML record does not need."""
    return sorted(
        m
        for m in modules
        if m.split(".")[0] in FORBIDDEN_PACKAGES
        or any(m == f or m.startswith(f + ".") for f in FORBIDDEN_MODULES)
    )


@pytest.mark.parametrize("fmt", ["json", "markdown", "csv", "jsonl"])
def test_score_of_one_yaml_imports_no_other_command(fmt: str, tmp_path: Path) -> None:
    code, out, modules = imported_by(["score", str(GELB), "--format", fmt], tmp_path)
    assert code == 0
    assert "K-10417" in out  # the customer of examples/gelb.yaml was scored and written
    assert "kundenaudit.score.engine" in modules  # the probe sees the scoring run's modules
    assert heavy(modules) == []


def test_the_probe_sees_lazy_imports(tmp_path: Path) -> None:
    # the HTML report of the same record does import Jinja2 and the report renderer
    out = tmp_path / "r.html"
    code, _, modules = imported_by(["score", str(GELB), "-o", str(out)], tmp_path)
    assert code == 0 and out.exists()
    assert {"jinja2", "kundenaudit.render.report", "kundenaudit.cli.report"} <= modules
