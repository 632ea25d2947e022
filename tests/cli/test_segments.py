"""--segment is a fallback, --as-segment a what-if that says so, --customer picks customers."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kundenaudit.cli.app import app

pytestmark = pytest.mark.usefixtures("in_root")

RECORDS = "tests/data/segments/mixed.yaml"
EXPORT = "tests/data/segments/mixed.csv"
TODAY = ["--today", "2026-11-27"]


def segments(*args: str) -> tuple[dict[str, str], str]:
    result = CliRunner().invoke(app, ["score", *args, "-f", "json", *TODAY])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    return {c["id"]: c["segment"] for c in doc["customers"]}, result.stderr


@pytest.mark.parametrize("source", [RECORDS, EXPORT])
def test_segment_is_only_the_fallback(source: str) -> None:
    found, err = segments(source, "--segment", "standard")
    assert found == {"K-1": "schluesselkunde", "K-2": "standard", "K-3": "gelegenheitskunde"}
    assert "--as-segment" not in err


@pytest.mark.parametrize("source", [RECORDS, EXPORT])
def test_as_segment_rescores_everyone_and_says_so(source: str) -> None:
    found, err = segments(source, "--as-segment", "standard")
    assert found == {"K-1": "standard", "K-2": "standard", "K-3": "standard"}
    assert "every customer scored as segment 'standard' (--as-segment)" in err


def test_without_a_segment_the_record_without_one_is_an_error() -> None:
    result = CliRunner().invoke(app, ["score", RECORDS, *TODAY])
    assert result.exit_code == 2
    assert "customer 'K-2' has no segment" in result.stderr


@pytest.mark.parametrize("source", [RECORDS, EXPORT])
def test_customer_picks_by_id_and_glob(source: str) -> None:
    found, _ = segments(source, "--segment", "standard", "--customer", "K-3", "--customer", "K-1*")
    assert list(found) == ["K-1", "K-3"]  # input order
    result = CliRunner().invoke(
        app, ["score", source, "-s", "standard", "--customer", "K-3", *TODAY]
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("# Kunde K-3")  # one customer: a scorecard


def test_a_customer_pattern_matching_nobody_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["score", RECORDS, "-s", "standard", "--customer", "K-9"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--customer K-9: no customer matches" in result.stderr


def test_an_unknown_as_segment_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["score", RECORDS, "--as-segment", "gold"])
    assert result.exit_code == 2
    assert "--as-segment: unknown segment 'gold'" in result.stderr
