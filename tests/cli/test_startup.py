"""Start-up: scoring one YAML record imports only what scoring needs (the other commands'
renderers, the HTML report's Jinja2 and the spreadsheet libraries are imported on first use)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.core
import typer.main
from typer.testing import CliRunner

from kundenaudit.cli.app import app
from kundenaudit.cli.main import for_command

ROOT = Path(__file__).resolve().parents[2]
GELB = ROOT / "examples" / "gelb.yaml"

# Run the console entry point; when it ends, write the names of the imported modules, the
# plugin setting pydantic saw and whether pydantic looked for plugins to a file.
PROBE = """
import json, os, sys
from kundenaudit.cli import main as entry
def _exit_now(code):
    sys.stdout.flush()
    loader = sys.modules.get("pydantic.plugin._loader")
    state = {
        "modules": sorted(sys.modules),
        "plugins": os.environ.get("PYDANTIC_DISABLE_PLUGINS"),
        "scanned": loader is not None and loader._plugins is not None,
    }
    with open(os.environ["MODULES_OUT"], "w", encoding="utf-8") as f:
        json.dump(state, f)
    os._exit(code)
entry._exit_now = _exit_now
sys.argv = ["kundenaudit", *sys.argv[1:]]
entry.main()
"""

# pydantic too: the built-in catalog comes from its cache, a plain record is read plainly, and
# option values are converted without TypeAdapters (issue: one customer within 1.3x of the bare
# dependency imports); pydantic is for what is invalid or unusual, and for other commands
FORBIDDEN_PACKAGES = ("jinja2", "xlsxwriter", "defusedxml", "openpyxl", "pydantic", "pydantic_core")
FORBIDDEN_MODULES = (
    "kundenaudit.model.catalog_file",  # the file models
    "kundenaudit.model.record_file",
    "kundenaudit.model.fields",
    "kundenaudit.model.schemas",
    "kundenaudit.load.model_errors",  # what turns a pydantic error into findings
    "kundenaudit.render.report",  # the HTML/Markdown report
    "kundenaudit.render.calibrate_render",
    "kundenaudit.render.diff_text",
    "kundenaudit.render.diff_json",
    "kundenaudit.render.review",
    "kundenaudit.render.findings",  # validate's formats
    "kundenaudit.render.catalog_render",  # the catalog command's formats
    "kundenaudit.model.rules",  # the registry of every validation rule (validate, SARIF)
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


def probe(
    args: list[str], tmp_path: Path, env: dict[str, str] | None = None
) -> tuple[int, str, dict[str, Any]]:
    """Exit code, stdout and the probe's state of ``kundenaudit ARGS`` in a fresh process."""
    modules = tmp_path / "modules.json"
    env = {**(env if env is not None else os.environ), "NO_COLOR": "1", "MODULES_OUT": str(modules)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.stderr == "", done.stderr
    return done.returncode, done.stdout, json.loads(modules.read_text(encoding="utf-8"))


def imported_by(args: list[str], tmp_path: Path) -> tuple[int, str, set[str]]:
    """Exit code, stdout and the imported modules of ``kundenaudit ARGS`` in a fresh process."""
    code, out, state = probe(args, tmp_path)
    return code, out, set(state["modules"])


def heavy(modules: set[str]) -> list[str]:
    """The imported modules that scoring one YAML record does not need."""
    return sorted(
        m
        for m in modules
        if m.split(".")[0] in FORBIDDEN_PACKAGES
        or any(m == f or m.startswith(f + ".") for f in FORBIDDEN_MODULES)
    )


@pytest.mark.parametrize("fmt", ["json", "markdown", "csv", "jsonl", "table"])
def test_score_of_one_yaml_imports_no_other_command(fmt: str, tmp_path: Path) -> None:
    code, out, modules = imported_by(["score", str(GELB), "--format", fmt], tmp_path)
    assert code == 0
    assert "K-10417" in out  # the customer of examples/gelb.yaml was scored and written
    assert "kundenaudit.score.engine" in modules  # the probe sees the scoring run's modules
    assert heavy(modules) == []
    # only Markdown draws its tables with tabulate; the table format draws with rich
    markdown = {"tabulate", "kundenaudit.render.score_markdown"}
    assert markdown <= modules if fmt == "markdown" else not markdown & modules


@pytest.mark.parametrize("example", ["gruen.yaml", "rot.yaml", "portfolio.yaml"])
def test_scoring_the_examples_needs_no_pydantic(example: str, tmp_path: Path) -> None:
    path = ROOT / "examples" / example
    code, out, modules = imported_by(["score", str(path), "--format", "json"], tmp_path)
    assert code == 0 and '"customers"' in out
    assert heavy(modules) == []


def test_a_plainly_valid_catalog_file_is_read_without_its_model(tmp_path: Path) -> None:
    # the built-in catalog's bytes named as a file: not from the cache, but read plainly
    catalog = ROOT / "catalogs" / "standard.yaml"
    args = ["score", str(GELB), "--catalog", str(catalog), "--format", "json"]
    code, out, modules = imported_by(args, tmp_path)
    assert code == 0 and "K-10417" in out
    assert heavy(modules) == []


def test_a_catalog_file_of_an_unusual_form_is_read_through_its_model(tmp_path: Path) -> None:
    # a weight as an exponent: valid, but left to the file model (its reading of numbers)
    text = (ROOT / "catalogs" / "standard.yaml").read_text(encoding="utf-8")
    unusual = text.replace("weights: {muss: 3,", "weights: {muss: 3e0,", 1)
    assert unusual != text
    catalog = tmp_path / "unusual.yaml"
    catalog.write_text(unusual, encoding="utf-8")
    args = ["score", str(GELB), "--catalog", str(catalog), "--format", "json"]
    code, out, modules = imported_by(args, tmp_path)
    assert code == 0 and "K-10417" in out
    assert {"pydantic.main", "kundenaudit.model.catalog_file"} <= modules


def test_a_csv_export_with_a_catalog_file_needs_no_pydantic(tmp_path: Path) -> None:
    # a long export without a mapping file, and a catalog file read plainly: no file model
    export = tmp_path / "export.csv"
    export.write_text(
        "customer,name,segment,value,service,status\n"
        "K-1,Eins GmbH,standard,1000,angebot,erfuellt\n"
        "K-1,Eins GmbH,standard,1000,wartung,teilweise\n",
        encoding="utf-8",
    )
    catalog = ROOT / "catalogs" / "standard.yaml"
    args = ["score", str(export), "--catalog", str(catalog), "--format", "json", "--jobs", "1"]
    code, out, modules = imported_by(args, tmp_path)
    assert code == 0 and '"K-1"' in out
    assert "kundenaudit.load.csv.reader" in modules  # the probe saw the CSV reader
    assert heavy(modules) == []
    assert "kundenaudit.model.mapping_file" not in modules


def test_the_probe_sees_lazy_imports(tmp_path: Path) -> None:
    # the HTML report of the same record does import Jinja2 and the report renderer
    out = tmp_path / "r.html"
    code, _, modules = imported_by(["score", str(GELB), "-o", str(out)], tmp_path)
    assert code == 0 and out.exists()
    assert {"jinja2", "kundenaudit.render.report", "kundenaudit.cli.report"} <= modules


# --- pydantic plugins ---------------------------------------------------------------------------


def model_read_record(tmp_path: Path) -> Path:
    """A record in a form only the file model reads (an id with spaces around it): its run
    builds a pydantic validator, where pydantic looks for plugins."""
    path = tmp_path / "spaced.yaml"
    text = GELB.read_text(encoding="utf-8").replace("id: K-10417", 'id: " K-10417 "')
    assert text != GELB.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    return path


def test_the_console_script_turns_pydantic_plugins_off(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    record = model_read_record(tmp_path)
    code, out, state = probe(["score", str(record), "--format", "json"], tmp_path, env)
    assert code == 0 and '"K-10417"' in out
    assert state["plugins"] == "__all__"
    # the record was validated by a pydantic model, yet no plugin was looked for
    assert "kundenaudit.model.record_file" in state["modules"]
    assert state["scanned"] is False


def test_a_plugin_setting_of_the_user_is_kept(tmp_path: Path) -> None:
    # a user who names the plugins to leave out keeps that choice; pydantic then looks for
    # the others as usual
    env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": "some-plugin"}
    record = model_read_record(tmp_path)
    code, _, state = probe(["score", str(record), "--format", "json"], tmp_path, env)
    assert code == 0
    assert state["plugins"] == "some-plugin"
    assert state["scanned"] is True


def test_a_plain_record_builds_no_pydantic_validator(tmp_path: Path) -> None:
    # examples/gelb.yaml is read without the file model: pydantic is not even asked
    env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": "some-plugin"}
    code, _, state = probe(["score", str(GELB), "--format", "json"], tmp_path, env)
    assert code == 0
    assert "kundenaudit.model.record_file" not in state["modules"]
    assert state["scanned"] is False


# --- only the command run is built --------------------------------------------------------------


def built_commands(app_: typer.Typer) -> list[str]:
    group = typer.main.get_command(app_)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(group.commands)


@pytest.mark.parametrize(
    ("args", "built"),
    [
        (["score", "x.yaml"], ["score"]),
        (["--debug", "score", "-", "--format", "json"], ["score"]),
        (["catalog", "--format", "markdown"], ["catalog"]),  # its function is catalog_cmd
        (["--", "diff", "a", "b"], ["diff"]),
    ],
)
def test_only_the_named_command_is_built(args: list[str], built: list[str]) -> None:
    assert built_commands(for_command(app, args)) == built
    assert len(built_commands(app)) == 10  # the app itself keeps every command


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"], ["scor"], ["-", "score"]])
def test_without_a_command_name_every_command_is_built(args: list[str]) -> None:
    assert for_command(app, args) is app


@pytest.mark.parametrize(
    "args",
    [
        ["score", "--help"],
        ["--debug", "score", "--bogus"],
        ["score"],  # missing inputs
        ["score", str(GELB), "--format", "json", "--today", "2026-11-27"],
        ["score", str(GELB), "--format", "nope"],
        ["catalog", "--help"],
        ["scor"],  # an unknown command: the whole app answers, with its did-you-mean
        ["-", "score"],
        ["--help"],
    ],
)
def test_the_lean_app_answers_like_the_whole_app(args: list[str]) -> None:
    def run(app_: typer.Typer) -> tuple[int, str, str]:
        result = CliRunner().invoke(app_, args, catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    assert run(for_command(app, args)) == run(app)
