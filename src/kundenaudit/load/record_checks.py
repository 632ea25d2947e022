"""Customer records against a catalog: unknown segments and services, expired exemptions."""

from __future__ import annotations

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import Problem, Severity
from kundenaudit.model.record_file import CustomerFile
from kundenaudit.model.suggest import did_you_mean


def check_record(
    record: CustomerFile, catalog: Catalog, segment: str | None = None
) -> list[Problem]:
    """Problems of ``record`` against ``catalog``; ``segment`` is the one of a record that
    names none (--segment)."""
    problems: list[Problem] = []
    cid = record.customer.id
    seg = record.customer.segment or segment
    if seg is None:
        problems.append(
            Problem(
                ("customer",),
                f"customer '{cid}' has no segment (add 'segment:' or pass --segment)",
                "missing-segment",
                key=cid,
            )
        )
    elif seg not in catalog.segments:
        where = ("customer", "segment") if record.customer.segment else ("customer",)
        problems.append(
            Problem(
                where,
                f"unknown segment '{seg}'{did_you_mean(seg, catalog.segments)}",
                "unknown-segment",
                key=cid,
            )
        )
    for sid in record.services:
        if sid not in catalog.services:
            problems.append(
                Problem(
                    ("services", sid),
                    f"service '{sid}' is not in the catalog{did_you_mean(sid, catalog.services)}",
                    "unknown-service",
                    Severity.WARNING,
                    at_key=True,
                    key=f"{cid}/{sid}",
                )
            )
    return problems
