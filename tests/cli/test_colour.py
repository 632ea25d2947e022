"""Colour: on a terminal or with FORCE_COLOR; never with NO_COLOR, --no-color, piped or to -o."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kundenaudit.model.errors import Severity
from kundenaudit.render.findings_color import SEVERITY_STYLES

ROOT = Path(__file__).resolve().parents[2]
BARE = "tests/data/bad_records/bare_exemption.yaml"  # two errors
SGR = re.compile(r"\x1b\[[0-9;]*m")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return {**env, "COLUMNS": "120", **extra}


def piped(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kundenaudit", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=_env(**env),
        timeout=60,
        check=False,
    )


def on_terminal(*args: str, **env: str) -> tuple[int, str]:
    """Exit code and what reached stdout, which is a terminal (a pseudo-terminal)."""
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "kundenaudit", *args],
            stdout=follower,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
            env=_env(**env),
            timeout=60,
            check=False,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the terminal is closed: everything has been read
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(leader)
    return proc.returncode, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_validate_colours_its_findings_on_a_terminal() -> None:
    plain = piped("validate", BARE)
    assert plain.returncode == 1
    assert "\x1b" not in plain.stdout
    code, shown = on_terminal("validate", BARE)
    assert code == 1
    assert "\x1b[1;31merror\x1b[0m" in shown  # the severity in red
    assert f"\x1b[1m{BARE}:6:16\x1b[0m" in shown  # the position bold
    assert SGR.sub("", shown) == plain.stdout  # the same text once the colour is gone


@pytest.mark.parametrize(
    ("args", "env"),
    [((), {"NO_COLOR": "1"}), (("--no-color",), {}), (("--no-color",), {"FORCE_COLOR": "1"})],
)
def test_validate_on_a_terminal_without_colour(args: tuple[str, ...], env: dict[str, str]) -> None:
    code, shown = on_terminal("validate", BARE, *args, **env)
    assert code == 1
    assert "\x1b" not in shown
    assert f"{BARE}:6:16: error: " in shown


def test_force_color_colours_piped_text_and_tables() -> None:
    found = piped("validate", BARE, FORCE_COLOR="1")
    assert found.returncode == 1
    assert "\x1b[1;31merror\x1b[0m" in found.stdout
    table = piped(
        "score", "examples/rot.yaml", "-f", "table", "--today", "2026-11-27", FORCE_COLOR="1"
    )
    assert table.returncode == 0
    assert "\x1b[" in table.stdout
    assert (
        "\x1b"
        not in piped("score", "examples/rot.yaml", "-f", "table", "--today", "2026-11-27").stdout
    )


def test_no_color_wins_over_force_color(tmp_path: Path) -> None:
    both = piped("validate", BARE, FORCE_COLOR="1", NO_COLOR="1")
    assert "\x1b" not in both.stdout
    table = piped(
        "score",
        "examples/rot.yaml",
        "-f",
        "table",
        "--today",
        "2026-11-27",
        FORCE_COLOR="1",
        NO_COLOR="1",
    )
    assert (table.returncode, "\x1b" in table.stdout) == (0, False)
    # a file written with -o never gets colour
    out = tmp_path / "rot.txt"
    written = piped(
        "score", "examples/rot.yaml", "-o", str(out), "--today", "2026-11-27", FORCE_COLOR="1"
    )
    assert written.returncode == 0
    assert "\x1b" not in out.read_text(encoding="utf-8")


def test_every_severity_has_a_colour() -> None:
    assert set(SEVERITY_STYLES) == set(Severity)


REVIEW = ("review", "catalogs/standard.yaml", "examples/gelb.yaml", "--today", "2026-11-27")


def test_review_colours_its_findings_on_a_terminal_as_validate_does() -> None:
    plain = piped(*REVIEW)
    assert plain.returncode == 0
    assert "\x1b" not in plain.stdout
    # gelb.yaml's exemption of kreditlimit_gespraech ended 2026-06-30: a warning
    assert "examples/gelb.yaml:15:1: warning: " in plain.stdout
    code, shown = on_terminal(*REVIEW)
    assert code == 0
    assert "\x1b[33mwarning\x1b[0m" in shown  # the severity in yellow
    assert "\x1b[1mexamples/gelb.yaml:15:1\x1b[0m" in shown  # the position bold
    assert "\x1b[2m[exemption-expired]\x1b[0m" in shown  # the rule dim
    assert SGR.sub("", shown) == plain.stdout  # the same text once the colour is gone
    for args, env in (((), {"NO_COLOR": "1"}), (("--no-color",), {"FORCE_COLOR": "1"})):
        assert "\x1b" not in on_terminal(*REVIEW, *args, **env)[1]
    # only the text format is coloured: JSON on a terminal stays JSON
    assert "\x1b" not in on_terminal(*REVIEW, "-f", "json")[1]
