"""Customer records handed on one by one as the inputs are read, for a memory that stays flat
however large the portfolio: CSV files are read line by line and each customer is handed on
when the next one starts (csv/stream.py); a YAML file's records are handed on document by
document; snapshots, workbooks and standard input are read whole, as `gather` reads them.

The records, their order, the findings and the files read are those of `inputs.gather`. When a
CSV file's customers are spread over it (a customer appears again after another one started),
`SpreadCustomers` is raised: the caller starts over with `gather`, which holds every record.
The same happens when a customer comes again in another input: only a hash of each id is kept
(8 bytes, not the id and where it was read), and `gather` reports the duplicate with both of
its places (two ids of the same 64-bit hash only cost the start over; `gather` finds none).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kundenaudit.load.csv.stream import Emit, SpreadCustomers, stream_csv_file
from kundenaudit.load.discovery import expand
from kundenaudit.load.documents import display_path
from kundenaudit.load.inputs import (
    SUFFIXES,
    Gathered,
    is_result_csv,
    load_file,
    table_mapping,
)
from kundenaudit.load.record_checks import conclude
from kundenaudit.model.errors import FindingSink
from kundenaudit.model.progress import NO_PROGRESS, Progress
from kundenaudit.model.record import Record

if TYPE_CHECKING:
    from kundenaudit.model.catalog import Catalog
    from kundenaudit.model.mapping_file import MappingSpec

__all__ = ["SpreadCustomers", "stream_inputs"]


def stream_inputs(
    args: list[str],
    cat: Catalog,
    mapping: MappingSpec | None,
    segment: str | None,
    emit: Emit,
    strict: bool = False,
    progress: Progress = NO_PROGRESS,
    sheet: str | None = None,
) -> Gathered:
    """Hand every customer record named by ``args`` to ``emit``, in the order `gather` gives
    them; the warnings and the files read (no records; no input digests of streamed CSV
    files: a snapshot is written from a run that gathers). After the last record: InputError
    listing every problem, or UsageError when there was none. Raises SpreadCustomers (also
    for a customer in two inputs)."""
    out = Gathered()
    seen: set[int] = set()  # hash() of every customer id handed on
    count = 0

    def add(rec: Record) -> None:
        nonlocal count
        count += 1
        key = hash(rec.id)
        if key in seen:  # a duplicate customer (or a rare shared hash): gather tells
            raise SpreadCustomers(rec.source, rec.id, rec.line)
        seen.add(key)
        emit(rec)

    files = expand(args, SUFFIXES)
    progress.stage("progress_read", len(files))
    for path, explicit in files:
        sink = FindingSink(display_path(path))
        if _streams(path, explicit):
            out.read.append(path)
            found = table_mapping(path, mapping, out)
            sink.findings += stream_csv_file(path, sink.file, cat, found, segment, add)
        else:  # YAML document by document; the others whole
            whole = Gathered()
            load_file(path, explicit, sink, cat, mapping, segment, whole, sheet, add)
            out.read += whole.read
            out.inputs += whole.inputs
            for rec in whole.records:
                add(rec)
        out.findings += sink.findings
        progress.advance()
    out.findings = conclude(out.findings, strict, count, args)
    return out


def _streams(path: Path, explicit: bool) -> bool:
    """Whether ``path`` is a CSV file read line by line: a regular file (a pipe is read whole)
    that is no result of this tool found in a directory (`gather` skips those)."""
    if str(path) == "-" or path.suffix.lower() != ".csv" or not path.is_file():
        return False
    if explicit:
        return True
    try:
        with open(path, "rb") as f:
            return not is_result_csv(f.read(4096))
    except OSError:  # `gather` says what is wrong with it
        return False
