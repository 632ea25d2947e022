"""The JSON Lines result of `score` (``--format jsonl``): one customer per line, each the
object the JSON result has in its ``customers`` array, then one line with the rest of the JSON
result (``kundenaudit``, ``catalog``, ``today``, ``portfolio``). Schema `result-line`.

For portfolios where one JSON document of gigabytes is of no use, and for loading into other
tools line by line. Compact, UTF-8, one line ending (LF) per line.
"""

from __future__ import annotations

import datetime as dt
import json

from kundenaudit.model.results import RESULT_VERSION, CatalogInfo, CustomerScore, Portfolio
from kundenaudit.render.json_compact import CompactWriter
from kundenaudit.render.json_data import portfolio


class CustomerLine:
    """A customer's line: its compact JSON object and a line feed (one encoder per run of
    customers: it keeps what the catalog gives)."""

    def __init__(self) -> None:
        self._compact = CompactWriter()

    def __call__(self, s: CustomerScore) -> str:
        return self._compact.customer(s, after="\n")


def summary(catalog: CatalogInfo, today: dt.date, p: Portfolio) -> str:
    """The last line: the JSON result without its customers."""
    data = {
        "kundenaudit": RESULT_VERSION,
        "catalog": {"name": catalog.name, "source": catalog.source, "version": catalog.version},
        "today": today.isoformat(),
        "portfolio": portfolio(p),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
