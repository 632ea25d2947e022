"""`kundenaudit diff` through the CLI: two snapshots, a catalog change, formats, gates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from kundenaudit.render.diff_text import RENDERERS
from kundenaudit.render.time_formats import DiffFormat
from tests.cli.runner import ROOT, invoke

TIME = ROOT / "tests" / "data" / "time"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """q3.json: old.customers.yaml under old.catalog.yaml, scored 2026-11-27;
    q4.json: new.customers.yaml under renamed.catalog.yaml (beschwerde is now reklamation)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    for src in TIME.glob("*.yaml"):
        shutil.copyfile(src, src.name)
    for name, records, cat, today in [
        ("q3", "old.customers.yaml", "old.catalog.yaml", "2026-11-27"),
        ("q4", "new.customers.yaml", "renamed.catalog.yaml", "2027-02-27"),
    ]:
        code, _, err = invoke(
            "score",
            records,
            "--catalog",
            cat,
            "--today",
            today,
            "-f",
            "json",
            "--snapshot",
            f"{name}.json",
        )
        assert code == 0, err
    return tmp_path


def as_json(*args: str) -> dict[str, Any]:
    code, out, err = invoke("diff", *args, "--format", "json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in data["diff"]["customers"]}


def test_every_diff_format_has_a_renderer() -> None:
    assert set(RENDERERS) == set(DiffFormat)


def test_two_snapshots(work: Path) -> None:
    data = as_json("q3.json", "q4.json")
    schema = json.loads((ROOT / "schemas" / "diff.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    customers = by_id(data)
    assert list(customers) == ["K-1", "K-2", "K-3"]  # old order, then the new customer
    k1 = customers["K-1"]
    # old: (3*2*1 + 2*1*0.25) / (3*2 + 2*1) = 6.5/8 = 81.25; new: both erfuellt = 100;
    # beschwerde was renamed reklamation, scored the same: the catalog part is 0
    assert (k1["old"], k1["new"]) == (
        {"status": "gruen", "index": 81.25},
        {"status": "gruen", "index": 100.0},
    )
    assert (k1["delta"], k1["catalog"], k1["delivery"]) == (18.75, 0.0, 18.75)
    assert k1["changes"] == [
        {
            "service": "wartung",
            "kind": "improved",
            "cause": "delivery",
            "old": "teilweise 0.25",
            "new": "erfuellt",
            "effect": 18.75,
        }
    ]
    assert customers["K-2"]["change"] == "gone" and customers["K-2"]["new"] is None
    assert customers["K-3"]["change"] == "new" and customers["K-3"]["old"] is None
    portfolio = data["diff"]["portfolio"]
    assert portfolio["transitions"]["gruen"] == {"rot": 0, "gelb": 0, "gruen": 1}
    # red: K-2 (no value) before; K-3 (500, reklamation a missing Muss) after: all delivery
    assert portfolio["value_at_risk"] == {
        "old": 0.0,
        "new": 500.0,
        "catalog": 0.0,
        "delivery": 500.0,
    }
    assert data["diff"]["old"]["catalog"]["name"] == "Testkatalog alt"
    assert data["diff"]["new"]["today"] == "2027-02-27"


def test_the_schema_is_committed() -> None:
    code, out, err = invoke("schema", "diff")
    assert (code, err) == (0, "")
    assert (ROOT / "schemas" / "diff.schema.json").read_text("utf-8") == out, (
        "regenerate it: kundenaudit schema diff > schemas/diff.schema.json"
    )
    jsonschema.Draft202012Validator.check_schema(json.loads(out))


def test_a_snapshot_with_itself_is_unchanged(work: Path) -> None:
    data = as_json("q3.json", "q3.json")
    assert {c["change"] for c in data["diff"]["customers"]} == {"unchanged"}
    assert all(c["changes"] == [] and c["delta"] == 0.0 for c in data["diff"]["customers"])
    assert invoke("diff", "q3.json", "q3.json", "--fail-on-regression", "any")[0] == 0
    code, out, _ = invoke("diff", "q3.json", "q3.json", "--format", "markdown")
    assert code == 0 and "Keine Änderungen." in out


def test_a_catalog_change_before_it_is_merged(work: Path) -> None:
    data = as_json("q3.json", "--catalog", "stricter.catalog.yaml")
    k1 = by_id(data)["K-1"]
    # wartung Muss: (3*2*1 + 3*1*0.25) / (3*2 + 3*1) = 6.75/9 = 75.0; Muss coverage
    # (2*1 + 1*0.25)/3 = 75 % < 100: rot. Same records: all of it is the catalog's doing
    assert (k1["new"], k1["delta"], k1["catalog"], k1["delivery"]) == (
        {"status": "rot", "index": 75.0},
        -6.25,
        -6.25,
        0.0,
    )
    assert k1["counterfactual"] == {"old_catalog": "gruen", "old_delivery": "rot"}
    assert [(c["service"], c["kind"], c["old"], c["new"]) for c in k1["changes"]] == [
        ("wartung", "level_up", "soll", "muss")
    ]
    assert data["diff"]["portfolio"]["transitions"]["gruen"]["rot"] == 1
    assert (
        invoke(
            "diff",
            "q3.json",
            "--catalog",
            "stricter.catalog.yaml",
            "--fail-on-regression",
            "delivery",
        )[0]
        == 0
    )
    code, _, err = invoke(
        "diff",
        "q3.json",
        "--catalog",
        "stricter.catalog.yaml",
        "--fail-on-regression",
        "any",
        "-f",
        "json",
    )
    assert code == 1 and err == "regression (any): K-1\n"


def test_a_gone_customer_is_a_delivery_regression(work: Path) -> None:
    code, out, err = invoke(
        "diff", "q3.json", "q4.json", "--fail-on-regression", "delivery", "-f", "json"
    )
    assert (code, err) == (1, "regression (delivery): K-2\n")
    assert json.loads(out)["diff"]["customers"][0]["id"] == "K-1"  # the output is written too


def test_human_formats(work: Path) -> None:
    code, out, _ = invoke("diff", "q3.json", "q4.json", "--format", "table")
    assert code == 0
    assert "K-1      grün 81.3  grün 100.0  +18.8" in out  # 81.25: halves round up
    code, out, _ = invoke("diff", "q3.json", "q4.json", "--format", "markdown", "--lang", "en")
    assert code == 0 and out.startswith("# Comparison of two audits\n")
    assert "| K-1 | wartung | improved | delivery | teilweise 0.25 → erfuellt | +18.8 |" in (
        out.replace("  ", " ").replace("  ", " ").replace("  ", " ").replace("  ", " ")
    )
    code, out, _ = invoke("diff", "q3.json", "q4.json", "--format", "github", "--lang", "en")
    assert out.splitlines() == [
        "::notice title=kundenaudit diff::K-1: green 81.3 → green 100.0 (by catalog +0.0, "
        "by delivery +18.8)",
        "::warning title=kundenaudit diff::K-2: red 0.0 → – (by catalog –, by delivery –)",
        # K-3: reklamation (Muss, w 2) missing, wartung met: 100 * 2*1 / (3*2 + 2*1) = 25
        "::notice title=kundenaudit diff::K-3: – → red 25.0 (by catalog –, by delivery –)",
        "3 of 3 customers changed",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["old.customers.yaml", "q4.json"], "old.customers.yaml: diff compares snapshots"),
        (["q3.json"], "diff needs NEW (a second snapshot) or --catalog F"),
        (["q3.json", "nirgends.json"], "nirgends.json: file not found"),
    ],
)
def test_what_diff_cannot_do_exits_2(work: Path, args: list[str], message: str) -> None:
    code, out, err = invoke("diff", *args)
    assert (code, out) == (2, "")
    assert message in err and "Traceback" not in err


def test_customers_whose_segment_the_new_catalog_lacks_are_named(work: Path) -> None:
    Path("other.catalog.yaml").write_text(
        Path("stricter.catalog.yaml").read_text("utf-8").replace("id: standard", "id: anders"),
        encoding="utf-8",
    )
    code, out, err = invoke("diff", "q3.json", "--catalog", "other.catalog.yaml", "-f", "json")
    assert code == 0
    assert err == (
        "warning: 2 customer(s) have a segment the new catalog lacks and are not scored there: "
        "K-1, K-2\n"
    )
    k1 = json.loads(out)["diff"]["customers"][0]
    assert (k1["new"], k1["delta"], k1["catalog"], k1["delivery"]) == (None, None, None, None)
