"""Service costs of one customer (SPEC §3.1): delivered, to green, and the margin after them."""

from __future__ import annotations

import math

from kundenaudit.model.catalog import Catalog
from kundenaudit.model.results import CustomerScore
from kundenaudit.score.resolved import scoring


def with_costs(cat: Catalog, segment: str, score: CustomerScore) -> CustomerScore:
    """``score`` with ``cost_delivered = sum(cost * d)`` over the applicable services,
    ``cost_to_green = sum(cost * (1 - d))`` over the next steps, and the margin metric's value
    minus the delivered cost; all stay None when no service of the catalog has a cost."""
    resolved = scoring(cat)
    costs, margin = resolved.costs, resolved.margin
    if not costs:
        return score
    levels = cat.segments[segment].levels
    exempt = set(score.exempt)
    degree = {g.service: g.degree for g in score.gaps}  # every other applicable service: d = 1
    score.cost_delivered = math.fsum(
        cost * degree.get(sid, 1.0)
        for sid, cost in costs.items()
        if levels[sid] is not None and sid not in exempt
    )
    score.cost_to_green = math.fsum(
        costs[sid] * (1 - degree[sid]) for sid in score.next_steps if sid in costs
    )
    value = (score.kpis or {}).get(margin) if margin is not None else None
    if value is not None:
        score.margin_after_cost = value - score.cost_delivered
    return score
