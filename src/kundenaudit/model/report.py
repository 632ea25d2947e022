"""What the report shows beyond the JSON result: its sources and the sums it derives from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kundenaudit.model.diff import Diff
from kundenaudit.model.errors import Finding
from kundenaudit.model.vocabulary import Ampel, GoalState, Level, Word


class SourceRole(Word):
    """What a file the run read is to the report."""

    INPUT = "input"
    CATALOG = "catalog"
    MAPPING = "mapping"


@dataclass(frozen=True, slots=True)
class Source:
    """A file the run read, with the SHA-256 of its bytes."""

    path: str
    sha256: str
    role: SourceRole = SourceRole.INPUT


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportMeta:
    """Where the report's numbers come from and how it is titled."""

    tool: str
    sources: tuple[Source, ...]
    title: str | None = None
    max_cards: int = 200
    findings: tuple[Finding, ...] = ()  # of `review` (SPEC §8), where there are any
    trend: Trend | None = None  # with --history


@dataclass(slots=True, kw_only=True)
class GoalSums:
    """One goal of one segment over the segment's customers."""

    level: Level | None
    services: tuple[str, ...] | None
    min: float
    by: dt.date | None
    customers: int = 0
    measured: int = 0  # customers with something to measure
    actual_mean: float | None = None
    states: dict[GoalState, int] = field(default_factory=dict)


@dataclass(slots=True)
class SegmentSums:
    """What the report shows per segment beyond the JSON portfolio."""

    status: dict[Ampel, int]
    value_at_risk: float | None
    histogram: list[int]  # customers per index decile: [0,10), [10,20), ..., [90,100]
    goals: list[GoalSums]


@dataclass(slots=True)
class ActionSums:
    """A recommended action: a Muss gap frequent in the portfolio and what to do about it."""

    service: str
    name: str
    customers: int
    action: str | None


@dataclass(slots=True, kw_only=True)
class ReportSums:
    """Sums over the same scorecards as the portfolio, for the report's charts."""

    value_by_status: dict[Ampel, float] | None
    audited_first: dt.date | None
    audited_last: dt.date | None
    gap_total: int  # gaps over all customers and services (the Pareto's 100 %)
    gap_value_total: float | None
    gaps_by_value: list[tuple[str, float]]  # service, summed value of customers with the gap
    red_knockouts: list[tuple[str, list[str]]]  # knock-out service, red customers it hits
    actions: list[ActionSums]
    segments: dict[str, SegmentSums]


@dataclass(frozen=True, slots=True)
class CardNote:
    """Input text about one service of a carded customer: its note, or its exemption."""

    note: str | None = None
    reason: str | None = None
    until: dt.date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Trend:
    """The change since the latest earlier snapshot, split into catalog and delivery."""

    snapshot: str  # the earlier snapshot as shown
    since: dt.date  # its `today`
    diff: Diff
    index_old: float | None  # mean over the customers in both audits
    index_new: float | None
    catalog: float | None  # mean catalog part of their index change
    delivery: float | None  # mean delivery part
    matched: int
