"""A workbook written as SpreadsheetML directly: typed cells, text never a formula.

Rows go to a temporary file per sheet as they are written, so a large portfolio costs no more
memory than a small one; the package is zipped at the end. Every text cell is an inline string
(``t="inlineStr"``), so a name that starts with ``=``, ``+``, ``-`` or ``@`` stays text;
numbers and dates are numbers with a number format; no cell is ever a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from typing import IO

from kundenaudit.load.xlsx.cells import column_letters
from kundenaudit.model.errors import UsageError
from kundenaudit.render import xlsx_parts as parts
from kundenaudit.render.xlsx_cells import CellWriter, Column, cell_writer, shown
from kundenaudit.render.xlsx_parts import MAIN, STYLE_INDEX, argb, attr, text

EXTRA_HINT = "pip install 'kundenaudit[xlsx]'"
MAX_WIDTH = 60
WIDTH_SAMPLE = 1000  # rows whose content sets the column widths
FLUSH_ROWS = 500  # rows kept as text before they go to the temporary file
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # every member's date: the same inputs give the same bytes
COMPRESSION = 1  # zlib level: the sheets are repetitive XML, a fast level packs them well


def require_extra() -> None:
    """Workbooks are an optional extra (SPEC §11): without it, writing one is a usage error
    too, although the writer itself needs only the standard library."""
    try:
        import defusedxml  # noqa: F401, PLC0415 - the optional extra
    except ImportError:
        raise UsageError(f"writing .xlsx files needs the xlsx extra: {EXTRA_HINT}") from None


class Sheet:
    """One worksheet: a frozen, filtered header row, then rows in order."""

    def __init__(self, name: str, fills: list[str]) -> None:
        self.name = name
        self.hidden = False
        self.rows = 0
        self.columns: list[Column] = []
        self.widths: list[int] = []
        self.frozen: tuple[int, int] | None = None  # (rows, columns)
        self.extras: list[str] = []  # conditional formats
        self.validations: list[str] = []
        self.fills = fills  # the workbook's background colours of conditional formats
        self._data: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed by write()
        self._cells: list[tuple[str, CellWriter]] = []
        self._pending: list[str] = []  # rows not yet in the temporary file

    def header(self, columns: Sequence[Column], frozen_columns: int = 0) -> None:
        """The header row (before any other row), frozen with ``frozen_columns``."""
        self.columns = list(columns)
        self.widths = [len(c.header) + 2 for c in columns]
        self._cells = [(column_letters(i + 1), cell_writer(c.kind)) for i, c in enumerate(columns)]
        bold = f' s="{STYLE_INDEX["header"]}"'
        cells = "".join(
            f'<c r="{letters}1"{bold} t="inlineStr"><is><t xml:space="preserve">'
            f"{text(c.header)}</t></is></c>"
            for (letters, _), c in zip(self._cells, columns, strict=True)
        )
        self._data.write(f'<row r="1">{cells}</row>'.encode())
        self.frozen = (1, frozen_columns)

    def add(self, values: Sequence[object]) -> None:
        """One row; ``None`` leaves a cell empty. Widths follow the first rows (a sample)."""
        if len(values) != len(self._cells):
            raise ValueError(f"{self.name}: {len(values)} values for {len(self._cells)} columns")
        self.rows += 1
        row = str(self.rows + 1)
        cells = "".join(
            [
                cell(letters + row, v)
                for (letters, cell), v in zip(self._cells, values, strict=False)  # checked
                if v is not None
            ]
        )
        self._pending.append(f'<row r="{row}">{cells}</row>')
        if len(self._pending) >= FLUSH_ROWS:
            self._flush()
        if self.rows <= WIDTH_SAMPLE:
            for col, value in enumerate(values):
                if value is not None:
                    self.widths[col] = max(self.widths[col], min(shown(value), MAX_WIDTH))

    def _flush(self) -> None:
        self._data.write("".join(self._pending).encode())
        self._pending.clear()

    def last_row(self) -> int:
        """The sheet row of the last data row (2 when there is none: a range stays valid)."""
        return max(self.rows, 1) + 1

    def highlight(self, col: int, word: str, colour: str) -> None:
        """Colour the cells of column ``col`` (0-based) that hold ``word`` (a conditional
        format: the word stays the value)."""
        letters = column_letters(col + 1)
        formula = text('"' + word.replace('"', '""') + '"')
        self.fills.append(colour)
        self.extras.append(
            f'<conditionalFormatting sqref="{letters}2:{letters}{self.last_row()}">'
            f'<cfRule type="cellIs" dxfId="{len(self.fills) - 1}" '
            f'priority="{len(self.extras) + 1}" operator="equal"><formula>{formula}</formula>'
            "</cfRule></conditionalFormatting>"
        )

    def colour_scale(self, area: str, points: Sequence[float], colours: Sequence[str]) -> None:
        """A three-colour scale over ``area`` (``B2:E9``) at the numbers ``points``."""
        cfvo = "".join(f'<cfvo type="num" val="{p!r}"/>' for p in points)
        rgb = "".join(f'<color rgb="{argb(c)}"/>' for c in colours)
        self.extras.append(
            f'<conditionalFormatting sqref="{area}"><cfRule type="colorScale" '
            f'priority="{len(self.extras) + 1}"><colorScale>{cfvo}{rgb}</colorScale></cfRule>'
            "</conditionalFormatting>"
        )

    def validate(self, col: int, rule: str, formulas: Sequence[str], **options: str) -> None:
        """A data validation of column ``col`` (0-based), its data rows: ``rule`` is the type
        and operator (``list``, ``decimal between``, ``date greaterThan``); blank is allowed;
        ``options`` are attributes such as ``error``, ``errorTitle``, ``prompt``."""
        kind, _, operator = rule.partition(" ")
        letters = column_letters(col + 1)
        attrs = "".join(f" {k}={attr(v)}" for k, v in options.items())
        self.validations.append(
            f'<dataValidation type="{kind}"'
            + (f' operator="{operator}"' if operator else "")
            + f' allowBlank="1" showInputMessage="1" showErrorMessage="1"{attrs} '
            f'sqref="{letters}2:{letters}{self.last_row()}">'
            + "".join(f"<formula{i}>{text(f)}</formula{i}>" for i, f in enumerate(formulas, 1))
            + "</dataValidation>"
        )

    def filter_area(self) -> str | None:
        """The autofilter's range, absolute (``$A$1:$N$9``), or None without columns."""
        if not self.columns:
            return None
        return f"$A$1:${column_letters(len(self.columns))}${self.last_row()}"

    def write(self, out: IO[bytes], first: bool) -> None:
        """The worksheet part, its rows copied from the temporary file."""
        head = [f'{parts.HEAD}<worksheet xmlns="{MAIN}"><sheetViews><sheetView']
        head.append(' tabSelected="1"' if first else "")
        head.append(' workbookViewId="0">' + self._pane() + "</sheetView></sheetViews>")
        head.append('<sheetFormatPr defaultRowHeight="15"/>')
        if self.widths:
            head.append("<cols>")
            head += [
                f'<col min="{i}" max="{i}" width="{w + 0.71:.2f}" customWidth="1"/>'
                for i, w in enumerate(self.widths, 1)
            ]
            head.append("</cols>")
        out.write(("".join(head) + "<sheetData>").encode())
        self._flush()
        self._data.seek(0)
        shutil.copyfileobj(self._data, out, 1 << 20)
        self._data.close()
        tail = ["</sheetData>"]
        area = self.filter_area()
        if area is not None:
            tail.append(f'<autoFilter ref="{area.replace("$", "")}"/>')
        tail += self.extras
        if self.validations:
            tail.append(f'<dataValidations count="{len(self.validations)}">')
            tail += self.validations
            tail.append("</dataValidations>")
        tail.append(
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
            'footer="0.3"/></worksheet>'
        )
        out.write("".join(tail).encode())

    def _pane(self) -> str:
        if self.frozen is None:
            return ""
        rows, cols = self.frozen
        corner = f"{column_letters(cols + 1)}{rows + 1}"
        pane = "bottomRight" if cols else "bottomLeft"
        split = (f' xSplit="{cols}"' if cols else "") + f' ySplit="{rows}"'
        return (
            f'<pane{split} topLeftCell="{corner}" activePane="{pane}" state="frozen"/>'
            f'<selection pane="{pane}" activeCell="{corner}" sqref="{corner}"/>'
        )


