"""Odd process environments end with the documented exit code (SPEC §5), never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kundenaudit.cli.app import app
from kundenaudit.load import documents

ROOT = Path(__file__).resolve().parents[2]
GELB = str(ROOT / "examples" / "gelb.yaml")
LIMIT = 200_000  # a size limit above the built-in catalog's


def shell(command: str, tmp_path: Path) -> tuple[int, str, str]:
    """Run ``kundenaudit`` inside ``command`` (a sh line) with output captured in files."""
    env = {**os.environ, "NO_COLOR": "1"}
    script = command if ">" in command else f"{command} >{tmp_path}/out 2>{tmp_path}/err"
    kundenaudit = f"{sys.executable} -m kundenaudit"
    done = subprocess.run(
        ["sh", "-c", script.replace("KA", kundenaudit)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    out = (tmp_path / "out").read_text() if (tmp_path / "out").exists() else done.stdout
    err = (tmp_path / "err").read_text() if (tmp_path / "err").exists() else done.stderr
    return done.returncode, out, err


@pytest.fixture(autouse=True)
def _clean(tmp_path: Path) -> None:
    for name in ("out", "err"):
        (tmp_path / name).unlink(missing_ok=True)


def test_closed_stdin_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = shell("KA score - <&-", tmp_path)
    assert code == 2, err
    assert "standard input is closed" in err
    assert "Traceback" not in err and out == ""


def test_closed_stdout_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = shell(f"KA score {GELB} >&- 2>{tmp_path}/err", tmp_path)
    assert code == 2, err
    assert "standard output is closed" in err
    assert "Traceback" not in err


def test_closed_stdout_still_writes_o(tmp_path: Path) -> None:
    code, _, err = shell(f"KA score {GELB} -o {tmp_path}/r.md >&- 2>{tmp_path}/err", tmp_path)
    assert code == 0, err
    assert (tmp_path / "r.md").read_text().startswith("# Kunde K-10417")


def test_closed_stderr_still_gives_the_result(tmp_path: Path) -> None:
    code, out, _ = shell(f"KA score {GELB} --fail-on rot 2>&- >{tmp_path}/out", tmp_path)
    assert code == 0
    assert out.startswith("# Kunde K-10417")


def test_closed_stderr_keeps_the_exit_code_of_a_bad_input(tmp_path: Path) -> None:
    code, out, _ = shell(f"KA score {tmp_path}/missing.yaml 2>&- >{tmp_path}/out", tmp_path)
    assert code == 2
    assert out == ""


def test_full_stderr_keeps_the_exit_code_of_a_bad_input(tmp_path: Path) -> None:
    code, out, _ = shell(f"KA score {tmp_path}/missing.yaml 2>/dev/full >{tmp_path}/out", tmp_path)
    assert code == 2
    assert out == ""


def test_full_stdout_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = shell(f"KA score {GELB} >/dev/full 2>{tmp_path}/err", tmp_path)
    assert code == 2
    assert "No space left on device" in err and "Traceback" not in err


def test_a_device_named_as_input_is_refused_at_once(tmp_path: Path) -> None:
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    code, out, err = shell(f"KA score {tmp_path}/zero.yaml", tmp_path)
    assert code == 2
    assert "zero.yaml: not a regular file" in err
    assert out == "" and "Traceback" not in err


def test_a_catalog_that_is_a_device_is_refused(tmp_path: Path) -> None:
    code, _, err = shell(f"KA score {GELB} --catalog /dev/zero", tmp_path)
    assert code == 2
    assert "/dev/zero: not a regular file" in err


def test_a_pipe_is_read_but_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_INPUT_BYTES", LIMIT)  # above the catalog's size
    result = CliRunner().invoke(app, ["score", "-"], input="x" * (LIMIT + 1))
    assert result.exit_code == 2
    assert "<stdin>: larger than" in result.stderr
    monkeypatch.setattr(documents, "MAX_INPUT_BYTES", 1 << 20)
    text = Path(GELB).read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["score", "-", "--today", "2026-11-27"], input=text)
    assert result.exit_code == 0, result.stderr


def test_a_large_regular_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents, "MAX_INPUT_BYTES", LIMIT)
    big = tmp_path / "big.yaml"
    big.write_text("#" * (LIMIT + 1))
    result = CliRunner().invoke(app, ["score", str(big)])
    assert result.exit_code == 2
    assert "big.yaml: larger than" in result.stderr
