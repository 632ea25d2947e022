"""Input text never reaches a terminal or CI log raw: control characters escaped, no output
line started by input, Markdown that input cannot restructure."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests.cli.runner import invoke

pytestmark = pytest.mark.usefixtures("in_root")

DATA = "tests/data/hostile"
RECORDS = f"{DATA}/control-chars.yaml"
CATALOG = f"{DATA}/control-chars-catalog.yaml"
TODAY = ["--today", "2026-11-27"]
# every C0 control but LF, DEL, C1, bidirectional overrides and isolates
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# GitHub Actions reads a line as a workflow command when, after leading spaces, it starts so
COMMAND = re.compile(r"^\s*(::|##\[)")


def assert_clean(*texts: str, lines: bool = True) -> None:
    for text in texts:
        assert not UNSAFE.search(text), repr(UNSAFE.search(text))
        forged = [ln for ln in text.splitlines() if COMMAND.match(ln)]
        assert not (lines and forged), forged


CASES = {
    "portfolio-table": ["score", RECORDS, "-f", "table", *TODAY],
    "portfolio-markdown": ["score", RECORDS, "-f", "markdown", "--detail", *TODAY],
    "portfolio-csv": ["score", RECORDS, "-f", "csv", *TODAY],
    "scorecard-table": ["score", f"{DATA}/control-chars-one.yaml", "-f", "table", *TODAY],
    "scorecard-markdown": ["score", f"{DATA}/control-chars-one.yaml", "-f", "markdown", *TODAY],
    "scorecard-catalog-table": ["score", "examples/gelb.yaml", "-c", CATALOG, "-f", "table"],
    "scorecard-catalog-md": ["score", "examples/gelb.yaml", "-c", CATALOG, "-f", "markdown"],
    "catalog-table": ["catalog", CATALOG, "-f", "table"],
    "catalog-markdown": ["catalog", CATALOG, "-f", "markdown"],
    "validate-text": ["validate", f"{DATA}/newline-key.yaml", RECORDS],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_no_control_character_and_no_forged_line(case: str) -> None:
    code, out, err = invoke(*CASES[case])
    assert code in (0, 1), err
    assert out
    assert_clean(out, err)


COMMANDS = f"{DATA}/command-ids.yaml"
COMMAND_CASES = {
    "table": ["score", COMMANDS, "-f", "table"],
    "markdown": ["score", COMMANDS, "-f", "markdown", "--detail"],
    "csv": ["score", COMMANDS, "-f", "csv", "--fail-on", "red"],
    "csv-detail": ["score", COMMANDS, "-f", "csv", "--detail"],
    "jsonl": ["score", COMMANDS, "-f", "jsonl"],
    "json": ["score", COMMANDS, "-f", "json", "--fail-under", "90"],
    "html": ["score", COMMANDS, "-f", "html"],
    "scorecard-table": ["score", f"{DATA}/command-ids-one.yaml", "-f", "table"],
    "scorecard-markdown": ["score", f"{DATA}/command-ids-one.yaml", "-f", "markdown"],
    "scorecard-csv": ["score", f"{DATA}/command-ids-one.yaml", "-f", "csv", "--detail"],
    "validate": ["validate", COMMANDS, "--strict"],
    "review": ["review", "catalogs/standard.yaml", COMMANDS],
    "review-markdown": ["review", "catalogs/standard.yaml", COMMANDS, "-f", "markdown"],
}


@pytest.mark.parametrize("case", sorted(COMMAND_CASES))
def test_no_line_starts_with_input_text_in_any_text_format(case: str) -> None:
    """Not in a table row, not in a CSV row, not on stderr (warnings, the gate's names)."""
    args = COMMAND_CASES[case]
    code, out, err = invoke(*args, *([] if args[0] == "validate" else TODAY))
    assert code in (0, 1), err
    assert out
    assert_clean(out, err)


def test_a_csv_row_keeps_its_value_and_starts_with_a_quote() -> None:
    _, out, _ = invoke("score", COMMANDS, "-f", "csv", *TODAY)
    rows = list(csv.reader(io.StringIO(out)))
    assert {row[0] for row in rows[1:]} == {"::error::pwned", "##[error]id"}  # the same ids
    assert all(line.startswith(('"::', '"##[')) for line in out.splitlines()[1:])


def test_the_github_format_starts_lines_only_with_its_own_commands() -> None:
    code, out, _ = invoke("validate", COMMANDS, "--strict", "--format", "github")
    assert code == 1
    for line in out.splitlines():
        assert not COMMAND.match(line) or re.match(r"::(error|warning|notice) file=", line), line


def test_escapes_show_what_was_there() -> None:
    _, out, err = invoke("score", f"{DATA}/control-chars-one.yaml", "-f", "table", *TODAY)
    assert "Evil\\x1b]0;pwned\\x07 GmbH\\r\\n::error" in out
    assert "Betreuer: \\x1b]52;c;ZXZpbA==\\x07 A. Schmidt" in out
    _, out, err = invoke("score", RECORDS, "-f", "markdown", *TODAY)
    assert "'unbekannt\\x1b[31m' is not in the catalog" in err


def test_github_annotations_cannot_be_forged() -> None:
    code, out, err = invoke("validate", f"{DATA}/newline-key.yaml", "-f", "github")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::warning file=tests/data/hostile/newline")
    assert_clean(out.split("::", 2)[2], err)


def test_a_file_found_in_a_directory_is_named_escaped(tmp_path: Path) -> None:
    bad = tmp_path / "\x1b]0;x\x07.yaml"
    bad.write_text("kundenaudit: 1\ncustomer: {id: K-1, segment: standard}\nservices: {a: b}\n")
    code, out, err = invoke("score", str(tmp_path), *TODAY)
    assert code == 2
    assert "\\x1b]0;x\\x07.yaml" in err
    assert_clean(out, err)


def test_markdown_keeps_rows_whole_and_input_literal() -> None:
    _, out, _ = invoke("score", RECORDS, "-f", "markdown", *TODAY)
    rows = [ln for ln in out.splitlines() if ln.startswith("|")]
    assert rows and all(ln.endswith("|") for ln in rows)
    assert "\r" not in out
    assert "\\*wichtig\\* \\<b\\>fett\\</b\\> \\[link\\](http://x)" in out
    assert "Evil\\\\x1b\\]0;pwned\\\\x07 GmbH ::error file=x::injected" in out


def test_markdown_steps_and_differentiators_are_escaped() -> None:
    _, out, _ = invoke("score", f"{DATA}/steps.yaml", "-c", CATALOG, "-f", "markdown", *TODAY)
    assert "1. reklamation: Reklamation: Antworten" in out
    assert "- 1ziel" in out  # an id starting with a digit is a list item, not a number
    _, out, _ = invoke("score", f"{DATA}/steps-ziel.yaml", "-c", CATALOG, "-f", "markdown", *TODAY)
    assert "1. 1ziel: \\*wichtig\\*\\\\x9b31m \\<b\\>x\\</b\\>: Tu\\\\x1b\\[5m es ::error::y" in out
