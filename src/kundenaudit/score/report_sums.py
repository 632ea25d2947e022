"""Sums of the report (SPEC §7) over the same scorecards the portfolio aggregates.

Nothing is scored again here: every figure is a count, sum or mean of CustomerScore fields,
so the report shows what `score --format json` says, grouped the way its charts need.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.record import Record
from kundenaudit.model.report import ActionSums, CardNote, GoalSums, ReportSums, SegmentSums
from kundenaudit.model.results import CustomerScore
from kundenaudit.model.vocabulary import Ampel, GoalState, Level, Status

ACTIONS = 3  # recommended actions in the summary
_STATES = tuple(GoalState)
_AMPELS = tuple(Ampel)


def report_sums(cat: Catalog, scores: list[CustomerScore]) -> ReportSums:
    """Everything the report's summary and portfolio charts show beyond the JSON portfolio."""
    with_value = [s for s in scores if s.value is not None]
    gap_count: Counter[str] = Counter()
    gap_value: defaultdict[str, list[float]] = defaultdict(list)
    muss_gaps: Counter[str] = Counter()
    red_ko: defaultdict[str, list[str]] = defaultdict(list)
    for s in scores:
        for g in s.gaps:
            gap_count[g.service] += 1
            if s.value is not None:
                gap_value[g.service].append(s.value)
            if g.level is Level.MUSS:
                muss_gaps[g.service] += 1
        if s.status is Ampel.ROT:
            for sid in s.knockouts:
                red_ko[sid].append(s.id)
    by_value = sorted(
        ((sid, math.fsum(v)) for sid, v in gap_value.items()), key=lambda kv: (-kv[1], kv[0])
    )
    audited = [s.audited for s in scores]
    return ReportSums(
        value_by_status=_value_by_status(with_value) if with_value else None,
        audited_first=min(audited, default=None),
        audited_last=max(audited, default=None),
        gap_total=sum(gap_count.values()),
        gap_value_total=math.fsum(v for _, v in by_value) if with_value else None,
        gaps_by_value=by_value[:10],
        red_knockouts=sorted(red_ko.items(), key=lambda kv: (-len(kv[1]), kv[0])),
        actions=_actions(cat, muss_gaps),
        segments=_segments(cat, scores, bool(with_value)),
    )


def _value_by_status(scores: list[CustomerScore]) -> dict[Ampel, float]:
    values: dict[Ampel, list[float]] = {a: [] for a in _AMPELS}
    for s in scores:
        values[s.status].append(s.value or 0.0)
    return {a: math.fsum(v) for a, v in values.items()}


def _actions(cat: Catalog, muss_gaps: Counter[str]) -> list[ActionSums]:
    """The most frequent Muss gaps (ties: id) with the catalog's action."""
    ranked = sorted(muss_gaps.items(), key=lambda kv: (-kv[1], kv[0]))[:ACTIONS]
    return [
        ActionSums(
            service=sid, name=cat.services[sid].name, customers=n, action=cat.services[sid].action
        )
        for sid, n in ranked
    ]


def _segments(cat: Catalog, scores: list[CustomerScore], any_value: bool) -> dict[str, SegmentSums]:
    grouped: defaultdict[str, list[CustomerScore]] = defaultdict(list)
    for s in scores:
        grouped[s.segment].append(s)
    return {seg: _segment(cat, seg, grouped[seg], any_value) for seg in sorted(grouped)}


def _segment(cat: Catalog, seg: str, scores: list[CustomerScore], any_value: bool) -> SegmentSums:
    status = dict.fromkeys(_AMPELS, 0)
    histogram = [0] * 10
    red: list[float] = []
    for s in scores:
        status[s.status] += 1
        if s.index is not None:
            histogram[min(int(s.index // 10), 9)] += 1
        if s.status is Ampel.ROT and s.value is not None:
            red.append(s.value)
    return SegmentSums(
        status=status,
        value_at_risk=math.fsum(red) if any_value else None,
        histogram=histogram,
        goals=_goals(cat, seg, scores),
    )


def _goals(cat: Catalog, seg: str, scores: list[CustomerScore]) -> list[GoalSums]:
    """Each goal of the segment, in catalog order: mean actual and customers per state."""
    sums = [
        GoalSums(
            level=g.level,
            services=g.services,
            min=g.min,
            by=g.by,
            states=dict.fromkeys(_STATES, 0),
        )
        for g in cat.segments[seg].goals
    ]
    actuals: list[list[float]] = [[] for _ in sums]
    for s in scores:
        for i, (gs, gr) in enumerate(zip(sums, s.goals, strict=True)):
            gs.customers += 1
            gs.states[gr.state] += 1
            if gr.actual is not None:
                actuals[i].append(gr.actual)
    for gs, values in zip(sums, actuals, strict=True):
        gs.measured = len(values)
        gs.actual_mean = math.fsum(values) / len(values) if values else None
    return sums


def card_notes(rec: Record) -> dict[str, CardNote]:
    """The notes and exemption reasons of a record's services, for its card."""
    out: dict[str, CardNote] = {}
    for sid, d in rec.services.items():
        note = getattr(d, "note", None)
        if d.status is Status.ENTBEHRLICH or note:
            out[sid] = CardNote(note=note, reason=d.reason, until=d.until)
    return out
