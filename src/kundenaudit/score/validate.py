"""The `validate` command's core: check catalogs, records and mapping files, collect findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kundenaudit.load.documents import (
    DocumentKind,
    detect_kind,
    display_path,
    load_mapping,
    read_bytes,
    read_documents,
)
from kundenaudit.load.inputs import is_result_csv, mapping_path_beside, table_findings
from kundenaudit.load.yaml_document import Document
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import Finding, FindingSink, Severity
from kundenaudit.model.mapping_file import MappingSpec
from kundenaudit.score.validate_docs import check_doc, check_several

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
    catalog: Catalog | None,
    today: dt.date,
    mapping: MappingSpec | None = None,
    catalog_name: str = "",
    sheet: str | None = None,
) -> ValidationResult:
    """Check every file; files found in directories that are not kundenaudit files are skipped.

    Records and mapping files are checked against ``catalog`` (named ``catalog_name``); without
    one, against the one catalog among ``files`` when it is valid, else the built-in catalog.
    Each file is parsed once. CSV exports and workbooks are read with ``mapping``, else the
    mapping file beside them, and workbooks from ``sheet`` (else their first visible sheet),
    like `score` does."""
    parsed: dict[Path, tuple[list[Document], FindingSink]] = {}
    own: tuple[Path, _Checked] | None = None
    if catalog is None:
        path = find_catalog(files, parsed)
        if path is not None:
            own = path, _check_yaml(*parsed.pop(path), None, today)
            catalog = own[1].catalog
            if catalog is not None:
                catalog_name = catalog_label(catalog, path)
    if catalog is None:
        from kundenaudit.score.catalogs import load_catalog  # noqa: PLC0415 - only without one

        catalog = load_catalog(None, today)[0]
        catalog_name = catalog_label(catalog, None)
    checked: list[str] = []
    findings: list[Finding] = []
    used = False
    for path, explicit in files:
        if path.suffix.lower() in TABLE_SUFFIXES:
            found = _check_table(path, explicit, catalog, mapping, sheet)
            if found is not None:
                checked.append(found[0])
                findings += found[1]
                used = True
            continue
        if own is not None and path == own[0]:
            result = own[1]
        else:
            docs, sink = parsed.pop(path) if path in parsed else read_documents(path)
            if not explicit and not _is_ours(docs) and (docs or not _mentions_ours(path)):
                continue
            result = _check_yaml(docs, sink, catalog, today)
        checked.append(result.file)
        used = used or result.is_input
        findings += result.findings
    return ValidationResult(checked, findings, catalog_name, used)


def catalog_label(catalog: Catalog, path: Path | None) -> str:
    """How messages name the catalog records were checked against (None: the built-in one)."""
    if path is None:
        return f"the built-in catalog '{catalog.name}'"
    return f"catalog '{catalog.name}' ({display_path(path)})"


@dataclass(frozen=True)
class _Checked:
    """One YAML file checked: its name, its findings, whether it holds a record or mapping,
    and the catalog it resolves to (when it is a valid catalog)."""

    file: str
    findings: list[Finding]
    is_input: bool
    catalog: Catalog | None


def _check_yaml(
    docs: list[Document], sink: FindingSink, catalog: Catalog | None, today: dt.date
) -> _Checked:
    """Check the parsed documents of one file (records against ``catalog``)."""
    inputs = (DocumentKind.CUSTOMER, DocumentKind.MAPPING)
    is_input = any(detect_kind(d.data) in inputs for d in docs)
    resolved = [check_doc(doc, sink, catalog, today) for doc in docs]
    check_several(docs, sink)
    own = resolved[0] if len(docs) == 1 and not sink.has_errors else None
    findings = sorted(sink.findings, key=lambda f: (f.line, f.column))
    return _Checked(sink.file, findings, is_input, own)


def _check_table(
    path: Path, explicit: bool, catalog: Catalog, mapping: MappingSpec | None, sheet: str | None
) -> tuple[str, list[Finding]] | None:
    """The findings of a CSV export or workbook; None for a result of `score` in a directory."""
    from kundenaudit.load.csv.reader import parse_csv_bytes  # noqa: PLC0415 - only CSV needs it

    if path.suffix.lower() != ".csv":
        return display_path(path), table_findings(path, catalog, mapping, sheet)
    data = read_bytes(path)
    if not explicit and is_result_csv(data):
        return None
    file = display_path(path)
    if mapping is None:
        beside = mapping_path_beside(path)
        mapping = load_mapping(beside).mapping if beside is not None else None
    _, found = parse_csv_bytes(data, file, catalog, mapping, None)
    return file, found


def find_catalog(
    files: list[tuple[Path, bool]], parsed: dict[Path, tuple[list[Document], FindingSink]]
) -> Path | None:
    """The one catalog among ``files`` (recognised by its content), if there is exactly one.

    The files it parses go into ``parsed``, so that they need not be parsed again."""
    found = []
    for path, _ in files:
        if path.suffix.lower() not in YAML_SUFFIXES or b"segments" not in read_bytes(path):
            continue
        parsed[path] = docs, _sink = read_documents(path)
        if len(docs) == 1 and detect_kind(docs[0].data) is DocumentKind.CATALOG:
            found.append(path)
    return found[0] if len(found) == 1 else None


def _is_ours(docs: list[Document]) -> bool:
    return any(isinstance(d.data, dict) and "kundenaudit" in d.data for d in docs)


def _mentions_ours(path: Path) -> bool:
    """Whether a file that did not parse could be a kundenaudit file (else it is not ours)."""
    data = read_bytes(path)
    return b"kundenaudit" in data or "kundenaudit".encode("utf-16-le") in data


def validate_paths(paths: list[Path], catalog: Catalog | None = None) -> ValidationResult:
    """Convenience for scripts: validate ``paths`` against ``catalog`` (without one: the one
    catalog among ``paths``, else the built-in catalog)."""
    return validate_files([(p, True) for p in paths], catalog, dt.date.today())


__all__ = ["ValidationResult", "display_path", "validate_files", "validate_paths"]
