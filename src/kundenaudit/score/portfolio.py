"""Aggregation over many scored customers: totals, most frequent gaps, heat-map, value at risk.

The sums are collected in an :class:`Accumulator` that can be merged with another one, so parts
of a portfolio scored apart (in worker processes) aggregate to exactly what one pass gives: every
float sum is exact until it is rounded once at the end (score/exact.py), so it is what
``math.fsum`` gives over all the terms, whatever their order, and it takes a few floats however
many customers are counted in.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.results import CustomerScore, Gap, Portfolio, SegmentSummary, TopGap
from kundenaudit.model.vocabulary import Ampel, Level
from kundenaudit.score.exact import FOLD, ExactSum
from kundenaudit.score.metrics import MetricSums
from kundenaudit.score.resolved import entries

_RANK = {lvl: lvl.rank for lvl in Level}
_ROT = Ampel.ROT


@dataclass(slots=True, kw_only=True, eq=False)
class _Segment:
    """The sums of one segment's customers."""

    customers: int = 0
    indexes: ExactSum = field(default_factory=ExactSum)
    exempt: Counter[str] = field(default_factory=Counter)
    gaps: Counter[str] = field(default_factory=Counter)  # customers with a gap, per service
    degrees: defaultdict[str, ExactSum] = field(default_factory=lambda: defaultdict(ExactSum))
    # ^ the degrees of partial gaps (> 0), per service
    exempt_sids: list[str] = field(default_factory=list)  # not yet counted into exempt
    gap_sids: list[str] = field(default_factory=list)  # not yet counted into gaps

    def merge(self, other: _Segment) -> None:
        other.fold()
        self.customers += other.customers
        self.indexes.merge(other.indexes)
        self.exempt.update(other.exempt)
        self.gaps.update(other.gaps)
        for sid, degrees in other.degrees.items():
            self.degrees[sid].merge(degrees)

    def fold(self) -> None:
        """Count the buffered services in and fold the sums (one Counter.update per batch
        costs less than one per customer)."""
        self.exempt.update(self.exempt_sids)
        self.exempt_sids.clear()
        self.gaps.update(self.gap_sids)
        self.gap_sids.clear()
        self.indexes.fold()
        for degrees in self.degrees.values():
            degrees.fold()

    def missing(self, sid: str) -> float:
        """Summed (1 - degree) of the segment's gaps of ``sid``."""
        degrees = self.degrees.get(sid)
        rest = [-d for d in degrees.parts()] if degrees is not None else []
        return math.fsum([self.gaps[sid], *rest])


