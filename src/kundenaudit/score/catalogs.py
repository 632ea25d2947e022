"""Catalog files to resolved catalogs: read through the loader, lint, resolve."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kundenaudit.load.builtin_cache import read_cache
from kundenaudit.load.discovery import expand
from kundenaudit.load.documents import (
    BUILTIN_CATALOG,
    DocumentKind,
    add_problems,
    builtin_catalog_path,
    display_path,
    read_bytes,
    read_documents,
    single_document,
    to_model,
)
from kundenaudit.load.inputs import SUFFIXES
from kundenaudit.load.snapshots import is_snapshot, read_snapshot, sha256
from kundenaudit.load.yaml_document import Document, path_text
from kundenaudit.model.catalog import Catalog
from kundenaudit.model.errors import FindingSink, InputError, Severity, UsageError
from kundenaudit.score.catalog import check, resolve, resolve_spec
from kundenaudit.score.catalog_cache import decode

if TYPE_CHECKING:
    from kundenaudit.model.catalog_file import CatalogFile
    from kundenaudit.model.snapshot import SnapshotFile


def catalog_from_doc(doc: Document, sink: FindingSink, today: dt.date) -> Catalog | None:
    """A resolved catalog, or None with every problem in ``sink``: read without the file model
    when it is plainly valid (the checks run on its mirror), else through the file model."""
    from kundenaudit.load.catalog_plain import plain_catalog  # noqa: PLC0415 - the cache needs none

    plain = plain_catalog(doc.data)
    if plain is not None:
        add_problems(check(plain, today), doc, sink)
        return None if sink.has_errors else resolve_spec(plain, _file_model(doc))
    from kundenaudit.model.catalog_file import CatalogFile  # noqa: PLC0415 - the cache needs none

    cf = to_model(CatalogFile, doc, sink)
    if cf is None:
        return None
    add_problems(check(cf, today), doc, sink)
    return None if sink.has_errors else resolve(cf)


def _file_model(doc: Document) -> Callable[[], CatalogFile]:
    """The file model of a plainly valid catalog document, validated on first use."""

    @functools.cache
    def file() -> CatalogFile:
        from kundenaudit.model.catalog_file import CatalogFile  # noqa: PLC0415

        return CatalogFile.model_validate(doc.data)

    return file


def load_catalog(path: Path | None, today: dt.date) -> tuple[Catalog, FindingSink]:
    """The catalog at ``path`` (built-in when None); raises InputError when it is invalid."""
    source = path or builtin_catalog_path()
    display = display_path(path) if path else f"<built-in>/{BUILTIN_CATALOG}"
    docs, sink = read_documents(source, display)
    doc = single_document(docs, sink, DocumentKind.CATALOG)
    catalog = catalog_from_doc(doc, sink, today) if doc is not None else None
    if catalog is None or sink.has_errors:
        raise InputError(sink.findings)
    return catalog, sink


@dataclass(frozen=True, eq=False)
class CatalogSource:
    """Where the catalog in use came from: its file as shown and the SHA-256 of its bytes."""

    display: str
    sha256: str


def load_catalog_for(
    path: Path | None, inputs: list[str], today: dt.date
) -> tuple[Catalog, CatalogSource]:
    """The catalog at ``path``; without one, the catalog of the snapshots among ``inputs``
    (SPEC §2.4), else the built-in one."""
    if path is None:
        snapshots = [p for p, _ in expand(inputs, SUFFIXES) if is_snapshot(p)]
        if snapshots:
            return catalog_of_snapshots(snapshots, today)
        return builtin_catalog(today)
    cat, _ = load_catalog(path, today)
    return cat, CatalogSource(display_path(path), sha256(read_bytes(path)))


def builtin_catalog(today: dt.date) -> tuple[Catalog, CatalogSource]:
    """The built-in catalog, from its cache when the cache was made from these very bytes.

    A catalog's warnings depend on the date (a review date in the future), its errors do not;
    the built-in catalog has none (tests/score/test_catalog_cache.py), so the cached catalog
    is the one ``load_catalog`` resolves."""
    path = builtin_catalog_path()
    digest = sha256(read_bytes(path))
    source = CatalogSource(f"<built-in>/{BUILTIN_CATALOG}", digest)
    text = read_cache(path)

    @functools.cache
    def file() -> CatalogFile:
        return load_catalog(None, today)[0].spec

    cat = decode(text, digest, file) if text is not None else None
    return (cat if cat is not None else load_catalog(None, today)[0]), source


def catalog_of_snapshots(paths: list[Path], today: dt.date) -> tuple[Catalog, CatalogSource]:
    """The one catalog the snapshots at ``paths`` were scored with."""
    snaps = [read_snapshot(p) for p in paths]
    shas = {s.snapshot.catalog.sha256 for s in snaps}
    if len(shas) > 1:
        names = ", ".join(display_path(p) for p in paths)
        raise UsageError(f"the snapshots {names} use different catalogs: pass --catalog")
    return catalog_from_snapshot(snaps[0], paths[0], today)


def catalog_from_snapshot(
    snap: SnapshotFile, path: Path, today: dt.date
) -> tuple[Catalog, CatalogSource]:
    """The catalog a snapshot carries, checked like a catalog file."""
    cf = snap.snapshot.catalog.document
    sink = FindingSink(display_path(path))
    for p in check(cf, today):
        if p.severity is Severity.ERROR:
            where = path_text(("snapshot", "catalog", "document", *p.loc))
            sink.add(1, 1, p.message, p.rule, path=where, key=p.key)
    if sink.has_errors:
        raise InputError(sink.findings)
    return resolve(cf), CatalogSource(sink.file, snap.snapshot.catalog.sha256)
