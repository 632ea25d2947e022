"""The services as they apply in a segment, with what each delivery of one adds to a
customer's scorecard worked out once and shared by every customer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from math import fsum

from kundenaudit.model.catalog import Segment, Service, Weights
from kundenaudit.model.record import DeliveryLike
from kundenaudit.model.vocabulary import Level, Status
from kundenaudit.score.items import Effect, GapBudget, Item
from kundenaudit.score.rules import (
    DEFAULT_DEGREE,
    UNKNOWN_EFFORT,
    degree,
    effective_level,
    is_differentiator,
    is_knockout,
    tie,
)

# Sort keys are packed into one integer, which compares several times faster than a tuple
# (the readable tuples are rules.gap_order and rules.candidate_order; tests/score/test_sort_keys
# checks that both order alike).
# Fields from most to least significant; a "largest first" field is stored as TIE_MAX - value.
# tie(W*w) stays below 2**70 because weights are at most 1e6 (model.limits.MAX_WEIGHT).
TIE_BITS = 72
TIE_MAX = (1 << TIE_BITS) - 1
ORDER_BITS = 32  # position of the service id in sorted order (the last tie-break)
EFFORT_BITS = 3  # effort 1..5, or UNKNOWN_EFFORT

# Bounds of what is remembered, so unusual inputs cannot grow it without end.
_PARTIAL_ITEMS_MAX = 64  # degrees of `teilweise` per entry
_ROW_EFFECTS_MAX = 20_000  # effects in a segment's rows (a row has one per entry)


# not frozen: __post_init__ derives fields; never changed afterwards
@dataclass(slots=True, kw_only=True, eq=False)
class SegmentService:
    """A service that applies in a segment, with everything scoring needs precomputed."""

    svc: Service
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
    budget: GapBudget = field(default_factory=GapBudget)  # the catalog's, shared by its entries
    # the open items most customers have, shared (items are never changed)
    offen_item: Item | None = None
    nicht_item: Item | None = None
    teilweise_item: Item | None = None  # teilweise without a degree (DEFAULT_DEGREE)
    partial_items: dict[float, Item] = field(default_factory=dict)  # teilweise with a degree
    missing: Effect = field(init=False)  # no delivery given: offen
    expired: Effect = field(init=False)  # an exemption whose `until` has passed: offen
    exempt: Effect = field(init=False)  # a valid exemption

    def __post_init__(self) -> None:
        self.sid = self.svc.id
        self.w = float(self.svc.weight)
        self.ww = self.big_w * self.w
        self.rank = self.level.rank
        self.effort_key = self.svc.effort if self.svc.effort is not None else UNKNOWN_EFFORT
        self.offen_item = self.item(Status.OFFEN, 0.0)
        self.nicht_item = self.item(Status.NICHT_ERFUELLT, 0.0)
        self.teilweise_item = self.item(Status.TEILWEISE, DEFAULT_DEGREE)
        self.missing = _effect(self, Status.OFFEN, 0.0, self.offen_item)
        self.expired = _effect(self, Status.OFFEN, 0.0, self.item(Status.OFFEN, 0.0, True))
        self.exempt = self._exemption(None)

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

    def effect(self, delivery: DeliveryLike) -> Effect:
        """What ``delivery`` of this service adds (SPEC §3)."""
        status = delivery.status
        if status is Status.ENTBEHRLICH:
            until = delivery.until
            return self.exempt if until is None else self._exemption(until)
        d = degree(status, delivery.degree)
        if d >= 1:
            item = None
        elif status is Status.TEILWEISE:
            item = self.teilweise_item if delivery.degree is None else self.partial_item(d)
        else:
            item = self.offen_item if status is Status.OFFEN else self.nicht_item
        return _effect(self, status, d, item)

    def _exemption(self, until: dt.date | None) -> Effect:
        return Effect(
            status=Status.ENTBEHRLICH,
            item=None,
            term=0.0,
            rank=self.rank,
            w=self.w,
            wd=None,
            exempt=self.sid,
            until=until,
        )

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


def _effect(e: SegmentService, status: Status, d: float, item: Item | None) -> Effect:
    """The effect on entry ``e`` of a delivery of ``status`` and degree ``d`` (not exempt)."""
    diff = e.sid if item is None and e.differentiator else None
    return Effect(
        status=status, item=item, term=e.w * d, rank=e.rank, w=e.w, wd=(e.w, d), differentiator=diff
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class SegmentEntries:
    """The services that apply in a segment, in id order, with their weight sums; and per
    delivery object that customers share (CSV readers and bare status words have a few), a
    row of its effect on each entry."""

    entries: tuple[SegmentService, ...]
    big_w: tuple[float, float, float]  # the level weight W of Muss, Soll, Kann
    weights: tuple[list[float], list[float], list[float]]  # every entry's w, by level rank
    den: list[float]  # sum(w) by level rank, over every entry (read-only)
    sids: tuple[str, ...]  # the entries' service ids
    places: tuple[tuple[int, str], ...]  # (position, service id) of every entry
    rows: dict[int, tuple[Effect, ...]] = field(default_factory=dict)  # by id() of a delivery
    held: list[object] = field(default_factory=list)  # the rows' deliveries, kept alive

    def row(self, delivery: DeliveryLike | None) -> tuple[Effect, ...] | None:
        """The effects of ``delivery`` (None: no delivery) on every entry, made and kept unless
        they depend on the audit date or the rows are full (then None)."""
        found = self.rows.get(id(delivery))
        if found is not None:
            return found
        if delivery is not None and delivery.until is not None:
            return None  # an exemption until a date: it depends on the audit date
        if (len(self.rows) + 1) * len(self.entries) > _ROW_EFFECTS_MAX:
            return None
        if delivery is None:
            made = tuple(e.missing for e in self.entries)
        else:
            made = tuple(e.effect(delivery) for e in self.entries)
        self.held.append(delivery)
        self.rows[id(delivery)] = made
        return made

    def den_without(self, exempt: list[Effect]) -> list[float]:
        """sum(w) by level rank without the services of the ``exempt`` effects.

        fsum is exactly rounded, so every w with the exempt ones' -w added gives the same float
        as the w of the others alone, without a pass over every entry."""
        minus: tuple[list[float], list[float], list[float]] = ([], [], [])
        for e in exempt:
            minus[e.rank].append(-e.w)
        w0, w1, w2 = self.weights
        return [fsum(w0 + minus[0]), fsum(w1 + minus[1]), fsum(w2 + minus[2])]


def build(
    services: Mapping[str, Service],
    segment: Segment,
    weights: Weights,
    budget: GapBudget | None = None,
) -> SegmentEntries:
    """The applicable-by-level services of ``segment``; their items keep gaps for reuse
    within ``budget`` (shared by a catalog's segments; a budget of its own when None)."""
    budget = GapBudget() if budget is None else budget
    order = {sid: i for i, sid in enumerate(sorted(services))}
    made = []
    big_w = (float(weights.muss), float(weights.soll), float(weights.kann))
    for sid, nominal in sorted(segment.levels.items()):
        if nominal is None:
            continue
        svc = services[sid]
        level = effective_level(svc.competition, nominal)
        made.append(
            SegmentService(
                svc=svc,
                nominal=nominal,
                level=level,
                big_w=big_w[level.rank],
                knockout=is_knockout(svc.knockout, level),
                differentiator=is_differentiator(svc.competition),
                order=order[sid],
                budget=budget,
            )
        )
    by_rank: tuple[list[float], list[float], list[float]] = ([], [], [])
    for e in made:
        by_rank[e.rank].append(e.w)
    return SegmentEntries(
        entries=tuple(made),
        big_w=big_w,
        weights=by_rank,
        den=[fsum(by_rank[0]), fsum(by_rank[1]), fsum(by_rank[2])],
        sids=tuple(e.sid for e in made),
        places=tuple(enumerate(e.sid for e in made)),
    )
