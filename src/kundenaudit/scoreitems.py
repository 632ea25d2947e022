"""The services as they apply in a segment, and the coverage arithmetic over one customer's."""

from __future__ import annotations

from dataclasses import dataclass, field

from kundenaudit.catalog import Catalog, Goal, effective_level
from kundenaudit.models import ServiceSpec
from kundenaudit.words import Competition, Level, Status

EPSILON = 1e-9  # float noise must not turn 70.0 into "below 70"
UNKNOWN_EFFORT = 6  # a gap without effort sorts after every known effort (1..5)
TIE_DIGITS = 9  # values equal in exact arithmetic must tie, so the tie-breaks apply


def tie(value: float) -> int:
    """``value`` (>= 0) in units of 1e-9, so float noise cannot decide an order."""
    return int(value * _TIE_SCALE + 0.5)  # round(value, 9) is four times slower


_TIE_SCALE = 10.0**TIE_DIGITS


@dataclass(slots=True)  # not frozen: __post_init__ derives fields; never changed afterwards
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
    sid: str = ""
    w: float = 1.0  # the service's weight
    ww: float = 1.0  # W * w, its share of the index's denominator
    rank: int = 0  # Muss 0, Soll 1, Kann 2
    effort_key: int = 6  # effort, unknown sorting last

    def __post_init__(self) -> None:
        self.sid = self.svc.id
        self.w = float(self.svc.weight)
        self.ww = self.big_w * self.w
        self.rank = self.level.rank
        self.effort_key = self.svc.effort if self.svc.effort is not None else UNKNOWN_EFFORT


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


@dataclass(slots=True)
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

    @property
    def actual(self) -> float | None:
        """Coverage in percent; None when nothing is measured."""
        return 100 * self.num / self.den if self.den else None


def measure(goal: Goal, tally: Tally) -> Measure:
    """The sums and open gaps of the services ``goal`` counts."""
    if goal.services is None:
        assert goal.level is not None
        rank = goal.level.rank
        level = goal.level
        return Measure(
            tally.num[rank], tally.den[rank], [i for i in tally.open if i.entry.level is level]
        )
    listed = goal.services
    num = den = 0.0
    for sid, (w, d) in (tally.degrees or {}).items():
        if sid in listed:
            num += w * d
            den += w
    return Measure(num, den, [i for i in tally.open if i.entry.sid in listed])
