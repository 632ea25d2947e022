"""A workbook written with XlsxWriter in constant memory: typed cells, text never a formula.

Rows go to temporary files sheet by sheet as they are written, so a large portfolio costs no
more memory than a small one. Every text cell is written as a string (`write_string`), so a
name that starts with ``=``, ``+``, ``-`` or ``@`` stays text; numbers and dates are written as
numbers with a format.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from kundenaudit.model.errors import UsageError

EXTRA_HINT = "pip install 'kundenaudit[xlsx]'"
MAX_WIDTH = 60
WIDTH_SAMPLE = 1000  # rows whose content sets the column widths
FORMATS = {  # number formats by column kind
    "int": "0",
    "num1": "0.0",
    "num2": "0.00",
    "number": "General",  # a metric's value as it is
    "number2": "#,##0.00",
    "money": "#,##0",
    "date": "yyyy-mm-dd",
}
# text styles: the header, and reference columns (shown for information, not to be edited)
STYLES: dict[str, dict[str, object]] = {
    "header": {"bold": True},
    "ref": {"font_color": "#444444", "bg_color": "#EEEEEE"},
}


def _xlsxwriter() -> Any:
    try:
        import xlsxwriter  # type: ignore[import-untyped]  # noqa: PLC0415 - the optional extra
    except ImportError:
        raise UsageError(f"writing .xlsx files needs the xlsx extra: {EXTRA_HINT}") from None
    return xlsxwriter


@dataclass(frozen=True)
class Column:
    """A column: its header and the kind of its cells (text, ref, bool, or a key of FORMATS)."""

    header: str
    kind: str = "text"


class Sheet:
    """One worksheet: a frozen, filtered header row, then rows in order."""

    def __init__(self, book: Book, name: str) -> None:
        self.book = book
        self.ws = book.wb.add_worksheet(name)
        self.columns: list[Column] = []
        self.widths: list[int] = []
        self.rows = 0

    def header(self, columns: Sequence[Column], frozen_columns: int = 0) -> None:
        """The header row (before any other row), frozen with ``frozen_columns``."""
        self.columns = list(columns)
        self.widths = [len(c.header) + 2 for c in columns]
        bold = self.book.format("header")
        for col, column in enumerate(columns):
            self.ws.write_string(0, col, as_string(column.header), bold)
        self.ws.freeze_panes(1, frozen_columns)

    def add(self, values: Sequence[object]) -> None:
        """One row; ``None`` leaves a cell empty. Widths follow the first rows (a sample)."""
        self.rows += 1
        row, write, ws = self.rows, self.book.write, self.ws
        sample = row <= WIDTH_SAMPLE
        for col, (column, value) in enumerate(zip(self.columns, values, strict=True)):
            if value is not None:
                write(ws, row, col, column.kind, value)
                if sample:
                    self.widths[col] = max(self.widths[col], min(shown(value), MAX_WIDTH))

    def close(self) -> None:
        """Widths and the autofilter, once every row is in."""
        for col, width in enumerate(self.widths):
            self.ws.set_column(col, col, width)
        if self.columns:
            self.ws.autofilter(0, 0, max(self.rows, 1), len(self.columns) - 1)


class Book:
    """A workbook in memory-light mode, written to bytes at the end."""

    def __init__(self, created: dt.date) -> None:
        self.out = io.BytesIO()
        self.wb = _xlsxwriter().Workbook(
            self.out,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
                "default_date_format": FORMATS["date"],
            },
        )
        # the same inputs give the same bytes: the document date is the run's date, not the clock
        self.wb.set_properties({"created": dt.datetime.combine(created, dt.time())})
        self.formats: dict[str, Any] = {}
        self.sheets: list[Sheet] = []

    def format(self, kind: str) -> Any:
        """The cell format of ``kind`` (made once)."""
        found = self.formats.get(kind)
        if found is None:
            spec = STYLES[kind] if kind in STYLES else {"num_format": FORMATS[kind]}
            found = self.formats[kind] = self.wb.add_format(spec)
        return found

    def sheet(self, name: str, columns: Sequence[Column] | None = None) -> Sheet:
        """A new sheet, after the others; with its header row when ``columns`` are given."""
        sheet = Sheet(self, name)
        if columns is not None:
            sheet.header(columns)
        self.sheets.append(sheet)
        return sheet

    def write(self, ws: Any, row: int, col: int, kind: str, value: object) -> None:
        """Write one typed cell."""
        if kind == "text":
            ws.write_string(row, col, as_string(str(value)))
        elif kind == "ref":
            ws.write_string(row, col, as_string(str(value)), self.format(kind))
        elif kind == "bool":
            ws.write_boolean(row, col, bool(value))
        elif kind == "date":
            assert isinstance(value, dt.date)
            ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), self.format(kind))
        else:
            assert isinstance(value, int | float)
            ws.write_number(row, col, value, self.format(kind))

    def close(self) -> bytes:
        """The finished workbook."""
        for sheet in self.sheets:
            sheet.close()
        self.wb.close()
        return self.out.getvalue()


def shown(value: object) -> int:
    """About how many characters a cell shows."""
    if isinstance(value, bool):
        return 5
    if isinstance(value, int | float):
        return len(f"{value:,.2f}")
    if isinstance(value, dt.date):
        return 10
    return len(str(value))


def as_string(text: str) -> str:
    """Text that XlsxWriter stores as exactly this text.

    In constant-memory mode XlsxWriter writes a string that looks like a rich-text run
    (``<r>...</r>``) into the sheet's XML as it is; such a text is wrapped into one real run
    with the text escaped, which shows it unchanged and injects nothing."""
    if text.startswith("<r>") and text.endswith("</r>"):
        return f'<r><t xml:space="preserve">{escape(text)}</t></r>'
    return text
