"""Choosing customers of the inputs by id (`--customer`)."""

from __future__ import annotations

from fnmatch import fnmatchcase

from kundenaudit.model.errors import UsageError
from kundenaudit.model.record import Record
from kundenaudit.model.suggest import did_you_mean


def select(records: list[Record], patterns: list[str]) -> list[Record]:
    """The records whose id matches one of ``patterns`` (``fnmatch`` globs: ``K-1*``), in input
    order; a pattern that matches no customer is a usage error (a typo must not score nobody)."""
    if not patterns:
        return records
    chosen = [r for r in records if any(fnmatchcase(r.id, p) for p in patterns)]
    ids = [r.id for r in records]
    for p in patterns:
        if not any(fnmatchcase(i, p) for i in ids):
            raise UsageError(f"--customer {p}: no customer matches{did_you_mean(p, ids)}")
    return chosen
