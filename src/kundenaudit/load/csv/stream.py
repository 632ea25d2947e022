"""A long CSV export read as a stream: each customer's record is handed on as soon as the next
customer starts, so memory stays flat however many customers the file has. CRM exports write
a customer's rows together; when a customer appears again after another one started (its rows
are spread over the file), `SpreadCustomers` is raised and the caller loads the input whole.

The records, their order and the findings are those of `reader.parse_csv_lines`: the same
parse, with the records handed on earlier. The wide layout (one row per customer) hands its
records on at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kundenaudit.load.csv.customers import record_of
from kundenaudit.load.csv.reader import LineSource, _Parser
from kundenaudit.load.csv.state import State
from kundenaudit.load.documents import check_readable
from kundenaudit.model.errors import Finding, FindingSink
from kundenaudit.model.record import Record

if TYPE_CHECKING:
    from kundenaudit.model.catalog import Catalog
    from kundenaudit.model.mapping_file import MappingSpec

Emit = Callable[[Record], None]


class SpreadCustomers(Exception):
    """A customer's rows are not together: its record was handed on before its last row."""

    def __init__(self, source: str, customer: str, row: int) -> None:
        super().__init__(f"{source}: customer '{customer}' appears again in row {row}")


def stream_csv_file(
    path: Path,
    source: str,
    catalog: Catalog,
    mapping: MappingSpec | None,
    segment: str | None,
    emit: Emit,
) -> list[Finding]:
    """Hand each record of the CSV file ``path`` to ``emit``; the findings, sorted by position.

    The file is read line by line (twice when duplicates need locating). Text that is not
    UTF-8 gives the finding `reader.parse_csv_bytes` gives (records handed on before it do not
    matter: the finding is an error)."""
    check_readable(path)
    try:
        return stream_csv_lines(
            lambda: open(path, encoding="utf-8-sig", newline=""),
            source,
            catalog,
            mapping,
            segment,
            emit,
        )
    except UnicodeDecodeError:
        from kundenaudit.load.documents import decode, read_bytes  # noqa: PLC0415 - bad input only

        sink = FindingSink(source)
        if decode(read_bytes(path), sink) is None:
            return sink.findings
        raise


def stream_csv_lines(
    open_lines: LineSource,
    source: str,
    catalog: Catalog,
    mapping: MappingSpec | None,
    segment: str | None,
    emit: Emit,
) -> list[Finding]:
    """Like `reader.parse_csv_lines`, handing each record to ``emit`` as soon as it is
    complete; SpreadCustomers when a customer's rows are not together."""
    sink = FindingSink(source)
    st = State(sink, catalog, mapping, segment)
    done: set[str] = set()

    def hand_on(cid: str, row_no: int) -> None:
        if cid in done:
            raise SpreadCustomers(source, cid, row_no)
        for c in st.customers.values():
            done.add(c.id)
            emit(record_of(st, c))
        st.customers.clear()  # the same dict: the row loops hold it
        st.handed_on += 1

    st.on_new_customer = hand_on
    for rec in _Parser(st).run(open_lines):
        emit(rec)
    sink.findings.sort(key=lambda f: (f.line, f.column))
    return sink.findings
