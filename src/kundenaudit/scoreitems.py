"""The applicable services of one customer, and the coverage arithmetic over them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kundenaudit.catalog import Goal
from kundenaudit.models import ServiceSpec
from kundenaudit.words import Level, Status

EPSILON = 1e-9  # float noise must not turn 70.0 into "below 70"
TIE_DIGITS = 9  # values equal in exact arithmetic must tie, so the tie-breaks apply


def tie(value: float) -> float:
    """``value`` rounded so float noise cannot decide an order."""
    return round(value, TIE_DIGITS)


@dataclass(frozen=True, slots=True)
class Item:
    """An applicable service of one customer with its effective level and degree."""

    svc: ServiceSpec
    level: Level
    nominal: Level
    status: Status
    degree: float
    big_w: float  # level weight W of the effective level
    expired: bool

    @property
    def knockout(self) -> bool:
        """Knock-outs count only where the effective level is Muss."""
        return self.svc.knockout and self.level is Level.MUSS


def coverage(items: Iterable[Item]) -> float | None:
    """``100 * sum(w*d) / sum(w)``; None when nothing is measured."""
    num = den = 0.0
    for i in items:
        num += i.svc.weight * i.degree
        den += i.svc.weight
    return None if den == 0 else 100 * num / den


def measures(goal: Goal, item: Item) -> bool:
    """Whether ``goal`` counts ``item``."""
    if goal.services is not None:
        return item.svc.id in goal.services
    return item.level is goal.level
