"""Deliveries of the long layout's rows: status with degree, reason, dates, note, evidence."""

from __future__ import annotations

import datetime as dt

from kundenaudit.load.csv import cells
from kundenaudit.load.csv.state import State
from kundenaudit.model.record import Delivery
from kundenaudit.model.vocabulary import Status


def plain_delivery(
    st: State, status: Status, mapped: bool, raw: str, row_no: int
) -> Delivery | None:
    """The delivery of a row that gives only a status (shared); None after an error."""
    if status is not Status.ENTBEHRLICH:
        return cells.SHARED[status]
    if mapped:
        return Delivery(status, reason=cells.mapped_reason(raw))
    missing_reason(st, row_no)
    return None


def missing_reason(st: State, row_no: int) -> None:
    """Report `entbehrlich` without a reason, at the reason cell if there is a column."""
    col = st.cols.get("reason")
    if col is None:
        st.sink.add(
            row_no,
            st.cols["status"] + 1,
            f"status 'entbehrlich' needs a reason: add a column '{st.column_name('reason')}'",
            "csv-reason",
        )
    else:
        st.sink.add(
            row_no,
            col + 1,
            f"status 'entbehrlich' needs a reason in column '{st.header[col]}'",
            "csv-reason",
        )


def build_delivery(
    st: State, status: Status, mapped: bool, raw: str, values: dict[str, str], row_no: int
) -> Delivery | None:
    """A delivery with degree, reason, dates, note, evidence; None after an error."""
    ok = True
    degree = None
    if values.get("degree"):
        degree = cells.parse_number(values["degree"])
        if degree is None or not 0 < degree < 1:
            ok = bad_cell(st, row_no, "degree", values, "a number between 0 and 1 (exclusive)")
        elif status is not Status.TEILWEISE:
            ok = bad_cell(st, row_no, "degree", values, "empty unless the status is 'teilweise'")
    reason = values.get("reason") or None
    if status is Status.ENTBEHRLICH and reason is None:
        if mapped:
            reason = cells.mapped_reason(raw)
        else:
            missing_reason(st, row_no)
            ok = False
    dates: dict[str, dt.date | None] = {}
    for field in ("date", "until"):
        dates[field] = None
        if values.get(field):
            dates[field] = cells.parse_date(values[field])
            if dates[field] is None:
                ok = bad_cell(st, row_no, field, values, "an ISO date (YYYY-MM-DD)")
    if not ok:
        return None
    return Delivery(
        status,
        degree,
        reason,
        dates["until"],
        values.get("note") or None,
        values.get("evidence") or None,
        dates["date"],
    )


def bad_cell(st: State, row_no: int, field: str, values: dict[str, str], expected: str) -> bool:
    """Report a cell that is not what ``field`` needs; always False (not ok)."""
    col = st.cols[field]
    st.sink.add(
        row_no,
        col + 1,
        f"column '{st.header[col]}' must be {expected}, found '{cells.show(values[field])}'",
        "csv-value",
    )
    return False
