"""Gather customer records from YAML files, directories, CSV exports and standard input."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kundenaudit.load.discovery import expand
from kundenaudit.load.documents import (
    DocumentKind,
    add_problems,
    decode,
    detect_kind,
    display_path,
    load_mapping,
    read_bytes,
)
from kundenaudit.load.record_checks import check_record, check_unique, conclude
from kundenaudit.load.record_plain import customer_record
from kundenaudit.load.snapshots import (
    check_snapshot_records,
    is_snapshot,
    read_snapshot,
    sha256,
    snapshot_records,
)
from kundenaudit.load.yaml_parser import iter_documents
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import Finding, FindingSink, InputError, Severity
from kundenaudit.model.progress import NO_PROGRESS, Progress
from kundenaudit.model.record import Record

if TYPE_CHECKING:
    from kundenaudit.model.mapping_file import MappingSpec

SUFFIXES = (".yaml", ".yml", ".csv")
XLSX_SUFFIX = ".xlsx"
MAPPING_SUFFIX = ".mapping.yaml"  # a CSV export's own mapping file, found beside it


@dataclass(eq=False)
class Gathered:
    """Records of every input, with the warnings met on the way."""

    records: list[Record] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    read: list[Path] = field(default_factory=list)  # every file read: -o must not replace one
    inputs: list[tuple[str, str]] = field(default_factory=list)  # (path as shown, SHA-256)


def gather(
    args: list[str],
    cat: Catalog,
    mapping: MappingSpec | None,
    segment: str | None,
    strict: bool = False,
    progress: Progress = NO_PROGRESS,
    sheet: str | None = None,
) -> Gathered:
    """Every customer record named by ``args``; raises InputError listing every problem.

    Workbooks (.xlsx, read when named, not found in directories) are read from their first
    visible sheet, or from ``sheet``."""
    out = Gathered()
    files = expand(args, SUFFIXES)
    progress.stage("progress_read", len(files))
    for path, explicit in files:
        sink = FindingSink(display_path(path))
        load_file(path, explicit, sink, cat, mapping, segment, out, sheet)
        out.findings += sink.findings
        progress.advance()
    _check_unique(out)
    out.findings = conclude(out.findings, strict, len(out.records), args)
    return out


def load_file(
    path: Path,
    explicit: bool,
    sink: FindingSink,
    cat: Catalog,
    mapping: MappingSpec | None,
    segment: str | None,
    out: Gathered,
    sheet: str | None = None,
    add: Callable[[Record], None] | None = None,
) -> None:
    """The records of one input into ``out`` (a YAML file's one by one to ``add``, if given),
    its findings into ``sink``, the files read into ``out.read``."""
    data = read_bytes(path)
    out.inputs.append((sink.file, sha256(data)))
    if is_snapshot(path):
        out.read.append(path)
        _from_snapshot(path, sink, cat, out)
    elif path.suffix.lower() == XLSX_SUFFIX:
        out.read.append(path)
        found = table_mapping(path, mapping, out)
        _from_xlsx(data, sink, cat, found, segment, sheet, out)
    elif _is_csv(path, data):
        # a result this tool wrote into the directory (score DIR -o DIR/x.csv) is no input
        if explicit or not is_result_csv(data):
            out.read.append(path)
            _from_csv(data, sink, cat, table_mapping(path, mapping, out), segment, out)
    else:
        out.read.append(path)
        text = decode(data, sink)
        del data  # a large input must not stay in memory while its records are scored
        if text is not None:
            _from_yaml(text, sink, cat, segment, explicit, add or out.records.append)


def table_findings(
    path: Path, cat: Catalog, mapping: MappingSpec | None = None, sheet: str | None = None
) -> list[Finding]:
    """Every finding of one CSV export or workbook, as `validate` reports it."""
    try:
        return gather([str(path)], cat, mapping, None, sheet=sheet).findings
    except InputError as exc:
        return exc.findings


def _is_csv(path: Path, data: bytes) -> bool:
    """CSV by suffix; standard input is CSV unless its first line looks like YAML."""
    if path.suffix.lower() == ".csv":
        return True
    if str(path) != "-":
        return False
    head = data[:4096].decode("utf-8", errors="replace").lstrip("\ufeff")
    first = next((ln for ln in head.splitlines() if ln.strip()), "")
    return not (first.startswith(("kundenaudit:", "---", "#", "%")) or ": " in first)


def mapping_path_beside(path: Path) -> Path | None:
    """The mapping file ``NAME.mapping.yaml`` next to ``NAME.csv``, if there is one."""
    if str(path) == "-":
        return None
    candidate = path.with_name(f"{path.stem}{MAPPING_SUFFIX}")
    return candidate if candidate.is_file() else None


def table_mapping(path: Path, mapping: MappingSpec | None, out: Gathered) -> MappingSpec | None:
    """The mapping of a CSV export or workbook: ``mapping``, else the file beside it (read)."""
    if mapping is not None:
        return mapping
    beside = mapping_path_beside(path)
    if beside is None:
        return None
    out.read.append(beside)
    return load_mapping(beside).mapping


# columns only a CSV result of `score` has (its customer list or gap list, with next steps)
RESULT_CSV_COLUMNS = (
    frozenset({"customer", "status", "next_steps"}),
    frozenset({"customer", "gain", "next_step"}),
)


def is_result_csv(data: bytes) -> bool:
    """Whether ``data`` is a CSV result of `score` (by its header), not a customer export."""
    head = data[:4096].decode("utf-8", errors="replace").lstrip("\ufeff").partition("\n")[0]
    columns = {c.strip().strip('"').lower() for c in re.split(r"[,;\t|]", head)}
    return any(marker <= columns for marker in RESULT_CSV_COLUMNS)


def _from_csv(
    data: bytes,
    sink: FindingSink,
    cat: Catalog,
    mapping: MappingSpec | None,
    segment: str | None,
    out: Gathered,
) -> None:
    from kundenaudit.load.csv.reader import parse_csv_bytes  # noqa: PLC0415 - only CSV inputs need it

    records, findings = parse_csv_bytes(data, sink.file, cat, mapping, segment)
    out.records += records
    sink.findings += findings


def _from_snapshot(path: Path, sink: FindingSink, cat: Catalog, out: Gathered) -> None:
    snap = read_snapshot(path)
    found = check_snapshot_records(snap, path, cat)
    sink.findings += found.findings
    if not found.has_errors:
        out.records += snapshot_records(snap, path, cat)


def _from_xlsx(
    data: bytes,
    sink: FindingSink,
    cat: Catalog,
    mapping: MappingSpec | None,
    segment: str | None,
    sheet: str | None,
    out: Gathered,
) -> None:
    from kundenaudit.load.xlsx.table import parse_xlsx  # noqa: PLC0415 - only workbooks need it

    records, findings = parse_xlsx(data, sink.file, cat, mapping, segment, sheet)
    out.records += records
    sink.findings += findings


def _from_yaml(
    text: str,
    sink: FindingSink,
    cat: Catalog,
    segment: str | None,
    explicit: bool,
    add: Callable[[Record], None],
) -> None:
    for doc in iter_documents(text, sink):  # each document is let go once it is a record
        kind = detect_kind(doc.data)
        if kind in (DocumentKind.CATALOG, DocumentKind.MAPPING):
            if explicit:
                sink.add(
                    doc.line,
                    1,
                    f"this is a {kind.value} file, not a customer record "
                    f"(pass it with --{kind.value})",
                    "not-a-record",
                )
            continue
        record = customer_record(doc, sink)
        if record is None:
            continue
        problems = check_record(record, cat, segment)
        add_problems(problems, doc, sink)
        if not any(p.severity is Severity.ERROR for p in problems):
            add(record if record.segment or segment is None else replace(record, segment=segment))


def _check_unique(out: Gathered) -> None:
    first: dict[str, tuple[str, int]] = {}
    for rec in out.records:
        duplicate = check_unique(first, rec)
        if duplicate is not None:
            out.findings.append(duplicate)
