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
from collections.abc import Callable, Iterator
from operator import itemgetter

from kundenaudit.load.csv.blocks import Pair, add_lines
from kundenaudit.load.csv.chunks import TextCursor
from kundenaudit.load.csv.customers import customer_fields, segment_cell
from kundenaudit.load.csv.long import LANE_MAX, LongRows
from kundenaudit.load.csv.state import Customer, Feed, State
from kundenaudit.model.record import Delivery

NO_PREFIX = "\n\n"  # no line starts with it: a line ends at its first line break
WINDOW = 4096  # characters searched for a first customer's last line
WINDOW_SLACK = 512  # searched beyond the length of the customer before
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
        self.lane: dict[str, Pair] = {}  # line tail (without LF) -> what it means
        self.seg_of: dict[str, str | None] = {}  # line tail -> its segment cell (gi_rest)
        self.window = WINDOW

    def fast_rows(self, lines: Iterator[str], feed: Feed, reader: Iterator[list[str]]) -> bool:
        """The hot loop: the lines of a customer go at once (`block`); other lines one by
        one, a line that is not the plain case through `LongRows.row`."""
        st = self.st
        text = TextCursor(lines)
        feed.lines = text  # a quoted cell over several lines moves the cursor on
        lane_get = self.lane.get
        prefix, start = NO_PREFIX, len(NO_PREFIX)
        cust = Customer("", 0)
        row_no = 1
        try:
            while text.more():
                if (
                    prefix is not NO_PREFIX
                    and text.plain
                    and text.chunk.startswith(prefix, text.pos)
                ):
                    n = self.block(text, prefix, cust, row_no + 1)
                    if n:
                        row_no += n
                        continue
                line = text.line()
                row_no += 1
                if line.startswith(prefix):
                    key = line[start:].removesuffix("\n")
                    entry = lane_get(key)
                else:
                    entry = None
                    known = self.known_tail(line, row_no)
                    if known is not None:
                        entry, cust, start, key = known
                        prefix = line[:start]
                        if text.plain:  # its cells are read: `block` takes the line itself
                            text.pos -= len(line)
                            row_no += self.block(text, prefix, cust, row_no) - 1
                            continue
                if entry is None:
                    found = self.slow_row(line, row_no, feed, reader)
                    if found is None:
                        prefix, start = NO_PREFIX, len(NO_PREFIX)
                    else:
                        cust, prefix = found
                        start = len(prefix)
                    continue
                segs = [self.seg_of[key]] if self.gi_rest else None
                add_lines(st, cust, [entry], segs, row_no)
        except csv.Error as exc:
            st.syntax_error(row_no, exc)
        return True

    def known_tail(self, line: str, row_no: int) -> tuple[Pair, Customer, int, str] | None:
        """A line with a new prefix and a tail the lane knows: what the tail means, the
        customer (its cells read), the length of the prefix and the tail's key; None for any
        other line."""
        if '"' in line or "\0" in line:
            return None
        k = self.k
        parts = line.split(self.st.delimiter, k)
        # a known tail: the row has the header's width (else `row` decides)
        if len(parts) <= k or not parts[self.ci].strip():
            return None
        key = parts[k].removesuffix("\n")
        entry = self.lane.get(key)
        if entry is None:
            return None
        return entry, self.customer_cells(parts, row_no), len(line) - len(parts[k]), key

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
        self, line: str, row_no: int, feed: Feed, reader: Iterator[list[str]]
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
        if entry is not None and len(self.lane) < LANE_MAX:
            key = line[end:].removesuffix("\n")
            self.lane[key] = entry[:2]
            if self.gi_rest:
                self.seg_of[key] = entry[2]
        return cust, line[:end]

    def block(self, text: TextCursor, prefix: str, cust: Customer, row_no: int) -> int:
        """The lines at the cursor that start with ``prefix`` (the customer ``cust``'s, the
        first at row ``row_no``) and have a tail the lane knows, added at once; how many.

        The lines are cut out of the piece in C: the last line start with the prefix in a
        window as long as the customer before and some slack (doubled while a customer
        goes on past it), then a split at every line break followed by the prefix, and the
        tails looked up at once (`itemgetter`). A piece that is no line's tail (a line
        without the prefix, or a tail not seen yet) ends the block: the lane holds no text
        with a line break."""
        chunk, pos = text.chunk, text.pos
        sep = "\n" + prefix
        last = chunk.rfind(sep, pos, pos + self.window)
        stop = chunk.find("\n", pos if last < 0 else last + 1) + 1
        if not stop:  # the text's last line has no line end: the line by line path takes it
            if last < 0:
                return 0
            stop = last + 1
        tails = chunk[pos + len(prefix) : stop - 1].split(sep)
        try:
            found = itemgetter(*tails)(self.lane)  # one tail: its pair, else a tuple of pairs
        except KeyError:  # a piece the lane does not know ends the block before it
            lane_get: Callable[[str], Pair | None] = self.lane.get
            known = list(map(lane_get, tails))
            n = known.index(None)
            if not n:
                return 0
            del tails[n:]
            stop = pos + n * len(sep) + sum(map(len, tails))
            entries = [e for e in known[:n] if e is not None]  # all of them: None is at n
            new: dict[str, Delivery] = {}
        else:
            entries = list(found) if len(tails) > 1 else [found]
            new = dict(entries)
            if chunk.startswith(prefix, stop):  # cut by the window: the customer goes on
                self.window *= 2
            elif not cust.services:  # the customer's lines from its first
                self.window = stop - pos + WINDOW_SLACK
        text.pos = stop
        if len(new) == len(tails) and not (cust.services or self.st.bad_keys or self.gi_rest):
            cust.services = new  # the customer's first lines: nothing to check
        else:
            segs = [*map(self.seg_of.get, tails)] if self.gi_rest else None
            add_lines(self.st, cust, entries, segs, row_no)
        return len(tails)
