"""The `validate` command's core: check catalogs, records and mapping files, collect findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from kundenaudit.load.documents import (
    DocumentKind,
    add_problems,
    customer_from_doc,
    detect_kind,
    display_path,
    load_mapping,
    read_bytes,
    read_documents,
    to_model,
)
from kundenaudit.load.inputs import is_result_csv, mapping_path_beside, table_findings
from kundenaudit.load.record_checks import check_known, check_record
from kundenaudit.load.yaml_document import Document
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import Finding, FindingSink, Problem, Severity
from kundenaudit.model.mapping_file import MappingFile, MappingSpec
from kundenaudit.model.snapshot import SnapshotFile
from kundenaudit.model.suggest import did_you_mean
from kundenaudit.score.catalog import check, resolve
from kundenaudit.score.catalogs import catalog_from_doc

YAML_SUFFIXES = (".yaml", ".yml")
TABLE_SUFFIXES = (".csv", ".xlsx")  # CSV exports and workbooks, read like `score` reads them
SUFFIXES = (*YAML_SUFFIXES, ".csv")  # what a directory gives: CSV exports validate like records


@dataclass(frozen=True)
class ValidationResult:
    """Findings of one `validate` run."""

    files: list[str]
    findings: list[Finding]
    catalog: str = ""  # what records and mapping files were checked against
    used_catalog: bool = False  # whether any record, CSV export or mapping file was checked

    def count(self, severity: Severity) -> int:
        """Number of findings of ``severity``."""
        return sum(1 for f in self.findings if f.severity is severity)

    def failed(self, strict: bool) -> bool:
        """Errors, or warnings under --strict."""
        return self.count(Severity.ERROR) > 0 or (strict and self.count(Severity.WARNING) > 0)


def validate_files(
    files: list[tuple[Path, bool]],
    catalog: Catalog,
    today: dt.date,
    mapping: MappingSpec | None = None,
    catalog_name: str = "",
) -> ValidationResult:
    """Check every file; files found in directories that are not kundenaudit files are skipped.

    CSV exports are read with ``mapping``, else the mapping file beside them, like `score` does."""
    checked: list[str] = []
    findings: list[Finding] = []
    used = False
    for path, explicit in files:
        if path.suffix.lower() in TABLE_SUFFIXES:
            found = _check_table(path, explicit, catalog, mapping)
            if found is not None:
                checked.append(found[0])
                findings += found[1]
                used = True
            continue
        docs, sink = read_documents(path)
        if not explicit and not _is_ours(docs) and (docs or not _mentions_ours(path)):
            continue
        checked.append(sink.file)
        inputs = (DocumentKind.CUSTOMER, DocumentKind.MAPPING)
        used = used or any(detect_kind(d.data) in inputs for d in docs)
        for doc in docs:
            _check_doc(doc, sink, catalog, today)
        _check_several(docs, sink)
        findings += sorted(sink.findings, key=lambda f: (f.line, f.column))
    return ValidationResult(checked, findings, catalog_name, used)


def _check_table(
    path: Path, explicit: bool, catalog: Catalog, mapping: MappingSpec | None
) -> tuple[str, list[Finding]] | None:
    """The findings of a CSV export or workbook; None for a result of `score` in a directory."""
    from kundenaudit.load.csv.reader import parse_csv_bytes  # noqa: PLC0415 - only CSV needs it

    if path.suffix.lower() != ".csv":
        return display_path(path), table_findings(path, catalog)
    data = read_bytes(path)
    if not explicit and is_result_csv(data):
        return None
    file = display_path(path)
    if mapping is None:
        beside = mapping_path_beside(path)
        mapping = load_mapping(beside).mapping if beside is not None else None
    _, found = parse_csv_bytes(data, file, catalog, mapping, None)
    return file, found


def find_catalog(files: list[tuple[Path, bool]]) -> Path | None:
    """The one catalog among ``files`` (recognised by its content), if there is exactly one."""
    found = []
    for path, _ in files:
        if path.suffix.lower() not in YAML_SUFFIXES or b"segments" not in read_bytes(path):
            continue
        docs, _sink = read_documents(path)
        if len(docs) == 1 and detect_kind(docs[0].data) is DocumentKind.CATALOG:
            found.append(path)
    return found[0] if len(found) == 1 else None


def _is_ours(docs: list[Document]) -> bool:
    return any(isinstance(d.data, dict) and "kundenaudit" in d.data for d in docs)


def _mentions_ours(path: Path) -> bool:
    """Whether a file that did not parse could be a kundenaudit file (else it is not ours)."""
    data = read_bytes(path)
    return b"kundenaudit" in data or "kundenaudit".encode("utf-16-le") in data


def _check_several(docs: list[Document], sink: FindingSink) -> None:
    """Only customer records may share a file; a catalog or mapping file holds one document."""
    kinds = {detect_kind(d.data) for d in docs}
    for kind in (DocumentKind.CATALOG, DocumentKind.MAPPING):
        if len(docs) > 1 and kind in kinds:
            sink.add(
                docs[1].line,
                1,
                f"a {kind.value} file holds one YAML document, found several",
                "several-documents",
            )


def _check_doc(doc: Document, sink: FindingSink, catalog: Catalog, today: dt.date) -> None:
    kind = detect_kind(doc.data)
    if kind is DocumentKind.CATALOG:
        catalog_from_doc(doc, sink, today)
    elif kind is DocumentKind.MAPPING:
        mapping = to_model(MappingFile, doc, sink)
        if mapping is not None:
            add_problems(_mapping_problems(mapping.mapping, catalog), doc, sink)
    elif kind is DocumentKind.SNAPSHOT:
        _check_snapshot(doc, sink, today)
    elif kind is DocumentKind.CUSTOMER:
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


def _mapping_problems(m: MappingSpec, catalog: Catalog) -> list[Problem]:
    """Service and segment ids a mapping maps onto must be the catalog's (a typo found here,
    not only when a CSV is scored)."""
    problems = []
    for part, targets, known in (
        ("services", m.services, catalog.services),
        ("segments", m.segments, catalog.segments),
    ):
        word = part[:-1]
        for raw, target in targets.items():
            if target not in known:
                problems.append(
                    Problem(
                        ("mapping", part, raw),
                        f"unknown {word} '{target}'{did_you_mean(target, known)}",
                        f"unknown-{word}",
                        key=target,
                    )
                )
    return problems


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
