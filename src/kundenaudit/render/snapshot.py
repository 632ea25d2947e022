"""The audit snapshot as JSON text (SPEC §2.4): one record a line, then the JSON result."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kundenaudit import __version__
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.limits import FORMAT_VERSION
from kundenaudit.model.record import DeliveryLike, Record

_DETAILS = ("degree", "reason", "until", "note", "evidence", "date")


@dataclass(frozen=True, kw_only=True)
class SnapshotHead:
    """What a snapshot says about the run besides its records and result."""

    created: dt.date
    today: dt.date
    catalog: Catalog
    catalog_sha256: str
    inputs: list[tuple[str, str]]  # (path as shown, SHA-256)
    segment: str | None = None  # the --segment of records that name none


def render(head: SnapshotHead, records: Iterable[Record], result: str) -> Iterator[str]:
    """The snapshot in chunks; ``result`` is the JSON result text of the same run."""
    body = {
        "created": head.created.isoformat(),
        "today": head.today.isoformat(),
        "tool": __version__,
        "catalog": {
            "sha256": head.catalog_sha256,
            "document": head.catalog.spec.model_dump(mode="json", exclude_none=True),
        },
        "inputs": [{"path": path, "sha256": sha} for path, sha in head.inputs],
    }
    opening = json.dumps(body, ensure_ascii=False)[:-1]
    yield f'{{"kundenaudit": {FORMAT_VERSION},\n"snapshot": {opening}, "records": [\n'
    sep = ""
    for rec in records:
        yield sep + json.dumps(record_data(rec, head.today, head.segment), ensure_ascii=False)
        sep = ",\n"
    yield '\n]},\n"result": ' + result.rstrip("\n") + "}\n"


def record_data(rec: Record, today: dt.date, segment: str | None = None) -> dict[str, Any]:
    """A record normalised: the segment it is scored in, the audit date it is scored at."""
    customer = {
        "id": rec.id,
        "name": rec.name,
        "segment": rec.segment or segment,
        "manager": rec.manager,
        "value": rec.value,
    }
    data: dict[str, Any] = {
        "customer": {k: v for k, v in customer.items() if v is not None},
        "audited": (rec.audited or today).isoformat(),
        "services": {sid: _delivery(d) for sid, d in rec.services.items()},
    }
    for extra in ("kpis", "outcomes"):  # carried by records that have them
        values = getattr(rec, extra, None)
        if values:
            data[extra] = dict(values)
    return data


def _delivery(d: DeliveryLike) -> str | dict[str, Any]:
    entry: dict[str, Any] = {"status": d.status.value}
    for name in _DETAILS:
        value = getattr(d, name, None)
        if value is not None:
            entry[name] = value.isoformat() if isinstance(value, dt.date) else value
    return entry if len(entry) > 1 else d.status.value
