"""The lean option coercion through the CLI: happy paths build no pydantic TypeAdapter, and bad
values, help texts and exit codes are byte-identical to typer's own coercion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer._coercion
import typer.core
import typer.models

from kundenaudit.cli import coercion
from tests.cli.runner import ROOT, invoke

pytestmark = pytest.mark.usefixtures("in_root")

GRUEN = "examples/gruen.yaml"
SCORE = ["score", GRUEN, "--format", "json"]
# every kind of option value: path, choice, date, numbers with a minimum, repeated texts
FULL_SCORE = [
    *["score", GRUEN, "-f", "json", "-c", "catalogs/standard.yaml", "--lang", "en"],
    *["--today", "2026-11-27", "--fail-on", "rot", "--fail-under", "50.5", "--jobs", "2"],
    *["--customer", "K-*", "-s", "standard", "--csv-delimiter", ";", "--sheet", "S"],
]
PORTFOLIO = ["score", "examples/", "-f", "markdown", "--top", "3", "--sort", "index"]
SCORECARD = ["score", GRUEN, "-f", "markdown", "--level", "muss", "--category", "Service"]
REVIEW = ["review", "examples/", "--today", "2026-11-27", "--fail-on", "audit-stale"]
REVIEW += ["--fail-on", "review-overdue", "-f", "text"]
BAD = [
    [*SCORE, "--jobs", "abc"],
    [*SCORE, "--jobs", "0"],
    [*SCORE, "--jobs", "1_000"],  # pydantic reads it; the lean path hands it over
    [*SCORE, "--top", "-1"],
    [*SCORE, "--fail-under", "x"],
    [*SCORE, "--fail-under", "1e3"],
    [*SCORE, "--today", "2026-13-01"],
    [*SCORE, "--today", "27.11.2026"],
    ["score", GRUEN, "--format", "nope"],
    ["score", GRUEN, "--format", "JSON"],
    [*SCORE, "--lang", "fr"],
    [*SCORE, "--fail-on", "green"],
    [*SCORE, "--sort", "size"],
    [*SCORE, "-o", "a\x00b"],
    [*SCORE, "--customer"],
    ["report", "examples/", "-o", "r.html", "--max-cards", "many"],
    ["calibrate", "x.csv", "--outcome", "churn", "--min-events", "0"],
    ["review", "examples/", "--fail-on", "nope"],
    ["diff", "a.json", "--fail-on-regression", "any-cause"],
    ["init", "--ci", "travis"],
    ["validate", "-f", "sarif2"],
    ["catalog", "-f", "xml"],
]
HELP = [
    [name, "--help"]
    for name in ("score", "report", "review", "diff", "calibrate", "catalog", "init", "sheet")
]
GOOD = [SCORE, FULL_SCORE, PORTFOLIO, SCORECARD, REVIEW, ["catalog", "-f", "markdown"]]


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the parameters for which typer builds its coercion (a TypeAdapter)."""
    built: list[str] = []
    original = typer._coercion.build_runtime_param

    def spy(descriptor: Any) -> Any:
        built.append(repr(descriptor.annotation))
        return original(descriptor)

    monkeypatch.setattr(typer._coercion, "build_runtime_param", spy)
    monkeypatch.setattr(typer.core, "build_runtime_param", spy)  # core imported it by name
    return built


def typers_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """As with a typer release the lean path does not know: typer coerces everything."""
    monkeypatch.setattr(coercion, "TYPER_VERSIONS", ("0.0.",))


@pytest.mark.parametrize("args", GOOD, ids=lambda a: " ".join(a[:4]))
def test_plain_values_build_no_adapter(args: list[str], builds: list[str]) -> None:
    code, out, err = invoke(*args)
    assert code in (0, 1), err  # 1: a gate or finding, not a usage error
    assert out
    assert builds == []


