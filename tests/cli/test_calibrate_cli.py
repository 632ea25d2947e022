"""`calibrate` on the command line: formats, the suggested catalog, the real Telco export."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kundenaudit.cli.app import app
from tests import realdata

HERE = Path(__file__).resolve().parent.parent
CATALOG = HERE / "data" / "calibrate" / "catalog.yaml"
REALDATA = realdata.DIR
TODAY = ["--today", "2026-11-27"]
FIELDS = [
    "service", "level", "suggested", "flags", "n_missing", "n_delivered", "events_missing",
    "events_delivered", "rate_missing", "rate_delivered", "difference", "low", "high",
]  # fmt: skip


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wide CSV with an outcome column (the planted truth of tests/score/test_calibrate.py)
    and its mapping file beside it."""
    rng = random.Random(7)
    rows = ["id;segment;treiber;neutral;umgekehrt;Kuendigung"]
    for i in range(3000):
        cells = ["nein" if rng.random() < 0.5 else "ja" for _ in range(3)]
        p = 0.2 * (2 if cells[0] == "nein" else 1) * (0.5 if cells[2] == "nein" else 1)
        rows.append(f"C-{i};gross;{';'.join(cells)};{'Ja' if rng.random() < p else 'Nein'}")
    folder = tmp_path_factory.mktemp("export")
    (folder / "kunden.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "kunden.mapping.yaml").write_text(
        "kundenaudit: 1\nmapping:\n  layout: wide\n  columns: {customer: id}\n"
        "  outcomes: {Kuendigung: churn}\n",
        encoding="utf-8",
    )
    return folder / "kunden.csv"


def test_json_has_exactly_the_fields_of_the_spec(export: Path) -> None:
    code, out, err = run("calibrate", str(export), "--outcome", "churn", "-c", str(CATALOG),
                         "-f", "json", *TODAY)  # fmt: skip
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert list(doc) == ["kundenaudit", "calibration"]
    cal = doc["calibration"]
    assert list(cal) == ["outcome", "segments", "check"] and cal["outcome"] == "churn"
    rows = {e["service"]: e for e in cal["segments"]["gross"]}
    assert all(list(e) == FIELDS for e in rows.values())
    assert (rows["treiber"]["suggested"], rows["umgekehrt"]["flags"]) == ("muss", ["reverse"])
    assert list(cal["check"]) == ["current", "suggested"]
    for half in cal["check"].values():
        assert list(half) == ["rot", "gelb", "gruen"]
        assert all(list(v) == ["customers", "rate"] for v in half.values())


def test_yaml_is_a_catalog_that_validates_strictly_and_scores(export: Path, tmp_path: Path) -> None:
    target = tmp_path / "vorschlag.yaml"
    code, out, _ = run("calibrate", str(export), "--outcome", "churn", "-c", str(CATALOG),
                       "-o", str(target), *TODAY)  # fmt: skip
    assert (code, out) == (0, "")
    doc = yaml.safe_load(target.read_text(encoding="utf-8"))
    services = {s["id"]: s for s in doc["services"]}
    assert services["treiber"]["levels"] == {"gross": "muss"}
    # umgekehrt: Kann in gross now, so no longer "standard" (which would score it as Muss);
    # klein had too few events and keeps it Muss
    assert services["umgekehrt"]["levels"] == {"gross": "kann"}
    assert services["umgekehrt"]["competition"] == "some"
    assert (run("validate", str(target), "--strict")[0]) == 0
    code, _, _ = run("score", str(export), "-c", str(target), "-f", "json", *TODAY)
    assert code == 0


def test_output_never_replaces_the_catalog(export: Path, tmp_path: Path) -> None:
    catalog = tmp_path / "katalog.yaml"
    catalog.write_bytes(CATALOG.read_bytes())
    code, out, err = run("calibrate", str(export), "--outcome", "churn", "-c", str(catalog),
                         "-o", str(catalog), *TODAY)  # fmt: skip
    assert (code, out) == (2, "")
    assert "refusing to overwrite an input file" in err and "Traceback" not in err
    assert catalog.read_bytes() == CATALOG.read_bytes()


