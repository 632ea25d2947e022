"""The report's trend (SPEC §7.2): the current audit against the latest earlier snapshot,
by the same attribution as `diff` (SPEC §9), so the report's figures are diff's figures."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from kundenaudit.load.documents import display_path
from kundenaudit.load.snapshots import read_snapshot, snapshot_records
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.diff import CustomerChange, Diff
from kundenaudit.model.record import Record
from kundenaudit.model.report import Trend
from kundenaudit.score.catalog import resolve
from kundenaudit.score.diff import diff
from kundenaudit.score.diff_inputs import audit, in_new_ids

_MATCHED = (CustomerChange.CHANGED, CustomerChange.UNCHANGED)


def trend(
    history: list[Path], cat: Catalog, records: list[Record], today: dt.date, sha256: str
) -> Trend:
    """The diff of the latest snapshot in ``history`` (by its `today`) against now."""
    snaps = sorted(((read_snapshot(p), p) for p in history), key=lambda sp: sp[0].snapshot.today)
    old_snap, old_path = snaps[-1]
    old_cat = resolve(in_new_ids(old_snap.snapshot.catalog.document, cat.spec))
    old_records = snapshot_records(old_snap, old_path, cat)
    s = old_snap.snapshot
    old = audit(old_cat, old_records, s.today, s.catalog.sha256)
    d = diff(old, audit(cat, records, today, sha256))
    index_old, index_new, catalog, delivery, matched = _means(d)
    return Trend(
        snapshot=display_path(old_path),
        since=s.today,
        diff=d,
        index_old=index_old,
        index_new=index_new,
        catalog=catalog,
        delivery=delivery,
        matched=matched,
    )


def _means(d: Diff) -> tuple[float | None, float | None, float | None, float | None, int]:
    """Mean old and new index, and the mean catalog and delivery parts, over the customers
    in both audits with an index in both."""
    both = [
        c
        for c in d.customers
        if c.change in _MATCHED
        and c.old
        and c.new
        and c.old.index is not None
        and c.new.index is not None
    ]
    if not both:
        return None, None, None, None, 0

    def mean(values: list[float]) -> float:
        return math.fsum(values) / len(values)

    return (
        mean([c.old.index for c in both if c.old and c.old.index is not None]),
        mean([c.new.index for c in both if c.new and c.new.index is not None]),
        mean([c.catalog or 0.0 for c in both]),
        mean([c.delivery or 0.0 for c in both]),
        len(both),
    )
