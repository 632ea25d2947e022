"""Read a CSV export from a file or standard input and turn it into customer records."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kundenaudit.csvio import parse_csv_bytes
from kundenaudit.loading import display_path, read_bytes

if TYPE_CHECKING:
    from kundenaudit.catalog import Catalog
    from kundenaudit.delivery import Record
    from kundenaudit.errors import Finding
    from kundenaudit.models import MappingSpec


def load_csv(
    path: Path, catalog: Catalog, mapping: MappingSpec | None, segment: str | None
) -> tuple[list[Record], list[Finding]]:
    """Records and findings of the CSV export at ``path`` (``-``: standard input).

    Raises UsageError when the file cannot be read. The bytes are decoded while they are
    parsed (no second copy of the text); input that is not UTF-8 gives one located finding
    (via `kundenaudit.loading.decode`).
    """
    data = sys.stdin.buffer.read() if str(path) == "-" else read_bytes(path)
    return parse_csv_bytes(data, display_path(path), catalog, mapping, segment)
