"""The CLI run in-process, as the CLI tests run it: exit code, stdout and stderr apart."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kundenaudit.cli.app import app

ROOT = Path(__file__).resolve().parents[2]


def invoke(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    """Run ``kundenaudit ARGS``. Exceptions are not caught: a bug fails the test with its trace."""
    result = CliRunner().invoke(
        app, list(args), input=input, catch_exceptions=False, prog_name="kundenaudit"
    )
    return result.exit_code, result.stdout, result.stderr