def test_a_value_handed_over_builds_typers_coercion(builds: list[str]) -> None:
    code, _, err = invoke(*SCORE, "--jobs", "abc")
    assert code == 2 and "--jobs: 'abc' is not a whole number (at least 1)" in err
    assert builds == ["<class 'int'>"]  # only the option whose value was handed over


def test_another_typer_release_keeps_typers_coercion(
    monkeypatch: pytest.MonkeyPatch, builds: list[str]
) -> None:
    typers_own(monkeypatch)
    code, out, _ = invoke(*SCORE)
    assert code == 0 and "K-" in out
    assert len(builds) > 10  # every option that is not a flag with its default


def test_a_parameter_with_a_coercion_keeps_it() -> None:
    option = typer.core.TyperOption(
        param_decls=["--p"],
        type_descriptor=typer._coercion.resolve_type_descriptor(int, typer.models.OptionInfo()),
    )
    option._runtime_param = built = typer._coercion.build_runtime_param(option.type_descriptor)
    coercion.install([option])
    assert option._runtime_param is built


def run_both(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> tuple[Any, Any]:
    lean = invoke(*args)
    with monkeypatch.context() as patch:
        typers_own(patch)
        return lean, invoke(*args)


@pytest.mark.parametrize("args", BAD + HELP + GOOD, ids=lambda a: " ".join(a[:1] + a[-2:]))
def test_output_is_the_same_as_with_typers_coercion(
    monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    lean, typers = run_both(monkeypatch, args)
    assert lean == typers


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--jobs", "abc"], "--jobs: 'abc' is not a whole number (at least 1)"),
        (["--jobs", "0"], "--jobs: 0 is out of range: it must be at least 1"),
        (["--fail-under", "x"], "--fail-under: 'x' is not a number"),
        (["--today", "2026-13-01"], "--today: '2026-13-01' is not a date: use YYYY-MM-DD"),
        (["--lang", "fr"], "--lang: 'fr' is not one of de, en"),
        (["--format", "nope"], "--format: 'nope' is not one of table, markdown, json, csv, "),
    ],
)
def test_bad_values_keep_their_messages(option: list[str], message: str) -> None:
    code, out, err = invoke("score", GRUEN, *option)
    assert (code, out) == (2, "")
    assert err.startswith(f"kundenaudit: error: {message}")
    assert err.endswith("; see 'kundenaudit score --help'\n")


# --- a fresh process, as the console script runs -------------------------------------------------

# Record each parameter typer builds its coercion for, and whether typer's pydantic adapters were
# imported at all, then run the console entry point.
PROBE = """
import json, os, sys
import typer._coercion, typer.core
from kundenaudit.cli import main as entry
built = []
original = typer._coercion.build_runtime_param
def spy(descriptor):
    built.append(repr(descriptor.annotation))
    return original(descriptor)
typer._coercion.build_runtime_param = typer.core.build_runtime_param = spy
def _exit_now(code):
    sys.stdout.flush()
    state = {"built": built, "adapters": "typer._adapters" in sys.modules}
    with open(os.environ["PROBE_OUT"], "w", encoding="utf-8") as f:
        json.dump(state, f)
    os._exit(code)
entry._exit_now = _exit_now
sys.argv = ["kundenaudit", *sys.argv[1:]]
entry.main()
"""


def probe(args: list[str], tmp_path: Path) -> tuple[int, dict[str, Any]]:
    out = tmp_path / "probe.json"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1", "PROBE_OUT": str(out)},
        timeout=60,
        check=False,
    )
    return done.returncode, json.loads(out.read_text(encoding="utf-8"))


def test_scoring_one_record_builds_no_adapter(tmp_path: Path) -> None:
    code, state = probe(SCORE, tmp_path)
    assert code == 0
    assert state == {"built": [], "adapters": False}


def test_the_probe_sees_an_adapter_built(tmp_path: Path) -> None:
    code, state = probe([*SCORE, "--today", "2026-13-01"], tmp_path)
    assert code == 2
    assert state == {"built": ["<class 'datetime.datetime'>"], "adapters": True}
