"""Pure scoring of one customer against a catalog (SPEC §3)."""

from __future__ import annotations

import datetime as dt

from kundenaudit.catalog import Catalog, Goal, Segment, effective_level
from kundenaudit.delivery import Record, degree_of
from kundenaudit.plan import next_steps
from kundenaudit.results import CustomerScore, Gap, GoalResult
from kundenaudit.scoreitems import EPSILON, Item, coverage, measures, tie
from kundenaudit.words import Ampel, Competition, GoalState, Level, Status

_FAILED = (GoalState.VERFEHLT, GoalState.UEBERFAELLIG)


def score_customer(
    cat: Catalog, rec: Record, today: dt.date, segment: str | None = None
) -> CustomerScore:
    """The scorecard of ``rec`` in its segment (or ``segment``)."""
    seg = cat.segments[segment or rec.segment or ""]
    audited = rec.audited or today
    items, counts, expired, exempt = applicable(cat, seg, rec, audited)
    total = sum(i.big_w * i.svc.weight for i in items)
    goals = [goal_result(g, items, audited) for g in seg.goals]
    gaps = sorted((_gap(i, total) for i in items if i.degree < 1), key=gap_order)
    knockouts = [g.service for g in gaps if g.knockout]
    status = ampel(knockouts, goals)
    steps = [] if status is Ampel.GRUEN else next_steps(gaps, items, seg.goals, goals)
    return CustomerScore(
        id=rec.id,
        name=rec.name,
        segment=seg.id,
        audited=audited,
        status=status,
        index=None
        if not items
        else 100 * sum(i.big_w * i.svc.weight * i.degree for i in items) / total,
        coverage={lvl.value: coverage(i for i in items if i.level is lvl) for lvl in Level},
        counts=counts,
        knockouts=knockouts,
        goals=goals,
        gaps=gaps,
        next_steps=steps,
        differentiators=[
            i.svc.id for i in items if i.degree >= 1 and i.svc.competition is Competition.NONE
        ],
        expired=expired,
        exempt=exempt,
        segment_name=seg.name,
        manager=rec.manager,
        value=rec.value,
    )


def applicable(
    cat: Catalog, seg: Segment, rec: Record, audited: dt.date
) -> tuple[list[Item], dict[str, int], list[str], list[str]]:
    """Applicable services, status counts over the segment, expired and valid exemptions."""
    counts = dict.fromkeys((s.value for s in Status), 0)
    items: list[Item] = []
    expired: list[str] = []
    exempt: list[str] = []
    for sid, svc in cat.services.items():
        nominal = seg.levels[sid]
        if nominal is None:
            continue
        delivery = rec.services.get(sid)
        status = delivery.status if delivery is not None else Status.OFFEN
        lapsed = False
        if status is Status.ENTBEHRLICH:
            until = delivery.until if delivery is not None else None
            if until is None or until >= audited:
                counts[status.value] += 1
                exempt.append(sid)
                continue
            lapsed, status = True, Status.OFFEN
            expired.append(sid)
        counts[status.value] += 1
        degree = degree_of(delivery) if delivery is not None and not lapsed else 0.0
        level = effective_level(svc, nominal)
        items.append(Item(svc, level, nominal, status, degree, cat.level_weight(level), lapsed))
    return items, counts, expired, exempt


def goal_result(goal: Goal, items: list[Item], audited: dt.date) -> GoalResult:
    """Actual coverage and state of ``goal`` at the audit date."""
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


def _gap(item: Item, total: float) -> Gap:
    svc = item.svc
    return Gap(
        service=svc.id,
        name=svc.name,
        level=item.level.value,
        nominal_level=item.nominal.value,
        competition=svc.competition.value if svc.competition else None,
        knockout=item.knockout,
        status=item.status.value,
        degree=item.degree,
        gain=100 * item.big_w * svc.weight * (1 - item.degree) / total,
        effort=svc.effort,
        action=svc.action,
        expired=item.expired,
    )


def gap_order(gap: Gap) -> tuple[bool, int, float, str]:
    """Knock-outs, then Muss > Soll > Kann, then gain (desc), then id."""
    return (not gap.knockout, Level(gap.level).rank, -tie(gap.gain), gap.service)
