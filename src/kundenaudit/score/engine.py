"""Pure scoring of one customer against a catalog (SPEC §3)."""

from __future__ import annotations

import datetime as dt
from math import fsum
from operator import attrgetter

from kundenaudit.model.catalog import Catalog, Goal
from kundenaudit.model.record import Record
from kundenaudit.model.results import CustomerScore, Gap, GoalResult
from kundenaudit.model.vocabulary import Ampel, Level, Status
from kundenaudit.score import metrics, rules
from kundenaudit.score.entries import SegmentEntries
from kundenaudit.score.items import Effect
from kundenaudit.score.plan import next_steps
from kundenaudit.score.resolved import segment_entries
from kundenaudit.score.tally import Tally, actual

_LEVELS = tuple(Level)  # iterating an Enum class is slow; a tuple is not
_STATUSES = tuple(Status)


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
        next_steps=(
            [] if status is Ampel.GRUEN else next_steps(gaps, knockouts, tally, seg.goals, goals)
        ),
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
    applying = segment_entries(cat, segment)
    tally = Tally(counts=dict.fromkeys(_STATUSES, 0), degrees={} if by_services else None)
    counts, open_items, by_rank = tally.counts, tally.open, tally.open_by_rank
    terms: tuple[list[float], list[float], list[float]] = ([], [], [])  # w*d > 0, by rank
    exempt: list[Effect] = []
    delivered = rec.services.get
    rows = applying.rows
    try:  # in id order, so nothing depends on the file's order
        effects = [rows[id(delivered(sid))][i] for i, sid in applying.places]
    except KeyError:  # a delivery not met before, or an exemption until a date
        effects = _effects(applying, rec, audited, tally.expired)
    for effect in effects:
        counts[effect.status] += 1
        item = effect.item
        if item is not None:
            open_items.append(item)
            by_rank[effect.rank].append(item)
        elif effect.differentiator:
            tally.differentiators.append(effect.differentiator)
        elif effect.exempt:
            exempt.append(effect)
        if effect.term:
            terms[effect.rank].append(effect.term)
    degrees = tally.degrees
    if degrees is not None:
        for sid, effect in zip(applying.sids, effects, strict=True):
            if effect.wd is not None:
                degrees[sid] = effect.wd
    tally.num = num = [fsum(terms[0]), fsum(terms[1]), fsum(terms[2])]
    if exempt:
        tally.exempt = [e.exempt for e in exempt if e.exempt]
        tally.den = den = applying.den_without(exempt)
    else:
        tally.den = den = applying.den
    w0, w1, w2 = applying.big_w  # W is one per level, so sum(W*w*d) is:
    tally.achieved = fsum([w0 * num[0], w1 * num[1], w2 * num[2]])
    tally.total = fsum([w0 * den[0], w1 * den[1], w2 * den[2]])
    return tally


def _effects(
    applying: SegmentEntries, rec: Record, audited: dt.date, expired: list[str]
) -> list[Effect]:
    """Each entry's effect, where some deliveries have no row yet (made here while there is
    room); an exemption until a date is decided at ``audited``, the expired ones noted."""
    effects = []
    delivered = rec.services.get
    for i, entry in enumerate(applying.entries):
        delivery = delivered(entry.sid)
        row = applying.row(delivery)
        if row is not None:
            effects.append(row[i])
            continue
        if delivery is None:
            effects.append(entry.missing)
            continue
        effect = entry.effect(delivery)
        until = effect.until
        if until is not None:
            if until >= audited:  # rules.exemption_valid, inlined
                effect = entry.exempt
            else:
                effect = entry.expired
                expired.append(entry.sid)
        effects.append(effect)
    return effects


def goal_result(goal: Goal, tally: Tally, audited: dt.date) -> GoalResult:
    """Actual coverage and state of ``goal`` at the audit date."""
    services = goal.services
    if services is None:  # tally.actual for a level, without its calls: this runs per customer
        rank = _RANK[goal.level]
        den = tally.den[rank]
        measured = 100 * tally.num[rank] / den if den else None
    else:
        measured = actual(goal, tally)
    return GoalResult(
        level=goal.level,
        services=None if services is None else list(services),
        min=goal.min,
        by=goal.by,
        actual=measured,
        state=rules.goal_state(measured, goal.min, goal.by, audited),
    )


_RANK: dict[Level | None, int] = {level: level.rank for level in Level}


def _gaps(tally: Tally) -> list[Gap]:
    """Gaps in SPEC order: knock-outs, then Muss > Soll > Kann, then gain (desc), then id.

    Customers with the same sum(W*w) share their gaps of the same status and degree."""
    scale = 100 / tally.total if tally.total else 0.0
    items = sorted(tally.open, key=_GAP_KEY)  # keys are unique: they end with the position
    return [item.gaps.get(scale) or item.gap(scale) for item in items]


_GAP_KEY = attrgetter("gap_key")
