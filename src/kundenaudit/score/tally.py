"""One customer's pass over its segment's services, and the coverage arithmetic over it."""

from __future__ import annotations

from dataclasses import dataclass, field
from math import fsum

from kundenaudit.model.catalog import Goal
from kundenaudit.model.vocabulary import Status
from kundenaudit.score.items import Item


@dataclass(slots=True, kw_only=True)
class Tally:
    """One pass over a customer's services: the sums of SPEC §3 and the gaps (open items)."""

    open: list[Item] = field(default_factory=list)  # applicable services with degree < 1
    open_by_rank: tuple[list[Item], ...] = field(default_factory=lambda: ([], [], []))
    # ^ the same, by level rank, each in id order (read-only)
    num: list[float] = field(default_factory=lambda: [0.0, 0.0, 0.0])  # sum(w*d) by level rank
    den: list[float] = field(default_factory=lambda: [0.0, 0.0, 0.0])  # sum(w) by level rank
    degrees: dict[str, tuple[float, float]] | None = None  # sid -> (w, d), for services goals
    counts: dict[Status, int] = field(default_factory=dict)
    expired: list[str] = field(default_factory=list)
    exempt: list[str] = field(default_factory=list)
    differentiators: list[str] = field(default_factory=list)
    total: float = 0.0  # sum(W*w)
    achieved: float = 0.0  # sum(W*w*d)

    @property
    def applicable(self) -> bool:
        """Whether any service applies at all."""
        return self.total > 0


@dataclass(slots=True)
class Measure:
    """What one goal measures for one customer: the coverage sums and its open gaps."""

    num: float
    den: float
    open: list[Item]


def actual(goal: Goal, tally: Tally) -> float | None:
    """The coverage ``goal`` measures, in percent; None when nothing is measured."""
    num, den = _sums(goal, tally)
    return 100 * num / den if den else None


def measure(goal: Goal, tally: Tally) -> Measure:
    """The sums and open gaps of the services ``goal`` counts."""
    num, den = _sums(goal, tally)
    if goal.services is None:
        assert goal.level is not None
        return Measure(num, den, tally.open_by_rank[goal.level.rank])
    listed = goal.members
    return Measure(num, den, [i for i in tally.open if i.sid in listed])


def _sums(goal: Goal, tally: Tally) -> tuple[float, float]:
    """sum(w*d) and sum(w) over the services ``goal`` counts: a level, or listed services."""
    if goal.services is None:
        assert goal.level is not None
        rank = goal.level.rank
        return tally.num[rank], tally.den[rank]
    listed = goal.members
    nums, dens = [], []
    for sid, (w, d) in (tally.degrees or {}).items():
        if sid in listed:
            nums.append(w * d)
            dens.append(w)
    return fsum(nums), fsum(dens)
