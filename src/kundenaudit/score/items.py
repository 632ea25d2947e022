"""What a customer's delivery of one applicable service adds to its scorecard: made once per
service and delivery and shared by every customer (entries.SegmentService makes them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kundenaudit.model.results import Gap
from kundenaudit.model.vocabulary import Status

if TYPE_CHECKING:
    from kundenaudit.score.entries import SegmentService

GAPS_KEPT = 32_768  # gaps the open items of one catalog keep for reuse: about 4 MB at most


class GapBudget:
    """How many more gaps the open items of one catalog may keep. Items keep one gap per
    customer total of W*w they meet, until the catalog's budget is spent: memory stays
    bounded however many services, degrees and totals a portfolio has."""

    __slots__ = ("left",)

    def __init__(self, left: int = GAPS_KEPT) -> None:
        self.left = left


@dataclass(slots=True, eq=False)  # not frozen: frozen dataclasses are slow to create
class Item:
    """An applicable service not fully delivered: its entry, status and degree. Never changed
    once made: the common ones are shared by every customer (see SegmentService)."""

    entry: SegmentService
    status: Status
    degree: float
    expired: bool
    gap_key: int  # its place among the customer's gaps (SegmentService.gap_key)
    lift_key: int  # its place among a goal's candidates (SegmentService.lift_key)
    sid: str = field(init=False)
    missing: float = field(init=False)  # w * (1 - degree): what closing it adds to sum(w*d)
    gaps: dict[float, Gap] = field(init=False, default_factory=dict)  # per customer scale

    def __post_init__(self) -> None:
        self.sid = self.entry.sid
        self.missing = self.entry.w * (1 - self.degree)

    def gap(self, scale: float) -> Gap:
        """The gap of a customer whose index is ``scale`` = 100 / sum(W*w) times its sum(W*w*d):
        customers with the same total share one (gaps are never changed)."""
        found = self.gaps.get(scale)
        if found is None:
            e = self.entry
            svc = e.svc
            found = Gap(  # positional: this runs for many gaps
                e.sid,
                svc.name,
                svc.ref,
                e.level,
                e.nominal,
                svc.competition,
                e.knockout,
                self.status,
                self.degree,
                scale * e.ww * (1 - self.degree),  # the gain
                svc.effort,
                svc.action,
                self.expired,
            )
            budget = e.budget
            if budget.left > 0:
                budget.left -= 1
                self.gaps[scale] = found
        return found


@dataclass(slots=True, eq=False, kw_only=True)
class Effect:
    """What one delivery of an applicable service adds to a customer's tally."""

    status: Status  # as counted
    item: Item | None  # the open item, when the degree is below 1
    term: float  # w * d, its part of sum(w*d)
    rank: int  # the effective level's rank: Muss 0, Soll 1, Kann 2
    w: float
    wd: tuple[float, float] | None  # (w, d), None when exempt
    differentiator: str | None = None  # the service id, when it is fully met and one
    exempt: str | None = None  # the service id, when it is exempt
    until: dt.date | None = None  # exempt until this date: decided per audit date
