"""Score results as JSON data (SPEC §6): dicts in the documented field order."""

from __future__ import annotations

from typing import Any

from kundenaudit.model.results import (
    CustomerScore,
    Gap,
    GoalResult,
    MetricGoalResult,
    MetricSummary,
    Portfolio,
)
from kundenaudit.score.rules import degree_digits, rounded


def r2(value: float | None) -> float | None:
    """Round to two decimals (SPEC §6), halves up (SPEC §3)."""
    return None if value is None else rounded(value, 2)


def degree(d: float) -> float:
    """A degree to two decimals, or more where a partial delivery would round to 0 or 1."""
    return rounded(d, degree_digits(d, 2))


def goal(g: GoalResult) -> dict[str, Any]:
    """A goal result as JSON data."""
    return {
        "level": g.level,
        "services": g.services,
        "min": g.min,
        "by": g.by.isoformat() if g.by else None,
        "actual": r2(g.actual),
        "state": g.state.value,
    }


def metric_goal(g: MetricGoalResult) -> dict[str, Any]:
    """A metric goal result as JSON data."""
    return {
        "metric": g.metric,
        "target": g.target,
        "by": g.by.isoformat() if g.by else None,
        "actual": r2(g.actual),
        "state": g.state.value,
    }


def metric_summary(m: MetricSummary) -> dict[str, Any]:
    """One metric over one segment as JSON data."""
    return {
        "customers": m.customers,
        "mean": r2(m.mean),
        "sum": r2(m.sum),
        "target": m.target,
        "meeting": r2(m.meeting),
    }


def gap(g: Gap) -> dict[str, Any]:
    """A gap as JSON data."""
    return {
        "service": g.service,
        "name": g.name,
        "ref": g.ref,
        "level": g.level,
        "nominal_level": g.nominal_level,
        "competition": g.competition,
        "knockout": g.knockout,
        "status": g.status,
        "degree": degree(g.degree),
        "gain": r2(g.gain),
        "effort": g.effort,
        "action": g.action,
        "expired": g.expired,
    }


def customer(s: CustomerScore) -> dict[str, Any]:
    """A scorecard as JSON data."""
    return {**_head(s), "gaps": [gap(g) for g in s.gaps], **_tail(s)}


def _head(s: CustomerScore) -> dict[str, Any]:
    """The fields before the gaps (SPEC §6 order)."""
    return {
        "id": s.id,
        "name": s.name,
        "segment": s.segment,
        "audited": s.audited.isoformat(),
        "status": s.status.value,
        "index": r2(s.index),
        "coverage": {k: r2(v) for k, v in s.coverage.items()},
        "counts": s.counts,
        "knockouts": s.knockouts,
        "goals": [goal(g) for g in s.goals],
    }


def _tail(s: CustomerScore) -> dict[str, Any]:
    """The fields after the gaps."""
    return {
        "next_steps": s.next_steps,
        "differentiators": s.differentiators,
        "expired": s.expired,
        "exempt": s.exempt,
        "segment_name": s.segment_name,
        "manager": s.manager,
        "value": s.value,
        **metric_fields(s),
    }


def metric_fields(s: CustomerScore) -> dict[str, Any]:
    """The metric values, metric goals and costs of a scorecard (SPEC §3.1)."""
    return {
        "kpis": s.kpis,
        "metric_goals": [metric_goal(g) for g in s.metric_goals],
        "cost_delivered": r2(s.cost_delivered),
        "cost_to_green": r2(s.cost_to_green),
        "margin_after_cost": r2(s.margin_after_cost),
    }


def portfolio(p: Portfolio) -> dict[str, Any]:
    """The portfolio aggregates as JSON data."""
    return {
        "customers": p.customers,
        "status": p.status,
        "index_mean": r2(p.index_mean),
        "segments": {
            k: {"customers": v.customers, "index_mean": r2(v.index_mean)}
            for k, v in p.segments.items()
        },
        "top_gaps": [
            {
                "service": t.service,
                "customers": t.customers,
                "share": r2(t.share),
                "name": t.name,
                "level": t.level,
                "value": r2(t.value),
            }
            for t in p.top_gaps
        ],
        "heatmap": {seg: {sid: r2(v) for sid, v in row.items()} for seg, row in p.heatmap.items()},
        "value_at_risk": r2(p.value_at_risk),
        "metrics": {
            seg: {mid: metric_summary(m) for mid, m in row.items()}
            for seg, row in p.metrics.items()
        },
        "cost_to_green_red": r2(p.cost_to_green_red),
    }