class Book:
    """A workbook: sheets in order, written to bytes at the end."""

    def __init__(self, created: dt.date) -> None:
        require_extra()
        self.created = created
        self.sheets: list[Sheet] = []
        self.fills: list[str] = []

    def sheet(self, name: str, columns: Sequence[Column] | None = None) -> Sheet:
        """A new sheet, after the others; with its header row when ``columns`` are given."""
        sheet = Sheet(name, self.fills)
        if columns is not None:
            sheet.header(columns)
        self.sheets.append(sheet)
        return sheet

    def close(self) -> bytes:
        """The finished workbook (a zip package; members in a fixed order, with a fixed date)."""
        out = io.BytesIO()
        n = len(self.sheets)
        fixed = [
            ("[Content_Types].xml", parts.content_types(n)),
            ("_rels/.rels", parts.root_rels()),
            ("docProps/app.xml", parts.app()),
            ("docProps/core.xml", parts.core(self.created)),
            (
                "xl/workbook.xml",
                parts.workbook([(s.name, s.hidden, s.filter_area()) for s in self.sheets]),
            ),
            ("xl/_rels/workbook.xml.rels", parts.workbook_rels(n)),
            ("xl/styles.xml", parts.styles(self.fills)),
        ]
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION) as z:
            for name, data in fixed:
                z.writestr(_member(name), data)
            first = next((s for s in self.sheets if not s.hidden), None)
            for i, sheet in enumerate(self.sheets, 1):
                with z.open(_member(f"xl/worksheets/sheet{i}.xml"), "w") as dst:
                    sheet.write(dst, sheet is first)
        return out.getvalue()


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info
