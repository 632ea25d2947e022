"""Customers of a CSV export: segments, per-customer fields, and the records at the end."""

from __future__ import annotations

from kundenaudit.load.csv import cells
from kundenaudit.load.csv.state import Customer, State
from kundenaudit.model.errors import Severity
from kundenaudit.model.limits import MAX_VALUE
from kundenaudit.model.record import Record, new_record
from kundenaudit.model.suggest import did_you_mean
from kundenaudit.model.vocabulary import STATUS_ALIASES


def segment_of(st: State, raw: str) -> tuple[str, bool]:
    """(segment id, known) of a non-empty segment cell."""
    found = st.seg_cache.get(raw)
    if found is None:
        name = raw.strip()
        target = cells.lookup(st.seg_map, name) if st.seg_map else None
        sid = target or name
        found = st.seg_cache[raw] = (sid, sid in st.catalog.segments)
    return found


def segment_cell(st: State, cust: Customer, raw: str, row_no: int) -> None:
    """A customer's segment cell: the first non-empty one counts, others must agree."""
    if not raw.strip():
        return
    sid, known = segment_of(st, raw)
    if cust.seg_raw is None:
        cust.seg_raw, cust.seg_row, cust.seg_id = raw, row_no, sid
        if not known:  # reported once per value, with the number of customers
            st.unknown_segments.setdefault(raw.strip(), [row_no, 0])[1] += 1
    elif sid != cust.seg_id and not (cust.conflicts and "segment" in cust.conflicts):
        cust.conflicts = (cust.conflicts or set()) | {"segment"}
        col = st.cols["segment"]
        st.sink.add(
            row_no,
            col + 1,
            f"customer '{cust.id}' has segment '{cells.show(raw.strip())}' "
            f"here but '{cells.show(cust.seg_raw.strip())}' in row {cust.seg_row}",
            "csv-segment",
            key=cust.id,
        )


def customer_fields(st: State, cust: Customer, row: list[str], row_no: int) -> None:
    """name, manager, value, audited: the first non-empty cell counts."""
    for field, col in st.cfields:
        raw = row[col].strip()
        if not raw:
            continue
        seen = cust.seen if cust.seen is not None else {}
        cust.seen = seen
        first = seen.get(field)
        if first is None:
            seen[field] = (raw, row_no)
            set_field(st, cust, field, raw, row_no, col)
        elif first[0] != raw and not (cust.conflicts and field in cust.conflicts):
            cust.conflicts = (cust.conflicts or set()) | {field}
            st.sink.add(
                row_no,
                col + 1,
                f"customer '{cust.id}' has {field} '{cells.show(raw)}' here "
                f"but '{first[0]}' in row {first[1]}; the first is used",
                "csv-conflict",
                severity=Severity.WARNING,
                key=cust.id,
            )


def set_field(st: State, cust: Customer, field: str, raw: str, row_no: int, col: int) -> None:
    """Store a per-customer field, checking value (number >= 0) and audited (ISO date)."""
    if field == "name":
        cust.name = raw
    elif field == "manager":
        cust.manager = raw
    elif field == "value":
        value = cells.parse_number(raw)
        if value is None or not 0 <= value <= MAX_VALUE:
            st.sink.add(
                row_no,
                col + 1,
                f"column '{st.header[col]}' must be a number >= 0 (at most {MAX_VALUE:,.0f}), "
                f"found '{cells.show(raw)}'",
                "csv-value",
            )
        else:
            cust.value = value
    else:
        cust.audited = cells.parse_date(raw)
        if cust.audited is None:
            st.sink.add(
                row_no,
                col + 1,
                f"column '{st.header[col]}' must be an ISO date (YYYY-MM-DD), "
                f"found '{cells.show(raw)}'",
                "csv-value",
            )


# ---------------------------------------------------------------- the end

SHOWN_UNCOVERED = 10  # services named in the warning; the others are counted


