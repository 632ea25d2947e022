"""XLSX inputs are read like CSV: same layouts and mapping, cells as their types say, located."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from kundenaudit.cli.app import app
from kundenaudit.load.xlsx.cells import cell_column, column_letters, is_date_format, number_text

ROOT = Path(__file__).resolve().parents[2]
CRM = ROOT / "examples" / "crm"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"



def active(wb: Workbook) -> Worksheet:
    """The workbook's active sheet (a new workbook always has one)."""
    ws = wb.active
    assert isinstance(ws, Worksheet)
    return ws

def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def raw_workbook(path: Path, rows_xml: str, strings_xml: str | None = None) -> Path:
    """A minimal workbook written by hand: what no library would write (cached formula
    values, DTDs) is possible."""
    rels = [f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>']
    if strings_xml is not None:
        rels.append(
            f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
            '<sheet name="Daten" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PKG}">{"".join(rels)}</Relationships>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{MAIN}"><sheetData>{rows_xml}</sheetData></worksheet>',
        )
        if strings_xml is not None:
            z.writestr("xl/sharedStrings.xml", strings_xml)
    return path


def inline_row(row: int, *values: str) -> str:
    cells = "".join(
        f'<c r="{column_letters(i)}{row}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values, 1)
    )
    return f'<row r="{row}">{cells}</row>'


HEADER = inline_row(1, "customer", "segment", "service", "status")


def crm_as_xlsx(path: Path) -> Path:
    """examples/crm/kunden-export.csv saved as a workbook, numbers and dates typed."""
    with (CRM / "kunden-export.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    wb = Workbook()
    ws = active(wb)
    ws.title = "Export"
    for i, row in enumerate(rows):
        out: list[object] = list(row)
        if i:
            out[4] = int(row[4])  # Jahresumsatz: a number cell
            out[21] = int(row[21])  # Deckungsbeitrag
            out[22] = float(row[22].replace(",", "."))  # Zufriedenheit (decimal comma in the CSV)
            out[-1] = dt.date.fromisoformat(row[-1])  # Letzter Besuch: a date cell
            out = [None if v == "" else v for v in out]
        ws.append(out)
    wb.save(path)
    (path.parent / "kunden-export.mapping.yaml").write_bytes(
        (CRM / "kunden-export.mapping.yaml").read_bytes()
    )
    return path


def test_the_crm_export_as_xlsx_scores_as_the_csv(tmp_path: Path) -> None:
    book = crm_as_xlsx(tmp_path / "kunden-export.xlsx")
    args = ("--today", "2026-11-27", "--format", "json")
    code, from_xlsx, err = invoke("score", str(book), *args)
    assert code == 0, err
    code, from_csv, _ = invoke("score", str(CRM / "kunden-export.csv"), *args)
    assert code == 0
    assert json.loads(from_xlsx) == json.loads(from_csv)
    assert len(json.loads(from_xlsx)["customers"]) == 7


def test_numbers_and_dates_as_the_cell_types_say(tmp_path: Path) -> None:
    wb = Workbook()
    ws = active(wb)
    ws.append(["customer", "segment", "service", "status", "degree", "date", "value"])
    ws.append([4711, "standard", "reklamation", "teilweise", 0.7, dt.date(2026, 10, 2), 84000])
    wb.save(tmp_path / "long.xlsx")
    code, out, err = invoke(
        "score", str(tmp_path / "long.xlsx"), "--today", "2026-11-27", "--format", "json"
    )
    assert code == 0, err
    customer = json.loads(out)["customers"][0]
    assert customer["id"] == "4711"  # a number cell with an integer: no "4711.0"
    gap = next(g for g in customer["gaps"] if g["service"] == "reklamation")
    assert gap["degree"] == 0.7


def test_a_date_where_a_number_belongs_is_located_at_its_cell(tmp_path: Path) -> None:
    wb = Workbook()
    ws = active(wb)
    ws.title = "Bewertung 1"
    ws.append(["customer", "segment", "service", "status", "degree"])
    ws.append(["K-1", "standard", "reklamation", "teilweise", dt.date(2026, 1, 1)])
    ws.append(["K-1", "standard", "wartung", "vielleicht", None])
    wb.save(tmp_path / "bad.xlsx")
    code, out, err = invoke("score", str(tmp_path / "bad.xlsx"))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0].startswith("bad.xlsx:'Bewertung 1'!E2: error: ") or lines[0].startswith(
        str(tmp_path / "bad.xlsx") + ":'Bewertung 1'!E2: error: "
    )
    assert "'2026-01-01'" in lines[0]
    assert "'Bewertung 1'!D3: error: unknown status 'vielleicht'" in lines[1]
    assert "Traceback" not in err


def test_formulas_are_their_cached_values_never_evaluated(tmp_path: Path) -> None:
    rows = HEADER + (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>K-1</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>standard</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>reklamation</t></is></c>'
        '<c r="D2" t="str"><f>IF(1=1,"nicht_erfuellt","erfuellt")</f><v>erfuellt</v></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>K-1</t></is></c>'
        '<c r="B3" t="inlineStr"><is><t>standard</t></is></c>'
        '<c r="C3" t="inlineStr"><is><t>wartung</t></is></c>'
        '<c r="D3" t="str"><f>WEBSERVICE("http://example.invalid")</f></c></row>'
    )
    book = raw_workbook(tmp_path / "f.xlsx", rows)
    code, out, err = invoke("score", str(book), "--today", "2026-11-27", "--format", "json")
    assert code == 0, err
    customer = json.loads(out)["customers"][0]
    assert "reklamation" not in [g["service"] for g in customer["gaps"]]  # the cached value
    assert "'Daten'" not in err and "Daten!D3: warning: a formula without a saved value" in err
    assert "wartung" in [g["service"] for g in customer["gaps"]]  # read as empty: offen


def test_a_billion_laughs_in_the_shared_strings_is_refused(tmp_path: Path) -> None:
    entities = '<!ENTITY a "hahahahahahahahahaha">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    strings = (
        f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]>'
        f'<sst xmlns="{MAIN}"><si><t>&i;</t></si></sst>'
    )
    rows = HEADER + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    book = raw_workbook(tmp_path / "laughs.xlsx", rows, strings)
    code, out, err = invoke("score", str(book))
    assert (code, out) == (2, "")
    assert "laughs.xlsx:xl/sharedStrings.xml: error: refused:" in err
    assert "Traceback" not in err


