"""`validate`'s checks of one YAML document: catalog, customer record, mapping file, snapshot."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from kundenaudit.load.documents import (
    DocumentKind,
    add_problems,
    detect_kind,
    to_model,
)
from kundenaudit.load.record_checks import check_known, check_record
from kundenaudit.load.record_plain import customer_record
from kundenaudit.load.yaml_document import Document
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import FindingSink, Problem, Severity
from kundenaudit.model.mapping_file import MappingFile, MappingSpec
from kundenaudit.model.snapshot import SnapshotFile
from kundenaudit.model.suggest import did_you_mean
from kundenaudit.score.catalog import check, resolve
from kundenaudit.score.catalogs import catalog_from_doc


def check_several(docs: list[Document], sink: FindingSink) -> None:
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


def check_doc(
    doc: Document, sink: FindingSink, catalog: Catalog | None, today: dt.date
) -> Catalog | None:
    """Report the problems of one document; a valid catalog document gives its catalog.

    ``catalog`` is None only for the catalog found among the inputs, which holds no record."""
    kind = detect_kind(doc.data)
    if kind is DocumentKind.CATALOG:
        return catalog_from_doc(doc, sink, today)
    if catalog is None:  # find_catalog chose a file whose one document is a catalog
        return None
    if kind is DocumentKind.MAPPING:
        mapping = to_model(MappingFile, doc, sink)
        # a schema error elsewhere in the file must not hide a misspelt target id
        targets = _targets(mapping.mapping) if mapping is not None else _raw_targets(doc.data)
        add_problems(_mapping_problems(targets, catalog), doc, sink)
    elif kind is DocumentKind.SNAPSHOT:
        _check_snapshot(doc, sink, today)
    elif kind is DocumentKind.CUSTOMER:
        record = customer_record(doc, sink)
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
    return None


Targets = dict[str, dict[str, str]]  # "services" / "segments" -> raw name -> target id


def _targets(m: MappingSpec) -> Targets:
    return {"services": m.services, "segments": m.segments}


def _raw_targets(data: object) -> Targets:
    """The targets of a mapping file that did not validate, as far as they are text."""
    spec = data.get("mapping") if isinstance(data, dict) else None
    found: Targets = {}
    for part in ("services", "segments"):
        section = spec.get(part) if isinstance(spec, dict) else None
        items = section.items() if isinstance(section, dict) else ()
        found[part] = {str(k): v for k, v in items if isinstance(v, str)}
    return found


def _mapping_problems(targets: Targets, catalog: Catalog) -> list[Problem]:
    """Service and segment ids a mapping maps onto must be the catalog's (a typo found here,
    not only when a CSV is scored)."""
    problems = []
    for part, known in (("services", catalog.services), ("segments", catalog.segments)):
        word = part[:-1]
        for raw, target in targets[part].items():
            if target not in known:
                problems.append(
                    Problem(
                        loc=("mapping", part, raw),
                        message=f"unknown {word} '{target}'{did_you_mean(target, known)}",
                        rule=f"unknown-{word}",
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
