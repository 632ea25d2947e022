"""Metric goals (SPEC §3.1): their catalog checks, resolution, per-customer states and sums.

Metric goals measure what a customer earns or feels (kpis), not what is delivered: they have
their own results and never change the Ampel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kundenaudit.model.catalog import Catalog, MetricGoal, Segment
from kundenaudit.model.errors import Problem
from kundenaudit.model.results import CustomerScore, MetricGoalResult, MetricSummary
from kundenaudit.model.suggest import did_you_mean
from kundenaudit.model.vocabulary import Better, GoalState
from kundenaudit.score.costs import with_costs
from kundenaudit.score.exact import ExactSum
from kundenaudit.score.rules import goal_failed, unmet_state

if TYPE_CHECKING:
    from kundenaudit.model.catalog_mirror import AnyGoal, AnySegment, CatalogSpec


def check(cf: CatalogSpec) -> Iterator[Problem]:
    """Metric ids unique and known; `target` only on metric goals, `min` only on coverage
    goals; no two goals of one segment on the same metric; at most one margin metric."""
    seen: set[str] = set()
    for i, m in enumerate(cf.metrics):
        if m.id in seen:
            yield Problem(
                loc=("metrics", i, "id"),
                message=f"duplicate metric id '{m.id}'",
                rule="duplicate-id",
            )
        seen.add(m.id)
    margins = [i for i, m in enumerate(cf.metrics) if m.margin]
    for i in margins[1:]:
        yield Problem(
            loc=("metrics", i, "margin"),
            message=f"only one metric can be the margin; '{cf.metrics[margins[0]].id}' already is",
            rule="duplicate-margin",
        )
    for i, seg in enumerate(cf.segments):
        yield from _segment_goals(i, seg, seen)


def _segment_goals(i: int, seg: AnySegment, metrics: set[str]) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for j, g in enumerate(seg.goals):
        at = ("segments", i, "goals", j)
        if g.metric is None:
            yield from _coverage_goal(at, g, seg.id)
            continue
        if g.metric not in metrics:
            yield Problem(
                loc=(*at, "metric"),
                message=f"unknown metric '{g.metric}'{did_you_mean(g.metric, metrics)}"
                + ("" if metrics else " (declare it under 'metrics:')"),
                rule="unknown-metric",
                key=seg.id,
            )
        if g.min is not None:
            yield Problem(
                loc=(*at, "min"),
                message="a metric goal has 'target', not 'min' ('min' is a coverage in percent)",
                rule="goal-min-on-metric",
                key=seg.id,
            )
        elif g.target is None:
            yield Problem(
                loc=at, message="a metric goal needs a 'target'", rule="goal-no-target", key=seg.id
            )
        if g.metric in first:
            yield Problem(
                loc=(*at, "metric"),
                message=f"segment '{seg.id}' has two goals on metric '{g.metric}' "
                f"(goals {first[g.metric] + 1} and {j + 1})",
                rule="duplicate-goal",
                key=seg.id,
            )
        first.setdefault(g.metric, j)


def _coverage_goal(at: tuple[str | int, ...], g: AnyGoal, seg_id: str) -> Iterator[Problem]:
    if g.target is not None:
        yield Problem(
            loc=(*at, "target"),
            message="a coverage goal has 'min' (percent), not 'target' "
            "('target' is for metric goals)",
            rule="goal-target-on-coverage",
            key=seg_id,
        )
    elif g.min is None:
        yield Problem(
            loc=at, message="a coverage goal needs 'min' (percent)", rule="goal-no-min", key=seg_id
        )


def resolve(
    goals_by_segment: Mapping[str, Sequence[AnyGoal]], chain: list[str]
) -> tuple[MetricGoal, ...]:
    """The metric goals of the segment ``chain[0]``: inherited along ``chain`` (segment
    first), a segment's own goal replacing an inherited one on the same metric."""
    goals: dict[str, MetricGoal] = {}
    for ancestor in reversed(chain):
        for g in goals_by_segment[ancestor]:
            if g.metric is not None and g.target is not None:
                goals[g.metric] = MetricGoal(g.metric, g.target, g.by)
    return tuple(goals.values())


def goal_state(
    goal: MetricGoal, better: Better, actual: float | None, audited: dt.date
) -> GoalState:
    """ohne_wert without a value; erreicht when the value is at the target or better; else
    laeuft before the deadline, verfehlt (standing) or ueberfaellig."""
    if actual is None:
        return GoalState.OHNE_WERT
    met = actual <= goal.target if better is Better.LOWER else actual >= goal.target
    return GoalState.ERREICHT if met else unmet_state(goal.by, audited)


