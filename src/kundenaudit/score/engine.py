"""Pure scoring of one customer against a catalog (SPEC §3)."""

from __future__ import annotations

import datetime as dt
from math import fsum

from kundenaudit.model.catalog import Catalog, Goal
from kundenaudit.model.record import Record
from kundenaudit.model.results import CustomerScore, Gap, GoalResult
from kundenaudit.model.vocabulary import Ampel, Level, Status
from kundenaudit.score import metrics, rules
from kundenaudit.score.entries import Tally, actual, segment_entries
from kundenaudit.score.plan import next_steps
from kundenaudit.score.rules import DEFAULT_DEGREE

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
    by_services = any(g.services is not None for g in seg.goals)
    tally = applicable(cat, seg.id, rec, audited, by_services)
    goals = [goal_result(g, tally, audited) for g in seg.goals]
    gaps = _gaps(tally)
    knockouts = [g.service for g in gaps if g.knockout]
    status = rules.ampel(bool(knockouts), goals)
    score = CustomerScore(
        id=rec.id,
        name=rec.name,
        segment=seg.id,
        audited=audited,
        status=status,
        index=100 * tally.achieved / tally.total if tally.applicable else None,
        coverage=_coverage(tally.num, tally.den),
        counts=tally.counts,
        knockouts=knockouts,
        goals=goals,
        gaps=gaps,
        next_steps=[] if status is Ampel.GRUEN else next_steps(gaps, tally, seg.goals, goals),
        differentiators=tally.differentiators,
        expired=tally.expired,
        exempt=tally.exempt,
        segment_name=seg.name,
        manager=rec.manager,
        value=rec.value,
    )
    return metrics.extend(cat, seg, rec.kpis, audited, score)


def _coverage(num: list[float], den: list[float]) -> dict[Level, float | None]:
    """Coverage per level in percent, None where nothing of the level applies."""
    muss, soll, kann = _LEVELS
    return {
        muss: 100 * num[0] / den[0] if den[0] else None,
        soll: 100 * num[1] / den[1] if den[1] else None,
        kann: 100 * num[2] / den[2] if den[2] else None,
    }


def applicable(
    cat: Catalog, segment: str, rec: Record, audited: dt.date, by_services: bool = True
) -> Tally:
    """One pass over the segment's services: sums, gaps, counts, exemptions, differentiators.

    ``by_services`` keeps every applicable service's (w, d) for goals over listed services.
    """
    tally = Tally(counts=dict.fromkeys(_STATUSES, 0), degrees={} if by_services else None)
    counts, open_items, degrees = tally.counts, tally.open, tally.degrees
    terms: tuple[list[float], list[float], list[float]] = ([], [], [])  # w*d > 0, by rank
    delivered = rec.services.get
    applying = segment_entries(cat, segment)
    for entry in applying.entries:  # in id order, so nothing depends on the file's order
        delivery = delivered(entry.sid)
        expired = False
        shared = None  # the entry's shared item for this status and degree, if it has one
        if delivery is None:
            status, degree, shared = _OFFEN, 0.0, entry.offen_item
        else:
            status = delivery.status
            if status is _ERFUELLT:
                degree = 1.0
            elif status is _TEILWEISE:
                given = delivery.degree
                degree = DEFAULT_DEGREE if given is None else given
                shared = entry.teilweise_item if given is None else entry.partial_item(given)
            elif status is _ENTBEHRLICH:
                until = delivery.until
                if until is None or until >= audited:  # rules.exemption_valid, inlined
                    counts[status] += 1
                    tally.exempt.append(entry.sid)
                    continue
                status, degree, expired = _OFFEN, 0.0, True
                tally.expired.append(entry.sid)
            else:
                degree = 0.0
                shared = entry.offen_item if status is _OFFEN else entry.nicht_item
        counts[status] += 1
        if degrees is not None:
            degrees[entry.sid] = (entry.w, degree)
        if degree < 1:
            open_items.append(shared or entry.item(status, degree, expired))
        elif entry.differentiator:
            tally.differentiators.append(entry.sid)
        if degree:
            terms[entry.rank].append(entry.w * degree)
    tally.num = [fsum(terms[0]), fsum(terms[1]), fsum(terms[2])]
    tally.den = den = applying.den_without(tally.exempt) if tally.exempt else applying.den
    num, (w0, w1, w2) = tally.num, applying.big_w  # W is one per level, so sum(W*w*d) is:
    tally.achieved = fsum([w0 * num[0], w1 * num[1], w2 * num[2]])
    tally.total = fsum([w0 * den[0], w1 * den[1], w2 * den[2]])
    return tally


def goal_result(goal: Goal, tally: Tally, audited: dt.date) -> GoalResult:
    """Actual coverage and state of ``goal`` at the audit date."""
    measured = actual(goal, tally)
    return GoalResult(
        level=goal.level,
        services=list(goal.services) if goal.services is not None else None,
        min=goal.min,
        by=goal.by,
        actual=measured,
        state=rules.goal_state(measured, goal.min, goal.by, audited),
    )


def _gaps(tally: Tally) -> list[Gap]:
    """Gaps in SPEC order: knock-outs, then Muss > Soll > Kann, then gain (desc), then id."""
    keyed = []
    scale = 100 / tally.total if tally.total else 0.0
    for item in tally.open:
        e = item.entry
        svc = e.svc
        gain = scale * e.ww * (1 - item.degree)
        gap = Gap(  # positional: this runs for every gap of every customer
            e.sid,
            svc.name,
            svc.ref,
            e.level,
            e.nominal,
            svc.competition,
            e.knockout,
            item.status,
            item.degree,
            gain,
            svc.effort,
            svc.action,
            item.expired,
        )
        keyed.append((item.gap_key, gap))
    keyed.sort()  # keys are unique (they end with the service's position), Gaps never compared
    return [gap for _, gap in keyed]
