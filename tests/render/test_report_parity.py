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


def _review(inputs: list[str]) -> list[dict[str, Any]]:
    code, out, err = invoke(["review", *inputs, "--today", TODAY, "-f", "json"])
    assert code == 0, err
    found: list[dict[str, Any]] = json.loads(out)
    return found


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


def _trend(diff: dict[str, Any], what: str) -> float:
    """The report's trend figures, recomputed from `diff --format json`."""
    both = [
        c
        for c in diff["diff"]["customers"]
        if c["change"] in ("changed", "unchanged")
        and c["old"]["index"] is not None
        and c["new"]["index"] is not None
    ]
    if what in ("index_old", "index_new"):
        values = [c[what.removeprefix("index_")]["index"] for c in both]
    else:
        values = [c[what] for c in both]
    return math.fsum(values) / len(values)


def _from_others(head: str, path: list[str], others: dict[str, Any]) -> Any:
    """Figures of `review` and `diff` that the report shows."""
    if head == "review":  # findings per rule, as `review --format json` lists them
        return sum(1 for f in others["review"] if f["rule"] == path[0])
    if head == "diff":
        return _at(others["diff"], [head, *path])
    return ("derived", _trend(others["diff"], path[1]))


def _expected(
    d: Datum,
    result: dict[str, Any],
    by_id: dict[str, Any],
    columns: list[str],
    others: dict[str, Any],
) -> Any:
    if d.row is not None:  # a cell of the customer table: its column says the field
        field = columns[d.column]
        customer = by_id[d.row]
        return len(customer["gaps"]) if field == "gaps" else _at(customer, field.split("."))
    assert d.key, f"a <data value={d.value}> without a key outside the customer table"
    if d.card is not None and not d.key.startswith("customers."):
        return _at(by_id[d.card], d.key.split("."))
    head, *path = d.key.split(".")
    if head in ("review", "diff") or path[:1] == ["trend"]:
        return _from_others(head, path, others)
    if head == "derived":
        return ("derived", _derived(result, path))
    if head == "heatmap":
        return result["portfolio"]["heatmap"][path[0]][path[1]]
    return _at(result, [head, *path])


def _check(html: str, result: dict[str, Any], others: dict[str, Any] | None = None) -> int:
    page = read(html)
    by_id = {c["id"]: c for c in result["customers"]}
    checked = 0
    for d in page.data:
        expected = _expected(d, result, by_id, page.columns, others or {})
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
    checked = _check(html, result, {"review": _review(inputs)})
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


def test_the_trend_and_the_review_equal_diff_and_review(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An earlier audit under another catalog (Kann weighed 2) and another delivery (K-30005's
    reklamation was erfuellt): the report's trend is what `diff OLD NEW` says."""
    root = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(root)
    catalog = (root / "catalogs" / "standard.yaml").read_text(encoding="utf-8")
    old_catalog = tmp_path / "alt.yaml"
    old_catalog.write_text(catalog.replace("kann: 1}", "kann: 2}", 1), encoding="utf-8")
    records = (root / "examples" / "portfolio.yaml").read_text(encoding="utf-8")
    marker = "  reklamation:\n    status: nicht_erfuellt\n    note: Reklamation wegen"
    assert marker in records
    old_records = tmp_path / "alt-kunden.yaml"
    old_records.write_text(records.replace(marker, marker.replace("nicht_erfuellt", "erfuellt")))
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    for snap, src, extra in (
        (old, old_records, ["-c", str(old_catalog)]),
        (new, "examples/portfolio.yaml", []),
    ):
        args = ["score", str(src), *extra, "--snapshot", str(snap), "--today", TODAY]
        code, _, err = invoke([*args, "-o", str(tmp_path / f"{snap.stem}.result.json")])
        assert code == 0, err
    code, out, err = invoke(["diff", str(old), str(new), "-f", "json"])
    assert code == 0, err
    diff = json.loads(out)
    html = write_report(tmp_path / "r.html", ["examples/portfolio.yaml"], "--history", str(old))
    result = _json(["examples/portfolio.yaml"], "de")
    others = {"diff": diff, "review": _review(["examples/portfolio.yaml"])}
    keys = {d.key for d in read(html).data}
    assert {"derived.trend.catalog", "derived.trend.delivery"} <= keys
    assert "diff.portfolio.value_at_risk.delivery" in keys
    assert _check(html, result, others) > 50
    # both causes moved: K-30005 was not rot in the old audit, and Kann weighed more
    var = diff["diff"]["portfolio"]["value_at_risk"]
    assert var["delivery"] == 95000.0  # K-30005's value, red now only through delivery
    assert (
        diff["diff"]["portfolio"]["transitions"]["gruen"]["rot"]
        + diff["diff"]["portfolio"]["transitions"]["gelb"]["rot"]
        >= 1
    )
