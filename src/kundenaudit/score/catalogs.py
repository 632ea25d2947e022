"""Catalog files to resolved catalogs: read through the loader, lint, resolve."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kundenaudit.load.documents import (
    BUILTIN_CATALOG,
    Kind,
    add_problems,
    builtin_catalog_path,
    display_path,
    read_documents,
    single_document,
    to_model,
)
from kundenaudit.load.yaml_document import Document
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.catalog_file import CatalogFile
from kundenaudit.model.errors import FindingSink, InputError
from kundenaudit.score.catalog import check, resolve


def catalog_from_doc(doc: Document, sink: FindingSink, today: dt.date) -> Catalog | None:
    """A resolved catalog, or None with every problem in ``sink``."""
    cf = to_model(CatalogFile, doc, sink)
    if cf is None:
        return None
    add_problems(check(cf, today), doc, sink)
    return None if sink.has_errors else resolve(cf)


def load_catalog(path: Path | None, today: dt.date) -> tuple[Catalog, FindingSink]:
    """The catalog at ``path`` (built-in when None); raises InputError when it is invalid."""
    source = path or builtin_catalog_path()
    display = display_path(path) if path else f"<built-in>/{BUILTIN_CATALOG}"
    docs, sink = read_documents(source, display)
    doc = single_document(docs, sink, Kind.CATALOG)
    catalog = catalog_from_doc(doc, sink, today) if doc is not None else None
    if catalog is None or sink.has_errors:
        raise InputError(sink.findings)
    return catalog, sink
