"""The JSON result of `score` (SPEC §6), streamed customer by customer."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from kundenaudit.model.results import (
    RESULT_VERSION,
    CatalogInfo,
    CustomerScore,
    Portfolio,
    ResultDocument,
)
from kundenaudit.render.json_compact import CompactWriter
from kundenaudit.render.json_data import customer, portfolio

# Up to this many customers the JSON is indented for reading; beyond it each customer is one
# compact line, which json encodes in C (indented output runs through the pure-Python encoder).
READABLE_LIMIT = 50


def render(doc: ResultDocument) -> Iterator[str]:
    """The document in chunks, so a large portfolio is never one huge string."""
    yield head(doc.catalog, doc.today)
    lines = CustomerLines(len(doc.customers))
    for s in doc.customers:
        yield lines.next(s)
    yield tail(doc.portfolio)


def head(catalog: CatalogInfo, today: dt.date) -> str:
    """The document up to the opening of the customers array."""
    data = {
        "kundenaudit": RESULT_VERSION,
        "catalog": {"name": catalog.name, "source": catalog.source, "version": catalog.version},
        "today": today.isoformat(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)[:-2] + ',\n  "customers": [\n'


class CustomerLines:
    """The customers array's entries in turn, each with the separator before it: indented up to
    READABLE_LIMIT customers in all, else one compact line each."""

    def __init__(self, total: int, first: bool = True) -> None:
        self.readable = total <= READABLE_LIMIT
        self.first = first  # whether the next entry opens the array (no separator)
        self._compact = CompactWriter()

    def next(self, s: CustomerScore) -> str:
        sep = "" if self.first else ",\n"
        self.first = False
        if self.readable:
            return sep + _indent(json.dumps(customer(s), ensure_ascii=False, indent=2), 4)
        return self._compact.customer(s, sep + "    ")


def tail(p: Portfolio) -> str:
    """The document from the end of the customers array on."""
    body = json.dumps(portfolio(p), ensure_ascii=False, indent=2)
    return '\n  ],\n  "portfolio": ' + _indent(body, 2).lstrip() + "\n}\n"


def _indent(text: str, n: int) -> str:
    pad = " " * n
    return "\n".join(pad + line for line in text.split("\n"))
