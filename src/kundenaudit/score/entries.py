"""The services as they apply in a segment, and the coverage arithmetic over one customer's."""

from __future__ import annotations

from dataclasses import dataclass, field
from math import fsum
from weakref import WeakKeyDictionary

from kundenaudit.model.catalog import Catalog, Goal
from kundenaudit.model.catalog_file import ServiceSpec
from kundenaudit.model.vocabulary import Level, Status
from kundenaudit.score.rules import (
    DEFAULT_DEGREE,
    UNKNOWN_EFFORT,
    effective_level,
    is_differentiator,
    is_knockout,
    tie,
)

# Sort keys are packed into one integer, which compares several times faster than a tuple
# (the readable tuples are rules.gap_order and rules.candidate_order; tests/score/test_sort_keys
# checks that both order alike).
# Fields from most to least significant; a "largest first" field is stored as TIE_MAX - value.
# tie(W*w) stays below 2**70 because weights are at most 1e6 (model.fields.MAX_WEIGHT).
TIE_BITS = 72
TIE_MAX = (1 << TIE_BITS) - 1
ORDER_BITS = 32  # position of the service id in sorted order (the last tie-break)
EFFORT_BITS = 3  # effort 1..5, or UNKNOWN_EFFORT


_PARTIAL_ITEMS_MAX = 64  # degrees remembered per entry


# not frozen: __post_init__ derives fields; never changed afterwards
@dataclass(slots=True, kw_only=True)
class SegmentService:
    """A service that applies in a segment, with everything scoring needs precomputed."""

    svc: ServiceSpec
    nominal: Level
    level: Level  # effective: Muss when competitors offer it as standard
    big_w: float  # level weight W of the effective level
    knockout: bool  # counts only where the effective level is Muss
    differentiator: bool  # competition: none
    sid: str = ""
    w: float = 1.0  # the service's weight
    ww: float = 1.0  # W * w, its share of the index's denominator
    rank: int = 0  # Muss 0, Soll 1, Kann 2
    effort_key: int = 6  # effort, unknown sorting last
    order: int = 0  # position of the service id among the catalog's ids in sorted order
    # the open items most customers have, shared (items are never changed)
    offen_item: Item | None = None
    nicht_item: Item | None = None
    teilweise_item: Item | None = None  # teilweise without a degree (DEFAULT_DEGREE)
    partial_items: dict[float, Item] = field(default_factory=dict)  # teilweise with a degree

    def __post_init__(self) -> None:
        self.sid = self.svc.id
        self.w = float(self.svc.weight)
        self.ww = self.big_w * self.w
        self.rank = self.level.rank
        self.effort_key = self.svc.effort if self.svc.effort is not None else UNKNOWN_EFFORT
        self.offen_item = self.item(Status.OFFEN, 0.0)
        self.nicht_item = self.item(Status.NICHT_ERFUELLT, 0.0)
        self.teilweise_item = self.item(Status.TEILWEISE, DEFAULT_DEGREE)

    def item(self, status: Status, degree: float, expired: bool = False) -> Item:
        """A new open item of this entry."""
        return Item(self, status, degree, expired, self.gap_key(degree), self.lift_key(degree))

    def partial_item(self, degree: float) -> Item:
        """The item of `teilweise` with an explicit ``degree``: exports repeat a few degrees."""
        found = self.partial_items.get(degree)
        if found is None:
            found = self.item(Status.TEILWEISE, degree)
            if len(self.partial_items) < _PARTIAL_ITEMS_MAX:
                self.partial_items[degree] = found
        return found

    def gap_key(self, degree: float) -> int:
        """Gap order within a customer, packed: orders as ``rules.gap_order``."""
        key = (not self.knockout) << 2 | self.rank
        key = key << TIE_BITS | (TIE_MAX - tie(self.ww * (1 - degree)))
        return key << ORDER_BITS | self.order

    def lift_key(self, degree: float) -> int:
        """Order of a goal's candidates, packed: orders as ``rules.candidate_order``."""
        missing = 1 - degree
        key = (TIE_MAX - tie(self.w * missing)) << EFFORT_BITS | self.effort_key
        key = key << TIE_BITS | (TIE_MAX - tie(self.ww * missing))
        return key << ORDER_BITS | self.order


@dataclass(frozen=True, slots=True)
class SegmentEntries:
    """The services that apply in a segment by level, in id order, and their weight sums."""

    entries: tuple[SegmentService, ...]
    big_w: tuple[float, float, float]  # the level weight W of Muss, Soll, Kann
    den: list[float]  # sum(w) by level rank, over every entry (read-only)

    def den_without(self, exempt: list[str]) -> list[float]:
        """sum(w) by level rank without the ``exempt`` services."""
        skip = set(exempt)
        terms: tuple[list[float], ...] = ([], [], [])
        for e in self.entries:
            if e.sid not in skip:
                terms[e.rank].append(e.w)
        return [fsum(t) for t in terms]


def segment_entries(cat: Catalog, segment: str) -> SegmentEntries:
    """The applicable-by-level services of ``segment``, computed once per catalog."""
    memo = _MEMO.get(cat)
    if memo is None:
        memo = _MEMO[cat] = {}
    cached = memo.get(segment)
    if cached is None:
        order = {sid: i for i, sid in enumerate(sorted(cat.services))}
        made = []
        for sid, nominal in sorted(cat.segments[segment].levels.items()):
            if nominal is None:
                continue
            svc = cat.services[sid]
            level = effective_level(svc.competition, nominal)
            made.append(
                SegmentService(
                    svc=svc,
                    nominal=nominal,
                    level=level,
                    big_w=cat.level_weight(level),
                    knockout=is_knockout(svc.knockout, level),
                    differentiator=is_differentiator(svc.competition),
                    order=order[sid],
                )
            )
        big_w = (
            cat.level_weight(Level.MUSS),
            cat.level_weight(Level.SOLL),
            cat.level_weight(Level.KANN),
        )
        cached = SegmentEntries(entries=tuple(made), big_w=big_w, den=[])
        cached.den.extend(cached.den_without([]))
        memo[segment] = cached
    return cached


# Per catalog and segment, made on first use; a catalog no longer used takes its entries along.
_MEMO: WeakKeyDictionary[Catalog, dict[str, SegmentEntries]] = WeakKeyDictionary()


def entries(cat: Catalog, segment: str) -> tuple[SegmentService, ...]:
    """The applicable-by-level services of ``segment``, in id order."""
    return segment_entries(cat, segment).entries


@dataclass(slots=True)  # not frozen: frozen dataclasses are slow to create
class Item:
    """An applicable service of one customer: its entry, status and degree. Never changed once
    made: the common ones are shared by all customers (see SegmentService)."""

    entry: SegmentService
    status: Status
    degree: float
    expired: bool
    gap_key: int  # its place among the customer's gaps (SegmentService.gap_key)
    lift_key: int  # its place among a goal's candidates (SegmentService.lift_key)


@dataclass(slots=True, kw_only=True)
class Tally:
    """One pass over a customer's services: the sums of SPEC §3 and the gaps (open items)."""

    open: list[Item] = field(default_factory=list)  # applicable services with degree < 1
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
        level = goal.level
        return Measure(num, den, [i for i in tally.open if i.entry.level is level])
    listed = goal.members
    return Measure(num, den, [i for i in tally.open if i.entry.sid in listed])


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
