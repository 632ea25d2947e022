"""The only module that reads files: bytes to text, YAML to models, every problem located."""

from __future__ import annotations

import contextlib
import enum
import os
import stat
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from kundenaudit.load.yaml_document import Document, locate, path_text
from kundenaudit.load.yaml_parser import parse_documents
from kundenaudit.model.errors import FindingSink, InputError, Problem, Severity, UsageError

if TYPE_CHECKING:  # the file models (and pydantic) load when a document needs one
    from pydantic import BaseModel

    from kundenaudit.model.mapping_file import MappingFile
    from kundenaudit.model.record_file import CustomerFile

M = TypeVar("M", bound="BaseModel")
BUILTIN_CATALOG = "standard.yaml"
MAX_INPUT_BYTES = 1 << 30  # one input file at most 1 GiB: a device or an endless pipe ends there


class DocumentKind(str, enum.Enum):
    """What a YAML document is, recognised by its content."""

    CATALOG = "catalog"
    CUSTOMER = "customer"
    MAPPING = "mapping"
    SNAPSHOT = "snapshot"


def display_path(path: Path) -> str:
    """Path as shown to users: relative to the working directory where possible."""
    if str(path) == "-":
        return "<stdin>"
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def builtin_catalog_path() -> Path:
    """The built-in standard catalog shipped inside the package."""
    return Path(str(resources.files("kundenaudit") / "catalogs" / BUILTIN_CATALOG))


def read_bytes(path: Path) -> bytes:
    """File contents, or a UsageError that says what is wrong with the path.

    Only regular files and pipes (standard input, ``<(command)``) are read, at most
    MAX_INPUT_BYTES of them: a device such as ``/dev/zero`` is refused, not read until memory
    runs out."""
    name = display_path(path)
    with _reading(name):
        if str(path) == "-":
            if sys.stdin is None:
                raise UsageError("standard input is closed (nothing to read for '-')")
            return _bounded(sys.stdin.buffer, name)
        with path.open("rb") as fh:
            return _bounded(fh, name, _checked_size(fh, name))


def check_readable(path: Path) -> None:
    """The UsageError `read_bytes` gives for the file ``path``, without reading it (for a
    reader that reads it line by line)."""
    name = display_path(path)
    with _reading(name), path.open("rb") as fh:
        if _checked_size(fh, name) > MAX_INPUT_BYTES:
            raise UsageError(f"{name}: larger than {MAX_INPUT_BYTES >> 20} MiB; split it")


@contextlib.contextmanager
def _reading(name: str) -> Iterator[None]:
    """Turn the OSError of reading a file into a UsageError that says what is wrong."""
    try:
        yield
    except FileNotFoundError:
        raise UsageError(f"{name}: file not found") from None
    except IsADirectoryError:
        raise UsageError(f"{name}: is a directory, expected a file") from None
    except (OSError, ValueError) as exc:  # ValueError: a closed standard input
        reason = exc.strerror if isinstance(exc, OSError) else "closed"
        raise UsageError(f"{name}: cannot read: {reason}") from exc


def _checked_size(fh: BinaryIO, name: str) -> int:
    st = os.fstat(fh.fileno())
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        raise UsageError(f"{name}: not a regular file (a device or socket); not read")
    return st.st_size


def _bounded(fh: BinaryIO, name: str, size: int = 0) -> bytes:
    data = fh.read(MAX_INPUT_BYTES + 1) if size <= MAX_INPUT_BYTES else b""
    if size > MAX_INPUT_BYTES or len(data) > MAX_INPUT_BYTES:
        raise UsageError(f"{name}: larger than {MAX_INPUT_BYTES >> 20} MiB; split it")
    return data


