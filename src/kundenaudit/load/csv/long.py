"""The long CSV layout: one row per customer and service, fast enough for 400,000 rows.

Most rows of a big export repeat what other rows say, apart from the customer: the same
service, status, degree, reason and segment. When the customer is the first column, the rest
of the line after the first delimiter is the key of a "lane" cache that holds what such a line
means (service id, shared delivery, segment); a line seen before costs one ``str.partition``
and one dict lookup instead of CSV parsing. Everything else goes through `LongRows.row`.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter

from kundenaudit.load.csv import cells, extras
from kundenaudit.load.csv.customers import customer_fields, segment_cell
from kundenaudit.load.csv.deliveries import build_delivery, plain_delivery
from kundenaudit.load.csv.state import Customer, DeliveryKey, DeliveryTable, Feed, State
from kundenaudit.model.record import Delivery

LANE_MAX = 20_000  # distinct line tails kept; bounds memory when every line is different
LaneEntry = tuple[str, Delivery, str | None]  # service id, delivery, segment cell (interned)
ServiceColumn = tuple[str, DeliveryTable, cells.Vocabulary]


class LongRows:
    """Reads the rows of the long layout into ``state.customers``."""

    def __init__(self, state: State) -> None:
        self.st = state
        cols = state.cols
        self.ci, self.si, self.sti = cols["customer"], cols["service"], cols["status"]
        self.gi = state.segment_col()
        # the status cell with the cells of degree, reason, ...: the key of the status tables
        self.key_of = itemgetter(self.sti, *state.extra_idx)
        self.last_key: tuple[str, int] | None = None  # raw id, customers handed on before
        self.last_cust: Customer | None = None
        self.row_cust: Customer | None = None  # the customer whose cells `row` just read

    def run(
        self,
        lines: Iterator[str],
        feed: Feed,
        reader: Iterator[list[str]],
        open_lines: Callable[[], Iterable[str]],
    ) -> None:
        """Every row after the header; ``reader`` reads from ``feed``, which reads ``lines``."""
        if not self.fast_rows(lines, feed, reader):
            self.plain_rows(csv.reader(lines, delimiter=self.st.delimiter))
        if self.st.dups:
            self.report_duplicates(open_lines)

    def fast_rows(self, lines: Iterator[str], feed: Feed, reader: Iterator[list[str]]) -> bool:
        """The lane path (customer first, no other per-customer field; else prefix.py)."""
        if self.ci != 0 or self.st.cfields or self.st.kfields:
            return False
        self.lane_rows(lines, feed, reader)
        return True

    def plain_rows(self, reader: Iterator[list[str]]) -> None:
        """The general path: every row through the csv module and `row`."""
        row_no = 1
        try:
            for row_no, row in enumerate(reader, 2):
                self.row(row, row_no)
        except csv.Error as exc:
            self.st.syntax_error(row_no + 1, exc)

    def lane_rows(self, lines: Iterator[str], feed: Feed, reader: Iterator[list[str]]) -> None:
        """The hot loop: lines whose tail was seen before skip CSV parsing."""
        st = self.st
        delimiter = st.delimiter
        lane: dict[str, LaneEntry] = {}
        lane_get = lane.get
        customers, bad, dups = st.customers, st.bad_keys, st.dups
        last_raw: str | None = None
        cust = Customer("", 0)
        services, seg_raw = cust.services, cust.seg_raw
        row_no = 1
        try:
            for line in lines:
                row_no += 1
                cid_raw, _, rest = line.partition(delimiter)
                entry = lane_get(rest)
                if entry is None or '"' in cid_raw:
                    pulled = feed.pulled
                    if '"' in line or "\0" in line:  # quotes (maybe over several lines), NUL: csv
                        feed.pushed = line
                        row = next(reader, [])
                    else:
                        row = line.rstrip("\r\n").split(delimiter) if line.strip("\r\n") else []
                    entry = self.row(row, row_no)
                    if (
                        entry is not None
                        and feed.pulled == pulled
                        and '"' not in cid_raw
                        and len(lane) < LANE_MAX
                    ):
                        lane[rest] = entry
                    last_raw = None
                    continue
                if cid_raw != last_raw:
                    found = customers.get(cid_raw.strip()) or st.customer(cid_raw, [rest], row_no)
                    if found is None:
                        last_raw = None
                        continue
                    cust, last_raw, services, seg_raw = (
                        found,
                        cid_raw,
                        found.services,
                        found.seg_raw,
                    )
                sid, d, seg = entry
                if sid in services or (bad and (cust.id, sid) in bad):
                    dups.append((cust.id, sid, row_no))
                else:
                    services[sid] = d
                if seg is not seg_raw and seg is not None:
                    segment_cell(st, cust, seg, row_no)
                    seg_raw = cust.seg_raw
        except csv.Error as exc:
            st.syntax_error(row_no, exc)

    def row(self, row: list[str], row_no: int) -> LaneEntry | None:
        """One parsed row; what its line tail means when that is the same for every customer."""
        st = self.st
        self.row_cust = None
        exact = len(row) == st.width
        if not exact:
            fixed = st.fix_width(row, row_no)
            if fixed is None:
                return None
            row = fixed
        key = (row[self.ci], st.handed_on)
        cust = self.last_cust if key == self.last_key else None
        if cust is None:
            cust = st.customer(key[0], row, row_no)
            if cust is None:
                self.last_key = None
                return None
            self.last_key, self.last_cust = key, cust
        delivered = self.delivery(cust, row, row_no)
        seg = None
        if self.gi is not None:
            seg = st.intern(row[self.gi])
            if seg is not cust.seg_raw:
                segment_cell(st, cust, seg, row_no)
        if st.cfields:
            customer_fields(st, cust, row, row_no)
        if st.kfields:
            extras.row_values(st, cust, row, row_no)
        self.row_cust = cust
        if delivered is None or not exact:
            return None
        return delivered[0], delivered[1], seg

    def delivery(self, cust: Customer, row: list[str], row_no: int) -> tuple[str, Delivery] | None:
        """Add the row's delivery to ``cust``; None when the row is in error."""
        st = self.st
        entry = st.svc_cache.get(row[self.si]) or self.service(row[self.si], row_no)
        if entry is None:
            return None
        sid, table, vocab = entry
        key = self.key_of(row)
        d = table.get(key)
        if d is None:
            d = self.new_delivery(row, row_no, table, vocab, key)
        if d is None:
            st.mark_bad(cust, sid, row_no)
            return None
        if sid in cust.services or (cust.id, sid) in st.bad_keys:
            st.dups.append((cust.id, sid, row_no))
        else:
            cust.services[sid] = d
        return sid, d

    def service(self, raw: str, row_no: int) -> ServiceColumn | None:
        """Service id, status table and vocabulary of a raw service value (cached)."""
        st = self.st
        name = raw.strip()
        if not name:
            st.sink.add(
                row_no, self.si + 1, f"no service in column '{st.header[self.si]}'", "csv-value"
            )
            return None
        mapped = cells.lookup(st.svc_map, name) if st.svc_map else None
        sid = st.service_id(
            mapped or name, mapped_from=name if mapped else None, row=row_no, col=self.si + 1
        )
        # per-service vocabularies: keyed by the status column, the service id or the raw value
        keys = [k for k in (st.header[self.sti], sid, name) if k in st.column_values]
        table, vocab = st.vocabulary(keys)
        entry = (sid, table, vocab)
        st.svc_cache[raw] = entry
        return entry

    def new_delivery(
        self,
        row: list[str],
        row_no: int,
        table: DeliveryTable,
        vocab: cells.Vocabulary,
        key: DeliveryKey,
    ) -> Delivery | None:
        """A combination of status, degree, reason, ... not seen yet; None after an error."""
        st = self.st
        raw = row[self.sti]
        found = vocab.resolve(raw)
        if found is None:
            st.unknown_status(row_no, self.sti, raw)
            return None
        status, mapped = found
        values = {f: row[i].strip() for f, i in zip(st.extra_names, st.extra_idx, strict=True)}
        if any(values.values()):
            d = build_delivery(st, status, mapped, raw, values, row_no)
        else:
            d = plain_delivery(st, status, mapped, raw, row_no)
        if d is not None and len(table) < st.cache_max:
            table[key] = d  # later rows with the same cells take the fast path
        return d

    def report_duplicates(self, open_lines: Callable[[], Iterable[str]]) -> None:
        """Name the first row of every duplicate (customer, service): a second, rare pass."""
        st = self.st
        ci, si = self.ci, self.si
        wanted = {(cid, sid) for cid, sid, _ in st.dups}
        first: dict[tuple[str, str], int] = {}
        reader = csv.reader(open_lines(), delimiter=st.delimiter)
        try:
            next(reader, None)
            for row_no, row in enumerate(reader, 2):
                if len(row) <= max(ci, si) or not st.usable(row):
                    continue
                entry = st.svc_cache.get(row[si])
                key = (row[ci].strip(), entry[0] if entry else "")
                if key in wanted and key not in first:
                    first[key] = row_no
        except csv.Error:
            pass  # reported by the first pass
        for cid, sid, row_no in st.dups:
            where = first.get((cid, sid))
            st.sink.add(
                row_no,
                si + 1,
                f"customer '{cells.show(cid)}' has service '{cells.show(sid)}' again"
                + (f" (first in row {where})" if where else ""),
                "csv-duplicate",
                key=f"{cid}/{sid}",
            )
