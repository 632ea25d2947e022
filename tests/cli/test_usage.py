"""Help and usage errors: no typer, click or pydantic internals; one error style; escapes."""

from __future__ import annotations

import re
import shlex

import pytest
import typer

from kundenaudit.cli.app import app
from tests.cli.runner import ROOT, invoke

pytestmark = pytest.mark.usefixtures("in_root")

CASES = ROOT / "tests" / "data" / "usage" / "bad-options.txt"
# what typer, click and pydantic would show of themselves
INTERNALS = re.compile(
    r"<[a-z][\w\[\], |.%-]*>|\{\w+\}|%[YmdHMS]|\[/?bold|Value error|Input should|x[<>]=\d"
    r"|Try '|^Error: |Usage: .*\{",
    re.M,
)


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(group.commands)


@pytest.mark.parametrize("command", ["", *_commands()])
def test_help_shows_what_to_write_not_python_types(command: str) -> None:
    code, out, err = invoke(*([command] if command else []), "--help")
    assert (code, err) == (0, "")
    assert INTERNALS.search(out) is None, INTERNALS.search(out)


def test_help_names_the_values_an_option_takes() -> None:
    _, out, _ = invoke("score", "--help")
    assert out.startswith("Usage: kundenaudit score [OPTIONS] INPUT...\n")
    for shown in (
        "  INPUT...  Customer records",
        "  -c, --catalog FILE ",
        "  --today YYYY-MM-DD ",
        "  --fail-on rot|gelb|red|amber ",
        "  --fail-under N ",
        "  --customer ID ",
        "  -s, --segment ID ",
        "  --as-segment ID ",
    ):
        assert shown in out, shown
    assert "all; not JSON).  [at least 0]\n" in out  # the range in words
    _, out, _ = invoke("init", "--help")
    assert out.startswith("Usage: kundenaudit init [OPTIONS] [DIRECTORY]\n")


def _cases() -> list[tuple[list[str], str]]:
    cases = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        args, expected = line.split("\t")
        words = shlex.split(args.replace("\\x1b", "\x1b").replace("\\x07", "\x07"))
        cases.append((words, expected + "\n"))
    return cases


@pytest.mark.parametrize(("args", "expected"), _cases(), ids=lambda v: " ".join(v)[:40])
def test_a_bad_option_value_is_one_line_in_the_error_style(args: list[str], expected: str) -> None:
    code, out, err = invoke(*args)
    assert (code, out) == (2, "")
    assert err == expected
    assert "\x1b" not in err and "\x07" not in err  # the user's text escaped, never raw


def test_no_arguments_shows_the_help() -> None:
    code, out, err = invoke()
    assert code == 2
    assert (out + err).startswith("Usage: kundenaudit [OPTIONS] COMMAND [ARGS]...")