def decode(data: bytes, sink: FindingSink) -> str | None:
    """UTF-8 text without BOM; a finding with the byte offset when it is not UTF-8."""
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    data = data[bom:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = "save it as UTF-8" + (
            " (it looks like UTF-16)"
            if data[:2] in (b"\xff\xfe", b"\xfe\xff")
            else " (Excel: 'CSV UTF-8'; editors: encoding UTF-8)"
        )
        sink.add(line, col, f"not valid UTF-8 at byte {exc.start + bom}: {hint}", "encoding")
        return None


def read_documents(path: Path, display: str | None = None) -> tuple[list[Document], FindingSink]:
    """Every YAML document of ``path``; problems are collected in the returned sink."""
    sink = FindingSink(display or display_path(path))
    text = decode(read_bytes(path), sink)
    if text is None:
        return [], sink
    docs = parse_documents(text, sink)
    if not docs and not sink.findings:
        sink.add(1, 1, "file is empty: expected a YAML mapping with 'kundenaudit: 1'", "empty")
    return docs, sink


def detect_kind(data: Any) -> DocumentKind | None:
    """Catalog, customer record, mapping file or snapshot, by the keys of the document."""
    if not isinstance(data, dict):
        return None
    if "snapshot" in data:
        return DocumentKind.SNAPSHOT
    if "mapping" in data:
        return DocumentKind.MAPPING
    if "customer" in data:
        return DocumentKind.CUSTOMER
    if "segments" in data or isinstance(data.get("services"), list):
        return DocumentKind.CATALOG
    return None


def check_top(doc: Document, sink: FindingSink) -> bool:
    """A document must be a mapping; say what it is instead."""
    if isinstance(doc.data, dict):
        return True
    found = {list: "a list", str: "a single value", type(None): "nothing"}.get(
        type(doc.data), "something else"
    )
    sink.add(
        doc.line,
        1,
        f"expected a mapping with 'kundenaudit: 1' at the top, found {found}",
        "top-level",
    )
    return False


def to_model(cls: type[M], doc: Document, sink: FindingSink) -> M | None:
    """Validate ``doc`` as ``cls``; pydantic errors become located findings."""
    from pydantic import ValidationError  # noqa: PLC0415 - see the TYPE_CHECKING imports

    from kundenaudit.load.model_errors import pydantic_problems  # noqa: PLC0415

    if not check_top(doc, sink):
        return None
    try:
        return cls.model_validate(doc.data)
    except ValidationError as exc:
        add_problems(pydantic_problems(exc, cls), doc, sink)
        return None


def add_problems(problems: list[Problem], doc: Document, sink: FindingSink) -> None:
    """Give each problem the position of the node it names (one error per position)."""
    for p in problems:
        line, col = locate(doc.node, p.loc, at_key=p.at_key)
        if p.severity is Severity.ERROR and sink.error_at(line, col):
            continue
        sink.add(
            line, col, p.message, p.rule, severity=p.severity, path=path_text(p.loc), key=p.key
        )


def load_mapping(path: Path) -> MappingFile:
    """The mapping file at ``path``; raises InputError when it is invalid."""
    from kundenaudit.model.mapping_file import MappingFile  # noqa: PLC0415

    docs, sink = read_documents(path)
    doc = single_document(docs, sink, DocumentKind.MAPPING)
    mapping = to_model(MappingFile, doc, sink) if doc is not None else None
    if mapping is None or sink.has_errors:
        raise InputError(sink.findings)
    return mapping


def single_document(docs: list[Document], sink: FindingSink, kind: DocumentKind) -> Document | None:
    """The one document of a catalog or mapping file, when it is one of that kind."""
    if len(docs) > 1:
        sink.add(
            docs[1].line,
            1,
            f"a {kind.value} file holds one YAML document, found several",
            "several-documents",
        )
        return None
    if not docs:
        return None
    found = detect_kind(docs[0].data)
    if found is not None and found is not kind:
        sink.add(
            docs[0].line,
            1,
            f"this is a {_KIND_WORDS[found]}, not a {kind.value} file",
            "wrong-kind",
        )
        return None
    return docs[0]


_KIND_WORDS = {
    DocumentKind.CATALOG: "catalog",
    DocumentKind.CUSTOMER: "customer record",
    DocumentKind.MAPPING: "mapping file",
    DocumentKind.SNAPSHOT: "snapshot",
}


def customer_from_doc(doc: Document, sink: FindingSink) -> CustomerFile | None:
    """A customer record's file model, or None with its problems in ``sink``."""
    from kundenaudit.model.record_file import CustomerFile  # noqa: PLC0415

    return to_model(CustomerFile, doc, sink)
