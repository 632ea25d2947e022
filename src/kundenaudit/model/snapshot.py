"""The audit snapshot (SPEC §2.4): catalog, normalised records and result of one audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, field_validator

from kundenaudit.model.catalog_file import CatalogFile
from kundenaudit.model.fields import FormatVersion, Model, check_version
from kundenaudit.model.record_file import CustomerInfo, DeliveryValue

SNAPSHOT_KEY = "snapshot"  # the top-level key that makes a JSON document a snapshot


class SnapshotCatalog(Model):
    """The catalog as it was loaded, defaults filled in."""

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the catalog file.")
    document: CatalogFile = Field(description="The catalog with every default filled in.")


class SnapshotInput(Model):
    """One file the audit read."""

    path: str = Field(description="The path as shown when the snapshot was written.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of its bytes.")


class SnapshotRecord(Model):
    """One customer record, normalised: the segment it was scored in, the audit date used."""

    customer: CustomerInfo
    audited: dt.date = Field(description="The audit date the scores used.")
    services: dict[str, DeliveryValue] = Field(
        default_factory=dict, description="Service id -> status word or entry."
    )
    kpis: dict[str, float] = Field(
        default_factory=dict, description="Metric id -> the customer's value at the audit date."
    )
    outcomes: dict[str, bool] = Field(
        default_factory=dict, description="What happened to the customer after the audit."
    )


class SnapshotBody(Model):
    """What the audit was made of."""

    created: dt.date = Field(description="When the snapshot was written.")
    today: dt.date = Field(description="The date the audit used as today.")
    tool: str = Field(description="kundenaudit version that wrote it.")
    catalog: SnapshotCatalog
    inputs: tuple[SnapshotInput, ...] = Field(description="The files the records came from.")
    records: tuple[SnapshotRecord, ...] = Field(description="Every scored customer record.")


class SnapshotFile(Model):
    """An audit frozen in one file: enough to score it again without the original files."""

    kundenaudit: FormatVersion
    snapshot: SnapshotBody
    result: dict[str, Any] = Field(description="The JSON result of `score` (schema result).")

    _version = field_validator("kundenaudit")(check_version)
