"""Pure scoring of one customer against a catalog (SPEC §3)."""

from __future__ import annotations

import datetime as dt

from kundenaudit.catalog import Catalog, Goal
from kundenaudit.delivery import Record
from kundenaudit.plan import next_steps
from kundenaudit.results import CustomerScore, Gap, GoalResult
from kundenaudit.scoreitems import EPSILON, Item, coverage, entries, measures, tie
from kundenaudit.words import Ampel, GoalState, Level, Status

_FAILED = (GoalState.VERFEHLT, GoalState.UEBERFAELLIG)
_LEVELS = tuple(Level)  # iterating an Enum class is slow; a tuple is not
_STATUSES = tuple(Status)
_ERFUELLT, _TEILWEISE, _OFFEN, _ENTBEHRLICH = (
    Status.ERFUELLT,
    Status.TEILWEISE,
    Status.OFFEN,
    Status.ENTBEHRLICH,
)


def score_customer(
    cat: Catalog, rec: Record, today: dt.date, segment: str | None = None
) -> CustomerScore:
    """The scorecard of ``rec`` in its segment (or ``segment``)."""
    seg = cat.segments[segment or rec.segment or ""]
    audited = rec.audited or today
    items, counts, expired, exempt = applicable(cat, seg.id, rec, audited)
    total = sum(i.entry.big_w * i.entry.svc.weight for i in items)
    by_level = level_coverage(items)
    goals = [goal_result(g, items, audited, by_level) for g in seg.goals]
    gaps = sorted((_gap(i, total) for i in items if i.degree < 1), key=gap_order)
    knockouts = [g.service for g in gaps if g.knockout]
    status = ampel(knockouts, goals)
    return CustomerScore(
        id=rec.id,
        name=rec.name,
        segment=seg.id,
        audited=audited,
        status=status,
        index=_index(items, total),
        coverage={lvl.value: by_level[lvl] for lvl in _LEVELS},
        counts=counts,
        knockouts=knockouts,
        goals=goals,
        gaps=gaps,
        next_steps=[] if status is Ampel.GRUEN else next_steps(gaps, items, seg.goals, goals),
        differentiators=[i.entry.svc.id for i in items if i.degree >= 1 and i.entry.differentiator],
        expired=expired,
        exempt=exempt,
        segment_name=seg.name,
        manager=rec.manager,
        value=rec.value,
    )


def _index(items: list[Item], total: float) -> float | None:
    if not items:
        return None
    return 100 * sum(i.entry.big_w * i.entry.svc.weight * i.degree for i in items) / total


def applicable(
    cat: Catalog, segment: str, rec: Record, audited: dt.date
) -> tuple[list[Item], dict[str, int], list[str], list[str]]:
    """Applicable services, status counts over the segment, expired and valid exemptions."""
    counts = dict.fromkeys(_STATUSES, 0)
    items: list[Item] = []
    expired: list[str] = []
    exempt: list[str] = []
    services = rec.services
    for entry in entries(cat, segment):
        sid = entry.svc.id
        delivery = services.get(sid)
        if delivery is None:
            counts[_OFFEN] += 1
            items.append(Item(entry, _OFFEN, 0.0, False))
            continue
        status = delivery.status
        if status is _ENTBEHRLICH:
            until = delivery.until
            if until is None or until >= audited:
                counts[status] += 1
                exempt.append(sid)
                continue
            counts[_OFFEN] += 1
            expired.append(sid)
            items.append(Item(entry, _OFFEN, 0.0, True))
            continue
        counts[status] += 1
        if status is _ERFUELLT:
            degree = 1.0
        elif status is _TEILWEISE:
            degree = 0.5 if delivery.degree is None else delivery.degree
        else:
            degree = 0.0
        items.append(Item(entry, status, degree, False))
    return items, {s.value: n for s, n in counts.items()}, expired, exempt


def level_coverage(items: list[Item]) -> dict[Level, float | None]:
    """Coverage of every level in one pass over the items."""
    num = dict.fromkeys(_LEVELS, 0.0)
    den = dict.fromkeys(_LEVELS, 0.0)
    for i in items:
        w = i.entry.svc.weight
        num[i.entry.level] += w * i.degree
        den[i.entry.level] += w
    return {lvl: (100 * num[lvl] / den[lvl] if den[lvl] else None) for lvl in _LEVELS}


def goal_result(
    goal: Goal,
    items: list[Item],
    audited: dt.date,
    by_level: dict[Level, float | None] | None = None,
) -> GoalResult:
    """Actual coverage and state of ``goal`` at the audit date."""
    if goal.level is not None and by_level is not None:
        actual = by_level[goal.level]
    else:
        actual = coverage(i for i in items if measures(goal, i))
    return GoalResult(
        level=goal.level.value if goal.level else None,
        services=list(goal.services) if goal.services is not None else None,
        min=goal.min,
        by=goal.by,
        actual=actual,
        state=goal_state(goal, actual, audited),
    )


def goal_state(goal: Goal, actual: float | None, audited: dt.date) -> GoalState:
    """erreicht, else laeuft (deadline after the audit), else verfehlt or ueberfaellig."""
    if actual is None or actual + EPSILON >= goal.min:
        return GoalState.ERREICHT
    if goal.by is None:
        return GoalState.VERFEHLT
    return GoalState.LAEUFT if goal.by > audited else GoalState.UEBERFAELLIG


def ampel(knockouts: list[str], goals: list[GoalResult]) -> Ampel:
    """rot on an unmet knock-out or a missed Muss goal; gelb on any missed goal."""
    muss_missed = any(
        g.level == Level.MUSS.value and g.services is None and g.state is not GoalState.ERREICHT
        for g in goals
    )
    if knockouts or muss_missed:
        return Ampel.ROT
    if any(g.state in _FAILED for g in goals):
        return Ampel.GELB
    return Ampel.GRUEN


_LEVEL_RANK = {lvl.value: lvl.rank for lvl in Level}
_STATUS_VALUE = {s: s.value for s in Status}


def _gap(item: Item, total: float) -> Gap:
    e = item.entry
    svc = e.svc
    # positional: this runs for every gap of every customer
    return Gap(
        svc.id, svc.name, e.level_value, e.nominal_value, e.competition_value, e.knockout,
        _STATUS_VALUE[item.status], item.degree,
        100 * e.big_w * svc.weight * (1 - item.degree) / total,
        svc.effort, svc.action, item.expired,
    )


def gap_order(gap: Gap) -> tuple[bool, int, float, str]:
    """Knock-outs, then Muss > Soll > Kann, then gain (desc), then id."""
    return (not gap.knockout, _LEVEL_RANK[gap.level], -tie(gap.gain), gap.service)
