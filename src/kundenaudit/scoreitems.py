"""The services as they apply in a segment, and the coverage arithmetic over one customer's."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kundenaudit.catalog import Catalog, Goal, effective_level
from kundenaudit.models import ServiceSpec
from kundenaudit.words import Competition, Level, Status

EPSILON = 1e-9  # float noise must not turn 70.0 into "below 70"
TIE_DIGITS = 9  # values equal in exact arithmetic must tie, so the tie-breaks apply


def tie(value: float) -> float:
    """``value`` rounded so float noise cannot decide an order."""
    return round(value, TIE_DIGITS)


@dataclass(frozen=True, slots=True)
class Entry:
    """A service that applies in a segment, with everything scoring needs precomputed."""

    svc: ServiceSpec
    nominal: Level
    level: Level  # effective: Muss when competitors offer it as standard
    big_w: float  # level weight W of the effective level
    knockout: bool  # counts only where the effective level is Muss
    differentiator: bool  # competition: none
    level_value: str  # the words the result carries, computed once instead of per customer
    nominal_value: str
    competition_value: str | None


def entries(cat: Catalog, segment: str) -> list[Entry]:
    """The applicable-by-level services of ``segment``, computed once per catalog."""
    key = f"entries:{segment}"
    cached: list[Entry] | None = cat.cache.get(key)
    if cached is None:
        cached = []
        for sid, nominal in cat.segments[segment].levels.items():
            if nominal is None:
                continue
            svc = cat.services[sid]
            level = effective_level(svc, nominal)
            cached.append(
                Entry(
                    svc,
                    nominal,
                    level,
                    cat.level_weight(level),
                    svc.knockout and level is Level.MUSS,
                    svc.competition is Competition.NONE,
                    level.value,
                    nominal.value,
                    svc.competition.value if svc.competition else None,
                )
            )
        cat.cache[key] = cached
    return cached


@dataclass(slots=True)  # not frozen: created for every service of every customer
class Item:
    """An applicable service of one customer: its entry, status and degree."""

    entry: Entry
    status: Status
    degree: float
    expired: bool

    @property
    def svc(self) -> ServiceSpec:
        """The catalog's service."""
        return self.entry.svc

    @property
    def level(self) -> Level:
        """Effective level."""
        return self.entry.level

    @property
    def knockout(self) -> bool:
        """A knock-out in this segment."""
        return self.entry.knockout


def coverage(items: Iterable[Item]) -> float | None:
    """``100 * sum(w*d) / sum(w)``; None when nothing is measured."""
    num = den = 0.0
    for i in items:
        w = i.entry.svc.weight
        num += w * i.degree
        den += w
    return None if den == 0 else 100 * num / den


def measures(goal: Goal, item: Item) -> bool:
    """Whether ``goal`` counts ``item``."""
    if goal.services is not None:
        return item.entry.svc.id in goal.services
    return item.entry.level is goal.level
