"""Cells of a CSV export: status vocabularies, numbers, dates, segments and the header."""

from __future__ import annotations

import datetime as dt
import math
import typing
from collections.abc import Mapping
from typing import TypeVar

from kundenaudit.model.record import BARE, Delivery
from kundenaudit.model.vocabulary import MappingField, Status, parse_status

# The reason of an empty cell that a mapping turns into `entbehrlich` (``"": entbehrlich``).
EMPTY_REASON = "(empty cell)"

# The shared delivery of a bare status (model.record.BARE), for every row that says no more
# than the status. `entbehrlich` is missing on purpose: in a CSV cell it always needs a reason.
SHARED: dict[Status, Delivery] = {s: d for s, d in BARE.items() if s is not Status.ENTBEHRLICH}

V = TypeVar("V")

STATUS_WORDS = ", ".join(s.value for s in Status)

# The fields of each layout (SPEC §2.3); the first ones are required.
LONG_REQUIRED = ("customer", "service", "status")
LONG_FIELDS: tuple[str, ...] = typing.get_args(MappingField)  # every field a mapping can rename
WIDE_REQUIRED = ("customer",)
WIDE_FIELDS = (*WIDE_REQUIRED, "name", "segment", "value", "manager", "audited")
# Per-row fields of the long layout beyond the status, and per-customer fields of both layouts.
ROW_EXTRAS = ("degree", "reason", "note", "date", "until", "evidence")
CUSTOMER_FIELDS = ("name", "manager", "value", "audited")


class Vocabulary:
    """Raw cell value -> status: the mapping's words first (exact, then ignoring case and
    surrounding blanks), then the status words and their aliases."""

    __slots__ = ("exact", "folded")

    def __init__(self, *maps: Mapping[str, Status]) -> None:
        merged: dict[str, Status] = {}
        for words in maps:
            merged.update(words)
        self.exact = merged
        self.folded = {k.strip().casefold(): v for k, v in merged.items()}

    def resolve(self, raw: str) -> tuple[Status, bool] | None:
        """``(status, mapped)`` for ``raw``, or None when no map covers it and it is no word."""
        status = self.exact.get(raw)
        if status is None:
            status = self.folded.get(raw.strip().casefold())
        if status is not None:
            return status, True
        word = raw.strip()
        if not word:
            return Status.OFFEN, False
        found = parse_status(word)
        return None if found is None else (found, False)


def show(raw: str) -> str:
    """A cell value for a one-line message: line breaks and tabs made visible."""
    return raw.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def more_rows(count: int) -> str:
    """`` (also in N more rows)`` after the first of ``count`` rows with the same problem."""
    extra = count - 1
    return f" (also in {extra} more row{'s' if extra > 1 else ''})" if extra > 0 else ""


def mapped_reason(raw: str) -> str:
    """The reason of a value that a mapping turns into `entbehrlich`: the value itself."""
    return raw.strip() or EMPTY_REASON


def lookup(table: Mapping[str, V], raw: str) -> V | None:
    """``table[raw]``, else the entry that matches ignoring case and surrounding blanks."""
    found = table.get(raw)
    if found is not None:
        return found
    key = raw.strip().casefold()
    return next((v for k, v in table.items() if k.strip().casefold() == key), None)


def parse_number(raw: str) -> float | None:
    """A finite number; a decimal comma (German exports) is accepted."""
    text = raw.strip().replace(",", ".")
    if "_" in text:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_date(raw: str) -> dt.date | None:
    """An ISO date (YYYY-MM-DD), or None."""
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        return None


def detect_delimiter(line: str) -> str:
    """``;`` when the header line has more semicolons than commas outside quotes, else ``,``."""
    commas = semicolons = 0
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif ch == ",":
            commas += 1
        elif ch == ";":
            semicolons += 1
    return ";" if semicolons > commas else ","


def header_index(header: list[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Column name -> 0-based index, exact and case-folded (first occurrence wins)."""
    exact: dict[str, int] = {}
    folded: dict[str, int] = {}
    for i, name in enumerate(header):
        exact.setdefault(name, i)
        folded.setdefault(name.casefold(), i)
    return exact, folded


def find_column(name: str, exact: dict[str, int], folded: dict[str, int]) -> int | None:
    """Index of the column ``name`` (exact, else ignoring case)."""
    i = exact.get(name)
    return folded.get(name.strip().casefold()) if i is None else i
