"""`score` with metric goals and costs: sections, JSON fields, and the --fail-on-goal gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kundenaudit.cli.app import app

DATA = Path(__file__).resolve().parent.parent / "data" / "metrics"
BASE = ["score", str(DATA / "kunden.yaml"), "--catalog", str(DATA / "catalog.yaml")]
TODAY = ["--today", "2026-11-27"]


def cells(markdown: str) -> list[list[str]]:
    """Every table row of ``markdown`` as its stripped cells."""
    return [
        [c.strip() for c in line.strip("|").split("|")]
        for line in markdown.splitlines()
        if line.startswith("|")
    ]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*BASE, *TODAY, *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_fail_on_goal_names_the_customer_and_exits_1() -> None:
    code, out, err = run("--format", "json", "--fail-on-goal")
    assert code == 1
    assert json.loads(out)["customers"][1]["id"] == "K-2"  # the output is complete
    # K-2 misses deckungsbeitrag (verfehlt); K-1's goals are erreicht, laeuft, ohne_wert
    assert err == (
        "--fail-on-goal: 1 customer(s) missed a metric goal:\n  K-2: deckungsbeitrag verfehlt\n"
    )


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_without_the_gate_metric_goals_do_not_fail(fmt: str) -> None:
    code, _, err = run("--format", fmt)
    assert (code, err) == (0, "")


def test_json_carries_metric_goals_costs_and_portfolio_metrics() -> None:
    code, out, _ = run("--format", "json")
    assert code == 0
    doc = json.loads(out)
    k1 = doc["customers"][0]
    assert k1["metric_goals"] == [
        {
            "metric": "deckungsbeitrag",
            "target": 50000.0,
            "by": "2026-06-30",
            "actual": 60000.0,
            "state": "erreicht",
        },
        {
            "metric": "zufriedenheit",
            "target": 4.0,
            "by": "2027-06-30",
            "actual": 3.5,
            "state": "laeuft",
        },
        {
            "metric": "reklamationsquote",
            "target": 2.0,
            "by": None,
            "actual": None,
            "state": "ohne_wert",
        },
    ]
    assert (k1["cost_delivered"], k1["cost_to_green"], k1["margin_after_cost"]) == (
        1100.0,
        600.0,
        58900.0,
    )
    p = doc["portfolio"]
    assert p["cost_to_green_red"] == 600.0 and p["value_at_risk"] == 100000.0
    assert p["metrics"]["standard"]["deckungsbeitrag"] == {
        "customers": 1,
        "mean": 8000.0,
        "sum": 8000.0,
        "target": 10000.0,
        "meeting": 0.0,
    }


def test_portfolio_shows_metrics_by_segment() -> None:
    code, out, _ = run("--format", "markdown", "--lang", "en")
    assert code == 0
    assert "## Metrics by segment" in out
    assert "Cost to green (red customers): 600" in out
    # K-1 alone in schluessel: 1 with a value, mean = sum = 60000, target 50000, met by 100 %
    row = ["schluessel", "deckungsbeitrag", "1", "60\u00a0000", "60\u00a0000", "50\u00a0000"]
    assert [*row, "100.0 %"] in cells(out)


def test_scorecard_shows_metric_goals_and_costs(tmp_path: Path) -> None:
    first = (DATA / "kunden.yaml").read_text(encoding="utf-8").split("---")[0]
    one = tmp_path / "k1.yaml"
    one.write_text(first, encoding="utf-8")
    args = ["score", str(one), "--catalog", str(DATA / "catalog.yaml"), *TODAY, "-f", "markdown"]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0
    out = result.stdout
    assert "## Kennzahlenziele" in out
    assert ["zufriedenheit", "4", "2027-06-30", "3.5", "läuft"] in cells(out)
    assert ["reklamationsquote", "2", "laufend", "–", "ohne Wert"] in cells(out)
    assert "- geliefert: 1\u00a0100 · bis grün: 600\n" in out  # a cost to green: no note
    assert "- Marge nach Leistungskosten: 58\u00a0900" in out
    assert "Status: ROT" in out  # the Ampel comes from coverage alone


ROOT = Path(__file__).resolve().parents[2]
UNCOSTED = "keiner der nächsten Schritte hat Kosten im Katalog"


@pytest.mark.parametrize(
    ("example", "line"),
    [
        # next steps kreditlimit_gespraech and teillieferung: the built-in catalog gives
        # neither a cost (only ersatzteile, lieferverzug_info, wartung, marktinfo, schulung,
        # anwendertreffen and kundenportal have one), so 0 to green is said to be uncosted
        ("gelb.yaml", f"- geliefert: 1\u00a0740 · bis grün: 0 ({UNCOSTED})\n"),
        ("rot.yaml", f"- geliefert: 250 · bis grün: 0 ({UNCOSTED})\n"),  # reklamation
        ("gruen.yaml", "· bis grün: 0\n"),  # green: no next steps, nothing to explain
    ],
)
def test_a_zero_cost_to_green_with_uncosted_next_steps_says_so(
    monkeypatch: pytest.MonkeyPatch, example: str, line: str
) -> None:
    monkeypatch.chdir(ROOT)
    args = ["score", f"examples/{example}", "-f", "markdown", *TODAY]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert line in result.stdout
    if example == "gruen.yaml":
        assert UNCOSTED not in result.stdout


def test_the_examples_carry_metric_goals_and_costs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    args = ["score", "examples/portfolio.yaml", "examples/rot.yaml", "-f", "json", *TODAY]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0
    by_id = {c["id"]: c for c in json.loads(result.stdout)["customers"]}
    states = {
        cid: [(g["metric"], g["state"]) for g in c["metric_goals"]] for cid, c in by_id.items()
    }
    # as the comments in the examples say (goals: standard 3.5 / 10000, schluesselkunde and
    # systempartner 4.0 / 50000 by 2027-12-31, gelegenheitskunde 3.5 / 2000)
    assert states["K-30002"] == [("zufriedenheit", "verfehlt"), ("deckungsbeitrag", "laeuft")]
    assert states["K-30004"] == [("zufriedenheit", "erreicht"), ("deckungsbeitrag", "verfehlt")]
    assert states["K-30005"] == [("zufriedenheit", "ohne_wert"), ("deckungsbeitrag", "ohne_wert")]
    assert states["K-30006"] == [("zufriedenheit", "ohne_wert"), ("deckungsbeitrag", "verfehlt")]
    rot = by_id["K-20981"]
    # gelegenheitskunde: wartung, schulung, anwendertreffen do not apply; ersatzteile exempt;
    # kundenportal 250 * 1, lieferverzug_info 150 * 0, marktinfo 300 * 0 -> 250. The next step
    # (reklamation) has no cost: 0. Margin 3100 - 250 = 2850.
    assert (rot["cost_delivered"], rot["cost_to_green"], rot["margin_after_cost"]) == (
        250.0,
        0.0,
        2850.0,
    )
