"""Everyday misuse: option values that cannot work are usage errors; exemptions need reasons."""

from __future__ import annotations

import pytest

from tests.cli.runner import invoke

pytestmark = pytest.mark.usefixtures("in_root")


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "100.5"])
def test_fail_under_outside_the_index_range_is_a_usage_error(value: str) -> None:
    code, out, err = invoke("score", "examples/rot.yaml", "--fail-under", value)
    assert (code, out) == (2, "")
    assert "--fail-under takes an index from 0 to 100" in err


@pytest.mark.parametrize("value", ['"', "\n", "\r", ";;"])
def test_a_csv_delimiter_that_breaks_csv_is_a_usage_error(value: str) -> None:
    code, out, err = invoke("score", "examples/", "-f", "csv", "--csv-delimiter", value)
    assert (code, out) == (2, "")
    assert "--csv-delimiter takes a single character" in err


def test_a_bare_exemption_is_an_error_in_validate_too() -> None:
    path = "tests/data/bad_records/bare_exemption.yaml"
    code, out, _ = invoke("validate", path)
    assert code == 1
    assert f"{path}:6:16: error: status 'entbehrlich' needs a 'reason'" in out
    assert f"{path}:7:14: error: status 'entbehrlich' needs a 'reason'" in out
