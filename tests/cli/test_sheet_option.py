"""`--sheet NAME` in every command that reads inputs: the data on a workbook's second sheet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from kundenaudit.cli.app import app

HERE = Path(__file__).resolve().parent.parent
CALIBRATION = HERE / "data" / "calibrate" / "catalog.yaml"
SHEET = "Bewertung 2"  # a name with a space: cell references quote it
TODAY = ["--today", "2026-11-27"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def two_sheets(path: Path, rows: list[list[object]]) -> Path:
    """A workbook whose first sheet holds notes and whose second holds ``rows``."""
    wb = Workbook()
    notes = wb.active
    assert isinstance(notes, Worksheet)
    notes.title = "Notizen"
    notes.append(["Export vom 27.11.2026, Daten auf dem zweiten Blatt"])
    data = wb.create_sheet(SHEET)
    for row in rows:
        data.append(row)
    wb.save(path)
    return path


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """Two customers in the long layout on the second sheet."""
    return two_sheets(
        tmp_path / "book.xlsx",
        [
            ["customer", "segment", "service", "status"],
            ["K-1", "standard", "reklamation", "erfuellt"],
            ["K-1", "standard", "wartung", "nicht_erfuellt"],
            ["K-2", "standard", "reklamation", "offen"],
        ],
    )


def test_score_validate_and_review_read_the_named_sheet(book: Path) -> None:
    code, out, err = run("score", str(book), "--sheet", SHEET, "-f", "json", *TODAY)
    assert code == 0, err
    assert [c["id"] for c in json.loads(out)["customers"]] == ["K-1", "K-2"]
    code, out, err = run("validate", str(book), "--sheet", SHEET)
    assert (code, out) == (0, ""), err
    assert "1 file(s) checked: 0 error(s), 0 warning(s)" in err
    code, _, err = run("review", str(book), "--sheet", SHEET, *TODAY)
    assert code == 0, err
    assert "review: 2 customer(s), 0 earlier audit(s)" in err


def test_without_sheet_the_first_sheet_is_read(book: Path) -> None:
    # the notes sheet has no customer column: the first sheet is what is read
    code, out, err = run("validate", str(book))
    assert code == 1
    assert "book.xlsx:Notizen!A1: error: this export needs a mapping file (it has no column " in out
    assert err.endswith("1 file(s) checked: 1 error(s), 0 warning(s)\n")


def test_report_reads_the_named_sheet(book: Path, tmp_path: Path) -> None:
    target = tmp_path / "bericht.md"
    code, _, err = run("report", str(book), "--sheet", SHEET, "-o", str(target), *TODAY)
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert "K-1" in text and "K-2" in text


def test_sheet_prefills_from_the_named_sheet(book: Path, tmp_path: Path) -> None:
    target = tmp_path / "neu.xlsx"
    code, _, err = run("sheet", str(book), "--sheet", SHEET, "-o", str(target))
    assert code == 0, err
    assert "2 customer(s)" in err
    ws = load_workbook(target)["Bewertung"]
    rows = list(ws.iter_rows(values_only=True))
    col = {h: i for i, h in enumerate(rows[0])}
    filled = {(r[col["customer"]], r[col["service"]]): r[col["status"]] for r in rows[1:]}
    assert filled[("K-1", "reklamation")] == "erfuellt"
    assert filled[("K-1", "wartung")] == "nicht_erfuellt"
    assert filled[("K-2", "reklamation")] is None  # offen is left empty to fill in


def test_calibrate_reads_the_named_sheet(tmp_path: Path) -> None:
    rows: list[list[object]] = [["id", "segment", "treiber", "neutral", "umgekehrt", "Kuendigung"]]
    for i in range(40):  # treiber missing for even ids, churned where it is missing
        missing = i % 2 == 0
        treiber, churned = ("nein", "Ja") if missing else ("ja", "Nein")
        rows.append([f"C-{i}", "gross", treiber, "ja", "ja", churned])
    book = two_sheets(tmp_path / "kunden.xlsx", rows)
    (tmp_path / "kunden.mapping.yaml").write_text(
        "kundenaudit: 1\nmapping:\n  layout: wide\n  columns: {customer: id}\n"
        "  outcomes: {Kuendigung: churn}\n",
        encoding="utf-8",
    )
    args = ["calibrate", str(book), "--sheet", SHEET, "--outcome", "churn", "-f", "json"]
    code, out, err = run(*args, "-c", str(CALIBRATION), "--min-events", "1", *TODAY)
    assert code == 0, err
    found = {r["service"]: r for r in json.loads(out)["calibration"]["segments"]["gross"]}
    fit = found["neutral"]["n_delivered"]  # neutral is delivered to every customer of the fit half
    assert 0 < fit < 40
    treiber = found["treiber"]
    assert treiber["n_missing"] + treiber["n_delivered"] == fit
    # the planted rows: every customer without treiber churned, none with it did
    assert treiber["events_missing"] == treiber["n_missing"] > 0
    assert treiber["events_delivered"] == 0


COMMANDS = [
    ["score"],
    ["validate"],
    ["review"],
    ["sheet", "-o", "out.xlsx"],
    ["report", "-o", "bericht.md"],
    ["calibrate", "--outcome", "churn"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_unknown_sheet_is_exit_2_naming_the_sheets(
    command: list[str], book: Path, tmp_path: Path
) -> None:
    args = [a if not a.endswith((".xlsx", ".md")) else str(tmp_path / a) for a in command]
    code, out, err = run(*args, str(book), "--sheet", "bewertung 2")
    assert code == 2
    assert out == ""
    assert (
        f"kundenaudit: error: {book}: no sheet 'bewertung 2' (did you mean 'Bewertung 2'?) "
        "(--sheet); the sheets are: Notizen, 'Bewertung 2'\n"
    ) in err
    assert "Traceback" not in err
    assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "bericht.md").exists()


def test_errors_on_a_named_sheet_are_located_at_its_cells(tmp_path: Path) -> None:
    book = two_sheets(
        tmp_path / "bad.xlsx",
        [
            ["customer", "segment", "service", "status"],
            ["K-1", "standard", "reklamation", "erfuellt"],
            ["K-1", "standard", "wartung", "geliefert"],
        ],
    )
    code, out, _ = run("validate", str(book), "--sheet", SHEET)
    assert code == 1
    assert "bad.xlsx:'Bewertung 2'!D3: error: unknown status 'geliefert'" in out
    code, out, err = run("score", str(book), "--sheet", SHEET, *TODAY)
    assert (code, out) == (2, "")
    assert "bad.xlsx:'Bewertung 2'!D3: error: unknown status 'geliefert'" in err
