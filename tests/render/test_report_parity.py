"""Every machine value of the report equals the JSON result's number for the same inputs."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from tests.render.report_html import TODAY, Datum, invoke, read, write_report

CASES = {
    "portfolio": ["examples/portfolio.yaml"],  # rot 2, gelb 3, gruen 3 (see its comments)
    "examples": ["examples/"],  # YAML records and a CRM export with its mapping
    # metric goals, costs and margins (SPEC §3.1)
    "metrics": ["tests/data/metrics/kunden.yaml", "-c", "tests/data/metrics/catalog.yaml"],
}


def _json(inputs: list[str], lang: str) -> dict[str, Any]:
    code, out, err = invoke(["score", *inputs, "-f", "json", "--today", TODAY, "--lang", lang])
    assert code == 0, err
    result: dict[str, Any] = json.loads(out)
    return result


def _at(doc: Any, path: list[str]) -> Any:
    for part in path:
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


def _derived(result: dict[str, Any], path: list[str]) -> float:
    """The report's own sums, recomputed here from the JSON customers."""
    customers = result["customers"]
    kind, *rest = path
    if kind == "value_by_status":
        return math.fsum(c["value"] for c in customers if c["status"] == rest[0] and c["value"])
    if kind == "segments":
        seg, what = rest
        mine = [c for c in customers if c["segment"] == seg]
        if what == "value_at_risk":
            return math.fsum(c["value"] or 0 for c in mine if c["status"] == "rot")
        return sum(1 for c in mine if c["status"] == what)
    assert kind == "goals", path
    seg, i, what = rest[0], int(rest[1]), rest[2]
    goals = [c["goals"][i] for c in customers if c["segment"] == seg]
    if what == "erreicht":
        return sum(1 for g in goals if g["state"] == "erreicht")
    actuals = [g["actual"] for g in goals if g["actual"] is not None]
    return math.fsum(actuals) / len(actuals)


def _expected(d: Datum, result: dict[str, Any], by_id: dict[str, Any], columns: list[str]) -> Any:
    if d.row is not None:  # a cell of the customer table: its column says the field
        field = columns[d.column]
        customer = by_id[d.row]
        return len(customer["gaps"]) if field == "gaps" else _at(customer, field.split("."))
    assert d.key, f"a <data value={d.value}> without a key outside the customer table"
    if d.card is not None and not d.key.startswith("customers."):
        return _at(by_id[d.card], d.key.split("."))
    head, *path = d.key.split(".")
    if head == "derived":
        return ("derived", _derived(result, path))
    if head == "heatmap":
        return result["portfolio"]["heatmap"][path[0]][path[1]]
    return _at(result, [head, *path])


def _check(html: str, result: dict[str, Any]) -> int:
    page = read(html)
    by_id = {c["id"]: c for c in result["customers"]}
    checked = 0
    for d in page.data:
        expected = _expected(d, result, by_id, page.columns)
        if isinstance(expected, tuple):  # a sum of rounded JSON numbers: equal to the cent
            assert float(d.value) == pytest.approx(expected[1], abs=0.01), d
        elif expected is None:
            assert d.value == "", d
        else:
            assert float(d.value) == expected, d
        checked += 1
    return checked


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("case", list(CASES))
def test_every_machine_value_equals_the_json_result(
    case: str, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    inputs = CASES[case]
    html = write_report(tmp_path / "r.html", inputs, "--lang", lang)
    result = _json(inputs, lang)
    page = read(html)
    assert sorted(page.rows) == sorted(c["id"] for c in result["customers"])
    checked = _check(html, result)
    # per customer row: index, three coverages, gaps, value; and more in cards and charts
    assert checked > 6 * len(result["customers"])
    if case == "metrics":
        keys = {d.key for d in page.data}
        assert {"metric_goals.0.actual", "cost_to_green", "portfolio.cost_to_green_red"} <= keys
    else:
        statuses = {c["status"] for c in result["customers"]}
        assert statuses == {"rot", "gelb", "gruen"}


def test_the_scorecard_page_of_one_customer_equals_its_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    out = tmp_path / "k.html"
    code, _, err = invoke(["score", "examples/rot.yaml", "-o", str(out), "--today", TODAY])
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    result = _json(["examples/rot.yaml"], "de")
    page = read(html)
    assert page.rows == []  # no portfolio table for one customer: its card instead
    assert {d.card for d in page.data} >= {result["customers"][0]["id"]}
    assert _check(html, result) >= 5
