"""The SpreadsheetML writer: well-formed parts, typed cells, panes, filters, formats, checks."""

from __future__ import annotations

import datetime as dt
import io
import math
import xml.etree.ElementTree as ET
import zipfile

import pytest
from openpyxl import load_workbook

from kundenaudit.load.xlsx.workbook import Workbook
from kundenaudit.render.xlsx_book import Book
from kundenaudit.render.xlsx_cells import Column
from kundenaudit.render.xlsx_parts import text

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
COLUMNS = [
    Column("Name"),
    Column("Wert", "num1"),
    Column("Anzahl", "int"),
    Column("Datum", "date"),
    Column("K.-o.", "bool"),
    Column("Hinweis", "ref"),
]


def small_book() -> bytes:
    book = Book(dt.date(2026, 11, 27))
    sheet = book.sheet("Daten & Co", COLUMNS)
    sheet.add(["=1+1", 84.21, 3, dt.date(2026, 11, 20), True, "grau"])
    sheet.add(["a\x07b _x0041_ <c>", None, 0, None, False, None])
    sheet.add([" rand ", math.nan, -2, dt.date(1900, 3, 1), False, "x"])
    sheet.highlight(0, 'rot "x"', "#F4B6B6")
    sheet.validate(2, "list", ['"1,2,3"'], errorTitle="Zahl", error="1, 2 oder 3")
    hidden = book.sheet("meta", [Column("key"), Column("value")])
    hidden.add(["k", "v"])
    hidden.hidden = True
    return book.close()


def test_every_part_is_well_formed_xml() -> None:
    with zipfile.ZipFile(io.BytesIO(small_book())) as z:
        assert z.testzip() is None
        names = z.namelist()
        assert names[0] == "[Content_Types].xml"
        for name in names:
            ET.fromstring(z.read(name))  # raises on malformed XML
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_cells_are_typed_and_text_is_never_a_formula() -> None:
    wb = load_workbook(io.BytesIO(small_book()))
    ws = wb["Daten & Co"]
    assert [c.value for c in ws[1]] == [c.header for c in COLUMNS]
    assert ws["A1"].font.b  # the header is bold
    a2, b2, c2, d2, e2, f2 = ws[2]
    assert (a2.value, a2.data_type) == ("=1+1", "s")  # a string cell, not a formula
    assert (b2.value, b2.number_format) == (84.21, "0.0")
    assert (c2.value, c2.number_format) == (3, "0")
    assert d2.value == dt.datetime(2026, 11, 20) and d2.number_format == "yyyy-mm-dd"
    assert e2.value is True
    assert f2.value == "grau" and f2.fill.fgColor.rgb == "FFEEEEEE"  # a reference column
    assert ws["A4"].value == " rand "  # spaces kept (xml:space="preserve")
    assert ws["B4"].value is None  # nan is no number a spreadsheet holds: left empty
    assert ws["C4"].value == -2
    assert ws["D4"].value == dt.datetime(1900, 3, 1)  # serial 61, after Excel's 1900-02-29
    with zipfile.ZipFile(io.BytesIO(small_book())) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet
    # a control character as Excel's escape, a literal escape kept literal, markup escaped
    assert "a_x0007_b _x005F_x0041_ &lt;c&gt;" in sheet
    assert '<c r="B3"' not in sheet  # an empty cell is not written


def test_panes_filter_widths_formats_and_validations() -> None:
    wb = load_workbook(io.BytesIO(small_book()))
    ws = wb["Daten & Co"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:F4"  # header + 3 rows, 6 columns
    assert ws.column_dimensions["A"].width > len("a\x07b _x0041_ <c>")
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert [r.formula[0] for r in rules] == ['"rot ""x"""']
    assert [str(cf.sqref) for cf in ws.conditional_formatting] == ["A2:A4"]
    dv = ws.data_validations.dataValidation[0]
    assert (dv.type, dv.formula1, str(dv.sqref)) == ("list", '"1,2,3"', "C2:C4")
    assert (dv.errorTitle, dv.error, dv.allow_blank) == ("Zahl", "1, 2 oder 3", True)
    assert wb["meta"].sheet_state == "hidden"
    assert wb.active is not None and wb.active.title == "Daten & Co"
    assert wb.properties.created == dt.datetime(2026, 11, 27)


def test_the_own_reader_reads_the_same_text_and_dates() -> None:
    book = Workbook(small_book())
    rows = dict(book.rows(book.sheets[0], lambda r, c: None))
    assert rows[2][1] == "=1+1" and rows[2][4] == "2026-11-20" and rows[2][2] == "84.21"
    assert [s.hidden for s in book.sheets] == [False, True]


def test_a_row_of_the_wrong_length_is_refused() -> None:
    sheet = Book(dt.date(2026, 1, 1)).sheet("S", COLUMNS)
    with pytest.raises(ValueError, match="2 values for 6 columns"):
        sheet.add(["a", 1])


def test_text_escaping() -> None:
    assert text("plain") == "plain"
    assert text("a&b<c>") == "a&amp;b&lt;c&gt;"
    assert text("tab\tand\nline") == "tab\tand\nline"  # allowed in XML
    assert text("cr\r") == "cr_x000D_"
    assert text("_x00e9_") == "_x005F_x00e9_"
