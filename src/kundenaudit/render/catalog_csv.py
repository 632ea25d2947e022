"""The resolved matrix as CSV: one row per service, one column per segment with the effective
level there (the word of SPEC §1, empty where the service does not apply)."""

from __future__ import annotations

import csv
import io

from kundenaudit.model.catalog import Catalog
from kundenaudit.render.score_csv import safe
from kundenaudit.score.rules import effective_level

FIXED = ["service", "ref", "name", "category", "knockout", "competition"]


def catalog(cat: Catalog, segment_ids: list[str]) -> str:
    """Header ``service,ref,name,category,knockout,competition,<segment id>...``; CRLF rows."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(FIXED + segment_ids)
    for svc in cat.services.values():
        row: list[object] = [
            svc.id,
            svc.ref,
            svc.name,
            svc.category,
            svc.knockout,
            svc.competition.value if svc.competition else None,
        ]
        for s in segment_ids:
            level = cat.segments[s].levels[svc.id]
            row.append(effective_level(svc.competition, level).value if level is not None else None)
        writer.writerow([safe(c) for c in row])
    return buf.getvalue()