def uncovered(st: State, covered: set[str]) -> None:
    """A wide export: one warning naming the catalog's services that apply to its customers
    but that no column covers (each customer would otherwise get a silent `offen` gap)."""
    segments = {customer_segment(st, c, report=False) for c in st.customers.values()}
    resolved = [st.catalog.segments[g] for g in segments if g in st.catalog.segments]
    missing = [
        sid
        for sid in st.catalog.services
        if sid not in covered and any(seg.levels.get(sid) is not None for seg in resolved)
    ]
    if missing:
        missing.sort()
        shown = ", ".join(missing[:SHOWN_UNCOVERED])
        if len(missing) > SHOWN_UNCOVERED:
            shown += f" and {len(missing) - SHOWN_UNCOVERED} more"
        st.sink.add(
            1,
            1,
            f"no column covers the catalog's service(s) {shown}: every customer counts them as "
            "'offen' (not assessed); add a column per service, or map one under 'services:' "
            "in the mapping file",
            "csv-uncovered",
            severity=Severity.WARNING,
        )


def finish(st: State) -> list[Record]:
    """Records in the order of first appearance; aggregated findings reported."""
    report_unknown(st)
    if st.segment is not None and st.segment not in st.catalog.segments:
        st.sink.add(
            1,
            1,
            f"unknown segment '{st.segment}' (from --segment)"
            f"{did_you_mean(st.segment, st.catalog.segments)}",
            "unknown-segment",
            key=st.segment,
        )
    return [record_of(st, c) for c in st.customers.values()]


def record_of(st: State, c: Customer) -> Record:
    """The record of a customer whose rows are all read."""
    return new_record(
        id=c.id,
        segment=customer_segment(st, c),
        services=c.services,
        source=st.sink.file,
        line=c.row,
        name=c.name,
        manager=c.manager,
        value=c.value,
        audited=c.audited,
        kpis=c.kpis,
        outcomes=c.outcomes,
    )


def customer_segment(st: State, cust: Customer, *, report: bool = True) -> str | None:
    """The segment id of a customer: its own, else the mapping's for an empty cell, else
    --segment; a finding when it has none (unless ``report`` is false)."""
    if cust.seg_raw is not None:
        return cust.seg_id
    default = st.default_segment() or st.segment
    if default is not None:
        return default
    if report and not st.segment_reported:
        col = st.cols["segment"]
        st.sink.add(
            cust.row,
            col + 1,
            f"customer '{cust.id}' has no segment: fill column "
            f"'{st.header[col]}' (on one of its rows) or pass --segment",
            "missing-segment",
            key=cust.id,
        )
    return None


def report_unknown(st: State) -> None:
    """Unknown status values and segments: one finding per value, with how often it occurs."""
    words = (
        f"use a status word ({cells.STATUS_WORDS}) or map the value under 'values' or "
        "'column_values' in a mapping file"
    )
    for (col, raw), (row, count) in st.unknown.items():
        more = cells.more_rows(count)
        hint = did_you_mean(raw, STATUS_ALIASES) if raw.strip() else ""
        st.sink.add(
            row,
            col + 1,
            f"unknown status '{cells.show(raw)}'{hint} in column '{st.header[col]}'{more}: {words}",
            "csv-status",
            key=f"{st.header[col]}/{raw}",
        )
    for raw, (row, count) in st.unknown_segments.items():
        mapped = cells.lookup(st.seg_map, raw) if st.seg_map else None
        target = mapped or raw
        via = f" (mapped to '{target}')" if mapped else ""
        # a mapped id is wrong in the mapping file; a raw value may also lack a mapping
        choices = [*st.catalog.segments, *(() if mapped else st.seg_map)]
        more = f" (the segment of {count} customers)" if count > 1 else ""
        todo = (
            f"correct '{cells.show(raw)}: {target}' under 'segments:' in the mapping file"
            if mapped
            else f"map it to a segment id of the catalog under 'segments:' in the mapping "
            f"file ('{cells.show(raw)}': {_segment_example(st)})"
        )
        st.sink.add(
            row,
            st.cols["segment"] + 1,
            f"unknown segment '{cells.show(raw)}'{via}{did_you_mean(target, choices)}{more}: "
            + todo,
            "unknown-segment",
            key=raw,
        )


def _segment_example(st: State) -> str:
    """A segment id to show in the hint: the first of the catalog's (they are all valid)."""
    return next(iter(st.catalog.segments), "id")