def test_damaged_and_non_zip_workbooks_are_input_errors(tmp_path: Path) -> None:
    (tmp_path / "text.xlsx").write_text("customer,segment\n", encoding="utf-8")
    code, out, err = invoke("score", str(tmp_path / "text.xlsx"))
    assert (code, out) == (2, "")
    assert "not an XLSX workbook" in err
    book = raw_workbook(tmp_path / "broken.xlsx", "<row r='1'><c r='A1'")
    code, _, err = invoke("score", str(book))
    assert code == 2
    assert "broken.xlsx:xl/worksheets/sheet1.xml: error: damaged workbook" in err


def test_sheet_option_picks_a_sheet_and_names_the_others(tmp_path: Path) -> None:
    wb = Workbook()
    active(wb).title = "Notizen"
    active(wb).append(["nothing to see"])
    ws = wb.create_sheet("Audit")
    ws.append(["customer", "segment", "service", "status"])
    ws.append(["K-1", "standard", "reklamation", "erfuellt"])
    wb.save(tmp_path / "two.xlsx")
    code, out, err = invoke("score", str(tmp_path / "two.xlsx"), "--sheet", "Audit", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["customers"][0]["id"] == "K-1"
    code, _, err = invoke("score", str(tmp_path / "two.xlsx"), "--sheet", "audit")
    assert code == 2
    assert "no sheet 'audit' (did you mean 'Audit'?)" in err or "no sheet 'audit'" in err
    assert "the sheets are: Notizen, Audit" in err


def test_validate_checks_a_workbook(tmp_path: Path) -> None:
    wb = Workbook()
    ws = active(wb)
    ws.title = "S"
    ws.append(["customer", "segment", "service", "status"])
    ws.append(["K-1", "standard", "reklamation", "bad"])
    ws.append(["K-1", "standard", "wartung", "worse"])
    wb.save(tmp_path / "v.xlsx")
    code, out, err = invoke("validate", str(tmp_path / "v.xlsx"), "--format", "github")
    assert code == 1
    assert "::error file=" in out and "line=2,col=4" in out and "line=3,col=4" in out
    assert "S!D2: unknown status 'bad'" in out
    assert "1 file(s) checked: 2 error(s)" in err


def test_without_the_extra_an_xlsx_input_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = crm_as_xlsx(tmp_path / "kunden-export.xlsx")
    monkeypatch.setitem(sys.modules, "defusedxml", None)  # import defusedxml now fails
    monkeypatch.setitem(sys.modules, "defusedxml.ElementTree", None)
    code, out, err = invoke("score", str(book))
    assert (code, out) == (2, "")
    assert "pip install 'kundenaudit[xlsx]'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("yyyy-mm-dd", True),
        ("dd.mm.yyyy", True),
        ("h:mm", True),
        ("0.00", False),
        ('#,##0 "days"', False),
        ("[Red]0.0", False),
        ("General", False),
        ('0 "d"', False),
    ],
)
def test_date_formats(code: str, expected: bool) -> None:
    assert is_date_format(code) is expected


def test_numbers_and_serial_dates() -> None:
    # 45658 is 2025-01-01; 2026-01-01 = 45658 + 365 = 46023; 2026-10-02 = 46023 + 273 + 1
    # (Jan..Sep 2026 have 273 days) = 46297
    assert number_text("46297", True, False) == "2026-10-02"
    assert number_text("61", True, False) == "1900-03-01"  # after Excel's 1900-02-29
    assert number_text("0", True, True) == "1904-01-01"
    assert number_text("46297.5", True, False) == "2026-10-02T12:00:00"
    assert number_text("84000", False, False) == "84000"
    assert number_text("0.7", False, False) == "0.7"
    assert (cell_column("F12"), cell_column("AB3"), column_letters(28)) == (6, 28, "AB")


def test_inline_and_shared_strings_with_rich_runs(tmp_path: Path) -> None:
    strings = (
        f'<sst xmlns="{MAIN}"><si><r><t>K-</t></r><r><t>9</t></r>'
        "<rPh><t>ignored</t></rPh></si></sst>"
    )
    rows = HEADER + (
        '<row r="2"><c r="A2" t="s"><v>0</v></c>'
        '<c r="B2" t="inlineStr"><is><t>standard</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>reklamation</t></is></c>'
        '<c r="D2" t="inlineStr"><is><t>ja</t></is></c></row>'
    )
    book = raw_workbook(tmp_path / "s.xlsx", rows, strings)
    code, out, err = invoke("score", str(book), "-f", "json")
    assert code == 0, err
    assert json.loads(out)["customers"][0]["id"] == "K-9"


def test_csv_text_of_a_sheet_keeps_row_numbers(tmp_path: Path) -> None:
    from kundenaudit.load.xlsx.table import _as_csv

    text = _as_csv(iter([(1, {1: "a;b", 2: "c"}), (4, {2: 'x"y'})]))
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["a;b", "c"], [], [], ["", 'x"y']]
