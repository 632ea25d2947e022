"""The assessment workbook of `sheet` (SPEC §11): one row per customer and applicable service.

The layout is the long CSV layout, with the field names as headers, so `score FILE.xlsx` reads
it back unchanged: the customer's fields on each of its rows, a drop-down of the status words,
degree, reason, until, note, evidence and date to fill in, the service's name, level and action
beside them for reference, and the catalog's SHA-256 in a hidden sheet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from kundenaudit.load.xlsx.meta import (
    CATALOG_NAME,
    CATALOG_SHA256,
    CATALOG_VERSION,
    KPI_PREFIX,
    META_SHEET,
    catalog_sha256,
)
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.record import Record
from kundenaudit.model.vocabulary import Level, Status
from kundenaudit.render.xlsx_book import Book
from kundenaudit.render.xlsx_cells import Column
from kundenaudit.score.rules import effective_level

SHEET = "Bewertung"
COLUMNS = [  # then one column per metric of the catalog, its id as header
    Column("customer"),
    Column("name"),
    Column("segment"),
    Column("manager"),
    Column("value", "money"),
    Column("audited", "date"),
    Column("service"),
    Column("service_name", "ref"),
    Column("level", "ref"),
    Column("action", "ref"),
    Column("status"),
    Column("degree", "num2"),
    Column("reason"),
    Column("until", "date"),
    Column("note"),
    Column("evidence"),
    Column("date", "date"),
]
STATUS_COL = [c.header for c in COLUMNS].index("status")
NEW_CUSTOMER = "neu-{segment}"  # the id of the blank customer of a workbook without inputs


def render(cat: Catalog, records: Sequence[Record], segment: str | None, today: dt.date) -> bytes:
    """The workbook: the records' customers with their current statuses, or without records one
    blank customer per segment (only ``segment`` when given)."""
    book = Book(today)
    metrics = metric_columns(cat)
    sheet = book.sheet(SHEET, COLUMNS + [Column(h, "number") for h in metrics.values()])
    for row in _rows(cat, records, segment):
        sheet.add(row)
    col = [c.header for c in COLUMNS].index
    words = ",".join(s.value for s in Status)
    sheet.validate(
        STATUS_COL, "list", [f'"{words}"'], errorTitle="Status",
        error="erfuellt, teilweise, nicht_erfuellt, offen or entbehrlich",
    )  # fmt: skip
    sheet.validate(col("degree"), "decimal between", ["0", "1"], prompt="teilweise: 0 < degree < 1")
    for name in ("audited", "until", "date"):
        sheet.validate(col(name), "date greaterThan", ["1"])  # after 1900-01-01 (day 1)
    _meta(book, cat, today, metrics)
    return book.close()


def metric_columns(cat: Catalog) -> dict[str, str]:
    """Metric id -> its column's header: the id, or ``kpis.ID`` where the id is a field's."""
    fields = {c.header for c in COLUMNS}
    return {m: f"kpis.{m}" if m in fields else m for m in cat.metrics}


def _rows(cat: Catalog, records: Sequence[Record], segment: str | None) -> Iterator[list[Any]]:
    if not records:
        for seg_id in [segment] if segment else list(cat.segments):
            blank = Record(id=NEW_CUSTOMER.format(segment=seg_id), segment=seg_id, services={})
            yield from _customer_rows(cat, blank, seg_id)
        return
    for rec in records:
        yield from _customer_rows(cat, rec, rec.segment or segment or "")


def _customer_rows(cat: Catalog, rec: Record, seg_id: str) -> Iterator[list[Any]]:
    seg = cat.segments.get(seg_id)
    if seg is None:
        return
    kpis = rec.kpis or {}
    values = [kpis.get(m) for m in cat.metrics]  # on every row: the long layout repeats them
    for sid, svc in cat.services.items():
        nominal = seg.levels.get(sid)
        if nominal is None:  # entfaellt: the service does not apply in this segment
            continue
        level = effective_level(svc.competition, nominal)
        knockout = svc.knockout and level is Level.MUSS
        d = rec.services.get(sid)
        status = d.status if d is not None else None
        yield [
            rec.id,
            rec.name,
            seg_id,
            rec.manager,
            rec.value,
            rec.audited,
            sid,
            svc.name,
            level.label + (" (K.-o.)" if knockout else ""),
            svc.action,
            None if status is None or status is Status.OFFEN else status.value,
            d.degree if d is not None else None,
            d.reason if d is not None else None,
            d.until if d is not None else None,
            getattr(d, "note", None),
            getattr(d, "evidence", None),
            getattr(d, "date", None),
            *values,
        ]


def _meta(book: Book, cat: Catalog, today: dt.date, metrics: dict[str, str]) -> None:
    """The hidden sheet: which catalog the workbook was made from, which columns hold which
    metric's values (`score` reads them as kpis)."""
    sheet = book.sheet(META_SHEET, [Column("key"), Column("value")])
    sheet.add([CATALOG_SHA256, catalog_sha256(cat.spec)])
    sheet.add([CATALOG_NAME, cat.name])
    sheet.add([CATALOG_VERSION, cat.version])
    sheet.add(["created", today.isoformat()])
    for metric, header in metrics.items():
        sheet.add([KPI_PREFIX + header, metric])
    sheet.hidden = True
