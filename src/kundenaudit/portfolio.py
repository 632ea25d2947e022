"""Aggregation over many scored customers: totals, most frequent gaps, heat-map, value at risk."""

from __future__ import annotations

from collections import Counter, defaultdict

from kundenaudit.catalog import Catalog
from kundenaudit.results import CustomerScore, Portfolio, SegmentSummary, TopGap
from kundenaudit.words import Ampel, Level

_RANK = {lvl.value: lvl.rank for lvl in Level}


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def aggregate(cat: Catalog, scores: list[CustomerScore], top: int = 10) -> Portfolio:
    """Totals by Ampel and segment, the most frequent gaps, the heat-map, value at risk."""
    by_segment: dict[str, list[CustomerScore]] = defaultdict(list)
    for s in scores:
        by_segment[s.segment].append(s)
    segments = {
        seg: SegmentSummary(len(members), _mean([m.index for m in members if m.index is not None]))
        for seg, members in sorted(by_segment.items())
    }
    status = Counter(s.status.value for s in scores)
    red_values = [s.value for s in scores if s.status is Ampel.ROT and s.value is not None]
    any_value = any(s.value is not None for s in scores)
    return Portfolio(
        customers=len(scores),
        status={a.value: status.get(a.value, 0) for a in Ampel},
        index_mean=_mean([s.index for s in scores if s.index is not None]),
        segments=segments,
        top_gaps=top_gaps(cat, scores, top),
        heatmap=heatmap(cat, by_segment),
        value_at_risk=sum(red_values) if any_value else None,
    )


def top_gaps(cat: Catalog, scores: list[CustomerScore], top: int) -> list[TopGap]:
    """Services missing at the most customers (ties: id), with the value of those customers.

    A service's level is the most severe effective level it has at an affected customer."""
    count: Counter[str] = Counter()
    value: dict[str, float] = defaultdict(float)
    level: dict[str, str] = {}
    any_value = any(s.value is not None for s in scores)
    for s in scores:
        for gap in s.gaps:
            count[gap.service] += 1
            value[gap.service] += s.value or 0.0
            current = level.get(gap.service)
            if current is None or _RANK[gap.level] < _RANK[current]:
                level[gap.service] = gap.level
    ranked = sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    n = len(scores)
    return [
        TopGap(
            service=sid,
            customers=c,
            share=100 * c / n,
            name=cat.services[sid].name,
            level=level[sid],
            value=value[sid] if any_value else None,
        )
        for sid, c in ranked
    ]


def heatmap(
    cat: Catalog, by_segment: dict[str, list[CustomerScore]]
) -> dict[str, dict[str, float | None]]:
    """Per segment and service: mean degree (in %) over the customers it applies to.

    Counted from the gaps and exemptions alone: every other applicable service is fulfilled.
    """
    result: dict[str, dict[str, float | None]] = {}
    for seg, members in sorted(by_segment.items()):
        exempt: Counter[str] = Counter()
        missing: dict[str, float] = defaultdict(float)  # summed (1 - degree) of the gaps
        for m in members:
            exempt.update(m.exempt)
            for gap in m.gaps:
                missing[gap.service] += 1 - gap.degree
        levels = cat.segments[seg].levels
        row: dict[str, float | None] = {}
        for sid in cat.services:
            applies = len(members) - exempt[sid] if levels[sid] is not None else 0
            row[sid] = 100 * (applies - missing[sid]) / applies if applies else None
        result[seg] = row
    return result


__all__ = ["aggregate", "heatmap", "top_gaps"]