def missed_metric_goals(s: CustomerScore) -> str | None:
    """``K-2: deckungsbeitrag verfehlt``: the metric goals that ``--fail-on-goal`` fails on
    (verfehlt or ueberfaellig), or None when the customer missed none."""
    missed = [f"{g.metric} {g.state.value}" for g in s.metric_goals if goal_failed(g.state)]
    return f"{s.id}: {', '.join(missed)}" if missed else None


def results(
    cat: Catalog, seg: Segment, kpis: Mapping[str, float] | None, audited: dt.date
) -> list[MetricGoalResult]:
    """The segment's metric goals against the customer's ``kpis``."""
    metrics = cat.metrics
    values = kpis or {}
    out = []
    for g in seg.metric_goals:
        actual = values.get(g.metric)
        state = goal_state(g, metrics[g.metric].better, actual, audited)
        out.append(
            MetricGoalResult(metric=g.metric, target=g.target, by=g.by, actual=actual, state=state)
        )
    return out


def extend(
    cat: Catalog,
    seg: Segment,
    kpis: Mapping[str, float] | None,
    audited: dt.date,
    score: CustomerScore,
) -> CustomerScore:
    """``score`` with its metric goals and costs filled in (nothing to do for most catalogs)."""
    if kpis:
        score.kpis = dict(kpis)
    if seg.metric_goals:
        score.metric_goals = results(cat, seg, kpis, audited)
    return with_costs(cat, seg.id, score)


@dataclass(slots=True, eq=False)
class _Sums:
    """One metric over one segment's customers."""

    values: ExactSum = field(default_factory=ExactSum)
    with_goal: int = 0  # customers with a value that the segment has a goal for
    met: int = 0

    def merge(self, other: _Sums) -> None:
        self.values.merge(other.values)
        self.with_goal += other.with_goal
        self.met += other.met


@dataclass(slots=True, eq=False)
class MetricSums:
    """Per segment and metric: values, and how many met the segment's target."""

    sums: dict[tuple[str, str], _Sums] = field(default_factory=dict)
    any_cost: bool = False
    red_cost: ExactSum = field(default_factory=ExactSum)  # cost_to_green of red customers

    def add(self, s: CustomerScore, red: bool) -> None:
        """Count one scorecard in."""
        if s.cost_to_green is not None:
            self.any_cost = True
            if red:
                self.red_cost.terms.append(s.cost_to_green)
        for mid, value in (s.kpis or {}).items():
            self._at(s.segment, mid).values.terms.append(value)
        for g in s.metric_goals:
            if g.state is not GoalState.OHNE_WERT:
                sums = self._at(s.segment, g.metric)
                sums.with_goal += 1
                sums.met += g.state is GoalState.ERREICHT

    def _at(self, segment: str, metric: str) -> _Sums:
        found = self.sums.get((segment, metric))
        if found is None:
            found = self.sums[(segment, metric)] = _Sums()
        return found

    def merge(self, other: MetricSums) -> None:
        """Add the sums of customers counted elsewhere."""
        for key, sums in other.sums.items():
            self._at(*key).merge(sums)
        self.any_cost = self.any_cost or other.any_cost
        self.red_cost.merge(other.red_cost)

    def fold(self) -> None:
        """Fold the sums' buffered terms in (score/exact.py)."""
        for sums in self.sums.values():
            sums.values.fold()
        self.red_cost.fold()

    def summary(self, cat: Catalog) -> dict[str, dict[str, MetricSummary]]:
        """Segment -> metric -> customers with a value, mean, sum, target, share meeting it;
        declared metrics only, in the catalog's order, and segments in id order."""
        out: dict[str, dict[str, MetricSummary]] = {}
        order = list(cat.metrics)
        for segment in sorted({seg for seg, _ in self.sums}):
            targets = {g.metric: g.target for g in cat.segments[segment].metric_goals}
            row = {}
            for mid in order:
                sums = self.sums.get((segment, mid))
                if sums is None:
                    continue
                n = len(sums.values)
                total = sums.values.total() if n else None
                row[mid] = MetricSummary(
                    customers=n,
                    mean=total / n if total is not None else None,
                    sum=total,
                    target=targets.get(mid),
                    meeting=100 * sums.met / sums.with_goal if sums.with_goal else None,
                )
            if row:
                out[segment] = row
        return out

    def red_cost_to_green(self) -> float | None:
        """Summed cost to green of red customers; None when no service has a cost."""
        return self.red_cost.total() if self.any_cost else None
