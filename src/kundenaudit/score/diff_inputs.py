"""The two sides of `diff` (SPEC §9) in one id space: the new catalog's service ids."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kundenaudit.load.snapshots import renamed_ids, snapshot_records
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.catalog_file import CatalogFile, GoalSpec, SegmentSpec, ServiceSpec
from kundenaudit.model.diff import AuditInfo, CatalogRef
from kundenaudit.model.record import Record
from kundenaudit.model.snapshot import SnapshotFile
from kundenaudit.score.catalog import resolve


@dataclass(kw_only=True)
class Audit:
    """One side of a diff: a catalog and the customer records scored with it."""

    catalog: Catalog
    records: dict[str, Record]
    today: dt.date
    info: AuditInfo
    hybrids: dict[str, Catalog] = field(default_factory=dict)  # see diff_changes.hybrid


def audit(cat: Catalog, records: list[Record], today: dt.date, sha256: str | None) -> Audit:
    """An audit of ``records`` (ids already those of the new catalog)."""
    info = AuditInfo(today, CatalogRef(cat.name, sha256))
    return Audit(catalog=cat, records={r.id: r for r in records}, today=today, info=info)


def sides(
    old: SnapshotFile,
    old_path: Path,
    new: SnapshotFile | None,
    new_path: Path | None,
    catalog: tuple[Catalog, str] | None = None,
) -> tuple[Audit, Audit]:
    """OLD and NEW (or OLD's records under ``catalog`` and its SHA-256), in the new ids."""
    if new is not None and new_path is not None:
        new_cf = new.snapshot.catalog.document
        new_cat = resolve(new_cf) if catalog is None else catalog[0]
        new_sha = new.snapshot.catalog.sha256 if catalog is None else catalog[1]
        new_records = snapshot_records(new, new_path, new_cat)
        new_today = new.snapshot.today
    elif catalog is not None:
        new_cat, new_sha = catalog
        new_records = snapshot_records(old, old_path, new_cat)
        new_today = old.snapshot.today
    else:
        raise ValueError("diff needs NEW or a catalog")
    old_cf = old.snapshot.catalog.document
    old_cat = resolve(in_new_ids(old_cf, new_cat.spec))
    old_records = snapshot_records(old, old_path, new_cat)
    return (
        audit(old_cat, old_records, old.snapshot.today, old.snapshot.catalog.sha256),
        audit(new_cat, new_records, new_today, new_sha),
    )


def in_new_ids(old: CatalogFile, new: CatalogFile) -> CatalogFile:
    """``old`` with its services renamed to the ids ``new`` gives them in ``previous_ids``."""
    current = {s.id for s in old.services}
    renames = {o: n for o, n in renamed_ids(new).items() if o in current and n not in current}
    if not renames:
        return old
    services = tuple(_service(s, renames) for s in old.services)
    segments = tuple(_segment(s, renames) for s in old.segments)
    return old.model_copy(update={"services": services, "segments": segments})


def _service(svc: ServiceSpec, renames: dict[str, str]) -> ServiceSpec:
    return svc.model_copy(update={"id": renames[svc.id]}) if svc.id in renames else svc


def _segment(seg: SegmentSpec, renames: dict[str, str]) -> SegmentSpec:
    goals = tuple(_goal(g, renames) for g in seg.goals)
    return seg.model_copy(update={"goals": goals})


def _goal(goal: GoalSpec, renames: dict[str, str]) -> GoalSpec:
    if goal.services is None:
        return goal
    return goal.model_copy(update={"services": tuple(renames.get(s, s) for s in goal.services)})
