"""The long layout's fast path when per-customer columns (name, value, ...) lead the row.

A CRM export writes a customer's name, segment, value, ... on each of its rows, usually in the
first columns. Those leading cells are the row's *prefix*: the same text on every row of one
customer. Its cells are read once per customer (whenever the prefix text changes); the rest of
the line after it is the key of the lane cache (see long.py), which holds what that tail means
(service id, shared delivery) for any customer. A line with the same prefix as the one before
and a tail seen before costs one ``str.startswith``, a slice and one dict lookup.

The customer's cells are checked exactly as `LongRows.row` checks them (first non-empty value
counts, conflicts and bad values reported at the row where they appear): a repeated prefix
carries no cell that was not seen before, so skipping it changes no record and no finding.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from kundenaudit.load.csv.customers import customer_fields, segment_cell
from kundenaudit.load.csv.long import LANE_MAX, LaneEntry, LongRows
from kundenaudit.load.csv.state import Customer, Feed, State

NO_PREFIX = "\n\n"  # no line starts with it: a line ends at its first line break
PER_CUSTOMER = ("customer", "name", "manager", "value", "audited", "segment")


def prefix_width(st: State) -> int:
    """How many leading columns hold only per-customer fields (0: no prefix path).

    The prefix must hold the customer column and every per-customer field the file has, so
    that the rest of a row means the same whoever the customer is."""
    fields = {i: f for f, i in st.cols.items()}
    per_customer = set(PER_CUSTOMER) - ({"segment"} if st.segment_col() is None else set())
    k = 0
    while k < st.width and fields.get(k) in per_customer:
        k += 1
    needed = [st.cols["customer"], *(col for _, col in st.cfields)]
    return k if needed and max(needed) < k else 0


def prefix_end(line: str, delimiter: str, k: int) -> int | None:
    """The index just after the ``k``-th delimiter outside quotes; None when the line has no
    such delimiter or a quoted cell does not end right before one (the csv module decides)."""
    i = 0
    for _ in range(k):
        if line.startswith('"', i):
            j = i + 1
            while True:
                j = line.find('"', j)
                if j < 0:
                    return None
                if not line.startswith('"', j + 1):
                    break
                j += 2
            if not line.startswith(delimiter, j + 1):
                return None
            i = j + 2
        else:
            j = line.find(delimiter, i)
            if j < 0:
                return None
            quoted = line.find('"', i, j)
            if quoted >= 0:  # a quote inside an unquoted cell: leave it to the csv module
                return None
            i = j + 1
    return i


class PrefixRows(LongRows):
    """The long layout's rows with a per-customer prefix of ``k`` columns."""

    def __init__(self, state: State, k: int) -> None:
        super().__init__(state)
        self.k = k
        self.gi_rest = self.gi is not None and self.gi >= k  # the segment cell is in the tail

    def fast_rows(self, lines: Iterator[str], feed: Feed, reader: Iterator[list[str]]) -> bool:
        """The hot loop; a line that is not the plain case goes through `LongRows.row`."""
        st = self.st
        gi_rest = self.gi_rest
        lane: dict[str, LaneEntry] = {}
        lane_get = lane.get
        bad, dups = st.bad_keys, st.dups
        prefix, start = NO_PREFIX, len(NO_PREFIX)
        cust = Customer("", 0)
        services, seg_raw = cust.services, cust.seg_raw
        row_no = 1
        try:
            for row_no, line in enumerate(lines, 2):
                if line.startswith(prefix):
                    entry = lane_get(line[start:])
                else:
                    entry = None
                    known = self.known_tail(line, row_no, lane)
                    if known is not None:
                        entry, cust, start = known
                        services, seg_raw, prefix = cust.services, cust.seg_raw, line[:start]
                if entry is None:
                    found = self.slow_row(line, row_no, feed, reader, lane)
                    if found is None:
                        prefix, start = NO_PREFIX, len(NO_PREFIX)
                    else:
                        cust, prefix = found
                        services, seg_raw, start = cust.services, cust.seg_raw, len(prefix)
                    continue
                sid, d, seg = entry
                if sid in services or (bad and (cust.id, sid) in bad):
                    dups.append((cust.id, sid, row_no))
                else:
                    services[sid] = d
                if gi_rest and seg is not seg_raw and seg is not None:
                    segment_cell(st, cust, seg, row_no)
                    seg_raw = cust.seg_raw
        except csv.Error as exc:
            st.syntax_error(row_no, exc)
        return True

    def known_tail(
        self, line: str, row_no: int, lane: dict[str, LaneEntry]
    ) -> tuple[LaneEntry, Customer, int] | None:
        """A line with a new prefix and a tail the lane knows: what the tail means, the
        customer (its cells read) and the length of the prefix; None for any other line."""
        if '"' in line or "\0" in line:
            return None
        k = self.k
        parts = line.split(self.st.delimiter, k)
        # a known tail: the row has the header's width (else `row` decides)
        if len(parts) <= k or not parts[self.ci].strip():
            return None
        entry = lane.get(parts[k])
        if entry is None:
            return None
        return entry, self.customer_cells(parts, row_no), len(line) - len(parts[k])

    def customer_cells(self, parts: list[str], row_no: int) -> Customer:
        """The customer of a new prefix (``parts``: its cells, then the rest), cells checked."""
        st = self.st
        cust = st.customers.get(parts[self.ci].strip()) or st.customer(
            parts[self.ci], parts, row_no
        )
        assert cust is not None  # the caller checked the id is not empty
        if self.gi is not None and not self.gi_rest:
            segment_cell(st, cust, st.intern(parts[self.gi]), row_no)
        if st.cfields:
            customer_fields(st, cust, parts, row_no)
        return cust

    def slow_row(
        self,
        line: str,
        row_no: int,
        feed: Feed,
        reader: Iterator[list[str]],
        lane: dict[str, LaneEntry],
    ) -> tuple[Customer, str] | None:
        """A line through `LongRows.row` (cells read again: checking them twice reports
        nothing twice); its customer and prefix when later lines may take the fast path."""
        pulled = feed.pulled
        if '"' in line or "\0" in line:  # quotes (maybe over several lines), NUL: csv
            feed.pushed = line
            row = next(reader, [])
        else:
            row = line.rstrip("\r\n").split(self.st.delimiter) if line.strip("\r\n") else []
        entry = self.row(row, row_no)
        cust = self.row_cust
        if cust is None or feed.pulled != pulled or "\0" in line:
            return None
        end = prefix_end(line, self.st.delimiter, self.k)
        if end is None:
            return None
        if entry is not None and len(lane) < LANE_MAX:
            lane[line[end:]] = entry
        return cust, line[:end]
