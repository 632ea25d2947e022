"""Reading audit snapshots (SPEC §2.4): JSON to a validated model, records for a catalog."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from kundenaudit.load.documents import (
    decode,
    display_path,
    read_bytes,
    read_documents,
    to_model,
)
from kundenaudit.load.record_checks import check_known
from kundenaudit.load.yaml_document import path_text
from kundenaudit.model.errors import FindingSink, InputError
from kundenaudit.model.record import Record, deliveries

if TYPE_CHECKING:  # types only; the snapshot models are built on first use: most runs read none
    from kundenaudit.model.catalog import Catalog
    from kundenaudit.model.catalog_file import CatalogFile
    from kundenaudit.model.snapshot import SnapshotFile, SnapshotRecord

SNAPSHOT_SUFFIX = ".json"

_CACHE: dict[tuple[Path, int, int], SnapshotFile] = {}


def is_snapshot(path: Path) -> bool:
    """Snapshots are JSON files; every other input is YAML or CSV."""
    return path.suffix.lower() == SNAPSHOT_SUFFIX


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def read_snapshot(path: Path) -> SnapshotFile:
    """The snapshot at ``path``; raises InputError with located findings when it is invalid."""
    try:
        st = path.stat()
        key = (path.resolve(), st.st_mtime_ns, st.st_size)
    except OSError:
        key = None
    if key is not None and key in _CACHE:
        return _CACHE[key]
    sink = FindingSink(display_path(path))
    text = decode(read_bytes(path), sink)
    if text is None:
        raise InputError(sink.findings)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        sink.add(exc.lineno, exc.colno, f"not valid JSON ({exc.msg}): not a snapshot", "json")
        raise InputError(sink.findings) from None
    from pydantic import ValidationError  # noqa: PLC0415

    from kundenaudit.model.snapshot import SnapshotFile  # noqa: PLC0415

    try:
        snap = SnapshotFile.model_validate(raw)
    except ValidationError:
        snap = _located(path)
    if key is not None:
        _CACHE.clear()  # one snapshot at a time is what commands re-read
        _CACHE[key] = snap
    return snap


def _located(path: Path) -> SnapshotFile:
    """Read again through the YAML loader (JSON is YAML) to give every problem its position."""
    from kundenaudit.model.snapshot import SNAPSHOT_KEY, SnapshotFile  # noqa: PLC0415

    docs, sink = read_documents(path)
    snap = None
    if len(docs) == 1 and not sink.has_errors:
        doc = docs[0]
        if isinstance(doc.data, dict) and SNAPSHOT_KEY in doc.data:
            snap = to_model(SnapshotFile, doc, sink)
        else:
            sink.add(
                doc.line,
                1,
                "not a snapshot: expected a JSON object with a 'snapshot' "
                "key (written by score --snapshot)",
                "not-a-snapshot",
            )
    if snap is None:
        if not sink.has_errors:
            sink.add(1, 1, "not a snapshot: expected one JSON object", "not-a-snapshot")
        raise InputError(sink.findings)
    return snap


def renamed_ids(cf: CatalogFile) -> dict[str, str]:
    """Old service id -> the current id that names it in ``previous_ids``."""
    return {old: svc.id for svc in cf.services for old in svc.previous_ids}


def snapshot_records(snap: SnapshotFile, path: Path, cat: Catalog) -> list[Record]:
    """The snapshot's records, services renamed to ``cat``'s ids where ``previous_ids`` say so."""
    source = display_path(path)
    renames = {old: new for old, new in renamed_ids(cat.spec).items() if old not in cat.services}
    return [_record(r, source, renames) for r in snap.snapshot.records]


def _record(r: SnapshotRecord, source: str, renames: dict[str, str]) -> Record:
    c = r.customer
    services = deliveries(r.services)
    if renames and any(sid in renames for sid in services):
        services = {renames.get(sid, sid): entry for sid, entry in services.items()}
    return Record(
        id=c.id,
        segment=c.segment,
        services=services,
        source=source,
        line=1,
        name=c.name,
        manager=c.manager,
        value=c.value,
        audited=r.audited,
        kpis=r.kpis or None,
        outcomes=r.outcomes or None,
    )


def check_snapshot_records(snap: SnapshotFile, path: Path, cat: Catalog) -> FindingSink:
    """Records whose segment the catalog lacks are errors; unknown services are warnings."""
    from kundenaudit.model.snapshot import SNAPSHOT_KEY  # noqa: PLC0415

    sink = FindingSink(display_path(path))
    renames = renamed_ids(cat.spec)
    for i, r in enumerate(snap.snapshot.records):
        services = [renames.get(s, s) if s not in cat.services else s for s in r.services]
        for problem in check_known(r.customer.id, r.customer.segment, services, cat):
            loc = (SNAPSHOT_KEY, "records", i, *problem.loc)
            sink.add(
                1,
                1,
                problem.message,
                problem.rule,
                severity=problem.severity,
                path=path_text(loc),
                key=problem.key,
            )
    return sink
