"""State of one CSV parse: columns, customers, segments, deliveries and aggregated findings."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kundenaudit.load.csv import cells
from kundenaudit.model.errors import FindingSink, Severity
from kundenaudit.model.record import Delivery
from kundenaudit.model.suggest import did_you_mean

if TYPE_CHECKING:
    from kundenaudit.model.catalog import Catalog
    from kundenaudit.model.mapping_file import MappingSpec

# The status cell (alone, or with the degree, reason, ... cells) -> its delivery, shared by
# every row with the same cells.
DeliveryKey = str | tuple[str, ...]
DeliveryTable = dict[DeliveryKey, Delivery]


class Feed:
    """Lines for a csv.reader: a pushed-back line first, then the rest of the file.

    Counts the lines the reader pulls itself, i.e. the lines of a record that spans several.
    """

    __slots__ = ("lines", "pulled", "pushed")

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.pushed: str | None = None
        self.pulled = 0

    def __iter__(self) -> Feed:
        return self

    def __next__(self) -> str:
        line = self.pushed
        if line is not None:
            self.pushed = None
            return line
        self.pulled += 1
        return next(self.lines)


class Customer:
    """What is collected of one customer while the rows go by."""

    __slots__ = (
        "audited",
        "conflicts",
        "extra_rows",
        "id",
        "kpis",
        "manager",
        "name",
        "outcomes",
        "row",
        "seen",
        "seg_id",
        "seg_raw",
        "seg_row",
        "services",
        "value",
    )

    def __init__(self, cid: str, row: int) -> None:
        self.id = cid
        self.row = row
        self.services: dict[str, Delivery] = {}
        self.seg_raw: str | None = None  # the first non-empty segment cell as written
        self.seg_row = 0
        self.seg_id = ""
        self.conflicts: set[str] | None = None
        self.seen: dict[str, tuple[str, int]] | None = None
        self.name: str | None = None
        self.manager: str | None = None
        self.value: float | None = None
        self.audited: dt.date | None = None
        self.kpis: dict[str, float] | None = None
        self.outcomes: dict[str, bool] | None = None
        self.extra_rows: dict[tuple[str, str], tuple[str, int]] | None = None  # first cells


class State:
    """Everything one parse knows; the row loops in csvio read it through locals."""

    cache_max = 4096

    def __init__(
        self, sink: FindingSink, catalog: Catalog, mapping: MappingSpec | None, segment: str | None
    ) -> None:
        self.sink = sink
        self.catalog = catalog
        self.mapping = mapping
        self.segment = segment
        self.renames = {str(k): v for k, v in mapping.columns.items()} if mapping else {}
        self.svc_map = dict(mapping.services) if mapping else {}
        self.seg_map = dict(mapping.segments) if mapping else {}
        self.values = dict(mapping.values) if mapping else {}
        self.column_values = dict(mapping.column_values) if mapping else {}
        self.delimiter = ","
        self.header: list[str] = []
        self.width = 0
        self.cols: dict[str, int] = {}
        self.extra_idx: tuple[int, ...] = ()
        self.extra_names: tuple[str, ...] = ()
        self.cfields: list[tuple[str, int]] = []
        self.kfields: list[tuple[str, str, int]] = []  # (kpi|outcome, metric or name, column)
        self.outcome_words: dict[str, bool] = {}
        self.customers: dict[str, Customer] = {}
        self.svc_cache: dict[str, tuple[str, DeliveryTable, cells.Vocabulary]] = {}
        self.svc_ids = {k: k for k in catalog.services}  # the catalog's own strings, shared
        self.warned_services: set[str] = set()
        self.vocabularies: dict[tuple[str, ...], tuple[DeliveryTable, cells.Vocabulary]] = {}
        self.bad_keys: set[tuple[str, str]] = set()
        self.dups: list[tuple[str, str, int]] = []
        self.unknown: dict[tuple[int, str], list[int]] = {}  # (col, raw) -> [first row, count]
        self.seg_cache: dict[str, tuple[str, bool]] = {}  # raw -> (segment id, known)
        self.unknown_segments: dict[str, list[int]] = {}  # raw -> [first row, count]
        self.segment_reported = False
        self.strings: dict[str, str] = {}
        # streaming (stream.py): called with id and row before a customer is created
        self.on_new_customer: Callable[[str, int], None] | None = None
        self.handed_on = 0  # how often it handed customers on (they left `customers`)

    # ---------------------------------------------------------------- header

    def set_header(self, header: list[str]) -> None:
        """Column names without surrounding blanks; the width rows are checked against."""
        self.header = [h.strip() for h in header]
        self.width = len(header)

    def column_name(self, field: str) -> str:
        """The column that holds ``field``: renamed by the mapping, else the field name."""
        return self.renames.get(field, field)

    def header_error(self, message: str, severity: Severity = Severity.ERROR) -> None:
        """A finding about the header (row 1, column 1)."""
        self.sink.add(1, 1, message, "csv-header", severity=severity)

    def syntax_error(self, row: int, exc: csv.Error) -> None:
        """The csv module gave up at ``row``; reading stops there."""
        self.sink.add(row, 1, f"cannot read the CSV here: {exc}", "csv-syntax")

    # ---------------------------------------------------------------- rows

    def fix_width(self, row: list[str], row_no: int) -> list[str] | None:
        """Short rows are padded with empty cells; None for blank rows and rows too long."""
        if not row:
            return None
        if len(row) < self.width:
            return row + [""] * (self.width - len(row))
        if self.usable(row):
            return row
        self.sink.add(
            row_no,
            self.width + 1,
            f"row has {len(row)} fields but the header has "
            f"{self.width}: quote fields that contain '{self.delimiter}'",
            "csv-row",
        )
        return None

    def usable(self, row: list[str]) -> bool:
        """False for a row with non-empty cells beyond the header."""
        return not any(c.strip() for c in row[self.width :])

    def intern(self, text: str) -> str:
        """One string object per distinct cell value (identity checks, less memory)."""
        return self.strings.setdefault(text, text)

    def customer(self, raw: str, row: list[str], row_no: int) -> Customer | None:
        """The customer of a row (created on first sight); None without a customer id."""
        cid = raw.strip()
        if not cid:
            self.no_customer(row, row_no)
            return None
        cust = self.customers.get(cid)
        if cust is None:
            if self.on_new_customer is not None:
                self.on_new_customer(cid, row_no)
            cust = self.customers[cid] = Customer(cid, row_no)
        return cust

    def no_customer(self, row: list[str], row_no: int) -> None:
        """Report a row without a customer id, unless every cell is empty."""
        if any(c.strip() for c in row):  # an all-empty row is a spreadsheet artefact: skipped
            ci = self.cols["customer"]
            self.sink.add(
                row_no, ci + 1, f"no customer id in column '{self.header[ci]}'", "csv-value"
            )

    def mark_bad(self, cust: Customer, sid: str, row_no: int) -> None:
        """A row whose delivery is in error still counts for duplicates."""
        key = (cust.id, sid)
        if sid in cust.services or key in self.bad_keys:
            self.dups.append((cust.id, sid, row_no))
        self.bad_keys.add(key)

    def service_id(self, sid: str, *, mapped_from: str | None, row: int, col: int) -> str:
        """The catalog's own string for ``sid``; a warning (once) when the catalog lacks it."""
        known = self.svc_ids.get(sid)
        if known is not None:
            return known
        if sid not in self.warned_services:
            self.warned_services.add(sid)
            via = f" (mapped from '{mapped_from}')" if mapped_from else ""
            self.sink.add(
                row,
                col,
                f"service '{cells.show(sid)}'{via} is not in the catalog"
                f"{did_you_mean(sid, self.catalog.services)}",
                "unknown-service",
                severity=Severity.WARNING,
                key=sid,
            )
        return sid

    def vocabulary(
        self, keys: list[str], *, shared: bool = True
    ) -> tuple[DeliveryTable, cells.Vocabulary]:
        """Status table and vocabulary: `values`, overridden by `column_values` of ``keys``."""
        found = self.vocabularies.get(tuple(keys)) if shared else None
        if found is None:
            vocab = cells.Vocabulary(self.values, *(self.column_values[k] for k in keys))
            found = ({}, vocab)
            if shared:
                self.vocabularies[tuple(keys)] = found
        return found

    def unknown_status(self, row_no: int, col: int, raw: str) -> None:
        """Count a value that is no status; reported once per (column, value) at the end."""
        entry = self.unknown.get((col, raw))
        if entry is None:
            self.unknown[(col, raw)] = [row_no, 1]
        else:
            entry[1] += 1

    def segment_col(self) -> int | None:
        """The segment column (--segment is only the fallback for customers without one)."""
        return self.cols.get("segment")

    def default_segment(self) -> str | None:
        """The segment a mapping gives empty cells (``"": id``), if any."""
        return cells.lookup(self.seg_map, "")
