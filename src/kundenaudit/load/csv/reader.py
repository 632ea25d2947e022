"""CSV import of CRM exports (SPEC §2.3): text in, customer records and located findings out.

Rows are numbered as a spreadsheet shows them (the header is row 1; a quoted field that spans
lines is still one row), columns from 1. One pass over the lines; per customer only a dict of
small, mostly shared ``Delivery`` objects is kept, so 400,000 rows stay fast and small.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from kundenaudit.load.csv import cells, extras
from kundenaudit.load.csv.customers import customer_fields, finish, segment_cell, uncovered
from kundenaudit.load.csv.header import (
    check_mapped_columns,
    detect_layout,
    mapping_wanted,
    resolve_columns,
)
from kundenaudit.load.csv.long import LongRows
from kundenaudit.load.csv.prefix import PrefixRows, prefix_width
from kundenaudit.load.csv.state import Customer, DeliveryTable, Feed, State
from kundenaudit.model.errors import Finding, FindingSink
from kundenaudit.model.record import Delivery, Record
from kundenaudit.model.vocabulary import Status

if TYPE_CHECKING:
    from kundenaudit.model.catalog import Catalog
    from kundenaudit.model.mapping_file import MappingSpec

LineSource = Callable[[], Iterable[str]]
WideColumn = tuple[int, str, DeliveryTable, cells.Vocabulary]


def parse_csv(
    text: str, source: str, catalog: Catalog, mapping: MappingSpec | None, segment: str | None
) -> tuple[list[Record], list[Finding]]:
    """Customer records of a CSV export and every finding, located at ``source:row:column``.

    ``segment`` (the ``--segment`` option) overrides the segment of every customer.
    """
    # read back as UTF-8: io.StringIO would hold a second copy at four bytes a character
    data = text.encode("utf-8", "surrogatepass")
    return parse_csv_lines(
        lambda: io.TextIOWrapper(io.BytesIO(data), "utf-8-sig", "surrogatepass", newline=""),
        source,
        catalog,
        mapping,
        segment,
    )


def parse_csv_bytes(
    data: bytes, source: str, catalog: Catalog, mapping: MappingSpec | None, segment: str | None
) -> tuple[list[Record], list[Finding]]:
    """Like `parse_csv`, decoding UTF-8 (BOM accepted) while reading: the smallest footprint.

    Input that is not UTF-8 gives one finding with the position of the first bad byte.
    """
    try:
        return parse_csv_lines(
            lambda: io.TextIOWrapper(io.BytesIO(data), "utf-8-sig", newline=""),
            source,
            catalog,
            mapping,
            segment,
        )
    except UnicodeDecodeError:
        from kundenaudit.load.documents import decode  # noqa: PLC0415 - only bad input needs it

        sink = FindingSink(source)
        text = decode(data, sink)
        if text is None:
            return [], sink.findings
        raise


def parse_csv_lines(
    open_lines: LineSource,
    source: str,
    catalog: Catalog,
    mapping: MappingSpec | None,
    segment: str | None,
) -> tuple[list[Record], list[Finding]]:
    """Like `parse_csv`, over the lines (line ends kept, as ``open(..., newline="")`` gives
    them) that each call of ``open_lines`` yields; a second call happens only to locate the
    first row of duplicates."""
    sink = FindingSink(source)
    parser = _Parser(State(sink, catalog, mapping, segment))
    records = parser.run(open_lines)
    sink.findings.sort(key=lambda f: (f.line, f.column))
    return records, sink.findings


class _Parser:
    """One parse: the header, then the rows of the long or the wide layout."""

    def __init__(self, state: State) -> None:
        self.st = state

    def run(self, open_lines: LineSource) -> list[Record]:
        """Read the header, then every row; the records in the order of first appearance."""
        st = self.st
        lines: Iterator[str] = iter(open_lines())
        first = next(lines, "")
        if first.startswith("\ufeff"):
            first = first[1:]
        st.delimiter = cells.detect_delimiter(first)
        feed = Feed(lines)
        feed.pushed = first
        reader = csv.reader(feed, delimiter=st.delimiter)
        try:
            header = next(reader, [])
        except csv.Error as exc:
            st.syntax_error(1, exc)
            return []
        if not any(h.strip() for h in header):
            st.header_error(
                "no header row: the first row names the columns "
                f"({', '.join(cells.LONG_REQUIRED)}, ... or one per service)"
            )
            return []
        st.set_header(header)
        if detect_layout(st) == "long":
            if resolve_columns(st, "long", cells.LONG_FIELDS, cells.LONG_REQUIRED):
                k = prefix_width(st) if st.cfields and not st.kfields else 0
                rows = PrefixRows(st, k) if k else LongRows(st)
                rows.run(lines, feed, reader, open_lines)
        elif resolve_columns(st, "wide", cells.WIDE_FIELDS, cells.WIDE_REQUIRED):
            columns = self.wide_columns()
            if columns:
                self.wide_rows(csv.reader(lines, delimiter=st.delimiter), columns)
                uncovered(st, {sid for _, sid, _, _ in columns})
        return finish(st)

    # ---------------------------------------------------------------- wide layout

    def wide_columns(self) -> list[WideColumn]:
        """The service columns: headers mapped under `services` or equal to a service id."""
        st = self.st
        used = set(st.cols.values()) | {col for *_, col in st.kfields}
        out: list[WideColumn] = []
        taken: dict[str, int] = {}
        for i, name in enumerate(st.header):
            mapped = cells.lookup(st.svc_map, name) if st.svc_map else None
            if i in used or (mapped is None and name not in st.catalog.services):
                continue
            target = mapped or name
            if target in taken:
                j = taken[target]
                st.sink.add(
                    1,
                    i + 1,
                    f"columns '{st.header[j]}' ({j + 1}) and '{name}' "
                    f"({i + 1}) are both service '{target}'",
                    "csv-header",
                    key=target,
                )
                continue
            taken[target] = i
            sid = st.service_id(target, mapped_from=name if mapped else None, row=1, col=i + 1)
            # per-column vocabulary: `column_values` of the service id, then of the column name
            keys = [k for k in (sid, name) if k in st.column_values]
            table, vocab = st.vocabulary(keys, shared=False)
            out.append((i, sid, table, vocab))
        check_mapped_columns(st, {st.header[i] for i, *_ in out} | set(taken))
        if not out:
            wanted = mapping_wanted(st)
            st.sink.add(
                1,
                1,
                "no column is a service of the catalog: name service columns by "
                "service id, or map them under 'services' in a mapping file "
                "(or use the long layout: columns customer, service, status)"
                + (f"; for a mapping file, {wanted}" if wanted else ""),
                "csv-header",
            )
        return out

    def wide_rows(self, reader: Iterable[list[str]], columns: list[WideColumn]) -> None:
        """One row per customer, one column per service."""
        st = self.st
        ci = st.cols["customer"]
        gi = st.segment_col()
        width = st.width
        customers = st.customers
        row_no = 1
        try:
            for row_no, row in enumerate(reader, 2):
                if len(row) != width:
                    fixed = st.fix_width(row, row_no)
                    if fixed is None:
                        continue
                    row = fixed  # noqa: PLW2901 - padded copy of a short row
                cid = row[ci].strip()
                if not cid:
                    st.no_customer(row, row_no)
                    continue
                if cid in customers:
                    st.sink.add(
                        row_no,
                        ci + 1,
                        f"customer '{cid}' appears again (first in row "
                        f"{customers[cid].row}); the wide layout has one row per "
                        "customer",
                        "csv-duplicate",
                        key=cid,
                    )
                    continue
                cust = customers[cid] = Customer(cid, row_no)
                self.wide_cells(cust, row, row_no, columns)
                if gi is not None:
                    segment_cell(st, cust, row[gi], row_no)
                if st.cfields:
                    customer_fields(st, cust, row, row_no)
                if st.kfields:
                    extras.row_values(st, cust, row, row_no)
        except csv.Error as exc:
            st.syntax_error(row_no + 1, exc)

    def wide_cells(
        self, cust: Customer, row: list[str], row_no: int, columns: list[WideColumn]
    ) -> None:
        """Add the deliveries of a wide row; each distinct cell value is resolved once."""
        st = self.st
        services = cust.services
        for i, sid, table, vocab in columns:
            raw = row[i]
            d = table.get(raw)
            if d is None:
                found = vocab.resolve(raw)
                if found is None:
                    st.unknown_status(row_no, i, raw)
                    continue
                status = found[0]
                # the wide layout has no reason column: the value itself is the reason
                d = (
                    Delivery(status, reason=cells.mapped_reason(raw))
                    if status is Status.ENTBEHRLICH
                    else cells.SHARED[status]
                )
                if len(table) < st.cache_max:
                    table[raw] = d
            services[sid] = d


__all__ = ["LineSource", "parse_csv", "parse_csv_bytes", "parse_csv_lines"]
