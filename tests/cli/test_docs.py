"""The README is tested: its tour runs, its YAML examples validate, CI runs its test command."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kundenaudit.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", README, flags=re.S)
TOUR = [
    re.split(r"\s+#\s", line)[0].strip()
    for lang, body in BLOCKS
    if lang == "bash"
    for line in body.splitlines()
    if line.startswith("kundenaudit ")
]
YAML_EXAMPLES = [body for lang, body in BLOCKS if lang == "yaml" and "kundenaudit: 1" in body]


def test_the_readme_has_a_tour_and_examples() -> None:
    assert len(TOUR) >= 8
    assert len(YAML_EXAMPLES) == 3  # catalog, customer record, mapping file


@pytest.mark.parametrize("command", TOUR)
def test_tour_command_runs(
    command: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    args = shlex.split(command)[1:]
    written = None
    if "-o" in args:  # the file goes to a temporary folder, not into the checkout
        at = args.index("-o") + 1
        written = args[at] = str(tmp_path / args[at])
    result = CliRunner().invoke(app, args)
    gate = bool({"--fail-on", "--fail-under", "--fail-on-goal"} & set(args))
    assert result.exit_code in ((0, 1) if gate else (0,)), result.stderr
    if written is not None:
        assert Path(written).read_text(encoding="utf-8").strip()
    elif args[0] != "validate":  # validate prints findings only; its summary goes to stderr
        assert result.stdout.strip()
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("index", range(len(YAML_EXAMPLES)))
def test_yaml_example_validates(
    index: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "example.yaml").write_text(YAML_EXAMPLES[index], encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "example.yaml", "--strict"])
    assert result.exit_code == 0, result.stdout + result.stderr


def test_setup_commands_and_ci_use_the_same_test_command() -> None:
    setup = [body for lang, body in BLOCKS if lang == "bash" and "python3 -m venv" in body]
    assert len(setup) == 2
    main_job, tests = setup
    assert "kundenaudit score examples/" in main_job
    assert "python -m pytest -q" in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest -q" in ci
