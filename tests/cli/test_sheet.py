"""`kundenaudit sheet`: the assessment workbook, filled in with openpyxl, scores like YAML."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kundenaudit.load.xlsx.meta import catalog_sha256
from kundenaudit.score.catalogs import load_catalog
from tests.cli.runner import ROOT, invoke

PORTFOLIO = str(ROOT / "examples" / "portfolio.yaml")
TODAY = ["--today", "2026-11-27"]
HEADER = [
    "customer", "name", "segment", "manager", "value", "audited", "service", "service_name",
    "level", "action", "status", "degree", "reason", "until", "note", "evidence", "date",
    "deckungsbeitrag", "zufriedenheit",  # the metrics of catalogs/standard.yaml
]  # fmt: skip
STATUS = "K"  # column of `status` in HEADER


def make_sheet(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "bewertung.xlsx"
    code, stdout, err = invoke("sheet", *args, "-o", str(out))
    assert (code, stdout) == (0, ""), err
    return out


def test_prefilled_with_the_inputs_it_scores_as_the_inputs(tmp_path: Path) -> None:
    # statuses, fields and kpis (metric values, with metric goals and margins from them)
    book = make_sheet(tmp_path, PORTFOLIO)
    code, from_book, err = invoke("score", str(book), "-f", "json", *TODAY)
    assert code == 0, err
    code, from_yaml, _ = invoke("score", PORTFOLIO, "-f", "json", *TODAY)
    assert json.loads(from_book) == json.loads(from_yaml)
    kpis = [c["kpis"] for c in json.loads(from_book)["customers"]]
    assert kpis[0] == {"deckungsbeitrag": 96000, "zufriedenheit": 4.5}  # examples/portfolio.yaml


def test_metric_columns_are_named_in_the_hidden_sheet(tmp_path: Path) -> None:
    wb = load_workbook(make_sheet(tmp_path, PORTFOLIO))
    meta = {r[0]: r[1] for r in wb["kundenaudit"].iter_rows(values_only=True)}
    assert meta["kpi:deckungsbeitrag"] == "deckungsbeitrag"
    assert meta["kpi:zufriedenheit"] == "zufriedenheit"
    ws = wb["Bewertung"]
    first = [c.value for c in ws[2]]
    assert first[0] == "K-30001" and first[-2:] == [96000, 4.5]  # on every row of the customer
    assert ws.cell(2, len(HEADER) - 1).data_type == "n"


def test_a_blank_sheet_filled_with_openpyxl_scores_as_the_same_statuses_in_yaml(
    tmp_path: Path,
) -> None:
    book = make_sheet(tmp_path, "--segment", "standard")
    wb = load_workbook(book)
    ws = wb["Bewertung"]
    assert [c.value for c in ws[1]] == HEADER
    filled = {
        "reklamation": ("erfuellt", None),
        "wartung": ("teilweise", 0.25),
        "teillieferung": ("nicht_erfuellt", None),
        "marktinfo": ("entbehrlich", None),
    }
    services = []
    for row in ws.iter_rows(min_row=2):
        assert row[0].value == "neu-standard" and row[2].value == "standard"
        sid = str(row[6].value)
        services.append(sid)
        if sid in filled:
            row[10].value, row[11].value = filled[sid]
            if sid == "marktinfo":
                row[12].value = "kein Bedarf"
        row[5].value = dt.datetime(2026, 11, 20)  # audited, a date cell
        row[17].value, row[18].value = 41000.5, 3  # deckungsbeitrag, zufriedenheit: numbers
    wb.save(book)
    assert len(services) == len(set(services)) > len(filled)
    yaml_record = tmp_path / "same.yaml"
    yaml_record.write_text(
        "kundenaudit: 1\ncustomer: {id: neu-standard, segment: standard}\n"
        "audited: 2026-11-20\nkpis: {deckungsbeitrag: 41000.5, zufriedenheit: 3}\n"
        "services:\n  reklamation: erfuellt\n"
        "  wartung: {status: teilweise, degree: 0.25}\n  teillieferung: nicht_erfuellt\n"
        "  marktinfo: {status: entbehrlich, reason: kein Bedarf}\n",
        encoding="utf-8",
    )
    code, from_book, err = invoke("score", str(book), "-f", "json", *TODAY)
    assert code == 0, err
    code, from_yaml, _ = invoke("score", str(yaml_record), "-f", "json", *TODAY)
    assert json.loads(from_book)["customers"] == json.loads(from_yaml)["customers"]
    customer = json.loads(from_book)["customers"][0]
    assert customer["counts"]["teilweise"] == 1 and customer["counts"]["entbehrlich"] == 1
    assert customer["kpis"] == {"deckungsbeitrag": 41000.5, "zufriedenheit": 3}
    # the standard segment's goal zufriedenheit >= 3.5 (catalogs/standard.yaml): 3 misses it
    goal = next(g for g in customer["metric_goals"] if g["metric"] == "zufriedenheit")
    assert (goal["actual"], goal["target"], goal["state"]) == (3, 3.5, "verfehlt")


def test_drop_down_reference_columns_and_hidden_catalog_hash(tmp_path: Path) -> None:
    book = make_sheet(tmp_path, "--segment", "standard")
    wb = load_workbook(book)
    ws = wb["Bewertung"]
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1
    assert lists[0].formula1 == '"erfuellt,teilweise,nicht_erfuellt,offen,entbehrlich"'
    assert str(lists[0].sqref) == f"{STATUS}2:{STATUS}{ws.max_row}"
    rows = {r[6].value: r for r in ws.iter_rows(min_row=2)}
    # catalogs/standard.yaml: reklamation is a Muss knock-out in standard
    assert rows["reklamation"][8].value == "Muss (K.-o.)"
    assert str(rows["reklamation"][9].value).startswith("Reklamationen")
    meta = wb["kundenaudit"]
    assert meta.sheet_state == "hidden"
    builtin, _ = load_catalog(None, dt.date(2026, 11, 27))
    assert meta["A2"].value == "catalog_sha256"
    assert meta["B2"].value == catalog_sha256(builtin.spec)


def test_a_bad_drop_down_value_is_located_at_its_cell(tmp_path: Path) -> None:
    book = make_sheet(tmp_path, "--segment", "standard")
    wb = load_workbook(book)
    wb["Bewertung"][f"{STATUS}5"] = "vielleicht"
    wb.save(book)
    code, out, err = invoke("score", str(book))
    assert (code, out) == (2, "")
    assert f"bewertung.xlsx:Bewertung!{STATUS}5: error: unknown status 'vielleicht'" in err


def test_a_changed_catalog_is_a_warning(tmp_path: Path) -> None:
    book = make_sheet(tmp_path, PORTFOLIO)
    changed = tmp_path / "changed.yaml"
    text = (ROOT / "catalogs" / "standard.yaml").read_text(encoding="utf-8")
    changed.write_text(text.replace('version: "2026.2"', 'version: "2026.3"'), encoding="utf-8")
    code, _, err = invoke("score", str(book), "--catalog", str(changed), "-f", "json")
    assert code == 0, err
    assert "bewertung.xlsx:kundenaudit!B2: warning: this workbook was made from another" in err
    code, _, err = invoke("score", str(book), "-f", "json")  # the catalog it was made from
    assert code == 0 and "another catalog" not in err


def test_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = invoke("sheet", "-o", str(tmp_path / "b.csv"))
    assert code == 2 and "is an .xlsx file" in err
    code, _, err = invoke("sheet", "--segment", "nope", "-o", str(tmp_path / "b.xlsx"))
    assert code == 2 and "unknown segment 'nope'" in err
    monkeypatch.setitem(sys.modules, "defusedxml", None)
    code, _, err = invoke("sheet", "-o", str(tmp_path / "b.xlsx"))
    assert code == 2 and "pip install 'kundenaudit[xlsx]'" in err
    assert list(tmp_path.iterdir()) == []


def test_never_onto_an_input(tmp_path: Path) -> None:
    book = make_sheet(tmp_path, PORTFOLIO)
    before = book.read_bytes()
    code, _, err = invoke("sheet", str(book), "-o", str(book))
    assert code == 2 and "refusing to overwrite an input file" in err
    assert book.read_bytes() == before
