"""The `validate` command's core: check catalogs, records and mapping files, collect findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from kundenaudit.load.documents import (
    Kind,
    add_problems,
    customer_from_doc,
    detect_kind,
    display_path,
    read_bytes,
    read_documents,
    to_model,
)
from kundenaudit.load.inputs import table_findings
from kundenaudit.load.record_checks import check_known, check_record
from kundenaudit.load.yaml_document import Document
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import Finding, FindingSink, Severity
from kundenaudit.model.mapping_file import MappingFile
from kundenaudit.model.snapshot import SnapshotFile
from kundenaudit.score.catalog import check, resolve
from kundenaudit.score.catalogs import catalog_from_doc

YAML_SUFFIXES = (".yaml", ".yml")
TABLE_SUFFIXES = (".csv", ".xlsx")  # CSV exports and workbooks, read like `score` reads them


@dataclass(frozen=True)
class ValidationResult:
    """Findings of one `validate` run."""

    files: list[str]
    findings: list[Finding]

    def count(self, severity: Severity) -> int:
        """Number of findings of ``severity``."""
        return sum(1 for f in self.findings if f.severity is severity)

    def failed(self, strict: bool) -> bool:
        """Errors, or warnings under --strict."""
        return self.count(Severity.ERROR) > 0 or (strict and self.count(Severity.WARNING) > 0)


def validate_files(
    files: list[tuple[Path, bool]], catalog: Catalog, today: dt.date
) -> ValidationResult:
    """Check every file; files found in directories that are not kundenaudit files are skipped."""
    checked: list[str] = []
    findings: list[Finding] = []
    for path, explicit in files:
        if path.suffix.lower() in TABLE_SUFFIXES:  # explicit: directories give YAML only
            checked.append(display_path(path))
            findings += table_findings(path, catalog)
            continue
        docs, sink = read_documents(path)
        if not explicit and not _is_ours(docs) and (docs or not _mentions_ours(path)):
            continue
        checked.append(sink.file)
        for doc in docs:
            _check_doc(doc, sink, catalog, today)
        _check_several(docs, sink)
        findings += sorted(sink.findings, key=lambda f: (f.line, f.column))
    return ValidationResult(checked, findings)


def _is_ours(docs: list[Document]) -> bool:
    return any(isinstance(d.data, dict) and "kundenaudit" in d.data for d in docs)


def _mentions_ours(path: Path) -> bool:
    """Whether a file that did not parse could be a kundenaudit file (else it is not ours)."""
    data = read_bytes(path)
    return b"kundenaudit" in data or "kundenaudit".encode("utf-16-le") in data


def _check_several(docs: list[Document], sink: FindingSink) -> None:
    """Only customer records may share a file; a catalog or mapping file holds one document."""
    kinds = {detect_kind(d.data) for d in docs}
    for kind in (Kind.CATALOG, Kind.MAPPING):
        if len(docs) > 1 and kind in kinds:
            sink.add(
                docs[1].line,
                1,
                f"a {kind.value} file holds one YAML document, found several",
                "several-documents",
            )


def _check_doc(doc: Document, sink: FindingSink, catalog: Catalog, today: dt.date) -> None:
    kind = detect_kind(doc.data)
    if kind is Kind.CATALOG:
        catalog_from_doc(doc, sink, today)
    elif kind is Kind.MAPPING:
        to_model(MappingFile, doc, sink)
    elif kind is Kind.SNAPSHOT:
        _check_snapshot(doc, sink, today)
    elif kind is Kind.CUSTOMER:
        record = customer_from_doc(doc, sink)
        if record is not None:
            add_problems(check_record(record, catalog), doc, sink)
    elif isinstance(doc.data, dict):
        sink.add(
            doc.line,
            1,
            "not a catalog, customer record, mapping file or snapshot "
            "(expected 'segments' and 'services', 'customer', 'mapping' or 'snapshot')",
            "unknown-kind",
        )
    else:
        to_model(MappingFile, doc, sink)  # reports what the top level is instead of a mapping


def _check_snapshot(doc: Document, sink: FindingSink, today: dt.date) -> None:
    """A snapshot: its structure, its catalog's rules, its records against its catalog."""
    snap = to_model(SnapshotFile, doc, sink)
    if snap is None:
        return
    at = ("snapshot", "catalog", "document")
    cf = snap.snapshot.catalog.document
    problems = [replace(p, loc=(*at, *p.loc)) for p in check(cf, today)]
    add_problems([p for p in problems if p.severity is Severity.ERROR], doc, sink)
    if sink.has_errors:
        return
    cat = resolve(cf)
    for i, rec in enumerate(snap.snapshot.records):
        found = check_known(rec.customer.id, rec.customer.segment, rec.services, cat)
        add_problems([replace(p, loc=("snapshot", "records", i, *p.loc)) for p in found], doc, sink)


def validate_paths(paths: list[Path], catalog: Catalog | None = None) -> ValidationResult:
    """Convenience for scripts: validate ``paths`` against ``catalog`` (built-in when None)."""
    from kundenaudit.score.catalogs import load_catalog  # noqa: PLC0415 - only needed without a catalog

    today = dt.date.today()
    cat = catalog or load_catalog(None, today)[0]
    return validate_files([(p, True) for p in paths], cat, today)


__all__ = ["ValidationResult", "display_path", "validate_files", "validate_paths"]
