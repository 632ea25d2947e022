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
    chooser = Chooser(patterns)
    chosen = [r for r in records if chooser.wants(r)]
    chooser.check()
    return chosen


class Chooser:
    """`select` for records seen one by one (scored while the inputs are read): ask
    :meth:`wants` of each record in turn, then :meth:`check` once they are all seen."""

    def __init__(self, patterns: list[str]) -> None:
        self.patterns = patterns
        self.ids: list[str] = []  # every customer seen, for the check and its suggestion

    def wants(self, rec: Record) -> bool:
        """Whether ``rec`` is chosen (every record is without patterns)."""
        if not self.patterns:
            return True
        self.ids.append(rec.id)
        return any(fnmatchcase(rec.id, p) for p in self.patterns)

    def check(self) -> None:
        """The usage error of a pattern that matched no customer seen."""
        for p in self.patterns:
            if not any(fnmatchcase(i, p) for i in self.ids):
                raise UsageError(f"--customer {p}: no customer matches{did_you_mean(p, self.ids)}")
