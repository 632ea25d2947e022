"""The hidden sheet of an assessment workbook: which catalog it was made from."""

from __future__ import annotations

import hashlib
import json

from kundenaudit.model.catalog_file import CatalogFile

META_SHEET = "kundenaudit"
CATALOG_SHA256 = "catalog_sha256"
CATALOG_NAME = "catalog_name"
CATALOG_VERSION = "catalog_version"
KPI_PREFIX = "kpi:"  # key of a row `kpi:COLUMN | metric-id`: the column holds that metric's values


def catalog_sha256(spec: CatalogFile) -> str:
    """SHA-256 of the catalog as loaded (canonical JSON): changes of content count, changes of
    comments or layout of the file do not."""
    canonical = json.dumps(
        spec.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