def test_unknown_outcome_and_bad_suffix_are_usage_errors(export: Path) -> None:
    code, out, err = run("calibrate", str(export), "--outcome", "storno", "-c", str(CATALOG))
    assert (code, out) == (2, "")
    assert "no record has the outcome 'storno' (the records have: churn)" in err
    code, _, err = run("calibrate", str(export), "--outcome", "churn", "-o", "x.csv")
    assert code == 2 and "names no output format of 'calibrate'" in err


TELCO_MAPPING = """\
kundenaudit: 1
mapping:
  layout: wide
  columns: {customer: customerID, segment: Contract}
  services:
    PhoneService: phone
    MultipleLines: multiple_lines
    InternetService: internet
    OnlineSecurity: online_security
    OnlineBackup: online_backup
    DeviceProtection: device_protection
    TechSupport: tech_support
    StreamingTV: streaming_tv
    StreamingMovies: streaming_movies
  values: {'Yes': erfuellt, 'No': nicht_erfuellt, No internet service: entbehrlich,
           No phone service: entbehrlich}
  column_values:
    InternetService: {DSL: erfuellt, Fiber optic: erfuellt, 'No': nicht_erfuellt}
  segments: {Month-to-month: monthly, One year: annual, Two year: biennial}
  kpis: {MonthlyCharges: monatsumsatz}
  outcomes: {Churn: churn}
"""

needs_telco = realdata.needs("telco.csv", "telco.catalog.yaml")


@pytest.fixture(scope="module")
def telco(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The mapping with outcomes and kpis, and the Telco catalog with a metric for the kpis."""
    folder = tmp_path_factory.mktemp("telco")
    mapping = folder / "telco.mapping.yaml"
    mapping.write_text(TELCO_MAPPING, encoding="utf-8")
    catalog = folder / "telco.catalog.yaml"
    text = (REALDATA / "telco.catalog.yaml").read_text(encoding="utf-8")
    metrics = (
        "metrics:\n  - {id: monatsumsatz, name: Monthly charges, kind: oekonomisch, unit: USD}\n"
    )
    catalog.write_text(text.replace("segments:\n", metrics + "segments:\n", 1), encoding="utf-8")
    return mapping, catalog


@needs_telco
def test_telco_suggested_catalog_makes_red_mean_risk(telco: tuple[Path, Path]) -> None:
    mapping, catalog = telco
    code, out, err = run("calibrate", str(REALDATA / "telco.csv"), "--outcome", "churn",
                         "-m", str(mapping), "-c", str(catalog), "-f", "json", *TODAY)  # fmt: skip
    assert (code, err) == (0, "")
    check = json.loads(out)["calibration"]["check"]
    current, suggested = check["current"], check["suggested"]
    # the hand-made catalog works backwards: red customers churn less than green ones
    assert current["rot"]["rate"] < current["gruen"]["rate"]
    # the suggestion, on customers it never saw: red churn at least twice green churn
    assert suggested["rot"]["rate"] >= 2 * suggested["gruen"]["rate"]
    assert sum(v["customers"] for v in suggested.values()) == sum(
        v["customers"] for v in current.values()
    )


@needs_telco
def test_telco_monthly_charges_score_as_a_metric(telco: tuple[Path, Path]) -> None:
    mapping, catalog = telco
    code, out, _ = run("score", str(REALDATA / "telco.csv"), "-m", str(mapping), "-c",
                       str(catalog), "-f", "json", *TODAY)  # fmt: skip
    assert code == 0
    doc = json.loads(out)
    first = doc["customers"][0]  # 7590-VHVEG, MonthlyCharges 29.85 (first data row)
    assert (first["id"], first["kpis"]) == ("7590-VHVEG", {"monatsumsatz": 29.85})
    monthly = doc["portfolio"]["metrics"]["monthly"]["monatsumsatz"]
    assert monthly["customers"] == 3875  # every month-to-month customer has a value
