"""A sheet of a workbook read like a CSV export: same layouts, same mapping, cells located."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kundenaudit.load.csv.reader import parse_csv_lines
from kundenaudit.load.xlsx.cells import WorkbookError, column_letters
from kundenaudit.load.xlsx.meta import (
    CATALOG_NAME,
    CATALOG_SHA256,
    KPI_PREFIX,
    META_SHEET,
    catalog_sha256,
)
from kundenaudit.load.xlsx.workbook import Row, Sheet, Workbook
from kundenaudit.model.errors import Finding, FindingSink, Severity, UsageError
from kundenaudit.model.suggest import did_you_mean
from kundenaudit.model.text import visible

if TYPE_CHECKING:
    from kundenaudit.model.catalog import Catalog
    from kundenaudit.model.mapping_file import MappingSpec
    from kundenaudit.model.record import Record

_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def parse_xlsx(
    data: bytes,
    source: str,
    catalog: Catalog,
    mapping: MappingSpec | None,
    segment: str | None,
    sheet_name: str | None = None,
) -> tuple[list[Record], list[Finding]]:
    """Customer records of one sheet (the first visible one, or ``sheet_name``) and every
    finding, located at ``source:Sheet!F12``."""
    sink = FindingSink(source)
    try:
        book = Workbook(data)
        sheet = _pick(book, sheet_name, sink)
        if sheet is None:
            return [], sink.findings
        text = _as_csv(book.rows(sheet, lambda r, c: _no_value(sink, r, c)))
        meta = _meta(book)
        _check_catalog(meta, catalog, sink)
        mapping = mapping or _kpi_mapping(meta, catalog)
    except WorkbookError as exc:
        sink.add(1, 1, str(exc), "xlsx")
        return [], [dataclasses.replace(f, cell=exc.part) for f in sink.findings]
    records, findings = parse_csv_lines(
        lambda: io.StringIO(text, newline=""), source, catalog, mapping, segment
    )
    ref = sheet_ref(sheet.name)
    located = [
        dataclasses.replace(f, cell=f"{ref}!{column_letters(f.column)}{f.line}")
        if f.line >= 1 and f.column >= 1 and not f.cell
        else f
        for f in [*findings, *sink.findings]
    ]
    return records, sorted(located, key=lambda f: (f.cell.startswith(META_SHEET), f.line, f.column))


def sheet_ref(name: str) -> str:
    """A sheet name as a cell reference shows it (quoted unless plain), control characters
    escaped."""
    shown = visible(name)
    return shown if _PLAIN_NAME.fullmatch(shown) else "'" + shown.replace("'", "''") + "'"


def _pick(book: Workbook, name: str | None, sink: FindingSink) -> Sheet | None:
    if name is None:
        shown = [s for s in book.sheets if not s.hidden and s.name != META_SHEET]
        if shown:
            return shown[0]
        sink.add(1, 1, "the workbook has no visible sheet", "xlsx")
        return None
    for sheet in book.sheets:
        if sheet.name == name:
            return sheet
    names = [s.name for s in book.sheets if s.name != META_SHEET]
    raise UsageError(  # a wrong --sheet: the job cannot be done, in every command (exit 2)
        f"{sink.file}: no sheet '{visible(name)}'{did_you_mean(name, names)} (--sheet); "
        "the sheets are: " + ", ".join(sheet_ref(n) for n in names)
    )


def _no_value(sink: FindingSink, row: int, col: int) -> None:
    sink.add(
        row,
        col,
        "a formula without a saved value (the workbook was never calculated): read as empty; "
        "open and save it in a spreadsheet program",
        "xlsx-formula",
        severity=Severity.WARNING,
    )


def _as_csv(rows: Iterator[Row]) -> str:
    """The rows as CSV text, one record per sheet row (empty rows kept, so row numbers stay);
    the header quoted, so no ';' in it can make it look like another delimiter."""
    out = io.StringIO()
    header = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    body = csv.writer(out, lineterminator="\r\n")
    expected = 1
    for row_no, cells in rows:
        if row_no < expected:
            raise WorkbookError(f"damaged workbook: row {row_no} comes after row {expected - 1}")
        out.write("\r\n" * (row_no - expected))
        values = [cells.get(c, "") for c in range(1, max(cells) + 1)] if cells else []
        (header if row_no == 1 else body).writerow(values)
        expected = row_no + 1
    return out.getvalue()


Meta = dict[str, tuple[int, str]]  # key -> (row, value) of the hidden sheet


def _meta(book: Workbook) -> Meta:
    """The rows of the hidden sheet of a workbook made by `sheet` (none elsewhere)."""
    sheet = next((s for s in book.sheets if s.name == META_SHEET), None)
    if sheet is None:
        return {}
    return {
        cells.get(1, ""): (row_no, cells.get(2, ""))
        for row_no, cells in book.rows(sheet, lambda r, c: None)
    }


def _kpi_mapping(meta: Meta, catalog: Catalog) -> MappingSpec | None:
    """The columns of metric values the hidden sheet names, as a mapping (none without any);
    a metric the catalog no longer declares is left out (its column is ignored)."""
    from kundenaudit.model.mapping_file import MappingSpec  # noqa: PLC0415 - only then needed

    kpis = {
        k.removeprefix(KPI_PREFIX): v
        for k, (_, v) in meta.items()
        if k.startswith(KPI_PREFIX) and v in catalog.metrics
    }
    return MappingSpec(kpis=kpis) if kpis else None


def _check_catalog(meta: Meta, catalog: Catalog, sink: FindingSink) -> None:
    """A workbook made by `sheet` from another catalog: a warning at its hidden sheet."""
    if CATALOG_SHA256 not in meta:
        return
    row_no, made_from = meta[CATALOG_SHA256]
    if made_from != catalog_sha256(catalog.spec):
        name = meta.get(CATALOG_NAME, (0, "?"))[1]
        sink.add(
            row_no,
            2,
            f"this workbook was made from another catalog ('{name}', SHA-256 "
            f"{made_from[:12]}…) "
            "than the one used now: services added or removed since are offen or unknown",
            "xlsx-catalog-changed",
            severity=Severity.WARNING,
        )
        last = sink.findings[-1]
        sink.findings[-1] = dataclasses.replace(last, cell=f"{META_SHEET}!B{row_no}")