@dataclass(slots=True, kw_only=True, eq=False)
class Accumulator:
    """Everything the portfolio view needs, collected customer by customer. Its size does not
    grow with the customers: the sums' buffers are folded every FOLD customers."""

    customers: int = 0
    status: Counter[Ampel] = field(default_factory=Counter)
    segments: dict[str, _Segment] = field(default_factory=dict)
    gap_values: defaultdict[str, ExactSum] = field(default_factory=lambda: defaultdict(ExactSum))
    any_value: bool = False
    red_values: ExactSum = field(default_factory=ExactSum)
    metrics: MetricSums = field(default_factory=MetricSums)  # metric goals and costs
    _unfolded: int = 0  # customers added since the last fold

    def add(self, s: CustomerScore) -> None:
        """Count one scorecard in."""
        if s.kpis or s.metric_goals or s.cost_to_green is not None:
            self.metrics.add(s, s.status is _ROT)
        self.customers += 1
        self.status[s.status] += 1
        seg = self.segments.get(s.segment)
        if seg is None:
            seg = self.segments[s.segment] = _Segment()
        seg.customers += 1
        if s.index is not None:
            seg.indexes.terms.append(s.index)
        if s.exempt:
            seg.exempt_sids += s.exempt
        value = s.value
        if value is not None:
            self.any_value = True
            if s.status is _ROT:
                self.red_values.terms.append(value)
        self._unfolded += 1
        if self._unfolded >= FOLD:
            self.fold()
        if s.gaps:
            self._add_gaps(seg, s.gaps, value)

    def _add_gaps(self, seg: _Segment, gaps: list[Gap], value: float | None) -> None:
        """Count a customer's gaps in: their services, degrees and the customer's value."""
        sids, degrees, values = seg.gap_sids, seg.degrees, self.gap_values
        for g in gaps:  # one loop: this runs for every gap
            sid = g.service
            sids.append(sid)
            if value is not None:
                values[sid].terms.append(value)
            if g.degree:
                degrees[sid].terms.append(g.degree)

    def fold(self) -> None:
        """Fold every sum's buffered terms in (the sums stay exact)."""
        self._unfolded = 0
        for seg in self.segments.values():
            seg.fold()
        for values in self.gap_values.values():
            values.fold()
        self.red_values.fold()
        self.metrics.fold()

    def merge(self, other: Accumulator) -> None:
        """Add the sums of customers counted elsewhere."""
        other.fold()
        self.customers += other.customers
        self.status.update(other.status)
        for name, seg in other.segments.items():
            mine = self.segments.get(name)
            if mine is None:
                self.segments[name] = seg
            else:
                mine.merge(seg)
        for sid, values in other.gap_values.items():
            self.gap_values[sid].merge(values)
        self.any_value = self.any_value or other.any_value
        self.red_values.merge(other.red_values)
        self.metrics.merge(other.metrics)

    def result(self, cat: Catalog, top: int = 10) -> Portfolio:
        """The portfolio aggregates."""
        self.fold()
        ordered = sorted(self.segments.items())
        indexes = ExactSum()
        for _, seg in ordered:
            indexes.merge(seg.indexes)
        return Portfolio(
            customers=self.customers,
            status={a: self.status.get(a, 0) for a in Ampel},
            index_mean=indexes.mean(),
            segments={
                name: SegmentSummary(seg.customers, seg.indexes.mean()) for name, seg in ordered
            },
            top_gaps=self._top_gaps(cat, top),
            heatmap={name: _heat_row(cat, name, seg) for name, seg in ordered},
            value_at_risk=self.red_values.total() if self.any_value else None,
            metrics=self.metrics.summary(cat),
            cost_to_green_red=self.metrics.red_cost_to_green(),
        )

    def _top_gaps(self, cat: Catalog, top: int) -> list[TopGap]:
        """Services missing at the most customers (ties: id), with the value of those customers.

        A service's level is the most severe effective level it has at an affected customer:
        the most severe of its levels in the segments where it is missing."""
        count: Counter[str] = Counter()
        level: dict[str, Level] = {}
        for name, seg in self.segments.items():
            count.update(seg.gaps)
            levels = {e.sid: e.level for e in entries(cat, name)}
            for sid in seg.gaps:
                lvl = levels[sid]
                if sid not in level or _RANK[lvl] < _RANK[level[sid]]:
                    level[sid] = lvl
        ranked = sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        return [
            TopGap(
                service=sid,
                customers=c,
                share=100 * c / self.customers,
                name=cat.services[sid].name,
                level=level[sid],
                value=_total(self.gap_values.get(sid)) if self.any_value else None,
            )
            for sid, c in ranked
        ]


def _heat_row(cat: Catalog, name: str, seg: _Segment) -> dict[str, float | None]:
    """Per service: mean degree (in %) over the segment's customers it applies to.

    Counted from the gaps and exemptions alone: every other applicable service is fulfilled.
    """
    levels = cat.segments[name].levels
    row: dict[str, float | None] = {}
    for sid in sorted(cat.services):
        applies = seg.customers - seg.exempt[sid] if levels[sid] is not None else 0
        row[sid] = 100 * (applies - seg.missing(sid)) / applies if applies else None
    return row


def _total(values: ExactSum | None) -> float:
    return values.total() if values is not None else 0.0


__all__ = ["Accumulator"]
