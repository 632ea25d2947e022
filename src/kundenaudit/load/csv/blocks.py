"""The deliveries of a block of a customer's lines, whose tails the lane cache knows."""

from __future__ import annotations

import itertools

from kundenaudit.load.csv.customers import segment_cell
from kundenaudit.load.csv.state import Customer, State
from kundenaudit.model.record import Delivery

Pair = tuple[str, Delivery]  # what a line tail means: service id, delivery


def add_lines(
    st: State, cust: Customer, entries: list[Pair], segs: list[str | None] | None, row_no: int
) -> None:
    """The deliveries of a block of lines (the first at ``row_no``), at once when no line
    is a duplicate and no segment cell is new (the common case), else line by line."""
    services, bad = cust.services, st.bad_keys
    new = dict(entries)
    if (
        len(new) == len(entries)
        and services.keys().isdisjoint(new)
        and not (bad and not bad.isdisjoint(zip(itertools.repeat(cust.id), new)))
        and (segs is None or {*segs} <= {cust.seg_raw, None})
    ):
        services.update(new)
        return
    for i, (sid, d) in enumerate(entries):
        if sid in services or (bad and (cust.id, sid) in bad):
            st.dups.append((cust.id, sid, row_no + i))
        else:
            services[sid] = d
        seg = segs[i] if segs is not None else None
        if seg is not cust.seg_raw and seg is not None:
            segment_cell(st, cust, seg, row_no + i)
