"""Portfolio inputs end to end: a CRM export with its mapping, stdin, and the real Telco data."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kundenaudit.cli.app import app
from kundenaudit.load.documents import load_mapping
from kundenaudit.load.inputs import gather
from kundenaudit.score.catalogs import load_catalog
from kundenaudit.score.engine import score_customer
from tests import realdata

ROOT = Path(__file__).resolve().parents[2]
REAL = realdata.DIR
TODAY = dt.date(2026, 11, 27)
EXPORT = "examples/crm/kunden-export.csv"


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def score_json(*args: str) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(app, ["score", *args, "--format", "json", "--today", "2026-11-27"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_crm_export_scores_with_the_mapping_found_beside_it() -> None:
    data = score_json(EXPORT)
    by_id = {c["id"]: c for c in data["customers"]}
    assert len(by_id) == 7
    # K-40007: Reklamation "nein" -> knock-out; K-40002: Reklamation "teils" -> knock-out
    assert by_id["K-40007"]["status"] == "rot"
    assert by_id["K-40007"]["knockouts"] == ["reklamation"]
    assert by_id["K-40002"]["status"] == "rot"
    assert by_id["K-40002"]["segment"] == "schluesselkunde"  # "A-Kunde" mapped
    assert by_id["K-40001"]["status"] == "gruen"
    # "n.v." -> entbehrlich with the raw value as its reason; empty cell -> offen
    assert by_id["K-40003"]["exempt"] == ["anwendertreffen"]
    assert by_id["K-40003"]["counts"]["offen"] == 1
    # Jahresumsatz of the red customers: 275000 + 8000
    assert data["portfolio"]["value_at_risk"] == 283000.0


def test_explicit_mapping_gives_the_same_result() -> None:
    mapping = "examples/crm/kunden-export.mapping.yaml"
    assert score_json(EXPORT, "--mapping", mapping) == score_json(EXPORT)


def test_csv_without_a_usable_mapping_is_a_located_error(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_bytes((ROOT / EXPORT).read_bytes())
    result = CliRunner().invoke(app, ["score", str(export)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "export.csv:1:" in result.stderr
    assert "Traceback" not in result.stderr


def test_csv_on_standard_input() -> None:
    text = "customer,segment,service,status\nK-1,standard,reklamation,erfuellt\n"
    proc = subprocess.run(
        [sys.executable, "-m", "kundenaudit", "score", "-", "--format", "json"],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["customers"][0]["id"] == "K-1"


@realdata.needs("telco.catalog.yaml", "telco.mapping.yaml", "telco.csv", "telco-long.csv")
def test_telco_wide_with_mapping_and_long_layout_score_identically() -> None:
    cat, _ = load_catalog(REAL / "telco.catalog.yaml", TODAY)
    mapping = load_mapping(REAL / "telco.mapping.yaml").mapping
    wide = gather([str(REAL / "telco.csv")], cat, mapping, None).records
    long = gather([str(REAL / "telco-long.csv")], cat, None, None).records
    assert len(wide) == len(long) == 7043
    scored_wide = {r.id: score_customer(cat, r, TODAY) for r in wide}
    scored_long = {r.id: score_customer(cat, r, TODAY) for r in long}
    assert scored_wide.keys() == scored_long.keys()
    for cid, a in scored_wide.items():
        b = scored_long[cid]
        assert (a.segment, a.status, a.index, a.coverage, a.counts) == (
            b.segment,
            b.status,
            b.index,
            b.coverage,
            b.counts,
        ), cid
        assert [(g.service, g.status, g.degree) for g in a.gaps] == [
            (g.service, g.status, g.degree) for g in b.gaps
        ], cid
        assert a.next_steps == b.next_steps, cid


def test_misspelt_csv_status_gets_a_suggestion(tmp_path: Path) -> None:
    export = tmp_path / "e.csv"
    export.write_text(
        "customer,segment,service,status\nK-1,standard,reklamation,teilweis\n", encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["score", str(export)])
    assert result.exit_code == 2
    assert "e.csv:2:4: error: unknown status 'teilweis' (did you mean 'teilweise'?)" in (
        result.stderr
    )


def test_a_customer_in_two_inputs_is_an_error_naming_both(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "kundenaudit: 1\ncustomer: {id: K-1, segment: standard}\n", encoding="utf-8"
    )
    (tmp_path / "b.csv").write_text(
        "customer,segment,service,status\nK-1,standard,reklamation,erfuellt\n", encoding="utf-8"
    )
    for extra in [[], ["--format", "json", "--jobs", "1"]]:  # loaded whole; scored while read
        inputs = [str(tmp_path / "a.yaml"), str(tmp_path / "b.csv")]
        result = CliRunner().invoke(app, ["score", *inputs, *extra])
        assert (result.exit_code, result.stdout) == (2, "")
        assert "customer 'K-1' appears twice" in result.stderr
        assert "a.yaml:1" in result.stderr
        assert "b.csv:2" in result.stderr


def test_top_sort_and_detail_shape_the_portfolio_view() -> None:
    result = CliRunner().invoke(
        app,
        [
            "score",
            "examples/portfolio.yaml",
            "--format",
            "csv",
            "--sort",
            "index",
            "--top",
            "2",
            "--today",
            "2026-11-27",
        ],
    )
    assert result.exit_code == 0
    rows = result.stdout.splitlines()[1:]
    # the two lowest indexes of the portfolio: K-30006 65.52, K-30005 67.57
    assert [r.split(",")[0] for r in rows] == ["K-30006", "K-30005"]
    plain = CliRunner().invoke(app, ["score", "examples/portfolio.yaml", "--format", "markdown"])
    detail = CliRunner().invoke(
        app, ["score", "examples/portfolio.yaml", "--format", "markdown", "--detail"]
    )
    assert "## Lücken: K-30005" not in plain.stdout
    assert "## Lücken: K-30005" in detail.stdout
