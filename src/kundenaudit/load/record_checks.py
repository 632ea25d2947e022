"""Customer records against a catalog: unknown segments and services, expired exemptions;
duplicate customers; the verdict over the findings of a load."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kundenaudit.model.errors import Finding, InputError, Problem, Severity, UsageError
from kundenaudit.model.record import Record
from kundenaudit.model.suggest import did_you_mean

if TYPE_CHECKING:
    from kundenaudit.model.catalog import Catalog


def check_record(record: Record, catalog: Catalog, segment: str | None = None) -> list[Problem]:
    """Problems of ``record`` against ``catalog``: ``record`` with the segment its file names
    (None if none), ``segment`` the one of a record that names none (--segment)."""
    seg = record.segment or segment
    cid = record.id
    by_option = record.segment is None and segment is not None
    problems = check_known(cid, seg, record.services, catalog, by_option)
    metrics = catalog.metrics
    for mid in record.kpis or ():
        if mid not in metrics:
            problems.append(
                Problem(
                    loc=("kpis", mid),
                    message=f"metric '{mid}' is not in the catalog{did_you_mean(mid, metrics)}",
                    rule="unknown-metric",
                    severity=Severity.WARNING,
                    at_key=True,
                    key=f"{cid}/{mid}",
                )
            )
    return problems


def check_known(
    cid: str, seg: str | None, services: Iterable[str], catalog: Catalog, by_option: bool = False
) -> list[Problem]:
    """A customer's segment must exist (error); services the catalog lacks are warnings."""
    problems: list[Problem] = []
    if seg is None:
        problems.append(
            Problem(
                loc=("customer",),
                message=f"customer '{cid}' has no segment (add 'segment:' or pass --segment)",
                rule="missing-segment",
                key=cid,
            )
        )
    elif seg not in catalog.segments:
        where = ("customer",) if by_option else ("customer", "segment")
        problems.append(
            Problem(
                loc=where,
                message=f"unknown segment '{seg}'{did_you_mean(seg, catalog.segments)}",
                rule="unknown-segment",
                key=cid,
            )
        )
    for sid in services:
        if sid not in catalog.services:
            problems.append(
                Problem(
                    loc=("services", sid),
                    message=f"service '{sid}' is not in the catalog"
                    f"{did_you_mean(sid, catalog.services)}",
                    rule="unknown-service",
                    severity=Severity.WARNING,
                    at_key=True,
                    key=f"{cid}/{sid}",
                )
            )
    return problems


def check_unique(first: dict[str, tuple[str, int]], rec: Record) -> Finding | None:
    """A finding when ``rec``'s customer was seen before (``first``: id -> source, line)."""
    prev = first.get(rec.id)
    if prev is None:
        first[rec.id] = (rec.source, rec.line)
        return None
    return Finding(
        file=rec.source,
        line=rec.line,
        column=1,
        severity=Severity.ERROR,
        rule="duplicate-customer",
        message=f"customer '{rec.id}' appears twice: also at {prev[0]}:{prev[1]}",
        key=rec.id,
    )


def conclude(findings: list[Finding], strict: bool, count: int, args: list[str]) -> list[Finding]:
    """The findings of a load (as errors under ``strict``); InputError when one is an error,
    UsageError when no record was found."""
    if strict:
        findings = [_as_error(f) for f in findings]
    if any(f.severity is Severity.ERROR for f in findings):
        raise InputError(findings)
    if not count:
        raise UsageError(
            f"no customer record in {', '.join(args) or '-'} (directories are searched for "
            "*.yaml, *.yml and *.csv; catalogs and mapping files found there are skipped)"
        )
    return findings


def _as_error(f: Finding) -> Finding:
    if f.severity is Severity.ERROR:
        return f
    return dataclasses.replace(f, severity=Severity.ERROR)
